/**
 * Files and folders of a document library, by server-relative URL, as PnPjs calls them:
 * `web/getFolderByServerRelativePath(decodedUrl='…')` (read, `files`, `folders`, `files/addUsingPath(
 * decodedurl='name',Overwrite=true)` with the file's bytes as the body, `folders/addUsingPath(…)`,
 * delete), `web/getFileByServerRelativePath(decodedUrl='…')` (read, `$value`, content PUT, delete,
 * recycle, `listItemAllFields`) and `web/folders/addUsingPath(…)`. The library's permissions apply as
 * to its items: reading needs View, a new file or folder Add, new content Edit, deleting Delete.
 */
import { randomUUID } from 'node:crypto';
import { errors, SpError } from '../errors.js';
import { assertCanWrite, checkEtag } from '../items.js';
import {
  addFolder,
  childrenOf,
  deleteEntry,
  entryAt,
  FILE,
  fileContent,
  fileData,
  fileLength,
  FOLDER,
  leafOf,
  libraryAt,
  normalizeUrl,
  parentOf,
  putFile,
  rootUrl,
} from '../library.js';
import { type Segment, stringArg } from '../path.js';
import { Perm } from '../roles.js';
import { type Entity, shapeCollection, shapeEntity } from '../shape.js';
import type { ItemRow, ListRow } from '../site.js';
import { canSeeItem, canSeeList } from '../trim.js';
import { badName, fileExists, FORBIDDEN, MAX_NAME } from './attachments.js';
import { type ApiResponse, type Ctx, effectiveMethod, ok } from './common.js';
import { item } from './items.js';

const SPEX = 'Microsoft.SharePoint.SPException';
const fileNotFound = (url: string) => new SpError(404, `-2130575338, ${SPEX}`, `The file ${url} does not exist.`);
const folderNotFound = () => new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');

/** Where a request points: a library and a folder in it (row null = the root folder) or a file. */
interface Target {
  list: ListRow;
  url: string;
  row: ItemRow | null;
}

/** `decodedUrl='…'` (…Path) or `'…'` (…Url), an @alias allowed. */
function urlArg(ctx: Ctx, args: string | null): string {
  const m = /^\s*decodedurl\s*=\s*([\s\S]*)$/i.exec(args ?? '');
  return normalizeUrl(ctx.site, stringArg(m ? (m[1] as string) : args, ctx.req.query));
}

/** `decodedurl='a,b.docx',Overwrite=true` → { decodedurl: 'a,b.docx', overwrite: 'true' } (keys lower-cased). */
function namedStringArgs(ctx: Ctx, args: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z]+)\s*=\s*('(?:[^']|'')*'|@?[^,]*)\s*(?:,|$)/gy;
  const text = args ?? '';
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    out[(m[1] as string).toLowerCase()] = stringArg((m[2] as string).trim(), ctx.req.query);
  }
  return out;
}

function readable(ctx: Ctx, list: ListRow): void {
  // A library the caller holds nothing on discloses nothing, as for a list.
  if (!canSeeList(ctx.site, list, ctx.req.user)) throw errors.accessDenied();
}

function folderTarget(ctx: Ctx, url: string): Target {
  const list = libraryAt(ctx.site, url);
  if (!list) throw folderNotFound();
  readable(ctx, list);
  if (url.toLowerCase() === rootUrl(ctx.site, list).toLowerCase()) return { list, url: rootUrl(ctx.site, list), row: null };
  const row = entryAt(ctx.site, list, url);
  if (!row || fileData(row).FSObjType !== FOLDER || !canSeeItem(ctx.site, list, ctx.req.user, row)) throw folderNotFound();
  return { list, url: fileData(row).FileRef, row };
}

function fileTarget(ctx: Ctx, url: string): Target & { row: ItemRow } {
  const list = libraryAt(ctx.site, url);
  if (!list) throw fileNotFound(url);
  readable(ctx, list);
  const row = entryAt(ctx.site, list, url);
  if (!row || fileData(row).FSObjType !== FILE || !canSeeItem(ctx.site, list, ctx.req.user, row)) throw fileNotFound(url);
  return { list, url: fileData(row).FileRef, row };
}

const apiUrl = (ctx: Ctx, kind: 'File' | 'Folder', url: string) =>
  `${ctx.site.siteUrl}/_api/Web/Get${kind}ByServerRelativePath(decodedurl='${encodeURIComponent(url.replace(/'/g, "''"))}')`;

function fileEntity(ctx: Ctx, t: Target & { row: ItemRow }): Entity {
  const { row } = t;
  return {
    props: {
      'odata.type': 'SP.File',
      'odata.id': apiUrl(ctx, 'File', t.url),
      'odata.editLink': `Web/GetFileByServerRelativePath(decodedurl='${encodeURIComponent(t.url)}')`,
      CheckInComment: '',
      CheckOutType: 2,
      ContentTag: `{${row.guid.toUpperCase()}},${row.version},${row.version}`,
      ETag: `"{${row.guid.toUpperCase()}},${row.version}"`,
      Exists: true,
      // Edm.Int64: a string in SharePoint's JSON.
      Length: String(fileLength(ctx.site, row)),
      Level: 1,
      MajorVersion: row.version,
      MinorVersion: 0,
      Name: fileData(row).FileLeafRef,
      ServerRelativePath: { DecodedUrl: t.url },
      ServerRelativeUrl: t.url,
      TimeCreated: row.created,
      TimeLastModified: row.modified,
      Title: null,
      UIVersion: row.version * 512,
      UIVersionLabel: `${row.version}.0`,
      UniqueId: row.guid,
    },
  };
}

function folderEntity(ctx: Ctx, t: Target): Entity {
  const { site } = ctx;
  const count = childrenOf(site, t.list, t.url, FILE).length + childrenOf(site, t.list, t.url, FOLDER).length;
  return {
    props: {
      'odata.type': 'SP.Folder',
      'odata.id': apiUrl(ctx, 'Folder', t.url),
      'odata.editLink': `Web/GetFolderByServerRelativePath(decodedurl='${encodeURIComponent(t.url)}')`,
      Exists: true,
      IsWOPIEnabled: false,
      ItemCount: count,
      Name: t.row ? fileData(t.row).FileLeafRef : t.list.url_name,
      ProgID: null,
      ServerRelativePath: { DecodedUrl: t.url },
      ServerRelativeUrl: t.url,
      TimeCreated: t.row?.created ?? t.list.created,
      TimeLastModified: t.row?.modified ?? t.list.last_modified,
      UniqueId: t.row?.guid ?? t.list.id,
      WelcomePage: '',
    },
    nav: {
      Files: () => visibleChildren(ctx, t, FILE).map((r) => fileEntity(ctx, { list: t.list, url: fileData(r).FileRef, row: r })),
      Folders: () => visibleChildren(ctx, t, FOLDER).map((r) => folderEntity(ctx, { list: t.list, url: fileData(r).FileRef, row: r })),
      ParentFolder: () => (t.row ? folderEntity(ctx, folderTarget(ctx, parentOf(t.url))) : null),
    },
  };
}

function visibleChildren(ctx: Ctx, t: Target, kind: number): ItemRow[] {
  return childrenOf(ctx.site, t.list, t.url, kind).filter((r) => canSeeItem(ctx.site, t.list, ctx.req.user, r));
}

/** `Rapporter/2025/x.docx`: how SharePoint names a file in its messages. */
const siteRelative = (ctx: Ctx, url: string) => url.slice(ctx.site.serverRelativeUrl.replace(/\/$/, '').length + 1);

function checkName(name: string): void {
  if (!name.trim() || name.length > MAX_NAME || FORBIDDEN.test(name) || name.endsWith('.') || name !== name.trim()) throw badName();
}

/** A name relative to a folder, or a server-relative URL inside it. */
function childUrl(ctx: Ctx, folder: Target, given: string): { parent: Target; name: string } {
  if (!given.startsWith('/')) {
    checkName(given);
    return { parent: folder, name: given };
  }
  const url = normalizeUrl(ctx.site, given);
  return { parent: folderTarget(ctx, parentOf(url)), name: leafOf(url) };
}

// ---------------- web/getFolderByServerRelativePath(…) ----------------

export function folderByPath(ctx: Ctx, s: Segment, rest: Segment[]): ApiResponse {
  return folderAt(ctx, urlArg(ctx, s.args), rest);
}

/** A folder by its server-relative URL (a library's RootFolder too). */
export function folderAt(ctx: Ctx, url: string, rest: Segment[]): ApiResponse {
  return folderRoute(ctx, folderTarget(ctx, url), rest);
}

function folderRoute(ctx: Ctx, t: Target, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [s, op, ...more] = rest;
  const method = effectiveMethod(req);
  if (!s) {
    if (method === 'GET')
      return ok(shapeEntity(folderEntity(ctx, t), { select: req.query.get('$select'), expand: req.query.get('$expand') }, 'SP.Folder'));
    if (method === 'DELETE') {
      if (!t.row) throw errors.accessDenied();
      assertCanWrite(site, t.list, req.user, t.row, Perm.DeleteListItems);
      checkEtag(t.row, req.headers['if-match']);
      deleteEntry(site, t.list, t.row);
      return ok('');
    }
    throw errors.methodNotAllowed();
  }
  switch (s.name) {
    case 'files':
      if (s.args !== null)
        return fileRoute(ctx, fileTarget(ctx, `${t.url}/${stringArg(s.args, req.query)}`), [op, ...more].filter(Boolean) as Segment[]);
      return files(ctx, t, op, more);
    case 'folders':
      if (s.args !== null)
        return folderRoute(ctx, folderTarget(ctx, `${t.url}/${stringArg(s.args, req.query)}`), [op, ...more].filter(Boolean) as Segment[]);
      return folders(ctx, t, op);
    case 'listitemallfields':
      if (!t.row) return ok({ 'odata.null': true });
      return item(ctx, t.list, t.row.id, [op, ...more].filter(Boolean) as Segment[]);
    case 'parentfolder':
      if (!t.row) throw folderNotFound();
      return folderRoute(ctx, folderTarget(ctx, parentOf(t.url)), [op, ...more].filter(Boolean) as Segment[]);
    case 'recycle':
      if (!t.row || req.method !== 'POST') throw errors.methodNotAllowed();
      assertCanWrite(site, t.list, req.user, t.row, Perm.DeleteListItems);
      deleteEntry(site, t.list, t.row);
      return ok({ value: randomUUID() });
    default:
      throw errors.resourceNotFound(s.name);
  }
}

function files(ctx: Ctx, t: Target, op: Segment | undefined, more: Segment[]): ApiResponse {
  const { site, req } = ctx;
  if (!op) {
    if (req.method !== 'GET') throw errors.methodNotAllowed();
    const rows = visibleChildren(ctx, t, FILE).map((r) => fileEntity(ctx, { list: t.list, url: fileData(r).FileRef, row: r }));
    return ok({ value: shapeCollection(rows, req.query, 'SP.File') });
  }
  if (more.length > 0) throw errors.resourceNotFound(more[0]!.name);
  if (op.name !== 'addusingpath' && op.name !== 'add') throw errors.resourceNotFound(op.name);
  if (req.method !== 'POST') throw errors.methodNotAllowed();
  const args = namedStringArgs(ctx, op.args);
  const given = args.decodedurl ?? args.url ?? '';
  const overwrite = (args.overwrite ?? '').toLowerCase() === 'true';
  const { parent, name } = childUrl(ctx, t, given);
  checkName(name);
  const url = `${parent.url}/${name}`;
  const existing = entryAt(site, parent.list, url);
  if (existing && (fileData(existing).FSObjType === FOLDER || !overwrite)) throw fileExists(siteRelative(ctx, url));
  if (existing) assertCanWrite(site, parent.list, req.user, existing, Perm.EditListItems);
  else assertCanWrite(site, parent.list, req.user, null, Perm.AddListItems);
  const bytes = req.raw ?? Buffer.from(req.body, 'utf8');
  const row = putFile(site, parent.list, req.user, parent.url, existing ? fileData(existing).FileLeafRef : name, bytes, existing);
  return ok(
    shapeEntity(fileEntity(ctx, { list: parent.list, url: fileData(row).FileRef, row }), { select: null, expand: null }, 'SP.File'),
  );
}

function folders(ctx: Ctx, t: Target, op: Segment | undefined): ApiResponse {
  const { req } = ctx;
  if (!op) {
    if (req.method !== 'GET') throw errors.methodNotAllowed();
    const rows = visibleChildren(ctx, t, FOLDER).map((r) => folderEntity(ctx, { list: t.list, url: fileData(r).FileRef, row: r }));
    return ok({ value: shapeCollection(rows, req.query, 'SP.Folder') });
  }
  if (op.name !== 'addusingpath' && op.name !== 'add') throw errors.resourceNotFound(op.name);
  if (req.method !== 'POST') throw errors.methodNotAllowed();
  const args = namedStringArgs(ctx, op.args);
  const given = args.decodedurl ?? args.url ?? (op.name === 'add' ? stringArg(op.args, req.query) : '');
  const { parent, name } = childUrl(ctx, t, given);
  return addFolderAt(ctx, parent, name);
}

function addFolderAt(ctx: Ctx, parent: Target, name: string): ApiResponse {
  const { site, req } = ctx;
  checkName(name);
  const url = `${parent.url}/${name}`;
  const existing = entryAt(site, parent.list, url);
  if (existing && fileData(existing).FSObjType === FILE) throw fileExists(siteRelative(ctx, url));
  // An existing folder is answered as it is (Folders.Add does not fail on it).
  const row =
    existing ??
    (assertCanWrite(site, parent.list, req.user, null, Perm.AddListItems), addFolder(site, parent.list, req.user, parent.url, name));
  return ok(
    shapeEntity(folderEntity(ctx, { list: parent.list, url: fileData(row).FileRef, row }), { select: null, expand: null }, 'SP.Folder'),
  );
}

/** web/folders: the web's folders collection; only adding a folder by its server-relative URL. */
export function webFolders(ctx: Ctx, rest: Segment[]): ApiResponse {
  const [op] = rest;
  if (!op || rest.length > 1 || (op.name !== 'addusingpath' && op.name !== 'add')) throw errors.resourceNotFound(op?.name ?? 'folders');
  if (ctx.req.method !== 'POST') throw errors.methodNotAllowed();
  const args = namedStringArgs(ctx, op.args);
  const url = normalizeUrl(ctx.site, args.decodedurl ?? args.url ?? stringArg(op.args, ctx.req.query));
  return addFolderAt(ctx, folderTarget(ctx, parentOf(url)), leafOf(url));
}

// ---------------- web/getFileByServerRelativePath(…) ----------------

export function fileByPath(ctx: Ctx, s: Segment, rest: Segment[]): ApiResponse {
  return fileRoute(ctx, fileTarget(ctx, urlArg(ctx, s.args)), rest);
}

function fileRoute(ctx: Ctx, t: Target & { row: ItemRow }, rest: Segment[]): ApiResponse {
  const { site, req } = ctx;
  const [s, ...more] = rest;
  const method = effectiveMethod(req);
  if (!s) {
    if (method === 'GET')
      return ok(shapeEntity(fileEntity(ctx, t), { select: req.query.get('$select'), expand: req.query.get('$expand') }, 'SP.File'));
    if (method === 'DELETE') {
      assertCanWrite(site, t.list, req.user, t.row, Perm.DeleteListItems);
      checkEtag(t.row, req.headers['if-match']);
      deleteEntry(site, t.list, t.row);
      return ok('');
    }
    throw errors.methodNotAllowed();
  }
  switch (s.name) {
    case '$value': {
      if (method === 'PUT') {
        assertCanWrite(site, t.list, req.user, t.row, Perm.EditListItems);
        putFile(
          site,
          t.list,
          req.user,
          fileData(t.row).FileDirRef,
          fileData(t.row).FileLeafRef,
          req.raw ?? Buffer.from(req.body, 'utf8'),
          t.row,
        );
        return { status: 204 };
      }
      if (req.method !== 'GET') throw errors.methodNotAllowed();
      const content = fileContent(site, t.row);
      return { status: 200, binary: content, headers: { 'Content-Length': String(content.length) } };
    }
    case 'listitemallfields':
      return item(ctx, t.list, t.row.id, more);
    case 'recycle':
      if (req.method !== 'POST') throw errors.methodNotAllowed();
      assertCanWrite(site, t.list, req.user, t.row, Perm.DeleteListItems);
      deleteEntry(site, t.list, t.row);
      return ok({ value: randomUUID() });
    default:
      throw errors.resourceNotFound(s.name);
  }
}
