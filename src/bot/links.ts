/**
 * Links from bot cards into the tab: a Teams deep link to the personal tab when the Teams app id is
 * known (production), the tab's web address otherwise (local mode), or none.
 */
import { buildTeamsDeepLink } from '../shared/teams/deep-links.js';

export interface TabLinks {
  /** Where "Öppna i Systemkoll" leads for a system, or null when the bot knows no address. */
  system(id: number): string | null;
  /** Where the reporter follows a report (the incident's page in the tab), or null. */
  incident(id: number): string | null;
}

export function tabLinks(options: { teamsAppId?: string | undefined; tabUrl?: string | undefined }): TabLinks {
  const web = options.tabUrl?.replace(/\/+$/, '');
  const link = (route: string) => {
    if (options.teamsAppId)
      return buildTeamsDeepLink({ appId: options.teamsAppId, route, label: 'Systemkoll', ...(web ? { webUrl: `${web}${route}` } : {}) });
    return web ? `${web}${route}` : null;
  };
  return {
    system: (id) => link(`/systems/${id}`),
    incident: (id) => link(`/incidents/${id}`),
  };
}

export const NO_LINKS: TabLinks = { system: () => null, incident: () => null };
