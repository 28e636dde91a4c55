/**
 * The notification job as the bot host runs it: on a timer (NOTIFY_INTERVAL_MINUTES), app-only,
 * sending through Graph — in production graph.microsoft.com with the SP_APP_* certificate (the
 * Systemkoll Entra app needs the application permission TeamsActivity.Send), in local mode the
 * local Graph endpoint the host serves itself, the items marked as the outbox ('utkorg').
 */
import type { Repositories } from '../../shared/data/index.js';
import { createLocalAppToken } from '../../shared/auth/local-token.js';
import type { CertificateCredentials } from '../auth/certificate.js';
import { isLoopbackUrl } from '../auth/sharepoint-token.js';
import { runNotificationJob } from './job.js';
import { notificationLinks } from './links.js';
import { scheduleNotifications, type NotificationSchedule } from './schedule.js';
import { graphActivitySender, graphAppOnlyToken } from './sender.js';

/** Where the bot host serves the local Graph endpoint in local mode. */
export const LOCAL_GRAPH_PATH = '/_local/graph';

export function startNotificationSchedule(options: {
  mode: 'local' | 'production';
  intervalMinutes: number;
  repos: Repositories;
  /** Local mode: the host's own local Graph endpoint, unless GRAPH_BASE_URL says otherwise. */
  graphBaseUrl: string | undefined;
  /** Production: the app's certificate (SP_APP_*). */
  certificate: CertificateCredentials | null;
  teamsAppId: string | undefined;
  tabUrl: string | undefined;
  firstRunDelayMs?: number;
  log: (line: string) => void;
}): NotificationSchedule | null {
  if (options.intervalMinutes <= 0) return null;
  let webUrl: (route: string) => string;
  try {
    webUrl = notificationLinks({ mode: options.mode, teamsAppId: options.teamsAppId, tabUrl: options.tabUrl });
  } catch (error) {
    // A missing setting switches the feature off, never the host (it still serves reports).
    options.log(`Aviseringar är avstängda: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  let getToken: () => Promise<string>;
  if (options.mode === 'local') {
    // The unsigned local app token must never leave this machine.
    if (options.graphBaseUrl && !isLoopbackUrl(options.graphBaseUrl)) {
      options.log(
        `Aviseringar är avstängda: lokalt läge skickar bara till en Graph-slutpunkt på den egna datorn, inte ${options.graphBaseUrl}.`,
      );
      return null;
    }
    getToken = async () => createLocalAppToken();
  } else if (options.certificate) {
    getToken = graphAppOnlyToken(options.certificate);
  } else {
    options.log('Aviseringar är avstängda: Microsoft Graph kräver certifikatinloggning (SP_APP_*).');
    return null;
  }
  const sender = graphActivitySender({ ...(options.graphBaseUrl ? { baseUrl: options.graphBaseUrl } : {}), getToken });
  return scheduleNotifications({
    intervalMinutes: options.intervalMinutes,
    ...(options.firstRunDelayMs === undefined ? {} : { firstRunDelayMs: options.firstRunDelayMs }),
    log: options.log,
    run: (signal) =>
      runNotificationJob({
        repos: options.repos,
        sender,
        channel: options.mode === 'local' ? 'utkorg' : 'teams',
        now: new Date(),
        // Claims are stamped when they are made: a long, throttled run must not look stale early.
        clock: () => new Date(),
        webUrl,
        signal,
        log: options.log,
      }),
  });
}
