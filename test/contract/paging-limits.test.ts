import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SPFI } from '@pnp/sp';
import type { LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { ADMIN, spFor, startStore, statusOf } from './helpers.js';

let store: LocalSharePoint;
let sp: SPFI;
const TOTAL = 5120;

beforeAll(async () => {
  store = await startStore();
  sp = spFor(store, ADMIN);
  await sp.web.lists.add('Stor lista');
  const fields = sp.web.lists.getByTitle('Stor lista').fields;
  await fields.createFieldAsXml({ SchemaXml: '<Field Type="Number" Name="Num" StaticName="Num" DisplayName="Nummer" />', Options: 8 });
  await fields.createFieldAsXml({
    SchemaXml:
      '<Field Type="Choice" Name="Kind" StaticName="Kind" DisplayName="Sort"><CHOICES><CHOICE>a</CHOICE><CHOICE>b</CHOICE></CHOICES></Field>',
    Options: 8,
  });
  // 100 adds per $batch, as PnPjs sends them (it splits at its own 20-request chunk size by default).
  for (let start = 0; start < TOTAL; start += 100) {
    const [batched, execute] = sp.batched({ maxRequests: 100 });
    const list = batched.web.lists.getByTitle('Stor lista');
    for (let i = start; i < Math.min(start + 100, TOTAL); i++) {
      void list.items.add({ Title: `Rad ${String(i).padStart(5, '0')}`, Num: TOTAL - i, Kind: i % 100 === 0 ? 'b' : 'a' });
    }
    await execute();
  }
}, 120_000);

afterAll(async () => {
  await store.close();
});

test('ItemCount and default page size', async () => {
  const list = sp.web.lists.getByTitle('Stor lista');
  expect((await list.select('ItemCount')()).ItemCount).toBe(TOTAL);
  expect(await list.items.select('Id')()).toHaveLength(100);
});

test('async iteration follows odata.nextLink past 5,000 items', async () => {
  const list = sp.web.lists.getByTitle('Stor lista');
  const ids: number[] = [];
  let pages = 0;
  for await (const page of list.items.select('Id', 'Title').top(1000)) {
    pages++;
    ids.push(...page.map((i: { Id: number }) => i.Id));
  }
  expect(pages).toBe(6);
  expect(ids).toHaveLength(TOTAL);
  expect(new Set(ids).size).toBe(TOTAL);
  expect(ids[0]).toBe(1);
  expect(ids[ids.length - 1]).toBe(TOTAL);
});

test('nextLink is absolute with SharePoint skiptoken; items.skip(id)', async () => {
  const token = await spFor(store, ADMIN).web.lists.getByTitle('Stor lista').select('Id')();
  const res = await fetch(`${store.siteUrl}/_api/web/lists/getByTitle('Stor%20lista')/items?%24select=Id&%24top=100`, {
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${(await import('../../src/shared/auth/local-token.js')).createLocalToken(ADMIN)}`,
    },
  });
  const json = (await res.json()) as { 'odata.nextLink': string };
  expect(json['odata.nextLink']).toBe(
    `${store.siteUrl}/_api/web/lists(guid'${token.Id}')/items?%24skiptoken=Paged%3DTRUE%26p_ID%3D100&%24select=Id&%24top=100`,
  );
  const after = await sp.web.lists.getByTitle('Stor lista').items.select('Id').skip(5000).top(10)();
  expect(after.map((i: { Id: number }) => i.Id)).toEqual([5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010]);
});

test('list view threshold: unindexed filter/orderby fail until the column is indexed', async () => {
  const list = sp.web.lists.getByTitle('Stor lista');
  const r = await statusOf(list.items.filter('Num eq 5')());
  expect(r.status).toBe(500);
  expect(r.message).toBe('The attempted operation is prohibited because it exceeds the list view threshold.');
  expect((await statusOf(list.items.orderBy('Title')())).status).toBe(500);
  // Id is always indexed
  expect(await list.items.filter('Id le 3')()).toHaveLength(3);
  // an indexed filter that still matches more than the threshold is throttled too
  await list.fields.getByInternalNameOrTitle('Kind').update({ Indexed: true });
  expect((await statusOf(list.items.filter("Kind eq 'a'")())).status).toBe(500);
  const bs = await list.items.select('Id').filter("Kind eq 'b' and Num gt 0")();
  expect(bs).toHaveLength(Math.ceil(TOTAL / 100));
  await list.fields.getByInternalNameOrTitle('Num').update({ Indexed: true });
  const [row] = await list.items.select('Title', 'Num').filter('Num eq 5')();
  expect(row.Title).toBe(`Rad ${String(TOTAL - 5).padStart(5, '0')}`);
});

test('ordered paging uses p_<Col> in the skiptoken', async () => {
  const list = sp.web.lists.getByTitle('Stor lista');
  const nums: number[] = [];
  for await (const page of list.items.select('Id', 'Num').filter('Num le 2500').orderBy('Num', false).top(1000)) {
    nums.push(...page.map((i: { Num: number }) => i.Num));
  }
  expect(nums).toHaveLength(2500);
  expect(nums[0]).toBe(2500);
  expect(nums[nums.length - 1]).toBe(1);
  expect(nums.every((n, i) => i === 0 || (nums[i - 1] as number) > n)).toBe(true);
});
