/**
 * The yearly report through REST as each persona (the tab's Rapporter): a coordinator and an admin
 * get the same JSON `npm run report -- yearly --format json` writes and the .docx/.xlsx with the
 * free text typed per section (redacted like every text of the report); an employee and a system
 * owner are refused with a Swedish message, and a bad year or format is a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { localAuthenticator } from '../../src/server/api/caller.js';
import { createApiHandler } from '../../src/server/api/http.js';
import { createSystemkollService } from '../../src/server/api/service.js';
import { buildReport, renderReport } from '../../src/server/reports/run.js';
import type { YearlyReport } from '../../src/domain/reports/index.js';
import { readDocx, readXlsx } from '../support/report-files.js';
import { ANNA, seedReportFixture } from '../support/report-site.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const SARA = 'sara.samordnare@exempelkommun.se';
const EVA = 'eva.ek@exempelkommun.se';
const OLLE = 'olle.agare@exempelkommun.se';
const NOW = new Date('2026-02-15T09:00:00Z');

let site: TestSite;
let server: Server;
let api = '';

const headers = (as: string) => ({ Authorization: `Bearer ${createLocalToken(as)}` });
const getJson = async (as: string, path: string) => {
  const res = await fetch(`${api}/api/v1/${path}`, { headers: headers(as) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const post = (as: string, path: string, body: unknown) =>
  fetch(`${api}/api/v1/${path}`, {
    method: 'POST',
    headers: { ...headers(as), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const people = [
    [ANNA, 'Anna Andersson'],
    [SARA, 'Sara Samordnare'],
    [EVA, 'Eva Ek'],
    [OLLE, 'Olle Ägare'],
  ] as const;
  site = await startTestSite({ users: people.map(([upn, displayName]) => ({ upn, displayName })) });
  const admin = site.reposAs(ADMIN);
  await seedReportFixture(admin);
  await admin.groups.addMembers('employees', [EVA, OLLE, SARA]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  await admin.groups.addMembers('systemOwners', [OLLE]);
  const service = createSystemkollService({ repos: admin, sp: site.spAs(ADMIN), submissionSecret: 's'.repeat(32), now: () => NOW });
  const handle = createApiHandler({ service, authenticate: localAuthenticator(), allowedOrigins: [] });
  server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await site?.close();
});

describe('GET /api/v1/reports/yearly', () => {
  it('gives a coordinator and an admin the JSON the CLI writes', async () => {
    const built = await buildReport(site.spAs(ADMIN), { kind: 'yearly', year: 2025 }, NOW);
    const cli = JSON.parse(new TextDecoder().decode(await renderReport(built, 'json'))) as YearlyReport;
    for (const who of [SARA, ADMIN]) {
      const r = await getJson(who, 'reports/yearly?year=2025');
      expect(r.status).toBe(200);
      expect(r.body).toEqual(cli);
    }
    expect(cli.headings).toEqual([
      '1 Genomförda åtgärder',
      '2 Inträffade incidenter och händelser',
      '3 Status per område',
      '4 Budgetsammanställning',
    ]);
    expect(cli.sections.incidents.total).toBe(3);
  });

  it('refuses an employee and a system owner with a Swedish message', async () => {
    for (const who of [EVA, OLLE]) {
      const r = await getJson(who, 'reports/yearly?year=2025');
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('informationssäkerhetssamordnare') });
      const file = await post(who, 'reports/yearly/export', { year: 2025, format: 'docx' });
      expect(file.status).toBe(403);
    }
  });

  it('answers 400 for a missing, future or malformed year and an unknown format', async () => {
    for (const q of ['', '?year=', '?year=2027', '?year=25', '?year=1999'])
      expect((await getJson(SARA, `reports/yearly${q}`)).status).toBe(400);
    expect((await post(SARA, 'reports/yearly/export', { year: 2025, format: 'pdf' })).status).toBe(400);
    expect((await post(SARA, 'reports/yearly/export', { year: '2025', format: 'docx' })).status).toBe(400);
  });
});

describe('POST /api/v1/reports/yearly/export', () => {
  const TEXT = 'Året präglades av arbetet med MFA. Anna Andersson ledde arbetet.';

  it('gives the .docx with the section text (redacted) before the computed sentences', async () => {
    const res = await post(SARA, 'reports/yearly/export', { year: 2025, format: 'docx', texts: { incidents: TEXT, other: 'ignoreras' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain('arlig-aterrapportering-2025.docx');
    const doc = readDocx(new Uint8Array(await res.arrayBuffer()));
    const h1 = doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1).toEqual([
      '1 Genomförda åtgärder',
      '2 Inträffade incidenter och händelser',
      '3 Status per område',
      '4 Budgetsammanställning',
    ]);
    const afterIncidents = doc.paragraphs.slice(doc.paragraphs.findIndex((p) => p.style === 'Heading1' && p.text === h1[1]) + 1);
    expect(afterIncidents[0]?.text).toContain('Året präglades av arbetet med MFA.');
    expect(doc.allText).not.toContain('Anna Andersson');
    expect(doc.allText).not.toContain('ignoreras');
  });

  it('gives the .xlsx appendix', async () => {
    const res = await post(ADMIN, 'reports/yearly/export', { year: 2025, format: 'xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('arlig-aterrapportering-2025.xlsx');
    const book = await readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Om bilagan',
      '1 Genomförda åtgärder',
      '2 Inträffade incidenter och hän',
      '3 Status per område',
      '4 Budgetsammanställning',
    ]);
  });
});
