/**
 * A list on which someone holds nothing is left out of the list collection and refused, as in
 * SharePoint: its item count, fields and items are not disclosed (the number of incidents is
 * information too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSpec } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { statusOf } from './helpers.js';

const EVA = 'eva@exempelkommun.se';
const SARA = 'sara@exempelkommun.se';
let site: TestSite;

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
  await admin.incidents.add({ title: 'Intrång i vattenverket' });
});
afterAll(() => site.close());

describe('lists without access', () => {
  const incidents = listSpec('incidents').title;

  it('are left out of the list collection and refused: no item count, fields or items', async () => {
    const eva = site.spAs(EVA);
    const titles = (await eva.web.lists.select('Title', 'ItemCount')()).map((l) => l.Title);
    expect(titles).toContain(listSpec('systems').title);
    expect(titles).not.toContain(incidents);
    const list = eva.web.lists.getByTitle(incidents);
    expect((await statusOf(list.select('ItemCount')())).status).toBe(403);
    const { Id } = await site.spAs(ADMIN).web.lists.getByTitle(incidents).select('Id')();
    expect((await statusOf(eva.web.lists.getById(Id).select('ItemCount')())).status).toBe(403);
    expect((await statusOf(list.fields())).status).toBe(403);
    expect((await statusOf(list.items())).status).toBe(403);
    // Asking what one may do there is allowed, and says nothing.
    const perms = (await list.getCurrentUserEffectivePermissions()) as { Low: string | number; High: string | number };
    expect([Number(perms.Low), Number(perms.High)]).toEqual([0, 0]);
  });

  it('stay visible to those who may read them', async () => {
    const list = (await site.spAs(SARA).web.lists.getByTitle(incidents).select('ItemCount')()) as { ItemCount: number };
    expect(list.ItemCount).toBe(1);
  });
});
