import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { startLocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

describe('fault injection and retries', () => {
  let store: LocalSharePoint;
  /** Latency the store was asked to wait, recorded instead of slept. */
  const waited: number[] = [];
  beforeAll(async () => {
    store = await startStore({
      delay: async (ms) => {
        waited.push(ms);
      },
    });
  });
  afterAll(async () => {
    await store.close();
  });

  test('429 with Retry-After is retried by PnPjs and succeeds', async () => {
    // Retry-After 0: the retry is proven by the request count, without a real wait.
    store.setFaults([{ match: '/_api/web$', status: 429, retryAfter: 0, times: 1 }]);
    store.stats.reset();
    const web = await spFor(store, ADMIN).web();
    expect(web.Title).toBe('Systemkoll');
    expect(store.stats.requests).toBe(2);
  });

  test('a dropped connection is retried', async () => {
    store.setFaults([{ match: '_api/web', drop: true, times: 1 }]);
    store.stats.reset();
    expect((await spFor(store, ADMIN).web()).Title).toBe('Systemkoll');
    expect(store.stats.requests).toBe(2);
  });

  test('dropReply runs the request (single or $batch) and its change stays, but no reply arrives', async () => {
    const sp = spFor(store, ADMIN, { retries: 1 });
    await sp.web.lists.add('Tappade svar', '', 100, false);
    const list = sp.web.lists.getByTitle('Tappade svar');
    store.setFaults([{ match: 'Tappade', method: 'POST', dropReply: true, times: 1 }]);
    expect((await statusOf(list.items.add({ Title: 'ett' }))).status).toBe(0);
    store.setFaults([{ match: '\\$batch', method: 'POST', dropReply: true, times: 1 }]);
    const [batched, execute] = sp.batched();
    const parts = [
      batched.web.lists.getByTitle('Tappade svar').items.add({ Title: 'två' }),
      batched.web.lists.getByTitle('Tappade svar').items.add({ Title: 'tre' }),
    ];
    for (const p of parts) p.catch(() => undefined);
    expect((await statusOf(execute())).status).toBe(0);
    store.setFaults([]);
    expect(((await list.items.select('Title')()) as { Title: string }[]).map((i) => i.Title).sort()).toEqual(['ett', 'tre', 'två']);
  });

  test('more faults than retries fail; latency is applied; 503 too', async () => {
    store.setFaults([{ status: 503, retryAfter: 0, times: 3 }]);
    store.stats.reset();
    const r = await statusOf(spFor(store, ADMIN, { retries: 3 }).web());
    expect(r.status).toBe(503);
    expect(store.stats.requests).toBe(3);
    // Latency: the store waits before answering (recorded, not slept), once per `times`, and the answer is unchanged.
    store.setFaults([{ method: 'GET', latencyMs: 150, times: 1 }]);
    waited.length = 0;
    store.stats.reset();
    expect((await spFor(store, ADMIN).web()).Title).toBe('Systemkoll');
    await spFor(store, ADMIN).web();
    expect(waited).toEqual([150]);
    expect(store.stats.requests).toBe(2);
    const res = await fetch(`${store.url}/_local/faults`, {
      method: 'PUT',
      body: JSON.stringify({ rules: [{ status: 429, retryAfter: 7 }] }),
    });
    expect(res.status).toBe(200);
    const throttled = await fetch(`${store.siteUrl}/_api/web`, { headers: { Authorization: `Bearer ${createLocalToken(ADMIN)}` } });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    await fetch(`${store.url}/_local/faults`, { method: 'DELETE' });
    expect((await spFor(store, ADMIN).web()).Title).toBe('Systemkoll');
  });
});

describe('admin endpoints, CORS, loopback', () => {
  let store: LocalSharePoint;
  beforeAll(async () => {
    store = await startStore();
  });
  afterAll(async () => {
    await store.close();
  });

  test('health, token, directory, personas, stats', async () => {
    expect((await (await fetch(`${store.url}/_local/health`)).json()).status).toBe('ok');
    const unknown = await fetch(`${store.url}/_local/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ upn: 'ny@exempelkommun.se' }),
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/Okänd användare/);
    await fetch(`${store.url}/_local/directory`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ users: [{ upn: 'ny@exempelkommun.se', displayName: 'Ny Person' }] }),
    });
    const { token } = (await (
      await fetch(`${store.url}/_local/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ upn: 'ny@exempelkommun.se' }),
      })
    ).json()) as { token: string };
    const me = await fetch(`${store.siteUrl}/_api/web/currentuser`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    expect(((await me.json()) as { Title: string }).Title).toBe('Ny Person');
    const put = await fetch(`${store.url}/_local/personas`, {
      method: 'PUT',
      body: JSON.stringify({ personas: [{ upn: 'it@exempelkommun.se', role: 'it', title: 'IT-chef' }] }),
    });
    expect(put.status).toBe(200);
    expect((await (await fetch(`${store.url}/_local/personas`)).json()) as unknown[]).toHaveLength(1);
    expect(
      (
        await fetch(`${store.url}/_local/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ upn: 'it@exempelkommun.se' }),
        })
      ).status,
    ).toBe(200);
    await fetch(`${store.url}/_local/stats/reset`, { method: 'POST' });
    await spFor(store, ADMIN).web();
    expect(await (await fetch(`${store.url}/_local/stats`)).json()).toEqual({ requests: 1 });
  });

  test('CORS preflight and headers for loopback origins only', async () => {
    const pre = await fetch(`${store.siteUrl}/_api/web`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,if-match',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/If-Match/);
    const res = await fetch(`${store.siteUrl}/_api/web`, {
      headers: { Origin: 'http://127.0.0.1:3000', Authorization: `Bearer ${createLocalToken(ADMIN)}` },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    const evil = await fetch(`${store.siteUrl}/_api/web`, {
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${createLocalToken(ADMIN)}` },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('refuses to bind to anything but loopback', async () => {
    await expect(startLocalSharePoint({ port: 0, host: '0.0.0.0' as never })).rejects.toThrow(/loopback/);
  });
});

describe('persistence', () => {
  test('restart with the same dataDir keeps lists, items, users, groups, permissions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-sp-'));
    try {
      const first = await startLocalSharePoint({ port: 0, dataDir: dir });
      first.addDirectoryUsers([{ upn: 'kvar@exempelkommun.se', displayName: 'Kvar Kvist' }]);
      const sp = spFor(first, ADMIN);
      await sp.web.lists.add('Beständig');
      const list = sp.web.lists.getByTitle('Beständig');
      await list.fields.createFieldAsXml({ SchemaXml: '<Field Type="User" Name="Who" StaticName="Who" DisplayName="Vem" />', Options: 8 });
      const user = await sp.web.ensureUser('kvar@exempelkommun.se');
      await list.items.add({ Title: 'Sparad', WhoId: user.Id });
      const group = await sp.web.siteGroups.add({ Title: 'Beständiga' });
      await sp.web.siteGroups.getById(group.Id).users.add(user.LoginName);
      await list.breakRoleInheritance(false, false);
      await list.roleAssignments.add(group.Id, 1073741826);
      await first.close();

      const second = await startLocalSharePoint({ port: 0, dataDir: dir });
      const sp2 = spFor(second, ADMIN);
      const [item] = await sp2.web.lists.getByTitle('Beständig').items.select('Title', 'Who/Title').expand('Who')();
      expect(item).toMatchObject({ Title: 'Sparad', Who: { Title: 'Kvar Kvist' } });
      expect((await sp2.web.siteGroups.getByName('Beständiga').users()).map((u: { Title: string }) => u.Title)).toEqual(['Kvar Kvist']);
      const ras = await sp2.web.lists.getByTitle('Beständig').roleAssignments();
      expect(ras.map((r: { PrincipalId: number }) => r.PrincipalId)).toEqual([group.Id]);
      const viaToken = spFor(second, 'kvar@exempelkommun.se');
      expect(await viaToken.web.lists.getByTitle('Beständig').items()).toHaveLength(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
