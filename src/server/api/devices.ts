/**
 * Devices and subscriptions for managers: who holds what among the people they answer for, and
 * confirming or recording what was decided (kept, handed back to IT, scrapped, ended, moved). The
 * devices list is closed to staff and managers in SharePoint (it names holders); this API reads it
 * app-only and answers only for the people the caller is responsible for — their own staff, and
 * leavers and movers whose device decisions fall to them (src/domain/tasks/people-rules.ts) —
 * while coordinators and admins see everyone. A confirmation names the caller, never anyone else.
 * IT (admins) and coordinators add and correct devices (`create`, `update`), checked by the rule the
 * inventory import uses; who entered it is the caller, never the body.
 */
import { canHandleIncidents, canManageDevices, type Actor } from '../../domain/authorization.js';
import {
  DEVICE_COLUMN_NAMES,
  deviceChanges,
  deviceTitle,
  problemText,
  readDevice,
  type DeviceCells,
  type DeviceColumn,
  type DeviceProblem,
} from '../../domain/devices/inventory-import.js';
import { deviceFields, storedDevice } from '../../register-io/import-devices.js';
import { leaversOf, responsibleFor } from '../../domain/tasks/index.js';
import { stockholmDate } from '../../domain/calendar.js';
import { ConflictError, DataError, where, type Repositories, type SiteUser } from '../../shared/data/index.js';
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

/** A device as IT's form sends it: raw values by field (validated by the domain's readDevice). */
export type DeviceEntry = Partial<Record<DeviceColumn, string | number | null>>;

const NOT_IT = 'Bara IT (administratörer) och informationssäkerhetssamordnare får lägga till och ändra enheter och abonnemang.';

function invalidDevice(problems: readonly DeviceProblem[]): ApiError {
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.field] ??= problemText(p, DEVICE_COLUMN_NAMES[p.field]);
  return new ApiError(400, 'invalidDevice', `Uppgifterna godtogs inte. ${Object.values(fields).join(' ')}`, { fields });
}

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

  /** The holder as a site user (app-only ensureUser); unknown to the directory is the form's error. */
  async function holderUser(holder: string | null | undefined): Promise<Map<string, SiteUser>> {
    const out = new Map<string, SiteUser>();
    if (!holder) return out;
    try {
      out.set(holder, await repos.users.ensure(holder));
    } catch (error) {
      // SharePoint answers an unknown login with 500 "The specified user … could not be found."
      if (
        error instanceof DataError &&
        (error.kind === 'notFound' || error.kind === 'invalid' || /could not be found/i.test(error.detail ?? ''))
      )
        throw invalidDevice([{ field: 'holder', message: `${holder} finns inte i kommunens katalog.` }]);
      throw error;
    }
    return out;
  }

  /** Another device already has the identifier (the list's unique index; case as SharePoint compares). */
  async function taken(identifier: string, exceptId: number | null): Promise<boolean> {
    const d = where('devices');
    const same = await repos.devices.list({ filter: d.eq('identifier', identifier), fields: ['identifier'], top: 2 });
    return same.some((x) => x.id !== exceptId);
  }
  const duplicate = (identifier: string) =>
    invalidDevice([{ field: 'identifier', message: `det finns redan en enhet med identiteten "${identifier}".` }]);

  async function managerActor(caller: Caller): Promise<ResolvedActor> {
    const actor = await deps.actorFor(caller);
    if (!canManageDevices(actor)) throw new ApiError(403, 'forbidden', NOT_IT);
    return actor;
  }

  return {
    /**
     * A new device or subscription entered by IT (admins, coordinators): checked by the same rule
     * as the inventory import, the holder made a site user, entered by = the caller, now.
     */
    async create(caller: Caller, entry: DeviceEntry): Promise<Device> {
      const actor = await managerActor(caller);
      const read = readDevice(entry as DeviceCells, stockholmDate(now()));
      if (!read.ok) throw invalidDevice(read.problems);
      const input = read.value;
      if (await taken(input.identifier, null)) throw duplicate(input.identifier);
      const holders = await holderUser(input.holder);
      let device: Device;
      try {
        device = await repos.devices.add({
          ...deviceFields(input, holders),
          title: deviceTitle(input),
          status: input.status ?? 'i bruk',
          enteredBy: { id: actor.userId },
          enteredAt: now().toISOString(),
        } as never);
      } catch (error) {
        if (error instanceof DataError && error.kind === 'duplicate') throw duplicate(input.identifier);
        throw error;
      }
      deps.changed();
      return repos.devices.get(device.id);
    },

    /** A correction by IT (If-Match: the version shown): only what differs is written, entered by = the caller. */
    async update(caller: Caller, id: number, entry: DeviceEntry, etag: string): Promise<Device> {
      const actor = await managerActor(caller);
      let device: Device;
      try {
        device = await repos.devices.get(id);
      } catch {
        throw new ApiError(404, 'notFound', 'Enheten finns inte.');
      }
      const stored = storedDevice(device);
      const merged: DeviceCells = {
        kind: stored.kind,
        identifier: stored.identifier,
        title: stored.title,
        model: stored.model,
        purchaseDate: stored.purchaseDate,
        holder: stored.holderEmail,
        cost: stored.cost,
        status: stored.status,
        notes: stored.notes,
        ...entry,
      };
      const read = readDevice(merged, stockholmDate(now()));
      if (!read.ok) throw invalidDevice(read.problems);
      const changes = deviceChanges(stored, read.value);
      if (Object.keys(changes).length === 0) return device;
      if (changes.identifier !== undefined && (await taken(changes.identifier, id))) throw duplicate(changes.identifier);
      const holders = await holderUser(changes.holder);
      try {
        await repos.devices.update(
          id,
          { ...deviceFields(changes, holders), enteredBy: { id: actor.userId }, enteredAt: now().toISOString() },
          etag,
        );
      } catch (error) {
        if (error instanceof ConflictError)
          throw new ApiError(412, 'conflict', 'Någon annan har ändrat enheten sedan du läste den. Läs in sidan igen och gör om ändringen.');
        if (error instanceof DataError && error.kind === 'duplicate') throw duplicate(changes.identifier ?? '');
        throw error;
      }
      deps.changed();
      return repos.devices.get(id);
    },

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
