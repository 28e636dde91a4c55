/**
 * Devices and subscriptions for managers: who holds what among the people they answer for, and
 * confirming or recording what was decided (kept, handed back to IT, scrapped, ended, moved). The
 * devices list is closed to staff and managers in SharePoint (it names holders); this API reads it
 * app-only and answers only for the people the caller is responsible for — their own staff, and
 * leavers and movers whose device decisions fall to them (src/domain/tasks/people-rules.ts) —
 * while coordinators and admins see everyone. A confirmation names the caller, never anyone else.
 */
import { canHandleIncidents, type Actor } from '../../domain/authorization.js';
import { leaversOf, responsibleFor } from '../../domain/tasks/index.js';
import { stockholmDate } from '../../domain/calendar.js';
import { ConflictError, where, type Repositories } from '../../shared/data/index.js';
import { listSpec, type RecordOf, type StaffMember } from '../../shared/schema/index.js';
import type { Caller } from './caller.js';
import { ApiError, type ResolvedActor } from './service.js';

type Device = RecordOf<'devices'>;

export interface PersonDevices {
  person: Pick<StaffMember, 'id' | 'title' | 'email' | 'jobTitle' | 'active' | 'endDate' | 'movedAt' | 'department' | 'previousDepartment'>;
  devices: Device[];
}

export interface DeviceDecision {
  /** The decision, as the status it leaves the device in; 'i bruk' = kept. */
  status: string;
  notes?: string | null;
}

const STATUSES: readonly string[] = (() => {
  const f = listSpec('devices').fields.find((x) => x.key === 'status');
  return f && f.type === 'choice' ? f.choices : [];
})();
const STAFF_FIELDS = [
  'title',
  'email',
  'person',
  'jobTitle',
  'active',
  'endDate',
  'manager',
  'department',
  'movedAt',
  'previousDepartment',
] as const;
/** "Has a value" for an indexed date (null never compares). */
const EVER = '1900-01-01T00:00:00Z';
/** Holders per devices query (an OR of indexed equalities). */
const HOLDERS_PER_QUERY = 20;

interface Deps {
  repos: Repositories;
  now: () => Date;
  actorFor(caller: Caller): Promise<ResolvedActor>;
  changed(): void;
}

const emailOf = (s: Pick<StaffMember, 'email' | 'person'>) => (s.email ?? s.person?.email ?? '').trim().toLowerCase();

export function createDevices(deps: Deps) {
  const { repos, now } = deps;
  const seesAll = (actor: Actor) => canHandleIncidents(actor);

  /** The staff rows the caller answers for (indexed: manager, leavers, movers). */
  async function peopleFor(actor: ResolvedActor): Promise<StaffMember[]> {
    const s = where('staff');
    const me = (actor.user.email || actor.user.upn).toLowerCase();
    const [mine, others, departments, coordinators] = await Promise.all([
      repos.staff.all({ filter: s.eq('manager', actor.userId), fields: STAFF_FIELDS }),
      // Leavers and movers may fall to a head of förvaltning or the coordinators.
      repos.staff.all({ filter: s.or(s.eq('active', false), s.ge('endDate', EVER), s.ge('movedAt', EVER)), fields: STAFF_FIELDS }),
      repos.departments.all(),
      repos.groups.members('securityCoordinators'),
    ]);
    const leavers = leaversOf(others, stockholmDate(now()));
    const coordinatorUpns = coordinators.map((c) => (c.email || c.upn).toLowerCase());
    const byId = new Map(mine.map((x) => [x.id, x]));
    for (const x of others) if (responsibleFor(x, departments, leavers, coordinatorUpns).includes(me)) byId.set(x.id, x);
    return [...byId.values()];
  }

  async function devicesOf(people: readonly StaffMember[]): Promise<Map<string, Device[]>> {
    const emails = [...new Set(people.map(emailOf).filter(Boolean))];
    const d = where('devices');
    const out = new Map<string, Device[]>();
    const chunks = [];
    for (let i = 0; i < emails.length; i += HOLDERS_PER_QUERY) chunks.push(emails.slice(i, i + HOLDERS_PER_QUERY));
    const rows = await Promise.all(chunks.map((chunk) => repos.devices.all({ filter: d.or(...chunk.map((e) => d.eq('holderEmail', e))) })));
    for (const device of rows.flat()) {
      const who = (device.holderEmail ?? device.holder?.email ?? '').toLowerCase();
      const list = out.get(who) ?? [];
      out.set(who, list);
      list.push(device);
    }
    return out;
  }

  const shape = (p: StaffMember, devices: Device[]): PersonDevices => ({
    person: {
      id: p.id,
      title: p.title,
      email: p.email,
      jobTitle: p.jobTitle,
      active: p.active,
      endDate: p.endDate,
      movedAt: p.movedAt,
      department: p.department,
      previousDepartment: p.previousDepartment,
    },
    devices: devices.sort((a, b) => a.id - b.id),
  });

  async function mayDecide(actor: ResolvedActor, holderEmail: string): Promise<boolean> {
    if (seesAll(actor)) return true;
    return (await peopleFor(actor)).some((p) => emailOf(p) === holderEmail.toLowerCase());
  }

  return {
    /** The people the caller answers for, each with what they hold (in use and handed back). */
    async team(caller: Caller): Promise<PersonDevices[]> {
      const actor = await deps.actorFor(caller);
      // Those with a decision to make first (left, leaving, moved), then by name.
      const flagged = (p: StaffMember) => (p.active === false || !!p.endDate || !!p.movedAt ? 0 : 1);
      const people = (await peopleFor(actor)).sort((a, b) => flagged(a) - flagged(b) || a.title.localeCompare(b.title, 'sv'));
      const devices = await devicesOf(people);
      return people.map((p) => shape(p, devices.get(emailOf(p)) ?? []));
    },

    /** One person's devices: for whoever answers for them, coordinators and admins (404 otherwise). */
    async person(caller: Caller, staffId: number): Promise<PersonDevices> {
      const actor = await deps.actorFor(caller);
      let person: StaffMember;
      try {
        person = await repos.staff.get(staffId);
      } catch {
        throw new ApiError(404, 'notFound', 'Personen finns inte.');
      }
      if (!(await mayDecide(actor, emailOf(person)))) throw new ApiError(404, 'notFound', 'Personen finns inte.');
      return shape(person, (await devicesOf([person])).get(emailOf(person)) ?? []);
    },

    /** Records the decision on one device as the caller, now (If-Match: the version the caller saw). */
    async decide(caller: Caller, id: number, decision: DeviceDecision, etag: string): Promise<Device> {
      const actor = await deps.actorFor(caller);
      if (!STATUSES.includes(decision.status))
        throw new ApiError(400, 'badRequest', `Välj ett av beslutet: ${STATUSES.join(', ')}.`, { fields: { status: 'Välj ett beslut.' } });
      let device: Device;
      try {
        device = await repos.devices.get(id);
      } catch {
        throw new ApiError(404, 'notFound', 'Enheten finns inte.');
      }
      const holder = device.holderEmail ?? device.holder?.email ?? '';
      if (!holder || !(await mayDecide(actor, holder))) throw new ApiError(404, 'notFound', 'Enheten finns inte.');
      try {
        await repos.devices.update(
          id,
          {
            status: decision.status as Device['status'],
            confirmedAt: now().toISOString(),
            confirmedBy: { id: actor.userId },
            ...(decision.notes !== undefined ? { notes: decision.notes?.slice(0, 2000) ?? null } : {}),
          },
          etag,
        );
      } catch (error) {
        if (error instanceof ConflictError)
          throw new ApiError(412, 'conflict', 'Någon annan har ändrat enheten sedan du läste den. Läs in sidan igen och gör om beslutet.');
        throw error;
      }
      deps.changed();
      return repos.devices.get(id);
    },
  };
}
