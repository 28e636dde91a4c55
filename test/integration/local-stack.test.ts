import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, LOCAL_ADMIN_UPN } from '../../src/cli/local-stack.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories, where } from '../../src/shared/data/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'systemkoll-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function tokenFor(storeUrl: string, upn: string): Promise<string> {
  const res = await fetch(`${storeUrl}/_local/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upn }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('local stack: provisioned store with the demo municipality', () => {
  it('seeds Exempelkommun on first start, offers the personas, and keeps data across restarts', async () => {
    const first = await startLocalStack({ dataDir, port: 0, seed: 'demo' });
    let systemsCount = 0;
    try {
      expect(first.seeded).toBe(true);
      const personas = (await (await fetch(`${first.storeUrl}/_local/personas`)).json()) as { upn: string; role: string }[];
      expect(new Set(personas.map((p) => p.role))).toEqual(new Set(['employee', 'systemOwner', 'securityCoordinator', 'admin']));

      const owner = personas.find((p) => p.role === 'systemOwner')!;
      const token = await tokenFor(first.storeUrl, owner.upn);
      const repos = createRepositories(createSp({ siteUrl: first.siteUrl, getToken: async () => token }));
      const me = await repos.me.current();
      expect(me.roles).toContain('systemOwner');
      const mine = await repos.systems.list({ filter: where('systems').eq('systemOwner', { id: me.id }) });
      expect(mine.length).toBeGreaterThan(0);

      const admin = createRepositories(
        createSp({ siteUrl: first.siteUrl, getToken: async () => tokenFor(first.storeUrl, LOCAL_ADMIN_UPN) }),
      );
      const systems = await admin.systems.list();
      systemsCount = systems.length;
      expect(systemsCount).toBeGreaterThanOrEqual(50);
      expect((await admin.departments.list()).length).toBeGreaterThanOrEqual(6);
      expect((await admin.staff.all()).length).toBeGreaterThanOrEqual(250);
      expect((await admin.incidents.all()).length).toBeGreaterThanOrEqual(50);
      // Deliberate gaps so that tasks appear: a system without owner, one never classified.
      expect(systems.some((s) => s.systemOwner === null)).toBe(true);
      expect(systems.some((s) => s.classificationDate === null)).toBe(true);

      const unknown = await fetch(`${first.storeUrl}/_local/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upn: 'okand@exempel.se' }),
      });
      expect(unknown.status).toBe(404);
    } finally {
      await first.close();
    }

    const second = await startLocalStack({ dataDir, port: 0, seed: 'demo' });
    try {
      expect(second.seeded).toBe(false);
      const admin = createRepositories(
        createSp({ siteUrl: second.siteUrl, getToken: async () => tokenFor(second.storeUrl, LOCAL_ADMIN_UPN) }),
      );
      expect((await admin.systems.list()).length).toBe(systemsCount);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('with seed "none" is a provisioned, empty site that knows only the admin', async () => {
    const stack = await startLocalStack({ port: 0, seed: 'none' });
    try {
      const admin = createRepositories(
        createSp({ siteUrl: stack.siteUrl, getToken: async () => tokenFor(stack.storeUrl, LOCAL_ADMIN_UPN) }),
      );
      expect(await admin.systems.list()).toEqual([]);
      expect((await admin.settings.values()).contractWarningDays).toBe(90);
      const res = await fetch(`${stack.storeUrl}/_local/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upn: 'anna.lind@exempelkommun.se' }),
      });
      expect(res.status).toBe(404);
    } finally {
      await stack.close();
    }
  });
});
