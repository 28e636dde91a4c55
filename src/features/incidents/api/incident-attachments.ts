import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IncidentAttachmentBody } from '../../../shared/api/client.js';
import { useSession, type Session } from '../../../shared/ui/session.js';

/** An incident's files, through the API (who may read the incident may list them). */
export function getIncidentAttachments(session: Session, id: number, signal?: AbortSignal): Promise<IncidentAttachmentBody[]> {
  return session.api.incidentAttachments(id, signal ? { signal } : {});
}

export function incidentAttachmentsQueryOptions(session: Session, id: number) {
  return queryOptions({
    // Under 'incidents': a sent report or file refreshes it with the rest.
    queryKey: [session.key, 'incidents', 'attachments', id] as const,
    queryFn: ({ signal }) => getIncidentAttachments(session, id, signal),
    staleTime: 30_000,
  });
}

export function useIncidentAttachments(id: number) {
  return useQuery(incidentAttachmentsQueryOptions(useSession(), id));
}

/** Downloads one file as the signed-in person (the API needs the bearer token, so no plain link). */
export async function downloadIncidentAttachment(session: Session, id: number, name: string): Promise<void> {
  const blob = await session.api.incidentAttachment(id, name);
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // After the click has handed the URL to the download.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
