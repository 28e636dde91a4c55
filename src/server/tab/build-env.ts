/**
 * The tab's build settings (VITE_*), checked when a production build is made: the tab bakes them
 * in, so a missing or malformed value must stop the build with a Swedish message rather than ship
 * a tab that fails in Teams. Local builds need none of them.
 */
import { z } from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const productionSchema = z.object({
  VITE_SP_SITE_URL: z
    .string({ error: 'VITE_SP_SITE_URL saknas (webbplatsens adress, t.ex. https://kommun.sharepoint.com/sites/systemkoll).' })
    .regex(/^https:\/\/[^/]+\.sharepoint\.com\/sites\/[^/]+\/?$/i, {
      error: 'VITE_SP_SITE_URL måste vara en SharePoint-webbplats, t.ex. https://kommun.sharepoint.com/sites/systemkoll.',
    }),
  VITE_ENTRA_CLIENT_ID: z
    .string({ error: 'VITE_ENTRA_CLIENT_ID saknas (flikens appregistrering).' })
    .regex(guid, { error: 'VITE_ENTRA_CLIENT_ID måste vara ett klient-id (GUID).' }),
  VITE_ENTRA_TENANT_ID: z.string().regex(guid, { error: 'VITE_ENTRA_TENANT_ID måste vara ett klientorganisations-id (GUID).' }).optional(),
  VITE_TEAMS_APP_ID: z.string().regex(guid, { error: 'VITE_TEAMS_APP_ID måste vara Teams-appens id (GUID).' }).optional(),
  // The Systemkoll API (bot host). Optional so a register-only tab still builds, but checked when
  // given: without them staff and system owners see no incidents (SharePoint no longer lets them).
  VITE_SYSTEMKOLL_API_URL: z
    .string()
    .regex(/^https:\/\/[^/\s]+\/?$/i, {
      error: 'VITE_SYSTEMKOLL_API_URL måste vara botvärdens https-adress, t.ex. https://systemkoll.kommun.se.',
    })
    .optional(),
  VITE_SYSTEMKOLL_API_SCOPE: z
    .string()
    .regex(/^api:\/\/\S+\/access_as_user$/i, {
      error: 'VITE_SYSTEMKOLL_API_SCOPE måste vara API:ets behörighet, t.ex. api://systemkoll.kommun.se/<klient-id>/access_as_user.',
    })
    .optional(),
});

/** Problems with the production settings, as Swedish sentences (empty when they are fine). */
export function productionBuildProblems(env: Record<string, string | undefined>): string[] {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = productionSchema.safeParse(present);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

/** True when the settings ask for a production tab (explicitly, or by carrying production values). */
export function isProductionBuild(env: Record<string, string | undefined>): boolean {
  const mode = (env.VITE_SYSTEMKOLL_MODE ?? '').trim().toLowerCase();
  if (mode) return mode === 'production';
  return !!(env.VITE_SP_SITE_URL && env.VITE_ENTRA_CLIENT_ID);
}
