/**
 * Where a notification leads: in production a Teams deep link to the personal tab (Teams opens
 * Mina uppgifter inside Teams; webUrl is the fallback for clients that cannot), in local mode the
 * tab's web address — the local outbox is read in a browser, not in Teams.
 */
import { buildTeamsDeepLink } from '../../shared/teams/deep-links.js';

/** The local tab's default address (TAB_PORT 5173, as `npm start` serves it). */
const LOCAL_TAB_URL = 'http://127.0.0.1:5173';

export function notificationLinks(options: {
  mode: 'local' | 'production';
  teamsAppId?: string | undefined;
  tabUrl?: string | undefined;
}): (route: string) => string {
  const web = options.tabUrl?.replace(/\/+$/, '');
  if (options.mode === 'local') return (route) => `${web ?? LOCAL_TAB_URL}${route}`;
  const appId = options.teamsAppId;
  if (!appId) throw new Error('Aviseringar i Teams kräver TEAMS_APP_ID: aviseringen länkar till Mina uppgifter i Systemkoll-appen.');
  return (route) => buildTeamsDeepLink({ appId, route, label: 'Systemkoll', ...(web ? { webUrl: `${web}${route}` } : {}) });
}
