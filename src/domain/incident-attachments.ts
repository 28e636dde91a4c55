/**
 * What may be attached to an incident report (screenshots, the phishing mail) and by whom: one set
 * of rules for the tab's form, which checks before anything is sent, and the API, which enforces.
 */
import type { Instant } from './calendar.js';

/** Largest file accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** At most this many files on one incident. */
export const MAX_ATTACHMENTS = 20;
/** How long after reporting the reporter may still add files once the status has left 'ny'. */
export const REPORTER_WINDOW_MS = 24 * 60 * 60 * 1000;

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

/** For a file input's `accept`. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

const FORBIDDEN = /["*:<>?/\\|]/;

function extensionOf(name: string): string {
  return /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

export function contentTypeOf(name: string): string {
  return ATTACHMENT_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

export type AttachmentProblem = 'name' | 'type' | 'empty' | 'tooLarge';

/** Swedish text for each problem (the API's and the form's message). */
export const ATTACHMENT_PROBLEM_TEXT: Readonly<Record<AttachmentProblem, string>> = {
  name: 'Filnamnet är inte tillåtet. Använd högst 255 tecken och inga av tecknen " * : < > ? / \\ |.',
  type: 'Filtypen tillåts inte. Bifoga bilder (png, jpg, gif, webp), e-post (.eml, .msg), pdf eller txt.',
  empty: 'Filen är tom.',
  tooLarge: 'Filen är för stor (högst 10 MB).',
};

/** Why a file name is refused, or null. */
export function attachmentNameProblem(name: string): 'name' | 'type' | null {
  if (!name.trim() || name.length > 255 || FORBIDDEN.test(name) || name.endsWith('.') || name !== name.trim()) return 'name';
  if (!(extensionOf(name) in ATTACHMENT_TYPES)) return 'type';
  return null;
}

/** Why a file is refused (name, type, size), or null. */
export function attachmentProblem(name: string, size: number): AttachmentProblem | null {
  const named = attachmentNameProblem(name);
  if (named) return named;
  if (size <= 0) return 'empty';
  if (size > MAX_ATTACHMENT_BYTES) return 'tooLarge';
  return null;
}

/**
 * Whether someone may attach to an incident: handlers (coordinators, admins) always; the reporter
 * to their own report while it is new or within a day of reporting; nobody else.
 */
export function mayAttach(
  who: { handler: boolean; reporter: boolean },
  incident: { status: string | null | undefined; reportedAt: Instant | null | undefined },
  now: Date,
): boolean {
  if (who.handler) return true;
  if (!who.reporter) return false;
  if ((incident.status ?? 'ny') === 'ny') return true;
  const reported = incident.reportedAt ? new Date(incident.reportedAt).getTime() : Number.NaN;
  return Number.isFinite(reported) && now.getTime() - reported <= REPORTER_WINDOW_MS;
}
