/**
 * The roster (Personal) synced from Entra ID: Microsoft Graph `users/delta` — the first run reads
 * every user page by page, later runs only what changed since the delta link kept in the settings
 * (`rosterDeltaLink`). Per user: name, address, job title, förvaltning (Graph's `department`
 * matched to Förvaltningar by name or code), manager, external (employeeType or a guest), account
 * enabled and leave date. A disabled or deleted account makes the row inactive (the history stays);
 * a changed förvaltning records the move (previous förvaltning and date) so the people rules can
 * ask the manager about the devices. Graph's throttling (429/503 with Retry-After) is waited out.
 * Rows are matched on the Entra object id, else on the address; written app-only.
 */
import { stockholmDate } from '../../domain/calendar.js';
import { where, type Repositories } from '../../shared/data/index.js';
import { graphGet, type GraphReadOptions } from '../graph/read.js';
import type { DraftOf, PatchOf } from '../../shared/schema/index.js';

const SELECT = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'department',
  'jobTitle',
  'accountEnabled',
  'employeeType',
  'userType',
  'employeeLeaveDateTime',
  'manager',
].join(',');
/** The settings key holding the delta link of the last complete run. */
export const ROSTER_DELTA_KEY = 'rosterDeltaLink';
const EXTERNAL_TYPES = /^(guest|consultant|konsult|extern|contractor|förtroendevald)/i;

interface GraphUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  accountEnabled?: boolean | null;
  employeeType?: string | null;
  userType?: string | null;
  employeeLeaveDateTime?: string | null;
  'manager@delta'?: { id: string }[];
  '@removed'?: { reason: string };
}

export interface RosterSyncOptions extends GraphReadOptions {
  repos: Repositories;
  /** Graph's base, e.g. https://graph.microsoft.com or the local endpoint. */
  graphBaseUrl: string;
  now?: () => Date;
  /** Start over with a full read even when a delta link is kept. */
  full?: boolean;
}

export interface RosterSyncReport {
  full: boolean;
  pages: number;
  throttled: number;
  created: number;
  updated: number;
  deactivated: number;
  moved: number;
  unchanged: number;
  /** Graph departments no förvaltning matched (kept without one). */
  unmatchedDepartments: string[];
}

async function readDelta(
  options: RosterSyncOptions,
  start: string,
  report: RosterSyncReport,
): Promise<{ users: GraphUser[]; deltaLink: string }> {
  const users: GraphUser[] = [];
  let url = start;
  for (;;) {
    const res = await graphGet(options, url, report);
    if (res.status === 410 && !options.full) throw Object.assign(new Error('delta link expired'), { expired: true });
    if (!res.ok) throw new Error(`Microsoft Graph svarade ${res.status} på users/delta: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { value: GraphUser[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
    report.pages++;
    users.push(...body.value);
    if (body['@odata.nextLink']) url = body['@odata.nextLink'];
    else if (body['@odata.deltaLink']) return { users, deltaLink: body['@odata.deltaLink'] };
    else throw new Error('Microsoft Graph gav varken nästa sida eller en deltalänk.');
  }
}

const norm = (v: string | null | undefined) => (v ?? '').trim().toLowerCase();

/** One run of the sync; idempotent (a run with nothing changed in Entra ID writes nothing). */
export async function syncRoster(options: RosterSyncOptions): Promise<RosterSyncReport> {
  const { repos } = options;
  const now = options.now ?? (() => new Date());
  const today = stockholmDate(now());
  const values = await repos.settings.values();
  const kept = typeof values[ROSTER_DELTA_KEY] === 'string' && !options.full ? (values[ROSTER_DELTA_KEY] as string) : null;
  const base = options.graphBaseUrl.replace(/\/+$/, '');
  const report: RosterSyncReport = {
    full: kept === null,
    pages: 0,
    throttled: 0,
    created: 0,
    updated: 0,
    deactivated: 0,
    moved: 0,
    unchanged: 0,
    unmatchedDepartments: [],
  };
  let read: { users: GraphUser[]; deltaLink: string };
  try {
    read = await readDelta(options, kept ?? `${base}/v1.0/users/delta?$select=${SELECT}`, report);
  } catch (error) {
    if (!(error as { expired?: boolean }).expired) throw error;
    // Graph forgot the state (410): read everything again.
    report.full = true;
    read = await readDelta({ ...options, full: true }, `${base}/v1.0/users/delta?$select=${SELECT}`, report);
  }

  const [staff, departments] = await Promise.all([repos.staff.all(), repos.departments.all()]);
  const byEntra = new Map(staff.filter((s) => s.entraId).map((s) => [s.entraId!, s]));
  const byEmail = new Map(staff.map((s) => [norm(s.email), s]));
  const departmentOf = (name: string | null | undefined) => {
    const n = norm(name);
    if (!n) return null;
    return departments.find((d) => norm(d.title) === n || norm(d.code) === n) ?? null;
  };
  // Managers by object id: from this read, else from the rows already linked.
  const upnById = new Map<string, string>();
  for (const s of staff) if (s.entraId && s.email) upnById.set(s.entraId, norm(s.email));
  for (const u of read.users) if (!u['@removed'] && u.userPrincipalName) upnById.set(u.id, norm(u.mail || u.userPrincipalName));

  const live = read.users.filter((u) => !u['@removed'] && (u.userPrincipalName || u.mail));
  const people = await ensureSome(repos, [
    ...new Set(
      live.flatMap((u) => [norm(u.userPrincipalName), ...(u['manager@delta'] ?? []).map((m) => upnById.get(m.id) ?? '')]).filter(Boolean),
    ),
  ]);
  const unmatched = new Set<string>();

  for (const u of read.users) {
    const row = byEntra.get(u.id) ?? (u.mail || u.userPrincipalName ? byEmail.get(norm(u.mail || u.userPrincipalName)) : undefined);
    if (u['@removed'] || u.accountEnabled === false) {
      if (row && row.active !== false) {
        await repos.staff.update(row.id, { active: false, ...(row.endDate ? {} : { endDate: today }) }, '*');
        report.deactivated++;
      } else report.unchanged++;
      continue;
    }
    const email = norm(u.mail || u.userPrincipalName);
    if (!email) continue;
    const dep = departmentOf(u.department);
    if (u.department && !dep) unmatched.add(u.department);
    const managerUpn = u['manager@delta']?.[0] ? upnById.get(u['manager@delta'][0].id) : undefined;
    const manager = managerUpn ? people.get(managerUpn) : undefined;
    const person = people.get(norm(u.userPrincipalName));
    const leave = u.employeeLeaveDateTime ? stockholmDate(u.employeeLeaveDateTime) : null;
    const fields: DraftOf<'staff'> = {
      title: u.displayName || email,
      email,
      entraId: u.id,
      jobTitle: u.jobTitle ?? null,
      external: EXTERNAL_TYPES.test(u.employeeType ?? '') || u.userType === 'Guest',
      active: true,
      endDate: leave,
      ...(person ? { person: { id: person.id } } : {}),
      ...(manager ? { manager: { id: manager.id } } : {}),
      department: dep ? { id: dep.id } : null,
    };
    if (!row) {
      await repos.staff.add(fields);
      report.created++;
      continue;
    }
    const patch: PatchOf<'staff'> = {};
    const changed = (a: unknown, b: unknown) => (a ?? null) !== (b ?? null);
    if (changed(row.title, fields.title)) patch.title = fields.title;
    if (changed(norm(row.email), email)) patch.email = email;
    if (changed(row.entraId, u.id)) patch.entraId = u.id;
    if (changed(row.jobTitle, fields.jobTitle)) patch.jobTitle = fields.jobTitle ?? null;
    if (changed(row.external ?? false, fields.external)) patch.external = fields.external ?? false;
    if (row.active === false) patch.active = true;
    if (changed(row.endDate ? stockholmDate(row.endDate) : null, leave)) patch.endDate = leave;
    if (person && row.person?.id !== person.id) patch.person = { id: person.id };
    if (manager && row.manager?.id !== manager.id) patch.manager = { id: manager.id };
    const before = row.department?.id ?? null;
    const after = dep?.id ?? null;
    if (before !== after) {
      patch.department = dep ? { id: dep.id } : null;
      // A move between two förvaltningar (not a first assignment): the manager decides about devices.
      if (before !== null && after !== null) {
        patch.previousDepartment = { id: before };
        patch.movedAt = today;
        report.moved++;
      }
    }
    if (Object.keys(patch).length === 0) {
      report.unchanged++;
      continue;
    }
    await repos.staff.update(row.id, patch, '*');
    report.updated++;
  }
  report.unmatchedDepartments = [...unmatched].sort();
  await keepDeltaLink(repos, read.deltaLink);
  return report;
}

/**
 * Site users for the addresses, batched; a batch SharePoint refuses (one account it cannot resolve
 * yet, e.g. a guest) is retried one by one, so one odd account never stops the sync — that row is
 * kept without a user account and gets one on a later run.
 */
async function ensureSome(repos: Repositories, upns: string[]): Promise<Map<string, { id: number }>> {
  const out = new Map<string, { id: number }>();
  for (let i = 0; i < upns.length; i += 100) {
    const chunk = upns.slice(i, i + 100);
    try {
      for (const [k, v] of await repos.users.ensureMany(chunk)) out.set(k, v);
    } catch {
      for (const upn of chunk) {
        try {
          out.set(upn, await repos.users.ensure(upn));
        } catch {
          // Not resolvable yet: the row is written without the account.
        }
      }
    }
  }
  return out;
}

/** The delta link goes to the settings only after every change of the run is written. */
async function keepDeltaLink(repos: Repositories, link: string): Promise<void> {
  const [row] = await repos.settings.list({ filter: where('settings').eq('title', ROSTER_DELTA_KEY), top: 1 });
  const value = JSON.stringify(link);
  if (row) await repos.settings.update(row.id, { value }, '*');
  else
    await repos.settings.add({
      title: ROSTER_DELTA_KEY,
      value,
      description: 'Deltalänken från senaste synkroniseringen av personalen från Entra ID.',
    } as DraftOf<'settings'>);
}
