/**
 * Attachments on incident reports (screenshots, the phishing mail): stored as SharePoint list item
 * attachments on the incident, written app-only. The reporter may attach to their own report within
 * a day of reporting or while it is still 'ny'; coordinators and admins to any incident. Whoever may
 * read the incident may list and download its files. The same name sent again with the same size
 * (a retry after a lost reply) answers with the stored file instead of failing.
 */
import { canHandleIncidents, type Actor } from '../../domain/authorization.js';
import {
  ATTACHMENT_PROBLEM_TEXT,
  MAX_ATTACHMENTS,
  attachmentProblem,
  contentTypeOf,
  mayAttach as mayAttachTo,
} from '../../domain/incident-attachments.js';
import { DataError, type IncidentAttachment, type Repositories } from '../../shared/data/index.js';
import type { Incident } from '../../shared/schema/index.js';
import type { Caller } from './caller.js';
import { ApiError } from './service.js';

interface Deps {
  repos: Repositories;
  now: () => Date;
  actorFor(caller: Caller): Promise<Actor>;
  incidentFor(actor: Actor, id: number): Promise<Incident>;
}

export interface AttachmentResult {
  attachment: IncidentAttachment & { size: number };
  created: boolean;
}

export function createIncidentAttachments(deps: Deps) {
  const { repos, now } = deps;

  const mayAttach = (actor: Actor, incident: Incident) =>
    mayAttachTo(
      { handler: canHandleIncidents(actor), reporter: (incident.reporter?.id ?? null) === actor.userId },
      { status: incident.status, reportedAt: incident.reportedAt ?? incident.created },
      now(),
    );

  return {
    async list(caller: Caller, id: number): Promise<IncidentAttachment[]> {
      await deps.incidentFor(await deps.actorFor(caller), id);
      return repos.incidents.attachments(id);
    },

    async download(caller: Caller, id: number, name: string): Promise<{ bytes: Uint8Array; contentType: string }> {
      await deps.incidentFor(await deps.actorFor(caller), id);
      const bytes = await repos.incidents.attachment(id, name);
      if (!bytes) throw new ApiError(404, 'attachmentNotFound', 'Filen finns inte på incidenten.');
      return { bytes, contentType: contentTypeOf(name) };
    },

    async add(caller: Caller, id: number, name: string, bytes: Uint8Array): Promise<AttachmentResult> {
      const actor = await deps.actorFor(caller);
      const incident = await deps.incidentFor(actor, id);
      const problem = attachmentProblem(name, bytes.length);
      if (problem === 'tooLarge') throw new ApiError(413, 'attachmentTooLarge', ATTACHMENT_PROBLEM_TEXT.tooLarge);
      if (problem === 'empty') throw new ApiError(400, 'attachmentEmpty', ATTACHMENT_PROBLEM_TEXT.empty);
      if (problem) throw new ApiError(400, 'attachmentType', ATTACHMENT_PROBLEM_TEXT[problem]);
      if (!mayAttach(actor, incident))
        throw new ApiError(
          403,
          'attachmentClosed',
          'Det går inte längre att bifoga filer till rapporten. Kontakta informationssäkerhetssamordnaren.',
        );
      const existing = async (): Promise<AttachmentResult | null> => {
        const found = (await repos.incidents.attachments(id)).find((a) => a.name.toLowerCase() === name.toLowerCase());
        if (!found) return null;
        const stored = await repos.incidents.attachment(id, found.name);
        if (stored && stored.length === bytes.length) return { attachment: { ...found, size: stored.length }, created: false };
        throw new ApiError(
          409,
          'attachmentExists',
          `Incidenten har redan en fil med namnet ${found.name}. Byt namn på filen och försök igen.`,
        );
      };
      const files = await repos.incidents.attachments(id);
      const again = files.some((a) => a.name.toLowerCase() === name.toLowerCase()) ? await existing() : null;
      if (again) return again;
      if (files.length >= MAX_ATTACHMENTS)
        throw new ApiError(400, 'attachmentCount', `Incidenten har redan ${MAX_ATTACHMENTS} filer, fler går inte att bifoga.`);
      try {
        const added = await repos.incidents.addAttachment(id, name, bytes);
        return { attachment: { ...added, size: bytes.length }, created: true };
      } catch (error) {
        // A retry whose first attempt was stored (a lost reply) meets its own file.
        if (error instanceof DataError) {
          const stored = await existing();
          if (stored) return stored;
        }
        throw error;
      }
    },
  };
}
