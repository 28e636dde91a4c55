/**
 * The register list's read (the exact request the page makes) against the local store with a small
 * list view threshold: every filter stays valid past the threshold, the projection is narrow, and a
 * cold load is one round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSharePoint, type LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories, where } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { provisionSite } from '../../src/provisioning/provision.js';
import { emptyFilters, type RegisterFilters } from '../../src/features/systems/api/register-query.js';
import {
  FIRST_PAGE,
  moreRegister,
  readRegister,
  readRegisterStart,
  type RegisterQueryInput,
} from '../../src/features/systems/api/register-read.js';

const ADMIN = 'admin@exempelkommun.se';
const THRESHOLD = 60;
const TOTAL = 130;
const TODAY = '2026-12-04';

let store: LocalSharePoint;
let data: { sp: ReturnType<typeof createSp>; repos: ReturnType<typeof createRepositories> };
let ownerId = 0;

beforeAll(async () => {
  store = await startLocalSharePoint({ port: 0, listViewThreshold: THRESHOLD });
  const sp = createSp({ siteUrl: store.siteUrl, getToken: async () => createLocalToken(ADMIN), retryInterval: 20 });
  await provisionSite(sp);
  const repos = createRepositories(sp);
  data = { sp, repos };
  store.addDirectoryUsers([
    { upn: 'anna@exempelkommun.se', displayName: 'Anna Ägare' },
    { upn: 'bo@exempelkommun.se', displayName: 'Bo Förvaltare' },
  ]);
  const anna = await repos.users.ensure('anna@exempelkommun.se');
  const bo = await repos.users.ensure('bo@exempelkommun.se');
  ownerId = anna.id;
  const depts: { id: number }[] = [];
  for (const [code, title] of [
    ['SOC', 'Socialförvaltningen'],
    ['KS', 'Kommunstyrelseförvaltningen'],
    ['BUF', 'Barn- och utbildningsförvaltningen'],
  ] as const)
    depts.push(await repos.departments.add({ code, title }));
  const lifecycle = ['planerad', 'i drift', 'under avveckling', 'avvecklad'] as const;
  const drafts = Array.from({ length: TOTAL }, (_, i) => ({
    title: `System ${String(i).padStart(3, '0')}`,
    description: 'En lång beskrivning som listan inte ska hämta.',
    department: { id: depts[i % 3]!.id },
    lifecycleStatus: lifecycle[i % 4]!,
    criticality: i % 3 === 0 ? ('verksamhetskritisk' as const) : ('övrig' as const),
    societallyCritical: i % 5 === 0,
    systemOwner: i % 7 === 0 ? null : { id: anna.id },
    systemAdministrator: i % 11 === 0 ? null : { id: bo.id },
    supplier: (['Tieto', 'Visma', 'Evry'] as const)[i % 3]!,
    confidentiality: (i % 4) + 1,
    contractEndDate: i % 10 === 0 ? '2026-12-20' : '2028-01-01',
  }));
  for (const r of await repos.systems.addMany(drafts)) expect(r.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await store.close();
});

const input = (over: Partial<RegisterFilters>): RegisterQueryInput => {
  const { sort: _s, descending: _d, ...filters } = { ...emptyFilters, ...over };
  return { filters, today: TODAY, meId: ownerId };
};

describe('register list past the list view threshold', () => {
  it('the store really enforces the threshold here (a non-indexed filter is refused)', async () => {
    await expect(data.repos.systems.list({ filter: where('systems').ge('confidentiality', 3) })).rejects.toThrow();
  });

  it('cold load: one round trip, narrow columns, every system in name order', async () => {
    store.stats.reset();
    const page = await readRegister(data, input({}));
    expect(store.stats.requests).toBe(1);
    expect(page.rows).toHaveLength(TOTAL);
    expect(page.departments.map((d) => d.code).sort()).toEqual(['BUF', 'KS', 'SOC']);
    const first = page.rows[0]!;
    expect(first.title).toBe('System 000');
    expect(first.department?.title).toBe('Socialförvaltningen');
    expect((first as unknown as { description: unknown }).description).toBeNull();
    expect(page.rows[1]!.systemOwner?.title).toBe('Anna Ägare');
  });

  it('first screen: one round trip with the register size; the rest by skiptoken continues it in name order', async () => {
    store.stats.reset();
    const start = await readRegisterStart(data, input({}));
    expect(store.stats.requests).toBe(1);
    expect(start.rows).toHaveLength(FIRST_PAGE);
    expect(start.complete).toBe(false);
    expect(start.total).toBe(TOTAL);
    store.stats.reset();
    const pages: string[][] = [];
    for await (const page of moreRegister(data, input({}), start.departments, 50)) pages.push(page.map((r) => r.title!));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30]);
    expect(store.stats.requests).toBe(3);
    const all = await readRegister(data, input({}));
    expect(pages.flat()).toEqual(all.rows.map((r) => r.title));
    expect(pages.flat().slice(0, FIRST_PAGE)).toEqual(start.rows.map((r) => r.title));
  });

  it('first screen of a short result is complete', async () => {
    const start = await readRegisterStart(data, input({ societal: true, dept: 'SOC' }));
    expect(start.complete).toBe(true);
    expect(start.rows.map((r) => r.title)).toEqual(
      Array.from({ length: TOTAL }, (_, i) => i)
        .filter((i) => i % 15 === 0)
        .map((i) => `System ${String(i).padStart(3, '0')}`),
    );
  });

  const cases: [string, Partial<RegisterFilters>, (i: number) => boolean][] = [
    ['search (name start)', { q: 'system 01' }, (i) => i >= 10 && i < 20],
    ['search (supplier start)', { q: 'tie' }, (i) => i % 3 === 0],
    ['department', { dept: 'SOC' }, (i) => i % 3 === 0],
    ['lifecycle', { lifecycle: 'under avveckling' }, (i) => i % 4 === 2],
    ['criticality', { criticality: 'verksamhetskritisk' }, (i) => i % 3 === 0],
    ['societally critical', { societal: true }, (i) => i % 5 === 0],
    ['owner = me', { owner: 'me', dept: 'KS' }, (i) => i % 7 !== 0 && i % 3 === 1],
    ['missing owner or administrator', { missingOwner: true }, (i) => i % 7 === 0 || i % 11 === 0],
    ['contract ends within 30 days', { contractDays: 30 }, (i) => i % 10 === 0],
    ['classification ≥ 3 (client-side) with a department', { minLevel: 3, dept: 'BUF' }, (i) => i % 3 === 2 && i % 4 >= 2],
    ['several at once', { societal: true, criticality: 'verksamhetskritisk', lifecycle: 'planerad' }, (i) => i % 60 === 0],
  ];
  for (const [name, filters, expected] of cases) {
    it(`filter: ${name}`, async () => {
      const page = await readRegister(data, input(filters), undefined);
      const want = Array.from({ length: TOTAL }, (_, i) => i)
        .filter(expected)
        .map((i) => `System ${String(i).padStart(3, '0')}`);
      expect(page.rows.map((r) => r.title)).toEqual(want);
    });
  }

  it('a department deep link reads the departments first; known departments make it one request', async () => {
    store.stats.reset();
    const cold = await readRegister(data, input({ dept: 'KS' }));
    expect(store.stats.requests).toBe(2);
    store.stats.reset();
    const warm = await readRegister(data, input({ dept: 'KS' }), cold.departments);
    expect(store.stats.requests).toBe(1);
    expect(warm.rows).toEqual(cold.rows);
    store.stats.reset();
    const coldStart = await readRegisterStart(data, input({ dept: 'KS' }));
    expect(store.stats.requests).toBe(2);
    store.stats.reset();
    await readRegisterStart(data, input({ dept: 'KS' }), coldStart.departments);
    expect(store.stats.requests).toBe(1);
    expect(coldStart.rows.map((r) => r.title)).toEqual(cold.rows.map((r) => r.title));
  });
});
