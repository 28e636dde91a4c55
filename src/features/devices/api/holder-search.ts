/**
 * The holder picker's search: the directory, the way SharePoint's people picker finds people (by
 * the start of the name or address). The chosen person's address goes with the device; the API
 * makes them a site user. Asked only while the picker has text.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { searchPeople, type DirectoryPerson } from '../../../shared/data/people.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export function holderSearchQueryOptions(session: Session, text: string) {
  return queryOptions({
    queryKey: [session.key, 'people-search', text.trim().toLowerCase()] as const,
    queryFn: (): Promise<DirectoryPerson[]> => searchPeople(session.sp, text),
    staleTime: 5 * 60_000,
  });
}

export function useHolderSearch(text: string) {
  return useQuery({ ...holderSearchQueryOptions(useSession(), text), enabled: text.trim() !== '', placeholderData: keepPreviousData });
}
