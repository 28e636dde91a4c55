/**
 * People from the directory for person fields, the way SharePoint's own people picker finds them:
 * `ClientPeoplePickerSearchUser` (PnPjs `sp.profiles`) searches the tenant's users by the start of
 * their name or address, and `ensureUser` makes the chosen one a site user so a person field can
 * hold their id. The mapping of the picker's answer is pure and exported for tests.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/profiles';
import '@pnp/sp/site-users/web';
import type { PersonRef } from '../schema/index.js';
import { toDataError } from './errors.js';

/** A directory user the picker suggests: `key` is the claim ensureUser takes. */
export interface DirectoryPerson {
  key: string;
  title: string;
  email: string;
}

/** At most this many suggestions per search. */
export const PEOPLE_SUGGESTIONS = 20;

/** The picker's query: users only (PrincipalType 1), from every source (15), e-mail addresses allowed. */
export function peopleQueryParams(text: string, max = PEOPLE_SUGGESTIONS) {
  return {
    QueryString: text.trim(),
    MaximumEntitySuggestions: max,
    PrincipalType: 1,
    PrincipalSource: 15,
    AllowEmailAddresses: true,
    AllowMultipleEntities: false,
    AllUrlZones: false,
  };
}

/** The picker's entities as people: resolved users only, each claim once. */
export function peopleFromEntities(entities: unknown): DirectoryPerson[] {
  if (!Array.isArray(entities)) return [];
  const out: DirectoryPerson[] = [];
  const seen = new Set<string>();
  for (const e of entities as Record<string, unknown>[]) {
    if (!e || typeof e !== 'object' || typeof e.Key !== 'string' || !e.Key) continue;
    if (e.EntityType !== undefined && e.EntityType !== 'User') continue;
    if (seen.has(e.Key.toLowerCase())) continue;
    seen.add(e.Key.toLowerCase());
    const data = (e.EntityData ?? {}) as Record<string, unknown>;
    const email = typeof data.Email === 'string' && data.Email ? data.Email : typeof e.Description === 'string' ? e.Description : '';
    const title = typeof e.DisplayText === 'string' && e.DisplayText ? e.DisplayText : email || e.Key;
    out.push({ key: e.Key, title, email });
  }
  return out;
}

/** Directory users whose name or address starts with the text (nothing for empty text). */
export async function searchPeople(sp: SPFI, text: string, max = PEOPLE_SUGGESTIONS): Promise<DirectoryPerson[]> {
  if (!text.trim()) return [];
  try {
    return peopleFromEntities(await sp.profiles.clientPeoplePickerSearchUser(peopleQueryParams(text, max)));
  } catch (error) {
    throw toDataError(error);
  }
}

/** The chosen person as a site user (SharePoint adds them to the site once), for a person field. */
export async function ensurePerson(sp: SPFI, key: string): Promise<PersonRef> {
  try {
    const u = (await sp.web.ensureUser(key)) as unknown as { Id: number; Title?: string; Email?: string };
    return { id: u.Id, title: u.Title ?? '', email: u.Email ?? '' };
  } catch (error) {
    throw toDataError(error);
  }
}
