/**
 * A demo seed that is interrupted half-way — the store failing mid-list, or the process dying —
 * is finished by the next seed with the same data, and the result equals a clean seed: the same
 * items in every list, none twice, lookups and people resolved the same way. The marker in the
 * settings list says 'klar' only once everything is stored; a site with data but no marker is
 * left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, LOCAL_ADMIN_UPN } from '../../src/cli/local-stack.js';
import { demoLists, generateDemoMunicipality, type DemoData, type DemoListKey } from '../../src/demo/municipality.js';
import { DEMO_SEED_KEY, readSeedMarker, seedSite, type SeedOutcome } from '../../src/demo/seed.js';
import { createRepositories, createSp } from '../../src/shared/data/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { listSpec } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

type Repos = ReturnType<typeof createRepositories>;

/** Every list as sorted, comparable rows: schema fields only, people by e-mail, lookups by title. */
async function snapshot(repos: Repos): Promise<Record<DemoListKey, string[]>> {
  const out = {} as Record<DemoListKey, string[]>;
  for (const list of demoLists) {
    const records = (await repos[list].all()) as unknown as Record<string, unknown>[];
    out[list] = records
      .map((record) => {
        const row: Record<string, unknown> = {};
        for (const f of listSpec(list).fields) {
          const v = record[f.key];
          const ref = (x: unknown) => {
            const r = x as { title?: string; email?: string } | null;
            return r ? (f.type === 'user' || f.type === 'userMulti' ? (r.email ?? r.title) : r.title) : null;
          };
          row[f.key] =
            f.type === 'user' || f.type === 'lookup'
              ? ref(v)
              : f.type === 'userMulti' || f.type === 'lookupMulti'
                ? ((v as unknown[]) ?? []).map(ref).sort()
                : v;
        }
        return JSON.stringify(row);
      })
      .sort();
  }
  return out;
}

const counts = (s: Record<DemoListKey, string[]>) => Object.fromEntries(demoLists.map((l) => [l, s[l].length]));

async function freshSite(data: DemoData): Promise<TestSite> {
  const site = await startTestSite();
  site.store.addDirectoryUsers(data.people);
  site.store.setPersonas(data.personas);
  return site;
}

const data = generateDemoMunicipality({ seed: 1, now: new Date('2026-05-10T10:00:00Z') });
let clean: Record<DemoListKey, string[]>;

beforeAll(async () => {
  const site = await freshSite(data);
  try {
    const outcome = await seedSite(site.reposAs(ADMIN), data);
    expect(outcome.state).toBe('seeded');
    clean = await snapshot(site.reposAs(ADMIN));
  } finally {
    await site.close();
  }
});

describe('an interrupted demo seed, seeded again', () => {
  const full = () => Object.fromEntries(demoLists.map((l) => [l, data[l].length]));

  it.each([
    [
      'the store fails after a few $batch requests of the incident log',
      'incidents: 111 av 111 (Incidenter)',
      (site: TestSite) => site.store.setFaults([{ match: '\\$batch', times: 3 }, { drop: true }]),
      'timeline',
    ],
    [
      'the process stops after the first 500 training completions',
      'trainingCompletions: 500 av',
      () => {
        throw new Error('avbruten');
      },
      'trainingCompletions',
    ],
  ] as const)(
    '%s: resumes and equals a clean seed',
    async (_name, at, interrupt, partial) => {
      const site = await freshSite(data);
      try {
        const admin = site.reposAs(ADMIN);
        await expect(
          seedSite(admin, data, {
            onProgress: (line) => {
              if (line.startsWith(at)) interrupt(site);
            },
          }),
        ).rejects.toThrow();
        site.store.setFaults([]);

        // Half-way: the list it stopped in is partly written, and the marker says so.
        const stopped = (await admin[partial].all()).length;
        expect(stopped).toBeGreaterThan(0);
        expect(stopped).toBeLessThan(data[partial].length);
        expect((await readSeedMarker(admin))?.status).toBe('påbörjad');

        const progress: string[] = [];
        const resumed: SeedOutcome = await seedSite(admin, data, { onProgress: (line) => progress.push(line) });
        expect(resumed).toMatchObject({ seeded: true, state: 'resumed', failures: [], counts: full() });
        expect(resumed.found[partial]).toBe(stopped);
        expect(progress[0]).toBe('Demodata för Exempelkommun blev inte klar förra gången – fortsätter där det avbröts …');

        const after = await snapshot(admin);
        expect(counts(after)).toEqual(counts(clean));
        expect(after).toEqual(clean);
        expect(await readSeedMarker(admin)).toEqual({
          status: 'klar',
          municipality: 'Exempelkommun',
          seed: 1,
          generatedAt: data.municipality.generatedAt,
        });
        // One marker row, and the personas are in their groups as after a clean seed.
        expect((await admin.settings.all()).filter((r) => r.title === DEMO_SEED_KEY)).toHaveLength(1);
        for (const persona of data.personas) expect((await site.reposAs(persona.upn).me.current()).roles).toContain(persona.role);

        // Complete now: a further seed writes nothing.
        expect((await seedSite(admin, data)).state).toBe('alreadySeeded');
        expect((await admin.trainingCompletions.all()).length).toBe(data.trainingCompletions.length);
      } finally {
        await site.close();
      }
    },
    180_000,
  );

  it('refuses to resume with other data than it began with', async () => {
    const site = await freshSite(data);
    try {
      const admin = site.reposAs(ADMIN);
      await expect(
        seedSite(admin, data, {
          onProgress: (line) => {
            if (line.startsWith('departments:')) throw new Error('avbruten');
          },
        }),
      ).rejects.toThrow('avbruten');
      const other = generateDemoMunicipality({ seed: 1, now: new Date('2026-08-01T10:00:00Z') });
      await expect(seedSite(admin, other)).rejects.toThrow(
        'Demodata för Exempelkommun (frö 1, skapad 2026-05-10T10:00:00.000Z) blev inte klar, men nu gavs andra data',
      );
      expect((await admin.staff.all()).length).toBe(0);
    } finally {
      await site.close();
    }
  }, 60_000);

  it('never writes to a site that holds data without a marker', async () => {
    const site = await freshSite(data);
    try {
      const admin = site.reposAs(ADMIN);
      await admin.departments.add({ title: 'Kommunledningsförvaltningen', code: 'KLF' });
      const progress: string[] = [];
      const outcome = await seedSite(admin, data, { onProgress: (line) => progress.push(line) });
      expect(outcome).toMatchObject({ seeded: false, state: 'existingData' });
      expect(progress).toEqual([
        'Webbplatsen innehåller redan data men ingen markering om demodata – inget skrivs över och demodata skapas inte.',
      ]);
      expect((await admin.departments.all()).length).toBe(1);
      expect(await readSeedMarker(admin)).toBeNull();
    } finally {
      await site.close();
    }
  }, 60_000);
});

describe('the local stack interrupted while seeding', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'systemkoll-seed-resume-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes the seed on the next start, with the data it began with', async () => {
    await expect(
      startLocalStack({
        dataDir,
        port: 0,
        log: (line) => {
          if (line.startsWith('timeline: 500 av')) throw new Error('avbruten');
        },
      }),
    ).rejects.toThrow('avbruten');

    const log: string[] = [];
    const second = await startLocalStack({ dataDir, port: 0, log: (line) => log.push(line) });
    try {
      expect(second.seeded).toBe(true);
      expect(log).toContain('Demodata för Exempelkommun blev inte klar förra gången – fortsätter där det avbröts …');
      const admin = createRepositories(createSp({ siteUrl: second.siteUrl, getToken: async () => createLocalToken(LOCAL_ADMIN_UPN) }));
      const marker = await readSeedMarker(admin);
      expect(marker?.status).toBe('klar');
      const expected = generateDemoMunicipality({ seed: 1, now: new Date(marker!.generatedAt) });
      const stored = await snapshot(admin);
      expect(counts(stored)).toEqual(Object.fromEntries(demoLists.map((l) => [l, expected[l].length])));
      const unique = (values: unknown[]) => new Set(values).size;
      expect(unique((await admin.incidents.all()).map((i) => i.referenceNumber))).toBe(expected.incidents.length);
      expect(unique((await admin.trainingCompletions.all()).map((c) => c.completionKey))).toBe(expected.trainingCompletions.length);
      expect(unique((await admin.systems.all()).map((s) => s.title))).toBe(expected.systems.length);
    } finally {
      await second.close();
    }

    const third = await startLocalStack({ dataDir, port: 0 });
    try {
      expect(third.seeded).toBe(false);
    } finally {
      await third.close();
    }
  }, 180_000);
});
