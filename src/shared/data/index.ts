import type { SPFI } from '@pnp/sp';
import { PermissionKind } from '@pnp/sp/security';
import '@pnp/sp/attachments';
import type { DraftOf, Incident, ListKey, RoleKey } from '../schema/index.js';
import { rolesFromMembership, type Role } from '../../domain/roles.js';
import { incidentReferencePrefix, nextIncidentReference } from '../../domain/incident-reference.js';
import { listKeys, listSpec, siteSchema } from '../schema/index.js';
import { DataError, toDataError } from './errors.js';
import { where } from './filter.js';
import { ListRepository, MAX_BATCH } from './repository.js';

export { createSp, FreshBearerToken, type TokenProvider, type SpClientOptions } from './sp.js';
export { DataError, ConflictError, toDataError, dataErrorMessage, type DataErrorKind } from './errors.js';
export { where, quote, type Filter, type FilterBuilder } from './filter.js';
export { ListRepository, MAX_PAGE, MAX_BATCH, type Query } from './repository.js';
export { DocumentLibrary, type LibraryFile } from './library.js';
export { fromItem, toItem, selectFor } from './mapping.js';
export { DataErrors } from './sp.js';

/** What a person may do in Systemkoll; decided by SharePoint group membership, never by the client. */
export type { Role } from '../../domain/roles.js';

export interface SiteUser {
  id: number;
  title: string;
  email: string;
  loginName: string;
  upn: string;
  isSiteAdmin: boolean;
}

export interface CurrentUser extends SiteUser {
  roles: Role[];
}

export interface ListAccess {
  key: ListKey;
  title: string;
  exists: boolean;
  canRead: boolean;
  canWrite: boolean;
  error?: string;
}

function groupTitles(): Record<RoleKey, string> {
  return Object.fromEntries((Object.keys(siteSchema.groups) as RoleKey[]).map((k) => [k, siteSchema.groups[k].title])) as Record<
    RoleKey,
    string
  >;
}

export function loginNameOf(upn: string): string {
  return upn.startsWith('i:0#.f|membership|') ? upn : `i:0#.f|membership|${upn}`;
}

function toSiteUser(raw: Record<string, any>): SiteUser {
  const login = String(raw.LoginName ?? '');
  return {
    id: raw.Id,
    title: raw.Title ?? '',
    email: raw.Email ?? '',
    loginName: login,
    upn: raw.UserPrincipalName ?? login.replace(/^i:0#\.f\|membership\|/, ''),
    isSiteAdmin: raw.IsSiteAdmin === true,
  };
}

async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toDataError(error);
  }
}

class SystemRepository extends ListRepository<'systems'> {
  /** Systems whose name starts with the text (indexed Title, so valid past 5,000 items). */
  search(text: string, top = 10) {
    const trimmed = text.trim();
    return this.list({
      ...(trimmed ? { filter: where('systems').startsWith('title', trimmed) } : {}),
      orderBy: [{ key: 'title' }],
      top,
    });
  }
}

function sameSecond(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}

/** A file attached to an incident (a SharePoint list item attachment). */
export interface IncidentAttachment {
  name: string;
  /** Its server-relative URL in SharePoint (Lists/…/Attachments/<id>/<name>). */
  url: string;
}

class IncidentRepository extends ListRepository<'incidents'> {
  constructor(
    private readonly web: SPFI,
    key: 'incidents',
  ) {
    super(web, key);
  }

  private attachmentFiles(id: number) {
    return this.web.web.lists.getByTitle(this.title).items.getById(id).attachmentFiles;
  }

  /** The incident's attachments, oldest first. */
  async attachments(id: number): Promise<IncidentAttachment[]> {
    try {
      const files = await this.attachmentFiles(id)();
      return files.map((f) => ({ name: f.FileName, url: f.ServerRelativeUrl }));
    } catch (error) {
      throw toDataError(error);
    }
  }

  /** One attachment's bytes, or null when the incident has none by that name. */
  async attachment(id: number, name: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await this.attachmentFiles(id).getByName(name).getBuffer());
    } catch (error) {
      const e = toDataError(error);
      if (e.kind === 'notFound') return null;
      throw e;
    }
  }

  /** Attaches a file (SharePoint refuses a name the item already has). */
  async addAttachment(id: number, name: string, bytes: Uint8Array): Promise<IncidentAttachment> {
    try {
      const added = (await this.attachmentFiles(id).add(name, new Uint8Array(bytes).buffer)).data as unknown as {
        FileName: string;
        ServerRelativeUrl: string;
      };
      return { name: added.FileName, url: added.ServerRelativeUrl };
    } catch (error) {
      throw toDataError(error);
    }
  }

  findBySubmissionKey(key: string): Promise<Incident | null> {
    return this.first(where('incidents').eq('submissionKey', key));
  }

  /**
   * Stores a report exactly once per submission key, whatever retries, double clicks or lost
   * replies happen. A key that exists returns the stored incident. When the add fails in any way —
   * a race lost on the unique index (409); a reply lost after SharePoint committed, whose retried
   * POST then meets the unique key (409) or whose network error PnPjs rethrows — the key is looked
   * up again before the failure is believed: only an incident that is really absent is reported as
   * not stored. A 409 is this very attempt's own write when the stored item carries this draft's
   * report time (to the second SharePoint keeps); only another attempt's item is "already received".
   * `owner` (the reporter's site user id) guards the key: a stored item with the same key but
   * another reporter is never taken for this report.
   */
  async report(draft: DraftOf<'incidents'> & { submissionKey: string }, owner: number): Promise<{ incident: Incident; created: boolean }> {
    // 0 = a report whose reporter the site does not know (stored without one).
    const mine = (i: Incident | null) => (i && (i.reporter?.id ?? 0) === owner ? i : null);
    const existing = await this.findBySubmissionKey(draft.submissionKey);
    if (existing && mine(existing)) return { incident: await this.ensureReference(existing), created: false };
    // Someone else's item holds the key (only an admin could have written it): never swallow this report.
    const body = existing ? { ...draft, submissionKey: `${draft.submissionKey}-${owner}-${existing.id}` } : draft;
    let added: Incident;
    try {
      added = await this.add(body);
    } catch (error) {
      const stored = await this.findAfterFailure(body.submissionKey);
      if (stored && mine(stored)) {
        const ownWrite = sameSecond(stored.reportedAt, body.reportedAt);
        const lostRace = error instanceof DataError && error.kind === 'duplicate' && !ownWrite;
        return { incident: await this.ensureReference(stored), created: !lostRace };
      }
      throw error;
    }
    return { incident: await this.ensureReference(added), created: true };
  }

  /** The key looked up once more (with the pipeline's own retries) after a failed add. */
  private async findAfterFailure(key: string): Promise<Incident | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.findBySubmissionKey(key);
      } catch {
        // The store is still unreachable: try again; the caller decides what to tell the user.
      }
    }
    throw new DataError('network');
  }

  /** The highest reference of a Stockholm year (indexed ReferenceNumber, prefix, descending, top 1). */
  async highestReference(prefix: string): Promise<string | null> {
    // The highest of all, by the index alone: a filter on the year's prefix would match every
    // incident of the year and cross the 5,000 threshold at a municipality's volume.
    const [top] = await this.list({ orderBy: [{ key: 'referenceNumber', ascending: false }], fields: ['referenceNumber'], top: 1 });
    const highest = top?.referenceNumber ?? null;
    if (highest === null || highest.startsWith(prefix)) return highest;
    if (highest < prefix) return null;
    // A later year's numbers exist (a report made before New Year numbered after it): ask for this year's.
    const i = where('incidents');
    const rows = await this.list({
      filter: i.startsWith('referenceNumber', prefix),
      orderBy: [{ key: 'referenceNumber', ascending: false }],
      fields: ['referenceNumber'],
      top: 1,
    });
    return rows[0]?.referenceNumber ?? null;
  }

  /**
   * Gives the incident the next reference of its Stockholm year: read the year's highest, write
   * highest + 1. ReferenceNumber is unique-indexed, so of two reports that read the same highest only
   * one write succeeds; the other meets a duplicate and tries the next number. The write is
   * conditional on the item's version: if another attempt for the same report (a retry) numbered it
   * meanwhile, that number is kept — a reporter is never told two numbers. (The sort is textual:
   * correct up to 9,999 incidents a year, far above a municipality's volume.)
   */
  private async ensureReference(incident: Incident): Promise<Incident> {
    if (incident.referenceNumber) return incident;
    const reportedAt = incident.reportedAt ?? incident.created ?? new Date().toISOString();
    const prefix = incidentReferencePrefix(reportedAt);
    let current = incident;
    let failure: unknown;
    for (let attempt = 0; attempt < 60; attempt++) {
      try {
        const target = current;
        const numbered = await numberingInTurn(prefix, async () => {
          const referenceNumber = nextIncidentReference(reportedAt, await this.highestReference(prefix));
          const etag = await this.update(target.id, { referenceNumber }, target.etag || '*');
          return { referenceNumber, etag };
        });
        return { ...current, ...numbered };
      } catch (error) {
        failure = error;
        if (error instanceof DataError && error.kind === 'conflict') {
          // Changed since read: numbered by a retry of the same report, or edited — read it again.
          current = await this.get(current.id);
          if (current.referenceNumber) return current;
        } else if (!(error instanceof DataError && error.kind === 'duplicate') && attempt >= 2) break;
      }
    }
    // Never hand out a number the list does not hold (nobody could find the report by it): the
    // caller says "could not confirm", and sending again finds this item and writes the number.
    throw failure;
  }
}

/**
 * Numberings of one Stockholm year run one at a time within this process: a burst of concurrent
 * reports (20 staff reporting the same outage) then takes 1, 2, 3 … in turn with one read and one
 * write each, instead of all racing for highest + 1 and retrying. Several hosts serving one site
 * still never share a number — the unique index and the retry in ensureReference see to that.
 */
const numberingQueues = new Map<string, Promise<unknown>>();
function numberingInTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = numberingQueues.get(key) ?? Promise.resolve();
  const next = previous.then(run, run);
  const settled = next.catch(() => undefined);
  numberingQueues.set(key, settled);
  void settled.then(() => {
    if (numberingQueues.get(key) === settled) numberingQueues.delete(key);
  });
  return next;
}

class SettingsRepository extends ListRepository<'settings'> {
  /** Settings as key → value; schema defaults fill in what the site does not (yet) hold. */
  async values(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const s of siteSchema.settings) out[s.key] = s.value;
    for (const row of await this.list()) {
      if (!row.value) continue;
      try {
        out[row.title] = JSON.parse(row.value);
      } catch {
        // A hand-edited value that is not JSON is kept as text rather than lost.
        out[row.title] = row.value;
      }
    }
    return out;
  }
}

export function createRepositories(sp: SPFI) {
  const users = {
    async current(): Promise<SiteUser> {
      return toSiteUser(await guard(sp.web.currentUser()));
    },
    /** Makes a directory user a site user (SharePoint's ensureUser) and returns them. */
    async ensure(upn: string): Promise<SiteUser> {
      const r = await guard(sp.web.ensureUser(loginNameOf(upn)));
      return toSiteUser(r as Record<string, any>);
    },
    async ensureMany(upns: string[]): Promise<Map<string, SiteUser>> {
      const out = new Map<string, SiteUser>();
      for (let i = 0; i < upns.length; i += MAX_BATCH) {
        const [batched, execute] = sp.batched({ maxRequests: MAX_BATCH });
        const pending = upns
          .slice(i, i + MAX_BATCH)
          .map((upn) =>
            batched.web.ensureUser(loginNameOf(upn)).then((u) => out.set(upn.toLowerCase(), toSiteUser(u as Record<string, any>))),
          );
        await guard(execute());
        await guard(Promise.all(pending));
      }
      return out;
    },
    /** A site user's Systemkoll roles, from their group membership (one round trip). */
    async rolesOf(user: Pick<SiteUser, 'id' | 'isSiteAdmin'>): Promise<Role[]> {
      const memberOf = (await guard(sp.web.siteUsers.getById(user.id).groups.select('Title')())) as { Title: string }[];
      return rolesFromMembership({ memberOf: memberOf.map((g) => g.Title), groupTitles: groupTitles(), isSiteAdmin: user.isSiteAdmin });
    },
    async getByEmail(email: string): Promise<SiteUser | null> {
      try {
        return toSiteUser(await sp.web.siteUsers.getByEmail(email)());
      } catch (error) {
        const e = toDataError(error);
        if (e.kind === 'notFound') return null;
        throw e;
      }
    },
  };

  const groups = {
    title(role: RoleKey): string {
      return siteSchema.groups[role].title;
    },
    async members(role: RoleKey): Promise<SiteUser[]> {
      const rows = await guard(sp.web.siteGroups.getByName(siteSchema.groups[role].title).users());
      return rows.map((r) => toSiteUser(r as Record<string, any>));
    },
    /** Adds people (by UPN) to a role's SharePoint group, batched. */
    async addMembers(role: RoleKey, upns: string[]): Promise<void> {
      const title = siteSchema.groups[role].title;
      for (let i = 0; i < upns.length; i += MAX_BATCH) {
        const [batched, execute] = sp.batched({ maxRequests: MAX_BATCH });
        const group = batched.web.siteGroups.getByName(title);
        const pending = upns.slice(i, i + MAX_BATCH).map((upn) => group.users.add(loginNameOf(upn)));
        await guard(execute());
        await guard(Promise.all(pending));
      }
    },
  };

  const me = {
    /** Who is signed in and their roles, from SharePoint group membership (one batched round trip). */
    async current(): Promise<CurrentUser> {
      const [batched, execute] = sp.batched();
      const user = batched.web.currentUser();
      const memberOf = batched.web.currentUser.groups.select('Title')();
      await guard(execute());
      const [u, g] = await guard(Promise.all([user, memberOf]));
      const site = toSiteUser(u as Record<string, any>);
      const roles = rolesFromMembership({
        memberOf: (g as { Title: string }[]).map((x) => x.Title),
        groupTitles: groupTitles(),
        isSiteAdmin: site.isSiteAdmin,
      });
      return { ...site, roles };
    },
  };

  const permissions = {
    /** Can the signed-in user read / write each Systemkoll list? One batched round trip. */
    async selfCheck(): Promise<ListAccess[]> {
      const [batched, execute] = sp.batched();
      const pending = listKeys.map((key) => {
        const list = batched.web.lists.getByTitle(listSpec(key).title);
        return list.getCurrentUserEffectivePermissions().then(
          (perms): ListAccess => ({
            key,
            title: listSpec(key).title,
            exists: true,
            canRead: sp.web.hasPermissions(perms, PermissionKind.ViewListItems),
            canWrite:
              sp.web.hasPermissions(perms, PermissionKind.AddListItems) || sp.web.hasPermissions(perms, PermissionKind.EditListItems),
          }),
          (error: unknown): ListAccess => {
            const e = toDataError(error);
            return { key, title: listSpec(key).title, exists: e.kind !== 'notFound', canRead: false, canWrite: false, error: e.message };
          },
        );
      });
      await guard(execute());
      return Promise.all(pending);
    },
  };

  return {
    departments: new ListRepository(sp, 'departments'),
    systems: new SystemRepository(sp, 'systems'),
    incidents: new IncidentRepository(sp, 'incidents'),
    timeline: new ListRepository(sp, 'timeline'),
    actions: new ListRepository(sp, 'actions'),
    trainingCourses: new ListRepository(sp, 'trainingCourses'),
    trainingCompletions: new ListRepository(sp, 'trainingCompletions'),
    courseModules: new ListRepository(sp, 'courseModules'),
    staff: new ListRepository(sp, 'staff'),
    devices: new ListRepository(sp, 'devices'),
    securityRequirements: new ListRepository(sp, 'securityRequirements'),
    selfAssessments: new ListRepository(sp, 'selfAssessments'),
    notifications: new ListRepository(sp, 'notifications'),
    settings: new SettingsRepository(sp, 'settings'),
    users,
    groups,
    me,
    permissions,
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/**
 * Runs several reads in one $batch round trip: `fn` must start all its requests before awaiting
 * any of them (e.g. `r => Promise.all([r.systems.list(), r.departments.list()])`).
 */
export async function inBatch<T>(sp: SPFI, fn: (repos: Repositories) => Promise<T>): Promise<T> {
  const [batched, execute] = sp.batched({ maxRequests: MAX_BATCH });
  const result = fn(createRepositories(batched));
  await guard(execute());
  return result;
}
