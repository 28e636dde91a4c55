/**
 * Document libraries (BaseTemplate 101): files and folders as SharePoint keeps them — every file and
 * folder is an item of the library (FileLeafRef, FileRef, FileDirRef, FSObjType), a file's bytes sit
 * beside its item. URLs are server-relative and compared case-insensitively, as SharePoint does.
 */
import { advanceNextItemId, deleteItemRow, insertItem, updateItemRow } from './repository.js';
import type { ItemRow, ListRow, PrincipalRow, Site } from './site.js';
import { fold, nowIso } from './storage.js';

export const DOCUMENT_LIBRARY = 101;
export const FILE = 0;
export const FOLDER = 1;

export const isLibrary = (list: ListRow): boolean => list.base_template === DOCUMENT_LIBRARY;

/** A list's root folder: `<web>/Lists/<url>` for a list, `<web>/<url>` for a library. */
export function rootUrl(site: Site, list: ListRow): string {
  const web = site.serverRelativeUrl.replace(/\/$/, '');
  return isLibrary(list) ? `${web}/${list.url_name}` : `${web}/Lists/${list.url_name}`;
}

/** A server-relative URL as the store keeps it: decoded, one slash between parts, none at the end. */
export function normalizeUrl(site: Site, url: string): string {
  const web = site.serverRelativeUrl.replace(/\/$/, '');
  const path = url.startsWith('/') ? url : `${web}/${url}`;
  return `/${path.split('/').filter(Boolean).join('/')}`;
}

export const parentOf = (url: string): string => url.slice(0, url.lastIndexOf('/')) || '/';
export const leafOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/** The library a server-relative URL lies in (its root folder or anything below it). */
export function libraryAt(site: Site, url: string): ListRow | undefined {
  const wanted = fold(url) as string;
  return site.allLists().find((l) => {
    if (!isLibrary(l)) return false;
    const root = fold(rootUrl(site, l)) as string;
    return wanted === root || wanted.startsWith(`${root}/`);
  });
}

export interface FileData {
  FileLeafRef: string;
  FileRef: string;
  FileDirRef: string;
  FSObjType: number;
}

export const fileData = (row: ItemRow): FileData => JSON.parse(row.data) as FileData;

/** The file or folder item at a URL (not the root folder, which has no item). */
export function entryAt(site: Site, list: ListRow, url: string): ItemRow | undefined {
  return site.db
    .prepare(`SELECT * FROM items WHERE list_id = ? AND sp_fold(json_extract(data, '$.FileRef')) = ? LIMIT 1`)
    .get(list.id, fold(url)) as ItemRow | undefined;
}

/** The files (FSObjType 0) or folders (1) directly in a folder, by name. */
export function childrenOf(site: Site, list: ListRow, folderUrl: string, kind: number): ItemRow[] {
  const rows = site.db
    .prepare(
      `SELECT * FROM items WHERE list_id = ? AND sp_fold(json_extract(data, '$.FileDirRef')) = ? AND json_extract(data, '$.FSObjType') = ?`,
    )
    .all(list.id, fold(folderUrl), kind) as ItemRow[];
  return rows.sort((a, b) => fileData(a).FileLeafRef.localeCompare(fileData(b).FileLeafRef, 'sv'));
}

/** Everything below a folder (for deleting it). */
function descendantsOf(site: Site, list: ListRow, folderUrl: string): ItemRow[] {
  const prefix = `${fold(folderUrl) as string}/`;
  return (site.db.prepare('SELECT * FROM items WHERE list_id = ?').all(list.id) as ItemRow[]).filter((r) =>
    (fold(fileData(r).FileRef) as string).startsWith(prefix),
  );
}

function newEntry(site: Site, list: ListRow, user: PrincipalRow, folderUrl: string, name: string, kind: number): ItemRow {
  const id = list.next_item_id;
  const now = nowIso();
  advanceNextItemId(site.db, list.id, id + 1, now);
  list.next_item_id = id + 1;
  const data: FileData & { Title: null } = {
    Title: null,
    FileLeafRef: name,
    FileRef: `${folderUrl}/${name}`,
    FileDirRef: folderUrl,
    FSObjType: kind,
  };
  const row: ItemRow = {
    list_id: list.id,
    id,
    version: 1,
    guid: site.newGuid(),
    author_id: user.id,
    editor_id: user.id,
    created: now,
    modified: now,
    has_unique: 0,
    data: JSON.stringify(data),
  };
  insertItem(site.db, row);
  return row;
}

export function addFolder(site: Site, list: ListRow, user: PrincipalRow, parentUrl: string, name: string): ItemRow {
  return newEntry(site, list, user, parentUrl, name, FOLDER);
}

/** A new file, or new content for an existing one (a new version, as SharePoint counts them). */
export function putFile(
  site: Site,
  list: ListRow,
  user: PrincipalRow,
  folderUrl: string,
  name: string,
  bytes: Buffer,
  existing: ItemRow | undefined,
): ItemRow {
  let row: ItemRow;
  if (existing) {
    row = { ...existing, version: existing.version + 1, editor_id: user.id, modified: nowIso() };
    updateItemRow(site.db, row);
  } else {
    row = newEntry(site, list, user, folderUrl, name, FILE);
  }
  site.db
    .prepare(
      'INSERT INTO files (list_id, item_id, content) VALUES (?, ?, ?) ON CONFLICT(list_id, item_id) DO UPDATE SET content = excluded.content',
    )
    .run(list.id, row.id, bytes);
  return row;
}

export function fileContent(site: Site, row: ItemRow): Buffer {
  return (
    (site.db.prepare('SELECT content FROM files WHERE list_id = ? AND item_id = ?').pluck().get(row.list_id, row.id) as
      Buffer | undefined) ?? Buffer.alloc(0)
  );
}

export function fileLength(site: Site, row: ItemRow): number {
  return (
    (site.db.prepare('SELECT length(content) FROM files WHERE list_id = ? AND item_id = ?').pluck().get(row.list_id, row.id) as
      number | undefined) ?? 0
  );
}

/** A file, or a folder with everything in it. */
export function deleteEntry(site: Site, list: ListRow, row: ItemRow): void {
  const rows = fileData(row).FSObjType === FOLDER ? [row, ...descendantsOf(site, list, fileData(row).FileRef)] : [row];
  for (const r of rows) deleteItemRow(site.db, list.id, r.id);
  site.db.prepare('UPDATE lists SET last_modified = ? WHERE id = ?').run(nowIso(), list.id);
}
