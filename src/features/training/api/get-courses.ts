import { queryOptions, useQuery } from '@tanstack/react-query';
import { where } from '../../../shared/data/index.js';
import type { TrainingCourse } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** The active courses, by title. */
export function getActiveCourses(session: Session): Promise<TrainingCourse[]> {
  return session.repos.trainingCourses.list({ filter: where('trainingCourses').eq('active', true), orderBy: [{ key: 'title' }] });
}

export function getActiveCoursesQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'trainingCourses', 'active'] as const,
    staleTime: 5 * 60_000,
    queryFn: () => getActiveCourses(session),
  });
}

export function useActiveCourses() {
  return useQuery(getActiveCoursesQueryOptions(useSession()));
}
