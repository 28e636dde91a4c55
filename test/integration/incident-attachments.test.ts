/**
 * Attachments on incident reports through the Systemkoll API over HTTP: the reporter attaches to
 * their own report, nobody else's (404, as reading); a coordinator may attach and download the same
 * bytes; wrong types and too large files are refused in Swedish; a retried upload is answered with
 * the stored file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const EVA = 'eva.ek@exempelkommun.se';
const OLLE = 'olle.oberord@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

let site: TestSite;
let server: Server;
let api = '';
let id = 0;

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: OLLE, displayName: 'Olle Oberörd' },
      { upn: SARA, displayName: 'Sara Samordnare' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, OLLE, SARA]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  const service = createSystemkollService({ repos: admin, submissionSecret: 's'.repeat(32), tasksTtlMs: 0 });
  const handle = createApiHandler({ service, authenticate: localAuthenticator(), allowedOrigins: [] });
  server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const r = await call(EVA, 'POST', '/incidents', {
    title: 'Misstänkt nätfiskemejl',
    description: 'Ett mejl bad mig logga in på en falsk sida.',
    personalData: 'nej',
    clientKey: 'attach-1',
  });
  expect(r.status).toBe(201);
  id = r.body.incident.id;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await site.close();
});

async function call(upn: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${createLocalToken(upn)}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null };
}

const file = (fileName: string, bytes: Buffer) => ({ fileName, contentBase64: bytes.toString('base64') });

describe('incident attachments over the API', () => {
  it('lets the reporter attach to their own report and answers a retry with the stored file', async () => {
    const first = await call(EVA, 'POST', `/incidents/${id}/attachments`, file('skärmbild.png', png));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'skärmbild.png', size: png.length });
    const again = await call(EVA, 'POST', `/incidents/${id}/attachments`, file('skärmbild.png', png));
    expect(again.status).toBe(200);
    const other = await call(EVA, 'POST', `/incidents/${id}/attachments`, file('skärmbild.png', Buffer.from('annat innehåll')));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('attachmentExists');
    const list = await call(EVA, 'GET', `/incidents/${id}/attachments`);
    expect(list.body.value.map((a: { name: string }) => a.name)).toEqual(['skärmbild.png']);
  });

  it('refuses someone else: 404 as for reading, for listing, adding and downloading', async () => {
    expect((await call(OLLE, 'POST', `/incidents/${id}/attachments`, file('x.png', png))).status).toBe(404);
    expect((await call(OLLE, 'GET', `/incidents/${id}/attachments`)).status).toBe(404);
    const res = await fetch(`${api}/api/v1/incidents/${id}/attachments/sk%C3%A4rmbild.png`, {
      headers: { Authorization: `Bearer ${createLocalToken(OLLE)}` },
    });
    expect(res.status).toBe(404);
  });

  it('lets a coordinator attach and download the same bytes with Content-Type and Content-Disposition', async () => {
    const added = await call(
      SARA,
      'POST',
      `/incidents/${id}/attachments`,
      file('mejlet.eml', Buffer.from('From: bluff@example.com\r\n\r\nHej')),
    );
    expect(added.status).toBe(201);
    const res = await fetch(`${api}/api/v1/incidents/${id}/attachments/${encodeURIComponent('skärmbild.png')}`, {
      headers: { Authorization: `Bearer ${createLocalToken(SARA)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''sk%C3%A4rmbild.png");
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const missing = await fetch(`${api}/api/v1/incidents/${id}/attachments/saknas.png`, {
      headers: { Authorization: `Bearer ${createLocalToken(SARA)}` },
    });
    expect(missing.status).toBe(404);
  });

  it('refuses wrong types (400) and too large files (413) in Swedish', async () => {
    const exe = await call(EVA, 'POST', `/incidents/${id}/attachments`, file('program.exe', png));
    expect(exe.status).toBe(400);
    expect(exe.body.code).toBe('attachmentType');
    expect(exe.body.message).toMatch(/Filtypen tillåts inte/);
    const big = await call(EVA, 'POST', `/incidents/${id}/attachments`, file('stor.png', Buffer.alloc(10 * 1024 * 1024 + 1)));
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/för stor/);
  }, 30_000);
});
