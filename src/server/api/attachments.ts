/**
 * Attachments on incident reports (screenshots, the phishing mail): stored as SharePoint list item
 * attachments on the incident, written app-only. The reporter may attach to their own report within
 * a day of reporting or while it is still 'ny'; coordinators and admins to any incident. Whoever may
 * read the incident may list and download its files. The same name sent again with the same size
 * (a retry after a lost reply) answers with the stored file instead of failing.
 */
import { canHandleIncidents, type Actor } from '../../domain/authorization.js';
import { DataError, type IncidentAttachment, type Repositories } from '../../shared/data/index.js';
import type { Incident } from '../../shared/schema/index.js';
import type { Caller } from './caller.js';
import { ApiError } from './service.js';

/** Largest file accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** How long after reporting the reporter may still add files (while the status is not 'ny'). */
const REPORTER_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many files on one incident. */
const MAX_ATTACHMENTS = 20;

/** Allowed file types by extension, with the Content-Type they are served as. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
};

const FORBIDDEN = /["*:<>?/\\|]/;

export function contentTypeOf(name: string): string {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return ATTACHMENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Why a file name is refused (Swedish), or null. */
export function attachmentNameProblem(name: string): string | null {
  if (!name.trim() || name.length > 255 || FORBIDDEN.test(name) || name.endsWith('.') || name !== name.trim())
    return 'Filnamnet är inte tillåtet. Använd högst 255 tecken och inga av tecknen " * : < > ? / \\ |.';
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (!(ext in ATTACHMENT_TYPES)) return 'Filtypen tillåts inte. Bifoga bilder (png, jpg, gif, webp), e-post (.eml, .msg), pdf eller txt.';
  return null;
}

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

  function mayAttach(actor: Actor, incident: Incident): boolean {
    if (canHandleIncidents(actor)) return true;
    if ((incident.reporter?.id ?? null) !== actor.userId) return false;
    if (incident.status === 'ny') return true;
    const reported = Date.parse(incident.reportedAt ?? incident.created);
    return Number.isFinite(reported) && now().getTime() - reported <= REPORTER_WINDOW_MS;
  }

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
      const problem = attachmentNameProblem(name);
      if (problem) throw new ApiError(400, 'attachmentType', problem);
      if (bytes.length === 0) throw new ApiError(400, 'attachmentEmpty', 'Filen är tom.');
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw new ApiError(413, 'attachmentTooLarge', 'Filen är för stor (högst 10 MB).');
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
