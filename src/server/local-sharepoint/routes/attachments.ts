/**
 * An item's attachments (`items(id)/AttachmentFiles`): list, add(FileName='…') with the file's bytes
 * as the body, and one file by name (`AttachmentFiles('name')`, its bytes at `/$value`). Who may see
 * the item may read them; adding needs Edit on the item, as in SharePoint.
 */
import { errors, SpError } from '../errors.js';
import { assertCanWrite } from '../items.js';
import { stringArg, type Segment } from '../path.js';
import { Perm } from '../roles.js';
import type { ItemRow, ListRow } from '../site.js';
import { nowIso } from '../storage.js';
import { type ApiResponse, type Ctx, ok } from './common.js';

/** Characters SharePoint refuses in a file name. */
export const FORBIDDEN = /["*:<>?/\\|]/;
export const MAX_NAME = 255;

const SPEX = 'Microsoft.SharePoint.SPException';
export const fileExists = (url: string) =>
  new SpError(500, `-2130575257, ${SPEX}`, `A file with the name ${url} already exists. Please choose a different name and try again.`);
export const badName = () =>
  new SpError(
    400,
    `-2130575223, ${SPEX}`,
    'The file or folder name contains characters that are not permitted. Please use a different name.',
  );
const fileNotFound = () => new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');

interface AttachmentRow {
  name: string;
}

export function attachments(ctx: Ctx, list: ListRow, row: ItemRow, rest: Segment[], self: Segment): ApiResponse {
  const { site, req } = ctx;
  const folder = `${site.serverRelativeUrl.replace(/\/$/, '')}/Lists/${list.url_name}/Attachments/${row.id}`;
  const render = (name: string) => ({
    'odata.type': 'SP.Attachment',
    'odata.id': `${site.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${row.id})/AttachmentFiles('${encodeURIComponent(name)}')`,
    FileName: name,
    FileNameAsPath: { DecodedUrl: name },
    ServerRelativePath: { DecodedUrl: `${folder}/${name}` },
    ServerRelativeUrl: `${folder}/${name}`,
  });
  const [op, ...more] = rest;
  if (self.args !== null)
    return one(
      ctx,
      list,
      row,
      stringArg(self.args, req.query),
      [op, ...more].filter((s) => s !== undefined),
      render,
    );
  if (!op) {
    if (req.method !== 'GET') throw errors.methodNotAllowed();
    const rows = site.db
      .prepare('SELECT name FROM attachments WHERE list_id = ? AND item_id = ? ORDER BY created, name')
      .all(list.id, row.id) as { name: string }[];
    return ok({ value: rows.map((r) => render(r.name)) });
  }
  if (op.name === 'add') {
    if (req.method !== 'POST') throw errors.methodNotAllowed();
    assertCanWrite(site, list, req.user, row, Perm.EditListItems);
    const named = /^\s*filename\s*=\s*(.+)$/i.exec(op.args ?? '');
    const name = named ? stringArg((named[1] as string).trim(), req.query) : '';
    if (!name.trim() || name.length > MAX_NAME || FORBIDDEN.test(name) || name.endsWith('.')) throw badName();
    const exists = site.db.prepare('SELECT 1 FROM attachments WHERE list_id = ? AND item_id = ? AND name = ?').get(list.id, row.id, name);
    if (exists) throw fileExists(`${folder}/${name}`);
    const bytes = req.raw ?? Buffer.from(req.body, 'utf8');
    site.db
      .prepare('INSERT INTO attachments (list_id, item_id, name, content, created) VALUES (?, ?, ?, ?, ?)')
      .run(list.id, row.id, name, bytes, nowIso());
    return ok(render(name));
  }
  throw errors.resourceNotFound(op.name);
}

function one(
  ctx: Ctx,
  list: ListRow,
  row: ItemRow,
  name: string,
  rest: Segment[],
  render: (name: string) => Record<string, unknown>,
): ApiResponse {
  const { site, req } = ctx;
  const found = site.db
    .prepare('SELECT name FROM attachments WHERE list_id = ? AND item_id = ? AND name = ?')
    .get(list.id, row.id, name) as AttachmentRow | undefined;
  if (!found) throw fileNotFound();
  const [s] = rest;
  if (req.method !== 'GET') throw errors.methodNotAllowed();
  if (!s) return ok(render(found.name));
  if (s.name !== '$value') throw errors.resourceNotFound(s.name);
  const content = site.db
    .prepare('SELECT content FROM attachments WHERE list_id = ? AND item_id = ? AND name = ?')
    .pluck()
    .get(list.id, row.id, name) as Buffer;
  return { status: 200, binary: content, headers: { 'Content-Length': String(content.length) } };
}
