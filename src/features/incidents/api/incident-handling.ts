/**
 * Incident handling for coordinators and admins through the Systemkoll API: the incident with its
 * legal clocks, the severity model's assessment and where the workflow may go (GET incidents/:id),
 * the timeline (GET incidents/:id/timeline), triage and workflow changes (PATCH with If-Match) and
 * timeline entries — notes, legal reports sent or "not required" (POST incidents/:id/timeline).
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SeverityAssessment } from '../../../domain/incident-severity.js';
import type { IncidentStatus } from '../../../domain/incident-workflow.js';
import type { LegalClock } from '../../../domain/legal-clocks.js';
import type { Incident, TimelineEntry } from '../../../shared/schema/index.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

export type IncidentDetail = Incident & {
  clocks?: LegalClock[];
  assessment?: SeverityAssessment;
  nextStatuses?: IncidentStatus[];
};

export interface IncidentChange {
  status?: string;
  severity?: string | null;
  priority?: string | null;
  severityJustification?: string | null;
  assigneeUpn?: string | null;
  type?: string | null;
  category?: string | null;
  cause?: string | null;
  scope?: string | null;
  affectedSystemIds?: number[];
  rootCause?: string | null;
  actionsTaken?: string | null;
  lessonsLearned?: string | null;
  effortHours?: number | null;
  cost?: number | null;
  nis2Significant?: string | null;
  personalDataInvolved?: string | null;
  ongoing?: boolean | null;
  factJustification?: string | null;
}

export interface TimelineInput {
  title: string;
  kind: string;
  details?: string;
  legalReport?: string | null;
  externalReference?: string;
  recipient?: string;
  sentAt?: string;
}

const path = (id: number) => `incidents/${encodeURIComponent(String(id))}`;

export function detailQueryOptions(session: Session, id: number) {
  return queryOptions({
    queryKey: [session.key, 'incidents', 'detail', id] as const,
    queryFn: ({ signal }) => session.api.get<IncidentDetail>(path(id), { signal }),
    staleTime: 15_000,
  });
}

export function timelineQueryOptions(session: Session, id: number) {
  return queryOptions({
    queryKey: [session.key, 'incidents', 'timeline', id] as const,
    queryFn: async ({ signal }) => (await session.api.get<{ value: TimelineEntry[] }>(`${path(id)}/timeline`, { signal })).value,
    staleTime: 15_000,
  });
}

export function useIncidentDetail(id: number, enabled: boolean) {
  const session = useSession();
  return useQuery({ ...detailQueryOptions(session, id), enabled });
}

export function useIncidentTimeline(id: number, enabled: boolean) {
  const session = useSession();
  return useQuery({ ...timelineQueryOptions(session, id), enabled });
}

/** After a write: the incident, its timeline and the lists are read again. */
function useRefresh() {
  const session = useSession();
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: [session.key, 'incidents'] });
  };
}

/** PATCH incidents/:id with the etag read; 412 when someone else changed it (ConflictError). */
export function useUpdateIncident(id: number) {
  const session = useSession();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ change, etag }: { change: IncidentChange; etag: string }) =>
      session.api.send<Incident>('PATCH', path(id), change, { etag }),
    onSuccess: refresh,
  });
}

export function useAddTimelineEntry(id: number) {
  const session = useSession();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: TimelineInput) => session.api.send<TimelineEntry>('POST', `${path(id)}/timeline`, input),
    onSuccess: refresh,
  });
}
