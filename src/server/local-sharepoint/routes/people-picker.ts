/**
 * _api/SP.UI.ApplicationPages.ClientPeoplePickerWebServiceInterface.ClientPeoplePickerSearchUser:
 * the people picker's directory search, as SharePoint Online answers it. The body is
 * `{ queryParams: { QueryString, MaximumEntitySuggestions, PrincipalType, … } }`; the answer is one
 * string holding a JSON array of picker entities (`Key` is the claim ensureUser takes), under
 * `value` in JSON light and under `d.ClientPeoplePickerSearchUser` in verbose. Users match when the
 * query starts their display name (or one of its words), their sign-in name or e-mail address.
 * Groups are not searched (the store's directory holds users only).
 */
import { errors } from '../errors.js';
import { hasPerm, Perm } from '../roles.js';
import { CLAIM_PREFIX, type PrincipalRow, type Site } from '../site.js';
import { type ApiResponse, type Ctx, need, ok, parseBody } from './common.js';

/** SharePoint's PrincipalType flag for users (1); 15 = all. */
const PRINCIPAL_USER = 1;
/** What SharePoint suggests at most when the caller does not say. */
const DEFAULT_SUGGESTIONS = 30;

interface DirectoryRow {
  upn: string;
  display_name: string;
  email: string | null;
}

function matches(row: DirectoryRow, query: string): boolean {
  const q = query.toLocaleLowerCase('sv');
  const words = row.display_name.toLocaleLowerCase('sv').split(/[\s\-.,]+/);
  const name = row.display_name.toLocaleLowerCase('sv');
  return (
    name.startsWith(q) ||
    words.some((w) => w.startsWith(q)) ||
    row.upn.toLowerCase().startsWith(q) ||
    (row.email ?? '').toLowerCase().startsWith(q)
  );
}

/**
 * Access to the site: Open on the web, or SharePoint's Limited Access, which anyone granted something
 * inside the site holds on the web (the Systemkoll groups have their levels on the lists only).
 */
function hasSiteAccess(site: Site, user: PrincipalRow): boolean {
  if (hasPerm(site.effectiveMask(user, { type: 'web' }), Perm.Open)) return true;
  const principals = [user.id, ...site.groupsOf(user.id)];
  return !!site.db
    .prepare('SELECT 1 FROM role_assignments WHERE principal_id IN (SELECT value FROM json_each(?)) LIMIT 1')
    .get(JSON.stringify(principals));
}

export function clientPeoplePickerSearchUser({ site, req }: Ctx): ApiResponse {
  if (req.method !== 'POST') throw errors.methodNotAllowed();
  need(hasSiteAccess(site, req.user));
  const params = parseBody(req).queryParams as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object')
    throw errors.badRequest('The parameter queryParams does not exist in method ClientPeoplePickerSearchUser.');
  const query = String(params.QueryString ?? '').trim();
  const max = Math.max(1, Math.min(Number(params.MaximumEntitySuggestions ?? DEFAULT_SUGGESTIONS) || DEFAULT_SUGGESTIONS, 100));
  const type = params.PrincipalType === undefined ? 15 : Number(params.PrincipalType);
  let entities: unknown[] = [];
  if (query && (type & PRINCIPAL_USER) !== 0) {
    const rows = site.db.prepare('SELECT upn, display_name, email FROM directory').all() as DirectoryRow[];
    entities = rows
      .filter((r) => matches(r, query))
      .sort((a, b) => a.display_name.localeCompare(b.display_name, 'sv'))
      .slice(0, max)
      .map((r) => ({
        Key: CLAIM_PREFIX + r.upn,
        Description: r.upn,
        DisplayText: r.display_name,
        EntityType: 'User',
        ProviderDisplayName: 'Tenant',
        ProviderName: 'Tenant',
        IsResolved: true,
        EntityData: { Title: '', Email: r.email ?? r.upn, MobilePhone: '', Department: '', PrincipalType: 'User' },
        MultipleMatches: [],
      }));
  }
  const text = JSON.stringify(entities);
  // Verbose wraps an entity's properties in `d`; a string result is named after the method there.
  if (/odata=verbose/i.test(req.headers.accept ?? '')) return ok({ ClientPeoplePickerSearchUser: text });
  return ok({ value: text });
}
