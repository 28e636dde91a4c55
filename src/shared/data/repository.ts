import type { SPFI } from '@pnp/sp';
import type { IItems } from '@pnp/sp/items';
import { parseBinderWithErrorCheck, parseODataJSON } from '@pnp/queryable';
import type { DraftOf, FieldKey, ListKey, PatchOf, RecordOf } from '../schema/index.js';
import { listSpec } from '../schema/index.js';
import { ConflictError, toDataError } from './errors.js';
import type { Filter } from './filter.js';
import { fromItem, selectFor, toItem } from './mapping.js';

export interface Query<K extends ListKey> {
  filter?: Filter;
  orderBy?: { key: FieldKey<K> | 'id' | 'created' | 'modified'; ascending?: boolean }[];
  /** At most this many items (SharePoint caps one page at 5,000). Default 5,000. */
  top?: number;
  /**
   * Only these fields (besides id, etag, created, modified): a narrow $select/$expand for list
   * views. The records then hold null for every other field. Default: every field.
   */
  fields?: readonly FieldKey<K>[];
}

/** Largest page SharePoint serves; also the most items one list() call returns. */
export const MAX_PAGE = 5000;
/** SharePoint accepts at most 100 requests in one $batch. */
export const MAX_BATCH = 100;

const metaColumns: Record<string, string> = { id: 'Id', created: 'Created', modified: 'Modified' };

/** selectFor narrowed to some fields: their columns, and only their lookups expanded. */
function projection(list: ListKey, keys: readonly string[]): { select: string[]; expand: string[] } {
  const fields = keys.map((k) => {
    const f = listSpec(list).fields.find((x) => x.key === k);
    if (!f) throw new TypeError(`Okänt fält '${k}' i listan '${list}'.`);
    return f.internalName;
  });
  const { select, expand } = selectFor(list);
  const head = (column: string) => column.split('/')[0]!;
  const wanted = (column: string) =>
    fields.includes(head(column)) ||
    (column.endsWith('Id') && expand.includes(column.slice(0, -2)) && fields.includes(column.slice(0, -2)));
  return {
    select: select.filter((c, i) => i < 5 || wanted(c)),
    expand: expand.filter((n) => fields.includes(n)),
  };
}

/**
 * Reads and writes one list's items as domain records. Every call issues its SharePoint request
 * synchronously, so calls made on a batched SPFI (see inBatch) join the batch.
 */
export class ListRepository<K extends ListKey> {
  constructor(
    private readonly sp: SPFI,
    readonly key: K,
  ) {}

  get title(): string {
    return listSpec(this.key).title;
  }

  private get items(): IItems {
    return this.sp.web.lists.getByTitle(this.title).items;
  }

  private query(q: Query<K> = {}): IItems {
    const { select, expand } = q.fields ? projection(this.key, q.fields) : selectFor(this.key);
    let items = this.items.select(...select).expand(...expand);
    if (q.filter?.odata) items = items.filter(q.filter.odata);
    for (const o of q.orderBy ?? []) items = items.orderBy(this.column(o.key), o.ascending !== false);
    return items.top(Math.min(q.top ?? MAX_PAGE, MAX_PAGE));
  }

  private column(key: string): string {
    if (metaColumns[key]) return metaColumns[key];
    const f = listSpec(this.key).fields.find((x) => x.key === key);
    if (!f) throw new TypeError(`Okänt fält '${key}' i listan '${this.key}'.`);
    return f.type === 'user' || f.type === 'lookup' ? `${f.internalName}Id` : f.internalName;
  }

  /** One page (≤ 5,000 items, `top`); one round trip, batchable. Use all() for complete sets. */
  list(q: Query<K> = {}): Promise<RecordOf<K>[]> {
    const request = this.query(q)();
    return request.then((rows) => rows.map((r: Record<string, unknown>) => fromItem<RecordOf<K>>(this.key, r)));
  }

  /** Every matching item, following SharePoint's paging (5,000 per round trip). */
  async all(q: Omit<Query<K>, 'top'> = {}): Promise<RecordOf<K>[]> {
    const out: RecordOf<K>[] = [];
    for await (const page of this.pages(q)) out.push(...page);
    return out;
  }

  /**
   * One page and SharePoint's own token for the next (`$skiptoken` of odata.nextLink, null on the
   * last page). Paging this way never filters on the sort key, so a list past the 5,000-item list
   * view threshold pages on its sort index like a SharePoint view does. `after` is a token from an
   * earlier page, or one built with {@link tokenAt}. One round trip, batchable.
   */
  async page(q: Query<K>, after: string | null = null): Promise<{ records: RecordOf<K>[]; next: string | null }> {
    let items = this.query(q);
    if (after) items.query.set('$skiptoken', after);
    items = items.using(
      parseBinderWithErrorCheck(async (r) => {
        const json = (await r.json()) as Record<string, unknown>;
        const d = json.d as Record<string, unknown> | undefined;
        const link = (d?.__next ?? json['odata.nextLink']) as string | undefined;
        return { rows: parseODataJSON(json) as Record<string, unknown>[], link: link ?? null };
      }),
    );
    try {
      const { rows, link } = (await items()) as unknown as { rows: Record<string, unknown>[]; link: string | null };
      const next = link ? new URL(link, 'https://sharepoint.invalid').searchParams.get('$skiptoken') : null;
      return { records: rows.map((r) => fromItem<RecordOf<K>>(this.key, r)), next };
    } catch (error) {
      throw toDataError(error);
    }
  }

  /** A `$skiptoken` that starts after (`value`, `id`) on a date column sorted ascending (see pagingToken). */
  tokenAt(key: FieldKey<K> | 'created' | 'modified', value: Date, id = 0): string {
    return pagingToken(this.column(key), value, id);
  }

  async *pages(q: Omit<Query<K>, 'top'> & { pageSize?: number } = {}): AsyncGenerator<RecordOf<K>[]> {
    const items = this.query({ ...q, top: q.pageSize ?? MAX_PAGE });
    try {
      for await (const page of items) {
        yield (page as Record<string, unknown>[]).map((r) => fromItem<RecordOf<K>>(this.key, r));
      }
    } catch (error) {
      throw toDataError(error);
    }
  }

  /** The list's item count (SharePoint's ItemCount, no items read); one round trip, batchable. */
  count(): Promise<number> {
    return this.sp.web.lists
      .getByTitle(this.title)
      .select('ItemCount')()
      .then((r: { ItemCount: number }) => r.ItemCount);
  }

  async first(filter: Filter): Promise<RecordOf<K> | null> {
    const rows = await this.list({ filter, top: 1 });
    return rows[0] ?? null;
  }

  get(id: number): Promise<RecordOf<K>> {
    const { select, expand } = selectFor(this.key);
    return this.items
      .getById(id)
      .select(...select)
      .expand(...expand)()
      .then((r) => fromItem<RecordOf<K>>(this.key, r as Record<string, unknown>));
  }

  /** Creates an item and returns it re-read with persons and lookups expanded. */
  async add(draft: DraftOf<K>): Promise<RecordOf<K>> {
    const body = toItem(this.key, draft as Record<string, unknown>);
    const created = await this.items.add(body);
    return fromItem<RecordOf<K>>(this.key, created as Record<string, unknown>);
  }

  /**
   * Creates many items with $batch, 100 per round trip. Each item's outcome is independent, as in
   * SharePoint: the result holds the created record or the error, in input order.
   */
  async addMany(drafts: DraftOf<K>[]): Promise<({ ok: true; record: RecordOf<K> } | { ok: false; error: Error })[]> {
    const results: ({ ok: true; record: RecordOf<K> } | { ok: false; error: Error })[] = [];
    for (let start = 0; start < drafts.length; start += MAX_BATCH) {
      const chunk = drafts.slice(start, start + MAX_BATCH);
      const [batched, execute] = this.sp.batched({ maxRequests: MAX_BATCH });
      const list = batched.web.lists.getByTitle(this.title);
      const pending = chunk.map((d) =>
        list.items.add(toItem(this.key, d as Record<string, unknown>)).then(
          (r) => ({ ok: true as const, record: fromItem<RecordOf<K>>(this.key, r as Record<string, unknown>) }),
          (e: unknown) => ({ ok: false as const, error: toDataError(e) as Error }),
        ),
      );
      // The batch request itself fails as a whole (e.g. dropped connection) outside the parts' pipeline.
      await execute().catch((error: unknown) => {
        throw toDataError(error);
      });
      results.push(...(await Promise.all(pending)));
    }
    return results;
  }

  /**
   * Changes an item. The etag is required: the one you read detects concurrent edits
   * (ConflictError on mismatch); '*' overwrites and must be a deliberate choice. Returns the new etag.
   */
  async update(id: number, patch: PatchOf<K>, etag: string): Promise<string> {
    const body = toItem(this.key, patch as Record<string, unknown>);
    const result = await this.items.getById(id).update(body, etag);
    return (result as { etag?: string }).etag ?? '*';
  }

  async remove(id: number, etag: string): Promise<void> {
    await this.items.getById(id).delete(etag);
  }
}

/**
 * A `$skiptoken` that starts right after the given sort values (SharePoint's paging token:
 * `Paged=TRUE&p_<column>=…&p_ID=…`; dates as UTC "yyyyMMdd HH:mm:ss" as SharePoint writes them).
 * With an ascending sort on `column`, `pagingToken('Created', since, 0)` starts at `since` without a
 * filter that would cross the list view threshold.
 */
function pagingToken(column: string, value: Date, id: number): string {
  const iso = value.toISOString();
  const sp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}`;
  const token = new URLSearchParams();
  token.set('Paged', 'TRUE');
  token.set(`p_${column}`, sp);
  token.set('p_ID', String(id));
  return token.toString();
}

export { ConflictError };
