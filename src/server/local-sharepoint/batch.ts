/**
 * OData $batch as SharePoint Online speaks it: multipart/mixed in (GETs top-level, writes in
 * changesets), a flat list of `--batchresponse_` parts out, one per request, in order.
 */
import { randomUUID } from 'node:crypto';
import { errors } from './errors.js';

export interface BatchPart {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface BatchPartResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Unknown';
}

function boundaryOf(contentType: string): string | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  return m ? (m[1] as string) : null;
}

function splitParts(text: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks = text.split(delimiter);
  const parts: string[] = [];
  // chunk 0 is the preamble; a chunk starting with `--` is the closing delimiter
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(chunk.replace(/^\n/, ''));
  }
  return parts;
}

function readHeaders(block: string): [Record<string, string>, string] {
  const idx = block.indexOf('\n\n');
  const head = idx < 0 ? block : block.slice(0, idx);
  const rest = idx < 0 ? '' : block.slice(idx + 2);
  const headers: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return [headers, rest];
}

function parseHttpPart(block: string): BatchPart {
  const [, http] = readHeaders(block);
  const lines = http.replace(/^\n+/, '');
  const nl = lines.indexOf('\n');
  const requestLine = (nl < 0 ? lines : lines.slice(0, nl)).trim();
  const m = /^([A-Z]+)\s+(\S+)\s+HTTP\/1\.[01]$/i.exec(requestLine);
  if (!m) throw errors.badRequest('The batch request is not valid.');
  const [headers, body] = readHeaders(nl < 0 ? '' : lines.slice(nl + 1));
  return { method: (m[1] as string).toUpperCase(), url: m[2] as string, headers, body: body.replace(/\n+$/, '') };
}

export function parseBatch(body: string, contentType: string): BatchPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw errors.badRequest('The batch request must have a boundary.');
  const text = body.replace(/\r\n/g, '\n');
  const out: BatchPart[] = [];
  for (const part of splitParts(text, boundary)) {
    const [headers, rest] = readHeaders(part);
    const ct = headers['content-type'] ?? '';
    if (/multipart\/mixed/i.test(ct)) {
      const inner = boundaryOf(ct);
      if (!inner) throw errors.badRequest('The changeset must have a boundary.');
      for (const sub of splitParts(rest, inner)) out.push(parseHttpPart(sub));
    } else {
      out.push(parseHttpPart(part));
    }
  }
  return out;
}

export function formatBatch(results: BatchPartResult[]): { contentType: string; body: string } {
  const boundary = `batchresponse_${randomUUID()}`;
  const out: string[] = [];
  for (const r of results) {
    out.push(`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '');
    out.push(`HTTP/1.1 ${r.status} ${statusText(r.status)}`);
    for (const [k, v] of Object.entries(r.headers)) out.push(`${k.toUpperCase()}: ${v}`);
    out.push('');
    out.push(r.body);
  }
  out.push(`--${boundary}--`, '');
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: out.join('\r\n') };
}
