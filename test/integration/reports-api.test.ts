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
import type { TermReport, YearlyReport } from '../../src/domain/reports/index.js';
import { DocumentLibrary } from '../../src/shared/data/index.js';
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

describe('GET /api/v1/reports/term and POST reports/term/export', () => {
  it('gives a coordinator the JSON `npm run report -- term` writes and the .docx; refuses an employee and a bad span', async () => {
    const built = await buildReport(site.spAs(ADMIN), { kind: 'term', from: 2024, to: 2025 }, NOW);
    const cli = JSON.parse(new TextDecoder().decode(await renderReport(built, 'json'))) as TermReport;
    const r = await getJson(SARA, 'reports/term?from=2024&to=2025');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(cli);
    expect((await getJson(EVA, 'reports/term?from=2024&to=2025')).status).toBe(403);
    for (const q of ['from=2025&to=2024', 'from=2016&to=2025', 'from=2024&to=2027', 'from=x&to=2025'])
      expect((await getJson(SARA, `reports/term?${q}`)).status, q).toBe(400);
    const res = await post(SARA, 'reports/term/export', { from: 2024, to: 2025, format: 'docx', texts: { conclusions: 'Slutsats.' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('aterrapportering-mandatperiod-2024-2025.docx');
    const doc = readDocx(new Uint8Array(await res.arrayBuffer()));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(cli.headings);
    expect(doc.paragraphs.map((p) => p.text)).toContain('Slutsats.');
    expect(doc.images.map((i) => i.title)).toEqual(['IT-incidenter per år', 'Kostnader per år mot budget']);
  });
});

describe('POST /api/v1/reports/save and GET reports/library', () => {
  const library = () => new DocumentLibrary(site.spAs(ADMIN), 'reports');

  it('refuses an employee and a system owner (403) and stores nothing', async () => {
    for (const who of [EVA, OLLE]) {
      const res = await post(who, 'reports/save', { kind: 'yearly', year: 2025 });
      expect(res.status, who).toBe(403);
      expect(((await res.json()) as { message: string }).message).toContain('informationssäkerhetssamordnare');
      expect((await getJson(who, 'reports/library')).status).toBe(403);
      expect((await fetch(`${api}/api/v1/reports/library/file?folder=2025&name=x.docx`, { headers: headers(who) })).status).toBe(403);
    }
    expect(await library().list('2025')).toEqual([]);
  });

  it('stores the .docx and .xlsx in Rapporter/<year>/; saving again makes a new version of each; the list and download follow', async () => {
    const first = await post(SARA, 'reports/save', {
      kind: 'yearly',
      year: 2025,
      texts: { budget: 'Budgeten höll. Anna Andersson räknade.' },
    });
    expect(first.status).toBe(201);
    const { files } = (await first.json()) as { files: { name: string; folder: string; url: string; version: string }[] };
    expect(files.map((f) => [f.folder, f.name, f.version])).toEqual([
      ['2025', 'arlig-aterrapportering-2025.docx', '1.0'],
      ['2025', 'arlig-aterrapportering-2025.xlsx', '1.0'],
    ]);
    const stored = readDocx(await library().download('2025', 'arlig-aterrapportering-2025.docx'));
    expect(stored.paragraphs.map((p) => p.text)).toContain('Budgeten höll. [namn] räknade.');
    expect(stored.allText).not.toContain('Anna Andersson');

    const again = (await (await post(ADMIN, 'reports/save', { kind: 'yearly', year: 2025 })).json()) as { files: { version: string }[] };
    expect(again.files.map((f) => f.version)).toEqual(['2.0', '2.0']);
    const term = await post(SARA, 'reports/save', { kind: 'term', from: 2024, to: 2025 });
    expect(term.status).toBe(201);

    const listed = await getJson(SARA, 'reports/library');
    expect(listed.status).toBe(200);
    expect((listed.body.files as { folder: string; name: string; version: string }[]).map((f) => [f.folder, f.name, f.version])).toEqual([
      ['2025', 'arlig-aterrapportering-2025.docx', '2.0'],
      ['2025', 'arlig-aterrapportering-2025.xlsx', '2.0'],
      ['2025', 'aterrapportering-mandatperiod-2024-2025.docx', '1.0'],
      ['2025', 'aterrapportering-mandatperiod-2024-2025.xlsx', '1.0'],
    ]);
    const download = await fetch(`${api}/api/v1/reports/library/file?folder=2025&name=arlig-aterrapportering-2025.xlsx`, {
      headers: headers(SARA),
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(await library().download('2025', 'arlig-aterrapportering-2025.xlsx'));
    const missing = await fetch(`${api}/api/v1/reports/library/file?folder=2025&name=finns-inte.docx`, { headers: headers(SARA) });
    expect(missing.status).toBe(404);
    expect((await fetch(`${api}/api/v1/reports/library/file?folder=../x&name=a.docx`, { headers: headers(SARA) })).status).toBe(400);
  });
});
