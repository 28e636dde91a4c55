/**
 * The notifications as the bot host runs them, app-only, sending through Graph — in production
 * graph.microsoft.com with the SP_APP_* certificate (the Systemkoll Entra app needs the application
 * permission TeamsActivity.Send), in local mode the local Graph endpoint the host serves itself,
 * the items marked as the outbox ('utkorg'):
 * - the daily digests of tasks on a timer (NOTIFY_INTERVAL_MINUTES);
 * - incident events (events.ts), sent by the API right after the write, and on the same timer
 *   whatever of them is still unsent.
 */
import type { Repositories } from '../../shared/data/index.js';
import { createLocalAppToken } from '../../shared/auth/local-token.js';
import type { CertificateCredentials } from '../auth/certificate.js';
import { isLoopbackUrl } from '../auth/sharepoint-token.js';
import { deliverQueuedNotifications, type EventPassReport } from './events.js';
import { runNotificationJob, type NotificationChannel } from './job.js';
import { notificationLinks } from './links.js';
import { scheduleNotifications, type NotificationSchedule } from './schedule.js';
import { graphActivitySender, graphAppOnlyToken, type NotificationSender } from './sender.js';

/** Where the bot host serves the local Graph endpoint in local mode. */
export const LOCAL_GRAPH_PATH = '/_local/graph';

/** How notifications leave this host: the sender, the outbox's channel and where links lead. */
export interface NotificationDelivery {
  sender: NotificationSender;
  channel: NotificationChannel;
  webUrl(route: string): string;
}

export interface DeliveryOptions {
  mode: 'local' | 'production';
  /** Local mode: the host's own local Graph endpoint, unless GRAPH_BASE_URL says otherwise. */
  graphBaseUrl: string | undefined;
  /** Production: the app's certificate (SP_APP_*). */
  certificate: CertificateCredentials | null;
  teamsAppId: string | undefined;
  tabUrl: string | undefined;
  log: (line: string) => void;
}

/** The delivery, or null (logged why) when a setting is missing: notifications are then off, never the host. */
export function notificationDelivery(options: DeliveryOptions): NotificationDelivery | null {
  let webUrl: (route: string) => string;
  try {
    webUrl = notificationLinks({ mode: options.mode, teamsAppId: options.teamsAppId, tabUrl: options.tabUrl });
  } catch (error) {
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
  return { sender, channel: options.mode === 'local' ? 'utkorg' : 'teams', webUrl };
}

export function startNotificationSchedule(options: {
  intervalMinutes: number;
  repos: Repositories;
  delivery: NotificationDelivery | null;
  firstRunDelayMs?: number;
  log: (line: string) => void;
}): NotificationSchedule | null {
  const { delivery } = options;
  if (options.intervalMinutes <= 0 || !delivery) return null;
  const logEvents = (report: EventPassReport) => {
    if (report.sent || report.failed)
      options.log(`Händelseaviseringar: ${report.sent} skickade, ${report.failed} misslyckade, ${report.gaveUp} uppgivna.`);
  };
  return scheduleNotifications({
    intervalMinutes: options.intervalMinutes,
    ...(options.firstRunDelayMs === undefined ? {} : { firstRunDelayMs: options.firstRunDelayMs }),
    log: options.log,
    run: async (signal) => {
      const report = await runNotificationJob({
        repos: options.repos,
        sender: delivery.sender,
        channel: delivery.channel,
        now: new Date(),
        // Claims are stamped when they are made: a long, throttled run must not look stale early.
        clock: () => new Date(),
        webUrl: delivery.webUrl,
        signal,
        log: options.log,
      });
      // Incident events whose immediate send failed or never ran (host stopped, Graph down).
      logEvents(
        await deliverQueuedNotifications({
          repos: options.repos,
          sender: delivery.sender,
          clock: () => new Date(),
          signal,
          log: options.log,
        }),
      );
      return report;
    },
  });
}
