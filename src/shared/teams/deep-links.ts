/**
 * Routes of the tab and their mapping to Teams sub-page ids, so a deep link into Teams opens the
 * same page or record as the web URL does.
 */

/** Top-level sections; the first path segment of every route. */
export const sections = [
  'tasks',
  'overview',
  'systems',
  'incidents',
  'training',
  'reports',
  'requirements',
  'restore-order',
  'outbox',
  'admin',
] as const;
export type Section = (typeof sections)[number];

/** Entity id of the personal static tab in the app manifest. */
export const PERSONAL_TAB_ENTITY_ID = 'systemkoll';

const recordSections: ReadonlySet<string> = new Set(['systems', 'incidents']);

/**
 * A tab route as a Teams subPageId: `/systems/12` → `systems/12`, `/` → ''. Only known sections and
 * numeric record ids survive; anything else maps to the start page.
 */
export function subPageIdForRoute(path: string): string {
  const route = routeForSubPageId(path.replace(/^\/+/, ''));
  return route.replace(/^\/+/, '');
}

/**
 * A Teams subPageId (or legacy subEntityId) as a tab route. Accepts `systems/12`, `/systems/12`,
 * `systems:12` and JSON `{"route":"systems/12"}`; unknown values lead to the start page, never to an
 * arbitrary URL.
 */
export function routeForSubPageId(subPageId: string | null | undefined): string {
  let value = (subPageId ?? '').trim();
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as { route?: unknown; subPageId?: unknown };
      value = String(parsed.route ?? parsed.subPageId ?? '');
    } catch {
      return '/';
    }
  }
  const parts = value
    .replace(/^\/+|\/+$/g, '')
    .split(/[/:]/)
    .filter(Boolean);
  const [section, id, extra] = parts;
  if (!section || !(sections as readonly string[]).includes(section)) return '/';
  if (extra !== undefined) return `/${section}`;
  if (id === undefined) return `/${section}`;
  if (recordSections.has(section) && /^\d{1,9}$/.test(id)) return `/${section}/${Number(id)}`;
  if (section === 'admin' && id === 'permissions') return '/admin/permissions';
  return `/${section}`;
}

export interface TeamsDeepLinkOptions {
  /** The Teams app id (manifest `id`). */
  appId: string;
  /** Entity id of the tab; the personal static tab by default. */
  entityId?: string;
  /** Tab route to open, e.g. `/incidents/42`. */
  route?: string;
  /** Tab name shown while Teams opens the link. */
  label?: string;
  /** Fallback web URL for clients that cannot open the tab. */
  webUrl?: string;
  /** For a channel tab: the channel's thread id. */
  channelId?: string;
}

/**
 * Builds `https://teams.microsoft.com/l/entity/<appId>/<entityId>?…&context={"subEntityId":…}`.
 * Teams hands `subEntityId` to the tab as `context.page.subPageId`.
 */
export function buildTeamsDeepLink(options: TeamsDeepLinkOptions): string {
  const entityId = options.entityId ?? PERSONAL_TAB_ENTITY_ID;
  const params: string[] = [];
  if (options.webUrl) params.push(`webUrl=${encodeURIComponent(options.webUrl)}`);
  if (options.label) params.push(`label=${encodeURIComponent(options.label)}`);
  const context: Record<string, string> = {};
  const subEntityId = options.route ? subPageIdForRoute(options.route) : '';
  if (subEntityId) context.subEntityId = subEntityId;
  if (options.channelId) context.channelId = options.channelId;
  if (Object.keys(context).length > 0) params.push(`context=${encodeURIComponent(JSON.stringify(context))}`);
  const base = `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.appId)}/${encodeURIComponent(entityId)}`;
  return params.length ? `${base}?${params.join('&')}` : base;
}
