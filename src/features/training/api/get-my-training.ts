import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MyTrainingBody } from '../../../shared/api/training-types.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** Min utbildning: my standing per course and where to take it (GET me/training; completions are closed in SharePoint). */
export function getMyTraining(session: Session, signal?: AbortSignal): Promise<MyTrainingBody> {
  return session.api.get<MyTrainingBody>('me/training', signal ? { signal } : {});
}

export function myTrainingQueryOptions(session: Session, enabled = true) {
  return queryOptions({
    queryKey: [session.key, 'training', 'me'] as const,
    queryFn: ({ signal }) => getMyTraining(session, signal),
    enabled,
    staleTime: 30_000,
  });
}

/** `enabled` false: only what is cached (the follow-up view does not ask for it, to keep to one API call). */
export function useMyTraining(enabled = true) {
  return useQuery(myTrainingQueryOptions(useSession(), enabled));
}
