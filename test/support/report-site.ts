/**
 * The reports' fixture (test/fixtures/reports) written into a local store through the repositories:
 * lookups re-pointed to the stored ids, requirements matched to the provisioned baseline by code,
 * every person the one directory user the fixture names (Anna Andersson).
 */
import { listSpec, type ListKey, type RecordOf } from '../../src/shared/schema/index.js';
import type { Repositories } from '../../src/shared/data/index.js';
import { reportFixture } from '../fixtures/reports/yearly-fixture.js';
import { ADMIN, startTestSite, type TestSite } from './local-site.js';

export const ANNA = 'anna.andersson@exempelkommun.se';

export async function startReportSite(): Promise<TestSite> {
  const site = await startTestSite({ users: [{ upn: ANNA, displayName: 'Anna Andersson' }] });
  await seedReportFixture(site.reposAs(ADMIN));
  return site;
}

export async function seedReportFixture(repos: Repositories): Promise<void> {
  const data = reportFixture();
  const anna = await repos.users.ensure(ANNA);
  const ids = new Map<string, Map<number, number>>();
  const map = (list: string, from: number, to: number) => {
    if (!ids.has(list)) ids.set(list, new Map());
    ids.get(list)!.set(from, to);
  };
  const baseline = await repos.securityRequirements.all();
  for (const r of data.requirements) {
    const stored = baseline.find((b) => b.code === r.code);
    if (stored) map('securityRequirements', r.id, stored.id);
  }
  const draft = <K extends ListKey>(key: K, record: RecordOf<K>) => {
    const out: Record<string, unknown> = {};
    for (const f of listSpec(key).fields) {
      const v = (record as Record<string, unknown>)[f.key];
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      if (f.type === 'user') out[f.key] = { id: anna.id };
      else if (f.type === 'userMulti') out[f.key] = [{ id: anna.id }];
      else if (f.type === 'lookup') out[f.key] = { id: ids.get(f.list)?.get((v as { id: number }).id) ?? 0 };
      else if (f.type === 'lookupMulti') out[f.key] = (v as { id: number }[]).map((x) => ({ id: ids.get(f.list)?.get(x.id) ?? 0 }));
      else out[f.key] = v;
    }
    return out as never;
  };
  const add = async <K extends ListKey>(key: K, records: readonly RecordOf<K>[]) => {
    const repo = repos[key as keyof Repositories] as unknown as { add(d: never): Promise<RecordOf<K>> };
    for (const r of records) map(key, r.id, (await repo.add(draft(key, r))).id);
  };
  await add('departments', data.departments);
  await add('systems', data.systems);
  await add('incidents', data.incidents);
  await add('timeline', data.timeline);
  await add('actions', data.actions);
  await add('selfAssessments', data.assessments);
  if (data.training) {
    await add('trainingCourses', data.training.courses);
    await add('staff', data.training.staff);
    await add('trainingCompletions', data.training.completions);
  }
  await repos.settings.add({
    title: 'reportBudgets',
    value: JSON.stringify({ '2025': { licences: 300000, operation: 60000, incidents: 20000 } }),
  });
  await repos.settings.add({ title: 'municipalityName', value: JSON.stringify('Exempelkommun') });
}
