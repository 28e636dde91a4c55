/**
 * The Systemkoll API over HTTP (`/api/v1/…`, JSON), served by the bot host. Every request is
 * authenticated first (Entra token in production, the local token on loopback), bodies are limited
 * and validated with zod, refusals are Swedish messages with a stable code. The use cases and their
 * authorization live in service.ts; this module only speaks HTTP.
 *
 *   POST   /api/v1/incidents                     report (any signed-in person)  → 201 | 200 (already received)
 *   GET    /api/v1/me/overview                   my systems, my reports, incidents on my systems (one call)
 *   GET    /api/v1/me/tasks                      my tasks, derived now (two SharePoint round trips)
 *   GET    /api/v1/tasks?department=&rule=&person=  all tasks per förvaltning and rule (coordinators, admins)
 *   GET    /api/v1/me/incidents                  my reports
 *   GET    /api/v1/me/system-incidents           incidents on systems I own or administer
 *   GET    /api/v1/incidents/:id                 one incident I may read (404 otherwise); handlers also get clocks, assessment, nextStatuses
 *   PATCH  /api/v1/incidents/:id                 triage, workflow, severity (+ justification), assignee (If-Match required)
 *   GET    /api/v1/me/devices                    devices of the people I answer for (my staff, leavers/movers that fall to me)
 *   GET    /api/v1/staff/:id/devices             one person's devices (who answers for them, coordinators, admins; 404 otherwise)
 *   POST   /api/v1/devices/:id/decision          {status, notes?} kept/handed back/scrapped/ended/moved, confirmed as the caller (If-Match)
 *   POST   /api/v1/devices                       {kind, identifier, title?, model?, purchaseDate?, holder?, cost?, status?, notes?} IT and coordinators → 201
 *   PATCH  /api/v1/devices/:id                   a correction by IT and coordinators (If-Match); entered by = the caller
 *   POST   /api/v1/people/ensure                 {key}: a directory person as a site user, app-only (who edits the register)
 *   GET    /api/v1/incidents/:id/attachments     the incident's files (who may read it)
 *   POST   /api/v1/incidents/:id/attachments     {fileName, contentBase64}: reporter (own, new or < 24 h), coordinators → 201 | 200 (same file again)
 *   GET    /api/v1/incidents/:id/attachments/:name  one file's bytes (Content-Type by extension, Content-Disposition attachment)
 *   GET    /api/v1/incidents/:id/timeline        the incident's timeline, oldest first (coordinators, admins)
 *   POST   /api/v1/incidents/:id/timeline        note, measure, legal report or "not required" (author = caller)
 *   POST   /api/v1/training/completions          a completion recorded by a coordinator
 *   GET    /api/v1/me/training                   my status per course and where to take it
 *   GET    /api/v1/training/compliance?department=&audience=&gaps=all  compliance (coordinators, admins; managers their staff)
 *   GET    /api/v1/training/courses/:id/module   a course taken in Teams: lessons and questions, never the answers
 *   POST   /api/v1/training/courses/:id/attempts {answers, clientKey, revision}: scored here; a pass records the caller's completion
 *   GET    /api/v1/reports/yearly?year=      the yearly report as JSON, as `npm run report -- yearly --format json` (coordinators, admins)
 *   POST   /api/v1/reports/yearly/export     {year, format: docx|xlsx, texts?}: the file, with the free text per section (coordinators, admins)
 *   GET    /api/v1/reports/term?from=&to=    the end-of-term report as JSON, as `npm run report -- term --format json` (coordinators, admins)
 *   POST   /api/v1/reports/term/export       {from, to, format: docx|xlsx, texts?}: the file (coordinators, admins)
 *   POST   /api/v1/reports/save              {kind: yearly, year | kind: term, from, to; texts?}: .docx and .xlsx into Rapporter/<year>/ → 201 (coordinators, admins)
 *   GET    /api/v1/reports/library           the files in Rapporter's year folders (coordinators, admins)
 *   GET    /api/v1/reports/library/file?folder=&name=   a saved file (coordinators, admins)
 *   PATCH  /api/v1/systems/:id                   register edit (own systems; coordinators all; If-Match)
 *   DELETE /api/v1/systems/:id                   remove a system (coordinators, admins)
 *   POST   /api/v1/register/import               import a register file (admins; dry run or commit)
 *   POST   /api/v1/systems                       a new system (coordinators, admins) → 201; 400 with field-keyed details
 *   GET    /api/v1/systems/:id/history           actions (Insatser) and incidents of a system, as far as the caller may see
 *   POST   /api/v1/systems/:id/review            yearly review: corrections, date, reviewer = caller, action (If-Match) → 201
 *   POST   /api/v1/systems/:id/classification    classification K/R/T/S: date, classifier = caller, action (If-Match) → 201
 *   POST   /api/v1/systems/:id/continuity-test   continuity-plan test: date, action (If-Match) → 201
 *   POST   /api/v1/systems/:id/restore-test      restore test: date, action 'åtgärd' (If-Match) → 201
 *   POST   /api/v1/systems/:id/assessments       self-assessment of a security requirement (own systems; coordinators all) → 200
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { DataError } from '../../shared/data/index.js';
import type { Authenticate, Caller } from './caller.js';
import { ApiError, type SystemkollService } from './service.js';
import type { ImportRegisterUseCase } from './register-import.js';
import type { TaskFilter } from '../../domain/tasks/index.js';
import { MAX_ATTACHMENT_BYTES } from '../../domain/incident-attachments.js';
import { REPORT_EXPORT_FORMATS } from './reports.js';

export const API_PREFIX = '/api/v1/';
const MAX_BODY = 256 * 1024;
/** A register file as base64: 2,000 systems in .xlsx are well under 1 MB. */
const MAX_IMPORT_BODY = 8 * 1024 * 1024;

/** One file as base64 (4/3 of its size) plus the JSON around it. */
const MAX_ATTACHMENT_BODY = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4096;
const attachmentBody = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().max(MAX_ATTACHMENT_BODY),
});

const importBody = z.object({
  fileName: z.string().min(1).max(255),
  content: z.string().max(MAX_IMPORT_BODY),
  dryRun: z.boolean(),
  mapping: z.record(z.string(), z.string()).optional(),
});

// A device as IT's form sends it; who entered it is the caller (enteredBy and any other key are dropped).
const deviceValue = z.union([z.string().max(2000), z.number(), z.null()]).optional();
const deviceBody = z.object({
  kind: deviceValue,
  identifier: deviceValue,
  title: deviceValue,
  model: deviceValue,
  purchaseDate: deviceValue,
  holder: deviceValue,
  cost: deviceValue,
  status: deviceValue,
  notes: deviceValue,
});

// Reporter, status, times of arrival and awareness are the service's: any such key is dropped.
const reportBody = z.object({
  title: z.string().max(1000),
  description: z.string().max(20_000),
  /** One affected system (kept for older clients); `systemIds` wins when both are sent. */
  systemId: z.union([z.string().max(20), z.number()]).optional(),
  systemIds: z
    .array(z.union([z.string().max(20), z.number()]))
    .max(100)
    .optional(),
  personalData: z.string().max(20),
  occurredAt: z.string().max(40).nullable().optional(),
  detectedAt: z.string().max(40).nullable().optional(),
  type: z.string().max(50).nullable().optional(),
  category: z.string().max(100).nullable().optional(),
  ongoing: z.boolean().nullable().optional(),
  clientKey: z.string().min(1).max(200),
});
const incidentChangeBody = z
  .object({
    status: z.string().max(50).optional(),
    severity: z.string().max(50).nullable().optional(),
    priority: z.string().max(10).nullable().optional(),
    severityJustification: z.string().max(20_000).nullable().optional(),
    assigneeUpn: z.string().email().nullable().optional(),
    type: z.string().max(50).nullable().optional(),
    category: z.string().max(100).nullable().optional(),
    cause: z.string().max(100).nullable().optional(),
    scope: z.string().max(100).nullable().optional(),
    affectedSystemIds: z.array(z.number().int().positive()).max(100).optional(),
    rootCause: z.string().max(20_000).nullable().optional(),
    actionsTaken: z.string().max(20_000).nullable().optional(),
    lessonsLearned: z.string().max(20_000).nullable().optional(),
    effortHours: z.number().nullable().optional(),
    cost: z.number().nullable().optional(),
    nis2Significant: z.string().max(20).nullable().optional(),
    personalDataInvolved: z.string().max(20).nullable().optional(),
    ongoing: z.boolean().nullable().optional(),
    awareAt: z.string().max(40).nullable().optional(),
    awareJustification: z.string().max(20_000).nullable().optional(),
    factJustification: z.string().max(20_000).nullable().optional(),
  })
  .strict();
const timelineBody = z.object({
  title: z.string().max(1000),
  kind: z.string(),
  details: z.string().max(20_000).optional(),
  legalReport: z.string().nullable().optional(),
  externalReference: z.string().max(100).optional(),
  recipient: z.string().max(255).optional(),
  sentAt: z.string().max(40).optional(),
});
// Who assessed is the caller; anything else the client sends (assessedBy, a date) is dropped.
const assessmentBody = z.object({
  requirementId: z.number().int().positive(),
  status: z.string().max(50),
  comment: z.string().max(4000).nullable().optional(),
});
const completionBody = z.object({
  personUpn: z.string().email(),
  courseId: z.number().int().positive(),
  completedAt: z.string(),
  score: z.number().nullable().optional(),
  source: z.enum(['import', 'manuell']).optional(),
});

// Whose attempt it is comes from the token: a `personUpn`, a score or a source sent along is dropped.
const attemptBody = z.object({
  answers: z.record(z.string().max(40), z.string().max(40)),
  clientKey: z.string().min(1).max(200),
  revision: z.string().max(100).optional(),
});

const reportTexts = z.record(z.string().max(40), z.string().max(20_000)).optional();
const reportExportBody = z.object({
  year: z.number().int(),
  format: z.enum(REPORT_EXPORT_FORMATS),
  texts: reportTexts,
});
const termExportBody = z.object({
  from: z.number().int(),
  to: z.number().int(),
  format: z.enum(REPORT_EXPORT_FORMATS),
  texts: reportTexts,
});
const reportSaveBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yearly'), year: z.number().int(), texts: reportTexts }),
  z.object({ kind: z.literal('term'), from: z.number().int(), to: z.number().int(), texts: reportTexts }),
]);

// Unknown keys (a `person`, a reviewer) are dropped: who did it is the caller.
const systemEventBody = z.object({
  changes: z.record(z.string(), z.unknown()).optional(),
  hours: z.number().nullable().optional(),
  cost: z.number().nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  date: z.string().max(20).nullable().optional(),
});
const SYSTEM_EVENT_PATHS = {
  review: 'review',
  classification: 'classification',
  'continuity-test': 'continuityTest',
  'restore-test': 'restoreTest',
} as const;

export interface ApiHandlerOptions {
  service: SystemkollService;
  authenticate: Authenticate;
  /** Browser origins allowed to call (the tab's host). */
  allowedOrigins: readonly string[];
  /** The register import (admins); without it the route answers 404. */
  importRegister?: ImportRegisterUseCase;
  log?: (line: string) => void;
}

class BodyError extends Error {}

async function readJson(req: IncomingMessage & { body?: unknown }, limit = MAX_BODY): Promise<unknown> {
  // Express may already have parsed it (the SDK's json middleware runs on its own route only).
  if (req.body !== undefined && typeof req.body === 'object') return req.body;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new ApiError(413, 'tooLarge', 'Begäran är för stor.');
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
    throw new ApiError(400, 'badRequest', 'Skicka JSON (Content-Type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, 'tooLarge', 'Begäran är för stor.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new BodyError('Begäran innehåller inte giltig JSON.');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new ApiError(
      400,
      'badRequest',
      `Ogiltiga uppgifter: ${r.error.issues.map((i) => `${i.path.join('.') || 'begäran'} (${i.message})`).join(', ')}.`,
    );
  return r.data;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(status === 204 ? undefined : JSON.stringify(body));
}

/** A file as a download (the report exports). */
function sendFile(res: ServerResponse, file: { fileName: string; contentType: string; bytes: Uint8Array }): void {
  if (res.headersSent) return;
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(Buffer.from(file.bytes));
}

/** The one request handler: returns false for paths that are not the API's. */
export function createApiHandler(options: ApiHandlerOptions) {
  const { service, authenticate } = options;
  const allowed = new Set(options.allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));

  return async function handle(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://api.local');
    if (!url.pathname.startsWith(API_PREFIX)) return false;
    const origin = req.headers.origin;
    if (origin) {
      if (!allowed.has(origin.toLowerCase())) {
        send(res, 403, { code: 'origin', message: 'Anrop från den här webbadressen är inte tillåtna.' });
        return true;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'ETag');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return true;
    }
    try {
      // Who is asking is settled before anything else is read.
      const caller = await authenticate(req.headers.authorization);
      if (!caller) {
        send(res, 401, { code: 'unauthorized', message: 'Logga in för att använda Systemkoll.' }, { 'WWW-Authenticate': 'Bearer' });
        return true;
      }
      await route(caller, method, url.pathname.slice(API_PREFIX.length).replace(/\/+$/, ''), req, res);
    } catch (error) {
      if (error instanceof ApiError) send(res, error.status, { code: error.code, message: error.message, details: error.details });
      else if (error instanceof BodyError) send(res, 400, { code: 'badRequest', message: error.message });
      else if (error instanceof DataError) {
        const status = error.kind === 'throttled' || error.kind === 'network' || error.kind === 'server' ? 503 : 502;
        send(res, status, { code: error.kind, message: error.message });
      } else {
        options.log?.(`[api] ${method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`);
        send(res, 500, { code: 'server', message: 'Något gick fel i Systemkoll. Försök igen om en stund.' });
      }
    }
    return true;
  };

  async function route(caller: Caller, method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts = path.split('/');
    const id = (value: string | undefined) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new ApiError(404, 'notFound', 'Finns inte.');
      return n;
    };
    const ifMatch = () => {
      const etag = req.headers['if-match'];
      if (typeof etag !== 'string' || !etag.trim())
        throw new ApiError(412, 'etagRequired', 'Ändringen saknar versionsuppgift (If-Match). Läs in posten igen och försök på nytt.');
      return etag.trim();
    };
    const key = `${method} ${parts[0]}${
      parts.length > 1
        ? '/' +
          parts
            .slice(1)
            .map((p, i) => ((i === 0 || (i === 1 && parts[0] === 'training')) && /^\d+$/.test(p) ? ':id' : p))
            .join('/')
        : ''
    }`;
    switch (key) {
      case 'POST incidents': {
        const body = parse(reportBody, await readJson(req));
        const result = await service.report(caller, {
          title: body.title,
          description: body.description,
          systemId: body.systemId === undefined ? '' : String(body.systemId),
          ...(body.systemIds ? { systemIds: body.systemIds.map(String).join(',') } : {}),
          personalData: body.personalData,
          ...(body.occurredAt ? { occurredAt: body.occurredAt } : {}),
          ...(body.detectedAt ? { detectedAt: body.detectedAt } : {}),
          ...(body.type ? { type: body.type } : {}),
          ...(body.category ? { category: body.category } : {}),
          ...(typeof body.ongoing === 'boolean' ? { ongoing: String(body.ongoing) } : {}),
          clientKey: body.clientKey,
          channel: 'tab',
        });
        return send(res, result.created ? 201 : 200, result);
      }
      case 'GET me/overview':
        return send(res, 200, await service.overview(caller));
      case 'GET me/tasks':
        return send(res, 200, await service.myTasks(caller));
      case 'GET tasks': {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const department = q.get('department');
        const filter: TaskFilter = {
          ...(department !== null && /^\d+$/.test(department) ? { department: Number(department) } : {}),
          ...(q.get('rule') ? { rule: q.get('rule') ?? '' } : {}),
          ...(q.get('person') ? { person: q.get('person') ?? '' } : {}),
        };
        return send(res, 200, await service.taskOverview(caller, filter));
      }
      case 'GET me/incidents':
        return send(res, 200, { value: await service.myReports(caller) });
      case 'GET me/system-incidents':
        return send(res, 200, { value: await service.incidentsOnMySystems(caller) });
      case 'GET incidents/:id': {
        const incident = await service.incidentDetail(caller, id(parts[1]));
        return send(res, 200, incident, { ETag: incident.etag });
      }
      case 'GET incidents/:id/attachments':
        return send(res, 200, { value: await service.incidentAttachments(caller, id(parts[1])) });
      case 'POST incidents/:id/attachments': {
        const body = parse(attachmentBody, await readJson(req, MAX_ATTACHMENT_BODY));
        const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
        const result = await service.addIncidentAttachment(caller, id(parts[1]), body.fileName, bytes);
        return send(res, result.created ? 201 : 200, result.attachment);
      }
      case 'GET incidents/:id/attachments/' + (parts[3] ?? ''): {
        if (parts.length !== 4 || !parts[3]) throw new ApiError(404, 'notFound', 'Finns inte.');
        let name: string;
        try {
          name = decodeURIComponent(parts[3]);
        } catch {
          throw new ApiError(404, 'attachmentNotFound', 'Filen finns inte på incidenten.');
        }
        const file = await service.incidentAttachment(caller, id(parts[1]), name);
        if (res.headersSent) return;
        res.writeHead(200, {
          'Content-Type': file.contentType,
          'Content-Length': String(file.bytes.length),
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(Buffer.from(file.bytes));
        return;
      }
      case 'GET incidents/:id/timeline':
        return send(res, 200, { value: await service.incidentTimeline(caller, id(parts[1])) });
      case 'PATCH incidents/:id': {
        const body = parse(incidentChangeBody, await readJson(req));
        const incident = await service.updateIncident(caller, id(parts[1]), body as never, ifMatch());
        return send(res, 200, incident, { ETag: incident.etag });
      }
      case 'POST incidents/:id/timeline': {
        const body = parse(timelineBody, await readJson(req));
        return send(res, 201, await service.addTimelineEntry(caller, id(parts[1]), body as never));
      }
      case 'GET me/training':
        return send(res, 200, await service.myTraining(caller));
      case 'GET training/compliance': {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const department = q.get('department');
        return send(
          res,
          200,
          await service.trainingCompliance(caller, {
            department: department !== null && /^\d+$/.test(department) ? Number(department) : null,
            audience: q.get('audience'),
            allGaps: q.get('gaps') === 'all',
          }),
        );
      }
      case 'POST training/completions': {
        const body = parse(completionBody, await readJson(req));
        return send(res, 201, await service.recordCompletion(caller, body));
      }
      case 'GET training/courses/:id/module':
        return send(res, 200, await service.courseModule(caller, id(parts[2])));
      case 'POST training/courses/:id/attempts': {
        const body = parse(attemptBody, await readJson(req));
        const result = await service.courseAttempt(caller, id(parts[2]), body);
        return send(res, result.recorded ? 201 : 200, result);
      }
      case 'GET reports/yearly': {
        const year = new URL(req.url ?? '/', 'http://x').searchParams.get('year') ?? '';
        return send(res, 200, await service.yearlyReport(caller, /^\d{4}$/.test(year) ? Number(year) : NaN));
      }
      case 'POST reports/yearly/export': {
        const file = await service.yearlyReportExport(caller, parse(reportExportBody, await readJson(req)));
        return sendFile(res, file);
      }
      case 'GET reports/term': {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const year = (name: string) => (/^\d{4}$/.test(q.get(name) ?? '') ? Number(q.get(name)) : NaN);
        return send(res, 200, await service.termReport(caller, year('from'), year('to')));
      }
      case 'POST reports/term/export': {
        const file = await service.termReportExport(caller, parse(termExportBody, await readJson(req)));
        return sendFile(res, file);
      }
      case 'POST reports/save': {
        const { texts, ...period } = parse(reportSaveBody, await readJson(req));
        return send(res, 201, { files: await service.saveReport(caller, period, texts) });
      }
      case 'GET reports/library':
        return send(res, 200, { files: await service.savedReports(caller) });
      case 'GET reports/library/file': {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        return sendFile(res, await service.savedReportFile(caller, q.get('folder') ?? '', q.get('name') ?? ''));
      }
      case 'PATCH systems/:id': {
        const body = await readJson(req);
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw new ApiError(400, 'badRequest', 'Skicka ändringarna som ett JSON-objekt.');
        const system = await service.updateSystem(caller, id(parts[1]), body as never, ifMatch());
        return send(res, 200, system, { ETag: system.etag });
      }
      case 'GET me/devices':
        return send(res, 200, { value: await service.teamDevices(caller) });
      case 'GET staff/:id/devices':
        return send(res, 200, await service.personDevices(caller, id(parts[1])));
      case 'POST devices/:id/decision': {
        const body = parse(
          z.object({ status: z.string().min(1).max(50), notes: z.string().max(2000).nullable().optional() }),
          await readJson(req),
        );
        const device = await service.decideDevice(
          caller,
          id(parts[1]),
          { status: body.status, ...(body.notes !== undefined ? { notes: body.notes } : {}) },
          ifMatch(),
        );
        return send(res, 200, device, { ETag: device.etag });
      }
      case 'POST devices': {
        const device = await service.createDevice(caller, parse(deviceBody, await readJson(req)));
        return send(res, 201, device, { ETag: device.etag });
      }
      case 'PATCH devices/:id': {
        const device = await service.updateDevice(caller, id(parts[1]), parse(deviceBody, await readJson(req)), ifMatch());
        return send(res, 200, device, { ETag: device.etag });
      }
      case 'POST people/ensure': {
        const body = parse(z.object({ key: z.string().min(1).max(300) }), await readJson(req));
        return send(res, 200, await service.ensurePerson(caller, body.key));
      }
      case 'POST systems': {
        const body = await readJson(req);
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw new ApiError(400, 'badRequest', 'Skicka systemets uppgifter som ett JSON-objekt.');
        const system = await service.createSystem(caller, body as Record<string, unknown>);
        return send(res, 201, system, { ETag: system.etag });
      }
      case 'GET systems/:id/history':
        return send(res, 200, await service.systemHistory(caller, id(parts[1])));
      case 'POST systems/:id/review':
      case 'POST systems/:id/classification':
      case 'POST systems/:id/continuity-test':
      case 'POST systems/:id/restore-test': {
        const body = parse(systemEventBody, await readJson(req));
        const event = SYSTEM_EVENT_PATHS[parts[2] as keyof typeof SYSTEM_EVENT_PATHS];
        const result = await service.recordSystemEvent(caller, id(parts[1]), event, body, ifMatch());
        return send(res, 201, result, { ETag: result.system.etag });
      }
      case 'POST systems/:id/assessments': {
        const body = parse(assessmentBody, await readJson(req));
        return send(res, 200, await service.assessRequirement(caller, id(parts[1]), body));
      }
      case 'POST register/import': {
        if (!options.importRegister) throw new ApiError(404, 'notFound', 'Importen är inte tillgänglig här.');
        const body = parse(importBody, await readJson(req, MAX_IMPORT_BODY));
        const report = await options.importRegister(caller, {
          fileName: body.fileName,
          bytes: new Uint8Array(Buffer.from(body.content, 'base64')),
          dryRun: body.dryRun,
          ...(body.mapping ? { mapping: body.mapping } : {}),
        });
        return send(res, 200, report);
      }
      case 'DELETE systems/:id':
        await service.deleteSystem(caller, id(parts[1]), ifMatch());
        return send(res, 204, null);
      default:
        throw new ApiError(404, 'notFound', `Okänd adress: ${method} ${API_PREFIX}${path}`);
    }
  }
}
