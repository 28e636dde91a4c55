/**
 * List item attachments through PnPjs, as in SharePoint: AttachmentFiles lists them, add(FileName)
 * stores the body's bytes as they are, getByName(...).getBuffer() returns them; names SharePoint
 * refuses are refused, a name the item already has is an error, and someone who cannot see the
 * item cannot see its files either.
 */
import '@pnp/sp/attachments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSpec } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { statusOf } from './helpers.js';

const EVA = 'eva@exempelkommun.se';
const SARA = 'sara@exempelkommun.se';
let site: TestSite;
let id: number;
const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80, 0x7f]);
const png = new Uint8Array(pngBytes).buffer;
const text = (t: string) => new Uint8Array(Buffer.from(t)).buffer;

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva' },
      { upn: SARA, displayName: 'Sara' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, SARA]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  id = (await admin.incidents.add({ title: 'Nätfiske mot ekonomi' })).id;
});
afterAll(() => site.close());

const files = (upn: string) => site.spAs(upn).web.lists.getByTitle(listSpec('incidents').title).items.getById(id).attachmentFiles;

describe('item attachments', () => {
  it('stores the bytes as sent and lists them with FileName and ServerRelativeUrl', async () => {
    const added = await files(ADMIN).add('skärmbild 1.png', png);
    expect((added.data as unknown as { FileName: string }).FileName).toBe('skärmbild 1.png');
    const list = await files(ADMIN)();
    expect(list.map((f) => f.FileName)).toEqual(['skärmbild 1.png']);
    expect(list[0]?.ServerRelativeUrl).toMatch(new RegExp(`/Lists/[^/]+/Attachments/${id}/skärmbild 1\\.png$`));
    const back = Buffer.from(await files(ADMIN).getByName('skärmbild 1.png').getBuffer());
    expect(back.equals(pngBytes)).toBe(true);
  });

  it('refuses a name the item already has (in any case) and names SharePoint does not allow', async () => {
    await files(ADMIN).add('brev.eml', text('From: x'));
    expect((await statusOf(files(ADMIN).add('BREV.eml', text('y')))).status).toBe(500);
    for (const bad of [
      'a:b.txt',
      'a*b.txt',
      'a"b.txt',
      'a<b.txt',
      'a>b.txt',
      'a?b.txt',
      'a|b.txt',
      'a\\b.txt',
      'x.',
      `${'a'.repeat(252)}.txt`,
    ]) {
      expect((await statusOf(files(ADMIN).add(bad, text('z')))).status, bad).toBe(400);
    }
    expect((await files(ADMIN)()).length).toBe(2);
  });

  it('answers 404 for a file the item does not have', async () => {
    expect((await statusOf(files(ADMIN).getByName('saknas.png').getBuffer())).status).toBe(404);
  });

  it('is trimmed like the item: who cannot see the item sees no files; a reader may not add', async () => {
    expect((await statusOf(files(EVA)())).status).toBe(403);
    expect((await statusOf(files(EVA).getByName('brev.eml').getBuffer())).status).toBe(403);
    expect((await files(SARA)()).length).toBe(2);
  });

  it('goes with the item when it is deleted', async () => {
    const other = (await site.reposAs(ADMIN).incidents.add({ title: 'Tillfälligt' })).id;
    const sp = site.spAs(ADMIN).web.lists.getByTitle(listSpec('incidents').title);
    await sp.items.getById(other).attachmentFiles.add('a.txt', text('a'));
    await sp.items.getById(other).delete();
    expect((await statusOf(sp.items.getById(other).attachmentFiles())).status).toBe(404);
  });
});
