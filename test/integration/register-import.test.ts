/**
 * Importing real (messy) registers into a provisioned store through the repositories, as the CLI
 * does: the JSON report row by row, a dry run that writes nothing, a re-import that changes
 * nothing, a retry after a reply lost once SharePoint had committed the batch (no duplicates), the
 * refusal for someone who may only read the register, and export → import → unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ADMIN, type TestSite } from '../support/local-site.js';
import { startRegisterSite } from '../support/register-site.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { importRegister, IMPORT_MAPPING_KEY, type ImportReport } from '../../src/register-io/import-register.js';
import { parseXlsx, readTable, type Table } from '../../src/register-io/read-table.js';
import { exportRegister } from '../../src/register-io/export-register.js';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/register', name);
const people = [
  { upn: 'anna@exempelkommun.se', displayName: 'Anna Andersson' },
  { upn: 'bo@exempelkommun.se', displayName: 'Bo Berg' },
  { upn: 'cia@exempelkommun.se', displayName: 'Cia Carlsson' },
  { upn: 'dan@exempelkommun.se', displayName: 'Dan Dahl' },
];

let site: TestSite;
let dir: string;

/** A client as `upn` whose writes are not resent by PnPjs (as the CLI's writeSp). */
function clients(upn = ADMIN, siteUrl = site.siteUrl) {
  const getToken = async () => createLocalToken(upn);
  return {
    sp: createSp({ siteUrl, getToken, retryInterval: 20 }),
    writeSp: createSp({ siteUrl, getToken, retries: 1 }),
  };
}

function run(table: Table, options: { dryRun?: boolean; upn?: string; siteUrl?: string } = {}): Promise<ImportReport> {
  return importRegister({ ...clients(options.upn, options.siteUrl), table, dryRun: options.dryRun ?? false });
}

const summary = (r: ImportReport) => ({
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  warnings: r.warnings,
  errors: r.errors,
});

let close: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ site, dir, close } = await startRegisterSite('systemkoll-import-', people));
}, 60_000);
afterAll(() => close());

describe('import of a messy CSV (semicolons, BOM, CRLF, placeholders, free text, unknown people)', () => {
  let table: Table;
  beforeAll(async () => {
    table = await readTable(fixture('messy.csv'));
  });

  it('dry run: the row-by-row report, nothing written', async () => {
    const report = await run(table, { dryRun: true });
    expect(summary(report)).toEqual({ created: 4, updated: 0, unchanged: 0, warnings: 2, errors: 1 });
    expect(await site.reposAs(ADMIN).systems.all()).toEqual([]);
    const settings = await site.reposAs(ADMIN).settings.list();
    expect(settings.some((s) => s.title === IMPORT_MAPPING_KEY)).toBe(false);
  });

  it('commit: creates each system once, keeps what does not fit, names column and value', async () => {
    const report = await run(table);
    expect(summary(report)).toEqual({ created: 4, updated: 0, unchanged: 0, warnings: 2, errors: 1 });
    expect(report.rows.map((r) => [r.row, r.system, r.status, r.action])).toEqual([
      [2, 'Procapita', 'created', 'created'],
      [3, 'Lönesystem', 'warning', 'created'],
      [4, 'Lönesystem', 'warning', 'created'],
      [5, 'Skolplattform', 'created', 'created'],
      [6, '', 'error', 'none'],
    ]);
    expect(report.rows[1]!.messages).toEqual([
      'Kolumnen "Avtalet löper ut": "Löpande – uppsägningstid 3–12 månader" är inget datum; texten sparas i "Anteckningar från import".',
    ]);
    expect(report.rows[2]!.messages).toEqual([
      'Kolumnen "Systemägare": "okand@exempelkommun.se" finns inte i katalogen och kopplades inte till någon användare; texten sparas i "Anteckningar från import".',
    ]);
    expect(report.rows[4]!.messages).toEqual(['Systemnamnet saknas – raden kan inte importeras.']);

    const systems = await site.reposAs(ADMIN).systems.all();
    expect(systems).toHaveLength(4);
    const by = (title: string, dept: string) => systems.find((s) => s.title === title && s.department?.title === dept)!;
    const procapita = by('Procapita', 'Socialförvaltningen');
    expect(procapita).toMatchObject({
      supplier: 'Tieto',
      contractEndDate: '2027-03-31',
      personalData: true,
      confidentiality: 3,
      integrity: 2,
      availability: 2,
      traceability: null,
      costLicences: 120000,
      criticality: 'verksamhetskritisk',
      societallyCritical: true,
      description: 'Verksamhetssystem för\nhemtjänst; LSS och IFO',
    });
    expect(procapita.systemOwner?.email).toBe('anna@exempelkommun.se');
    expect(procapita.systemAdministrator?.email).toBe('bo@exempelkommun.se');
    expect(procapita.administrators.map((p) => p.email).sort()).toEqual(['bo@exempelkommun.se', 'cia@exempelkommun.se']);
    // The same name in two förvaltningar is two systems.
    const lonSof = by('Lönesystem', 'Socialförvaltningen');
    const lonBuf = by('Lönesystem', 'Barn- och utbildningsförvaltningen');
    expect(lonSof.id).not.toBe(lonBuf.id);
    expect(lonSof).toMatchObject({ contractEndDate: null, traceability: 1, costLicences: 1234.5, systemAdministrator: null });
    expect(lonSof.importNotes).toContain('- Avtalet löper ut: Löpande – uppsägningstid 3–12 månader');
    expect(lonBuf).toMatchObject({ systemOwner: null, contractEndDate: '2026-12-31', personalData: false, costLicences: null });
    // "BUF" is the förvaltning's code; an Excel serial in a CSV date column; placeholders are nothing.
    expect(by('Skolplattform', 'Barn- och utbildningsförvaltningen')).toMatchObject({
      contractEndDate: '2027-03-31',
      supplier: null,
      personalData: true,
      criticality: null,
      description: null,
    });
    // The mapping is saved for next time (a real import only).
    const saved = (await site.reposAs(ADMIN).settings.list()).find((s) => s.title === IMPORT_MAPPING_KEY);
    expect(JSON.parse(saved!.value!)).toMatchObject({
      systemnamn: 'title',
      forvaltare: 'systemAdministrator',
      klassning: 'classification',
    });
  });

  it('re-importing the same file changes nothing', async () => {
    const before = site.store.stats.requests;
    site.store.stats.reset();
    const report = await run(table);
    expect(summary(report)).toEqual({ created: 0, updated: 0, unchanged: 4, warnings: 2, errors: 1 });
    expect(report.rows.filter((r) => r.status !== 'error').every((r) => r.action === 'unchanged')).toBe(true);
    expect(await site.reposAs(ADMIN).systems.all()).toHaveLength(4);
    // Reads only: register, förvaltningar, settings and one batch of people (+ this test's read).
    expect(site.store.stats.requests).toBe(5);
    expect(before).toBeGreaterThan(0);
  });

  it('a changed file updates only what changed', async () => {
    const changed: Table = {
      headers: table.headers,
      rows: table.rows.map((r) => (r.row === 2 ? { row: 2, cells: r.cells.map((c, i) => (i === 4 ? 'Tietoevry' : c)) } : r)),
    };
    const report = await run(changed);
    expect(summary(report)).toEqual({ created: 0, updated: 1, unchanged: 3, warnings: 2, errors: 1 });
    const systems = await site.reposAs(ADMIN).systems.all();
    expect(systems.find((s) => s.title === 'Procapita')!.supplier).toBe('Tietoevry');
  });

  it('reads an older Excel CSV: comma separated, Windows-1252, English headers', async () => {
    const report = await run(await readTable(fixture('comma-cp1252.csv')), { dryRun: true });
    expect(report.columns.map((c) => c.field)).toEqual([
      'title',
      'department',
      'systemOwner',
      'systemAdministrator',
      'supplier',
      'contractEndDate',
      'personalData',
    ]);
    expect(report.rows).toEqual([{ row: 2, system: 'Ärendehanteringssystem', status: 'created', action: 'created', messages: [] }]);
  });
});

describe('import of an .xlsx (typed cells, a title row, external ids)', () => {
  async function workbook(): Promise<Table> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Register');
    ws.addRow(['Systemförteckning Exempelkommun 2026']);
    ws.addRow(['Externt ID', 'System', 'Förvaltning', 'Owner', 'Avtalsslut', 'PU', 'K', 'R', 'T', 'Kostnad drift', 'Samhällsviktig']);
    ws.addRow([1001, 'Ekonomisystem', 'SOF', 'dan@exempelkommun.se', new Date(Date.UTC(2028, 0, 31)), true, 2, 3, 1, 50000, 'JA']);
    ws.addRow([
      '1002',
      'Ekonomisystem',
      'BUF',
      { text: 'dan@exempelkommun.se', hyperlink: 'mailto:dan@exempelkommun.se' },
      47000,
      'nej',
      1,
      1,
      1,
      { formula: '2*1000', result: 2000 },
      'x',
    ]);
    ws.addRow(['1003', 'Elevregister', 'BUF', 'Dan Dahl', '-', 'x', '.', '.', '.', '', 'nej']);
    return parseXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
  }

  it('imports, matches by external id, and re-imports unchanged', async () => {
    const table = await workbook();
    expect(table.headers[0]).toBe('Externt ID');
    const first = await run(table);
    expect(summary(first)).toEqual({ created: 3, updated: 0, unchanged: 0, warnings: 1, errors: 0 });
    expect(first.rows[2]!.messages).toEqual([
      'Kolumnen "Owner": "Dan Dahl" saknar e-postadress och kan inte kopplas till en användare; texten sparas i "Anteckningar från import".',
    ]);
    const systems = await site.reposAs(ADMIN).systems.all();
    const e1 = systems.find((s) => s.externalId === '1001')!;
    expect(e1).toMatchObject({
      title: 'Ekonomisystem',
      contractEndDate: '2028-01-31',
      personalData: true,
      costOperation: 50000,
      societallyCritical: true,
    });
    expect(systems.find((s) => s.externalId === '1002')).toMatchObject({
      contractEndDate: '2028-09-04',
      costOperation: 2000,
      societallyCritical: true,
    });
    expect(summary(await run(table))).toEqual({ created: 0, updated: 0, unchanged: 3, warnings: 1, errors: 0 });
  });
});

describe('a retry after a dropped connection', () => {
  /** Forwards to the store; the first POST to $batch is run by the store, then its reply is dropped. */
  async function droppingProxy(): Promise<{ url: string; dropped: () => number; server: Server }> {
    const target = new URL(site.siteUrl);
    let dropped = 0;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const up = request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
          (upRes) => {
            const body: Buffer[] = [];
            upRes.on('data', (c: Buffer) => body.push(c));
            upRes.on('end', () => {
              if (req.method === 'POST' && /\$batch/.test(req.url ?? '') && dropped === 0) {
                dropped++;
                req.socket.destroy();
                return;
              }
              res.writeHead(upRes.statusCode ?? 500, upRes.headers);
              res.end(Buffer.concat(body));
            });
          },
        );
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return { url: `http://127.0.0.1:${port}${target.pathname}`, dropped: () => dropped, server };
  }

  function many(prefix: string, n: number): Table {
    return {
      headers: ['Systemnamn', 'Förvaltning', 'Leverantör'],
      rows: Array.from({ length: n }, (_, i) => ({ row: i + 2, cells: [`${prefix} ${i + 1}`, i % 2 ? 'SOF' : 'BUF', 'Leverantör AB'] })),
    };
  }

  it('reads the register again and creates no duplicates when a committed batch’s reply is lost', async () => {
    const proxy = await droppingProxy();
    try {
      const table = many('Tappad', 150);
      const report = await run(table, { siteUrl: proxy.url });
      expect(proxy.dropped()).toBe(1);
      expect(summary(report)).toEqual({ created: 150, updated: 0, unchanged: 0, warnings: 0, errors: 0 });
      const stored = (await site.reposAs(ADMIN).systems.all()).filter((s) => s.title.startsWith('Tappad '));
      expect(stored).toHaveLength(150);
      expect(new Set(stored.map((s) => s.title)).size).toBe(150);
      expect(summary(await run(table))).toEqual({ created: 0, updated: 0, unchanged: 150, warnings: 0, errors: 0 });
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  // The same with the store's own fault injection: the $batch runs (its changes are committed) and
  // its reply is dropped.
  it('the same with the store’s own fault injection (dropReply on $batch)', async () => {
    site.store.setFaults([{ match: '\\$batch', method: 'POST', dropReply: true, times: 1 }]);
    try {
      const table = many('Fel', 120);
      const report = await run(table);
      expect(summary(report)).toEqual({ created: 120, updated: 0, unchanged: 0, warnings: 0, errors: 0 });
      const stored = (await site.reposAs(ADMIN).systems.all()).filter((s) => s.title.startsWith('Fel '));
      expect(stored).toHaveLength(120);
    } finally {
      site.store.setFaults([]);
    }
  });
});

describe('throttling and an explicit mapping', () => {
  it('waits as long as SharePoint asks (Retry-After) before writing again, and follows --map', async () => {
    site.store.setFaults([{ match: '\\$batch', method: 'POST', status: 429, retryAfter: 3, times: 1 }]);
    const waits: number[] = [];
    try {
      const report = await importRegister({
        ...clients(),
        table: {
          headers: ['Benämning', 'Org', 'Övrigt'],
          rows: [
            { row: 2, cells: ['Strypt system 1', 'SOF', 'inte med'] },
            { row: 3, cells: ['Strypt system 2', 'BUF', 'inte med'] },
          ],
        },
        mapping: { benämning: 'title', ORG: 'department', Övrigt: 'ignore' },
        wait: async (ms) => {
          waits.push(ms);
        },
      });
      expect(summary(report)).toEqual({ created: 2, updated: 0, unchanged: 0, warnings: 0, errors: 0 });
      expect(report.columns).toEqual([
        { column: 'Benämning', field: 'title', source: 'explicit' },
        { column: 'Org', field: 'department', source: 'explicit' },
        { column: 'Övrigt', field: null, source: 'explicit' },
      ]);
    } finally {
      site.store.setFaults([]);
    }
    expect(waits).toEqual([3000]);
    const stored = (await site.reposAs(ADMIN).systems.all()).filter((s) => s.title.startsWith('Strypt system'));
    expect(stored.map((s) => [s.title, s.department?.title, s.importNotes])).toEqual([
      ['Strypt system 1', 'Socialförvaltningen', null],
      ['Strypt system 2', 'Barn- och utbildningsförvaltningen', null],
    ]);
  });
});

describe('who may import', () => {
  it('refuses someone who may only read the register, in Swedish, and writes nothing', async () => {
    const before = (await site.reposAs(ADMIN).systems.all()).length;
    const report = await run(
      { headers: ['Systemnamn'], rows: [{ row: 2, cells: ['Obehörigt system'] }] },
      { upn: 'anna@exempelkommun.se' },
    );
    expect(summary(report)).toMatchObject({ created: 0, errors: 1 });
    expect(report.rows[0]!.messages[0]).toContain('SharePoint nekade ändringen');
    expect((await site.reposAs(ADMIN).systems.all()).length).toBe(before);
  });
});

describe('dependencies between systems in the same file', () => {
  it('links a system to one created further down the file, and re-imports unchanged', async () => {
    const table: Table = {
      headers: ['Systemnamn', 'Förvaltning', 'Typ', 'Beroende av'],
      rows: [
        { row: 2, cells: ['E-tjänsteplattform', 'SOF', 'Verksamhetssystem', 'Identitetstjänst; Nätverk'] },
        { row: 3, cells: ['Identitetstjänst', 'SOF', 'Gemensam infrastruktur', 'Nätverk'] },
        { row: 4, cells: ['Nätverk', 'SOF', 'Gemensam infrastruktur', '-'] },
      ],
    };
    const report = await run(table);
    expect(summary(report)).toEqual({ created: 3, updated: 0, unchanged: 0, warnings: 0, errors: 0 });
    const systems = await site.reposAs(ADMIN).systems.all();
    const id = (t: string) => systems.find((s) => s.title === t)!.id;
    const eTjanst = systems.find((s) => s.title === 'E-tjänsteplattform')!;
    expect(eTjanst.dependsOn.map((d) => d.id).sort()).toEqual([id('Identitetstjänst'), id('Nätverk')].sort());
    expect(systems.find((s) => s.title === 'Nätverk')).toMatchObject({ systemType: 'gemensam infrastruktur', dependsOn: [] });
    expect(summary(await run(table))).toEqual({ created: 0, updated: 0, unchanged: 3, warnings: 0, errors: 0 });
  });
});

describe('export', () => {
  it('writes every schema field under its Swedish title, labels and people, and imports back unchanged', async () => {
    const out = join(dir, 'register.xlsx');
    const count = await exportRegister(site.spAs(ADMIN), out);
    const stored = await site.reposAs(ADMIN).systems.all();
    expect(count).toBe(stored.length);
    const table = await readTable(out);
    expect(table.headers).toContain('Systemnamn');
    expect(table.headers).toContain('Anteckningar från import');
    expect(table.headers).toContain('Förvaltningsteam');
    const procapita = table.rows.find((r) => r.cells[table.headers.indexOf('Systemnamn')] === 'Procapita')!;
    const cell = (h: string) => procapita.cells[table.headers.indexOf(h)];
    expect(cell('Förvaltning')).toBe('Socialförvaltningen');
    expect(cell('Systemägare')).toBe('Anna Andersson <anna@exempelkommun.se>');
    expect(cell('Samhällsviktig')).toBe('Ja');
    expect(cell('Livscykelstatus')).toBe('I drift');
    expect(cell('Verksamhetskritikalitet')).toBe('Verksamhetskritisk');
    expect(cell('Avtalet löper ut')).toEqual(new Date(Date.UTC(2027, 2, 31)));

    const report = await run(table);
    expect(report.errors).toBe(0);
    expect(report.created + report.updated).toBe(0);
    expect(report.unchanged).toBe(stored.length);
  });
});

describe('scale', () => {
  it('imports 2,000 rows in a few round trips: one register read, 100 per $batch', async () => {
    const n = 2000;
    const table: Table = {
      headers: ['Externt id', 'Systemnamn', 'Förvaltning', 'Systemägare', 'Förvaltare', 'Klassning', 'Avtalsslut'],
      rows: Array.from({ length: n }, (_, i) => ({
        row: i + 2,
        cells: [
          `S-${i + 1}`,
          `Skalsystem ${i + 1}`,
          i % 2 ? 'SOF' : 'BUF',
          people[i % people.length]!.upn,
          `${people[(i + 1) % people.length]!.upn}; ${people[(i + 2) % people.length]!.upn}`,
          'K2 R2 T3 S1',
          45000 + (i % 700),
        ],
      })),
    };
    site.store.stats.reset();
    const started = performance.now();
    const report = await run(table);
    const ms = Math.round(performance.now() - started);
    const trips = site.store.stats.requests;
    expect(summary(report)).toEqual({ created: n, updated: 0, unchanged: 0, warnings: 0, errors: 0 });
    // Register, förvaltningar, settings, one batch of people, 20 batches of 100, the saved mapping.
    expect(trips).toBeLessThanOrEqual(26);
    site.store.stats.reset();
    const again = await run(table);
    expect(summary(again)).toEqual({ created: 0, updated: 0, unchanged: n, warnings: 0, errors: 0 });
    expect(site.store.stats.requests).toBeLessThanOrEqual(4);
    // Figures for the record (no wall-clock assertion): about 25 round trips and 2 s locally.
    expect(ms).toBeGreaterThan(0);
  }, 120_000);
});
