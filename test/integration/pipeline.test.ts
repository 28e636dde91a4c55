/**
 * The one PnPjs pipeline (createSp): every request that fails — through a repository or a direct
 * PnPjs call (provisioning, CLIs) — rejects with a typed DataError carrying a Swedish message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, DataError } from '../../src/shared/data/index.js';
import { startTestSite, ADMIN, type TestSite } from '../support/local-site.js';

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

describe('the PnPjs pipeline maps failures to DataError', () => {
  it('a direct PnPjs read of a missing list rejects with notFound', async () => {
    const sp = site.spAs(ADMIN);
    const error = await sp.web.lists
      .getByTitle('Finns inte')()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('notFound');
    expect((error as DataError).status).toBe(404);
    expect((error as DataError).message).toMatch(/finns inte|hittades inte/i);
  });

  it('a direct PnPjs update with a stale etag rejects with ConflictError', async () => {
    const sp = site.spAs(ADMIN);
    const list = sp.web.lists.getByTitle('Avdelningar');
    const added = await list.items.add({ Title: 'Kultur- och fritidsförvaltningen' });
    await list.items.getById(added.Id).update({ Title: 'Kultur och fritid' }, '*');
    const error = await list.items
      .getById(added.Id)
      .update({ Title: 'Kultur' }, '"1"')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
  });

  it('a request nobody answers rejects with network, not a raw TypeError', async () => {
    const { createSp } = await import('../../src/shared/data/sp.js');
    const sp = createSp({ siteUrl: 'http://127.0.0.1:9/sites/none', getToken: async () => 'x', retries: 1, retryInterval: 0 });
    const error = await sp.web().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).kind).toBe('network');
  });
});
