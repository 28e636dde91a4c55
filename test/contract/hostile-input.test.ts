/**
 * The local store under hostile input (trust-model findings 1 and 9): a crafted field name never
 * reaches SQL as text; oversized bodies are refused before authentication; deep $filter nesting is a
 * 400, not a crash; a foreign Host is refused (DNS rebinding); /_local/* takes no cross-origin or
 * text/plain writes.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@pnp/sp/fields';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { MAX_BODY_BYTES } from '../../src/server/local-sharepoint/server.js';
import { createLocalToken } from '../../src/shared/auth/local-token.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

const EVA = 'eva.ek@exempelkommun.se';
let store: LocalSharePoint;

beforeAll(async () => {
  store = await startStore();
  store.addDirectoryUsers([{ upn: EVA, displayName: 'Eva Ek' }]);
});
afterAll(() => store.close());

function raw(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(store.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: options.path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('hostile input', () => {
  it('encodes a crafted internal name, so a unique-index field cannot inject SQL', async () => {
    const sp = spFor(store, ADMIN);
    await sp.web.lists.add('Mål', '', 100);
    const list = sp.web.lists.getByTitle('Mål');
    const evil = `x')); UPDATE principals SET is_site_admin = 1; --`;
    const field = await list.fields.createFieldAsXml({
      SchemaXml: `<Field Type="Text" Name="${evil.replace(/"/g, '&quot;')}" DisplayName="Kod" Indexed="TRUE" EnforceUniqueValues="TRUE" />`,
      Options: 8,
    });
    const name = field.InternalName ?? '';
    expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(name.length).toBeLessThanOrEqual(32);
    await list.items.add({ Title: 'a', [name]: 'K1' });
    // A second item with the same value is refused by the unique index, as SharePoint does.
    expect((await statusOf(list.items.add({ Title: 'b', [name]: 'k1' }))).status).toBeGreaterThanOrEqual(400);
    const eva = await spFor(store, EVA).web.currentUser();
    expect(eva.IsSiteAdmin).toBe(false);
  });

  it('refuses a body larger than the limit with 413 before reading it or authenticating', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const unauthenticated = await raw({
      path: '/sites/systemkoll/_api/web/lists',
      method: 'POST',
      body: big,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(unauthenticated.status).toBe(401);
    const authenticated = await raw({
      path: '/sites/systemkoll/_api/web/lists',
      method: 'POST',
      body: big,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${createLocalToken(ADMIN)}` },
    });
    expect(authenticated.status).toBe(413);
    const local = await raw({ path: '/_local/directory', method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } });
    expect(local.status).toBe(413);
  });

  it('answers a $filter nested deeper than the limit with 400 (the parser itself takes 5,000 levels: test/unit/store)', async () => {
    const filter = `${'('.repeat(150)}Title eq 'x'${')'.repeat(150)}`;
    const r = await statusOf(spFor(store, ADMIN).web.lists.getByTitle('Mål').items.filter(filter)());
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/nested/);
    // The store still answers.
    expect((await spFor(store, ADMIN).web()).Title).toBe('Systemkoll');
  });

  it('refuses a request whose Host is not this machine (DNS rebinding)', async () => {
    const token = await raw({
      path: '/_local/token',
      method: 'POST',
      body: JSON.stringify({ upn: ADMIN }),
      headers: { Host: 'attacker.example', 'Content-Type': 'application/json' },
    });
    expect(token.status).toBe(421);
    expect(token.body).not.toContain('token');
    const api = await raw({ path: '/sites/systemkoll/_api/web', headers: { Host: 'attacker.example:4300' } });
    expect(api.status).toBe(421);
  });

  it('takes no cross-origin or text/plain writes on /_local/*', async () => {
    const users = JSON.stringify({ users: [{ upn: 'inkraktare@exempelkommun.se', displayName: 'Inkräktare' }] });
    const plain = await raw({ path: '/_local/directory', method: 'POST', body: users, headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(403);
    const foreign = await raw({
      path: '/_local/directory',
      method: 'POST',
      body: users,
      headers: { 'Content-Type': 'application/json', Origin: 'https://attacker.example' },
    });
    expect(foreign.status).toBe(403);
    const token = await raw({
      path: '/_local/token',
      method: 'POST',
      body: JSON.stringify({ upn: 'inkraktare@exempelkommun.se' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(token.status).toBe(404);
  });
});
