/**
 * A document library through PnPjs, as in SharePoint: a folder is made with folders.addUsingPath, a
 * file uploaded with files.addUsingPath (its bytes as they are; Overwrite=true gives a new version,
 * without it an existing name is an error), listed with Name, ServerRelativeUrl, Length and
 * TimeLastModified, read back with getBuffer, seen as library items with FileLeafRef, and deleted.
 * The library's permissions (manifest: Rapporter) decide who reads and who writes.
 */
import '@pnp/sp/files';
import '@pnp/sp/folders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentLibrary } from '../../src/shared/data/index.js';
import { librarySpec } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { statusOf } from './helpers.js';

const EVA = 'eva@exempelkommun.se'; // medarbetare
const STIG = 'stig@exempelkommun.se'; // systemägare
const SARA = 'sara@exempelkommun.se'; // informationssäkerhetssamordnare
const TITLE = librarySpec('reports').title;
let site: TestSite;
let root: string;
const bytes = (t: string) => new Uint8Array(Buffer.from(t)).buffer;
const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x00, 0xff, 0x80, 0x7f, 0x0d, 0x0a]);
const docxBody = new Uint8Array(docx).buffer;

beforeAll(async () => {
  site = await startTestSite({
    users: [
      { upn: EVA, displayName: 'Eva' },
      { upn: STIG, displayName: 'Stig' },
      { upn: SARA, displayName: 'Sara' },
    ],
  });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers('employees', [EVA, STIG, SARA]);
  await admin.groups.addMembers('systemOwners', [STIG]);
  await admin.groups.addMembers('securityCoordinators', [SARA]);
  root = (await site.spAs(ADMIN).web.lists.getByTitle(TITLE).rootFolder.select('ServerRelativeUrl')()).ServerRelativeUrl;
});
afterAll(() => site.close());

const folder = (upn: string, path: string) => site.spAs(upn).web.getFolderByServerRelativePath(path);
const file = (upn: string, path: string) => site.spAs(upn).web.getFileByServerRelativePath(path);

describe('document library', () => {
  it('is a library at the site root, not under Lists/', async () => {
    const info = await site.spAs(ADMIN).web.lists.getByTitle(TITLE).select('BaseTemplate', 'BaseType')();
    expect(info).toMatchObject({ BaseTemplate: 101, BaseType: 1 });
    expect(root).toBe(`${new URL(site.siteUrl).pathname}/${TITLE}`);
  });

  it('uploads into a folder, lists, downloads the same bytes, overwrites and deletes', async () => {
    const made = await site.spAs(SARA).web.lists.getByTitle(TITLE).rootFolder.folders.addUsingPath('2025');
    expect(made.ServerRelativeUrl).toBe(`${root}/2025`);
    const year = `${root}/2025`;

    const added = await folder(SARA, year).files.addUsingPath('Årlig återrapportering 2025.docx', docxBody, { Overwrite: true });
    expect(added.ServerRelativeUrl).toBe(`${year}/Årlig återrapportering 2025.docx`);
    expect(Number(added.Length)).toBe(docx.length);

    const back = Buffer.from(await file(STIG, `${year}/Årlig återrapportering 2025.docx`).getBuffer());
    expect(back.equals(docx)).toBe(true);

    const listed = await folder(STIG, year).files.select('Name', 'ServerRelativeUrl', 'Length', 'TimeLastModified')();
    expect(listed.map((f) => ({ name: f.Name, url: f.ServerRelativeUrl, length: Number(f.Length) }))).toEqual([
      { name: 'Årlig återrapportering 2025.docx', url: `${year}/Årlig återrapportering 2025.docx`, length: docx.length },
    ]);
    expect(Date.parse(listed[0]!.TimeLastModified)).not.toBeNaN();

    // Overwrite: new bytes, a new version, still one file.
    const again = await folder(SARA, year).files.addUsingPath('Årlig återrapportering 2025.docx', bytes('version två'), {
      Overwrite: true,
    });
    expect(again.UIVersionLabel).toBe('2.0');
    expect(await file(ADMIN, `${year}/Årlig återrapportering 2025.docx`).getText()).toBe('version två');
    expect(await folder(ADMIN, year).files()).toHaveLength(1);

    // Without Overwrite an existing name (in any case) is refused.
    expect((await statusOf(folder(SARA, year).files.addUsingPath('ÅRLIG återrapportering 2025.docx', bytes('x')))).message).toMatch(
      /already exists/,
    );

    // The library's items are its folders and files, with FileLeafRef.
    const items = await site.spAs(STIG).web.lists.getByTitle(TITLE).items.select('FileLeafRef', 'FileRef', 'FSObjType')();
    expect(items.map((i) => [i.FileLeafRef, i.FSObjType])).toEqual([
      ['2025', 1],
      ['Årlig återrapportering 2025.docx', 0],
    ]);

    await file(SARA, `${year}/Årlig återrapportering 2025.docx`).delete();
    expect(await folder(ADMIN, year).files()).toEqual([]);
    expect((await statusOf(file(ADMIN, `${year}/Årlig återrapportering 2025.docx`).getBuffer())).status).toBe(404);
  });

  it('keeps names with quotes, commas and parentheses, and refuses names SharePoint does not allow', async () => {
    await site.spAs(ADMIN).web.folders.addUsingPath(`${root}/2026`);
    const name = "Bilaga (K3, R2) – Hjo's siffror.xlsx";
    await folder(ADMIN, `${root}/2026`).files.addUsingPath(name, bytes('a'), { Overwrite: true });
    expect(await file(ADMIN, `${root}/2026/${name}`).getText()).toBe('a');
    for (const bad of ['a:b.docx', 'a*b.docx', 'a?b.docx', 'a|b.docx', 'x.', ' x.docx']) {
      expect((await statusOf(folder(ADMIN, `${root}/2026`).files.addUsingPath(bad, bytes('y'), { Overwrite: true }))).status).toBe(400);
    }
  });

  it('refuses an upload into a folder that does not exist', async () => {
    expect((await statusOf(folder(ADMIN, `${root}/1999`).files.addUsingPath('x.docx', bytes('y'), { Overwrite: true }))).status).toBe(404);
  });

  it('decides by the library’s permissions: system owners read, staff see nothing, only coordinators and admins write', async () => {
    const year = `${root}/2027`;
    await folder(ADMIN, root).folders.addUsingPath('2027');
    await folder(ADMIN, year).files.addUsingPath('r.docx', docxBody, { Overwrite: true });

    // A system owner reads but may not upload, overwrite or delete.
    expect(Buffer.from(await file(STIG, `${year}/r.docx`).getBuffer()).equals(docx)).toBe(true);
    expect((await statusOf(folder(STIG, year).files.addUsingPath('ny.docx', docxBody, { Overwrite: true }))).status).toBe(403);
    expect((await statusOf(folder(STIG, year).files.addUsingPath('r.docx', bytes('ändrad'), { Overwrite: true }))).status).toBe(403);
    expect((await statusOf(file(STIG, `${year}/r.docx`).delete())).status).toBe(403);
    expect((await statusOf(folder(STIG, root).folders.addUsingPath('2028'))).status).toBe(403);

    // Staff at large: nothing, not even the listing.
    expect((await statusOf(folder(EVA, year).files())).status).toBe(403);
    expect((await statusOf(file(EVA, `${year}/r.docx`).getBuffer())).status).toBe(403);
    expect((await statusOf(folder(EVA, year).files.addUsingPath('x.docx', docxBody, { Overwrite: true }))).status).toBe(403);

    // Nothing changed.
    expect(Buffer.from(await file(ADMIN, `${year}/r.docx`).getBuffer()).equals(docx)).toBe(true);
    expect((await folder(ADMIN, year).files()).map((f) => f.Name)).toEqual(['r.docx']);
  });

  it('DocumentLibrary (src/shared/data): makes the year folder on first upload, lists, downloads, overwrites, removes', async () => {
    const reports = new DocumentLibrary(site.spAs(SARA), 'reports');
    const first = await reports.upload('2030', 'Årlig återrapportering 2030.docx', docx);
    expect(first).toMatchObject({
      name: 'Årlig återrapportering 2030.docx',
      url: `${root}/2030/Årlig återrapportering 2030.docx`,
      length: docx.length,
    });
    await reports.upload('2030', 'Årlig återrapportering 2030.docx', docx);
    expect((await reports.list('2030')).map((f) => [f.name, f.length])).toEqual([['Årlig återrapportering 2030.docx', docx.length]]);
    expect(
      Buffer.from(await new DocumentLibrary(site.spAs(STIG), 'reports').download('2030', 'Årlig återrapportering 2030.docx')).equals(docx),
    ).toBe(true);
    expect(await reports.list('1990')).toEqual([]);
    await expect(new DocumentLibrary(site.spAs(STIG), 'reports').upload('2030', 'x.docx', docx)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await reports.remove('2030', 'Årlig återrapportering 2030.docx');
    expect(await reports.list('2030')).toEqual([]);
  });
});
