/**
 * The searches behind the form's pickers: people from the directory (SharePoint's people picker
 * search, then ensureUser for the one chosen so the field can hold their site user id) and systems
 * of the register by the start of their name (Title is indexed; 20 at most, never the system itself).
 * Asked only while a picker is open or has text, so opening the form costs no round trip.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { where } from '../../../shared/data/filter.js';
import { searchPeople, type DirectoryPerson } from '../../../shared/data/people.js';
import type { PersonRef } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** Systems offered per search. */
export const REGISTER_SUGGESTIONS = 20;

export function peopleSearchQueryOptions(session: Session, text: string) {
  return queryOptions({
    queryKey: [session.key, 'people-search', text.trim().toLowerCase()] as const,
    queryFn: (): Promise<DirectoryPerson[]> => searchPeople(session.sp, text),
    staleTime: 5 * 60_000,
  });
}

export function usePeopleSearch(text: string, enabled: boolean) {
  const session = useSession();
  return useQuery({
    ...peopleSearchQueryOptions(session, text),
    enabled: enabled && text.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

/**
 * The chosen directory person as a site user. Through the Systemkoll API (app-only ensureUser):
 * SharePoint lets only site managers add users to the site, and owners have Read there.
 */
export function ensurePersonViaApi(session: Session, key: string): Promise<PersonRef> {
  return session.api.send<PersonRef>('POST', 'people/ensure', { key });
}

export function useEnsurePerson() {
  const session = useSession();
  return useMutation({ mutationFn: (key: string): Promise<PersonRef> => ensurePersonViaApi(session, key) });
}

/** Register systems whose name starts with the text, by name, without `exceptId`. */
export async function searchRegister(session: Session, text: string, exceptId: number | null): Promise<{ id: number; title: string }[]> {
  const q = text.trim();
  const w = where('systems');
  const rows = await session.repos.systems.list({
    ...(q ? { filter: w.startsWith('title', q) } : {}),
    fields: ['title'],
    orderBy: [{ key: 'title' }],
    top: REGISTER_SUGGESTIONS + 1,
  });
  return rows
    .filter((s) => s.id !== exceptId)
    .slice(0, REGISTER_SUGGESTIONS)
    .map((s) => ({ id: s.id, title: s.title }));
}

export function registerSearchQueryOptions(session: Session, text: string, exceptId: number | null) {
  return queryOptions({
    queryKey: [session.key, 'systems', 'picker', text.trim().toLowerCase(), exceptId] as const,
    queryFn: () => searchRegister(session, text, exceptId),
    staleTime: 60_000,
  });
}

export function useRegisterSearch(text: string, enabled: boolean, exceptId: number | null) {
  const session = useSession();
  return useQuery({ ...registerSearchQueryOptions(session, text, exceptId), enabled, placeholderData: keepPreviousData });
}
