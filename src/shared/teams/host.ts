/**
 * teams-js is imported only when the page may be hosted by Teams: on import it fetches its list of
 * valid origins from a CDN, which a plain browser (or an offline test run) does not need.
 */
type TeamsJs = typeof import('./teams-sdk.js');
let teamsJs: Promise<TeamsJs> | null = null;
export function loadTeamsJs(): Promise<TeamsJs> {
  teamsJs ??= import('./teams-sdk.js');
  return teamsJs;
}

/** What the tab learned about where it runs. Outside Teams everything but `inTeams` is empty. */
export interface HostInfo {
  inTeams: boolean;
  /** Teams theme name (`default`, `dark`, `contrast`). */
  theme?: string;
  /** Teams UI locale, e.g. `sv-SE`. */
  locale?: string;
  /** Sub-page from a deep link (`context.page.subPageId`). */
  subPageId?: string;
  /** `content`, `settings` (channel tab configuration), … */
  frameContext?: string;
  loginHint?: string;
  tenantId?: string;
  /** The host offers Nested App Authentication. */
  naaRecommended: boolean;
}

const notInTeams: HostInfo = { inTeams: false, naaRecommended: false };

/**
 * Teams (desktop, web) hosts tabs in an iframe; mobile clients inject a native bridge. A top-level
 * page with neither is a plain browser, where `app.initialize()` would never settle.
 */
function mayBeHosted(): boolean {
  if (typeof window === 'undefined') return false;
  const w = window as unknown as { nativeInterface?: unknown };
  let framed = false;
  try {
    framed = window.self !== window.top;
  } catch {
    framed = true; // cross-origin parent: framed
  }
  return framed || w.nativeInterface !== undefined || window.opener != null;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Initialises teams-js, racing it against a timeout: outside Teams the tab runs as a normal web
 * app. Never throws.
 */
export async function initTeamsHost(timeoutMs = 4000): Promise<HostInfo> {
  if (!mayBeHosted()) return notInTeams;
  try {
    const { app, nestedAppAuth } = await loadTeamsJs();
    const ready = await withTimeout(app.initialize(), timeoutMs);
    if (ready === 'timeout') return notInTeams;
    const context = await withTimeout(app.getContext(), timeoutMs);
    if (context === 'timeout') return notInTeams;
    let naaRecommended = false;
    try {
      naaRecommended = nestedAppAuth.isNAAChannelRecommended();
    } catch {
      naaRecommended = false;
    }
    app.notifySuccess().catch(() => undefined);
    return {
      inTeams: true,
      theme: context.app.theme,
      locale: context.app.locale,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
      frameContext: context.page.frameContext,
      ...(context.user?.loginHint ? { loginHint: context.user.loginHint } : {}),
      ...(context.user?.tenant?.id ? { tenantId: context.user.tenant.id } : {}),
      naaRecommended,
    };
  } catch (error) {
    console.warn('Systemkoll: Teams-initieringen misslyckades; kör som vanlig webbapp.', error);
    return notInTeams;
  }
}

/** Follows the Teams theme live; a no-op outside Teams. */
export function onTeamsThemeChange(host: HostInfo, handler: (theme: string) => void): void {
  if (!host.inTeams) return;
  loadTeamsJs()
    .then(({ app }) => app.registerOnThemeChangeHandler(handler))
    .catch((error: unknown) => console.warn('Systemkoll: kunde inte följa Teams-temat.', error));
}
