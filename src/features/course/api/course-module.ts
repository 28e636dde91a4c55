/**
 * A course taken in the tab, through the Systemkoll API: the module's lessons and questions (never
 * the answers — they stay on the server) and an attempt, scored there. See
 * src/server/api/course-module.ts for the other side.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ModuleText, PublicLesson, QuestionResult } from '../../../domain/course-module.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export type { ModuleText, PublicLesson, QuestionResult };

export interface CompletionSummary {
  id: number;
  completedAt: string;
  expiresAt: string | null;
  source: string | null;
  score: number | null;
}

export interface CourseModule {
  course: { id: number; title: string; description: string | null; recertificationMonths: number | null };
  passMark: number;
  revision: string;
  questionCount: number;
  lessons: PublicLesson[];
  lastCompletion: CompletionSummary | null;
}

export interface AttemptResult {
  score: number;
  passed: boolean;
  passMark: number;
  correct: number;
  total: number;
  results: QuestionResult[];
  completion: CompletionSummary | null;
  recorded: boolean;
}

export interface AttemptRequest {
  answers: Record<string, string>;
  /** One per attempt, kept with the progress: a resend after a lost reply records nothing twice. */
  clientKey: string;
  revision: string;
}

export function getCourseModule(session: Session, courseId: number): Promise<CourseModule> {
  return session.api.get<CourseModule>(`training/courses/${encodeURIComponent(String(courseId))}/module`);
}

export function getCourseModuleQueryOptions(session: Session, courseId: number) {
  return queryOptions({
    queryKey: [session.key, 'courseModule', courseId] as const,
    queryFn: () => getCourseModule(session, courseId),
    staleTime: 5 * 60_000,
  });
}

export function useCourseModule(courseId: number) {
  return useQuery(getCourseModuleQueryOptions(useSession(), courseId));
}

export function submitAttempt(session: Session, courseId: number, body: AttemptRequest): Promise<AttemptResult> {
  return session.api.send<AttemptResult>('POST', `training/courses/${encodeURIComponent(String(courseId))}/attempts`, body);
}

export function useSubmitAttempt(courseId: number) {
  const session = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AttemptRequest) => submitAttempt(session, courseId, body),
    onSuccess: (result) => {
      if (!result.passed) return;
      // The module's "last completion", and whatever lists training status, are out of date now.
      void client.invalidateQueries({ queryKey: [session.key, 'courseModule', courseId] });
      void client.invalidateQueries({ queryKey: [session.key, 'training'] });
    },
  });
}
