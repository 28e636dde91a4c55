/**
 * POST /api/v1/people/ensure: the person pickers add a directory person to the site through the API
 * (app-only ensureUser), because SharePoint lets only site managers do it. Only those who edit the
 * register may: staff without a system get 403, an owner and a coordinator get the site user.
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
const STIG = 'stig.agare@exempelkommun.se';
const SARA = 'sara.samordnare@exempelkommun.se';
const NY = 'ny.person@exempelkommun.se';

let site: TestSite;
let server: Server;
let api = '';

const ensure = async (as: string, key: string) => {
  const res = await fetch(`${api}/api/v1/people/ensure`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${createLocalToken(as)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva Ek' },
      { upn: STIG, displayName: 'Stig Ägare' },
      { upn: SARA, displayName: 'Sara Samordnare' },
      { upn: NY, displayName: 'Ny Person' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, STIG, SARA]);
  await admin.groups.addMembers('systemOwners', [STIG]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  const stig = await admin.users.ensure(STIG);
  await admin.systems.add({ title: 'Ekonomisystem', systemOwner: { id: stig.id } });
  const service = createSystemkollService({ repos: admin, submissionSecret: 's'.repeat(32), tasksTtlMs: 0 });
  const handle = createApiHandler({ service, authenticate: localAuthenticator(), allowedOrigins: [] });
  server = createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (!done) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await site.close();
});

describe('adding a directory person to the site for a person field', () => {
  it('refuses staff who edit no system, in Swedish', async () => {
    const res = await ensure(EVA, `i:0#.f|membership|${NY}`);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('Bara den som ansvarar för ett system');
  });

  it('gives an owner and a coordinator the same site user, with name and address', async () => {
    const byOwner = await ensure(STIG, `i:0#.f|membership|${NY}`);
    expect(byOwner.status).toBe(200);
    expect(byOwner.body).toMatchObject({ title: 'Ny Person', email: NY });
    const byCoordinator = await ensure(SARA, NY);
    expect(byCoordinator.body.id).toBe(byOwner.body.id);
  });
});
