/**
 * The directory part of the local Graph endpoint: `GET /v1.0/users/delta` the way Microsoft Graph
 * answers it — pages with `@odata.nextLink`, the last page with `@odata.deltaLink`, and a later
 * call with that link's `$deltatoken` answering only what changed since, a deleted user as
 * `{ id, "@removed": { reason } }` and the manager as `manager@delta`. Tests (and the roster sync
 * in local mode) change users through setUsers/updateUser/removeUser.
 */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  accountEnabled?: boolean;
  employeeType?: string | null;
  userType?: 'Member' | 'Guest';
  /** ISO 8601, e.g. 2026-12-31T00:00:00Z. */
  employeeLeaveDateTime?: string | null;
  /** The manager's id. */
  managerId?: string | null;
}

interface Entry {
  user: DirectoryUser | null;
  version: number;
}

export interface LocalDirectory {
  setUsers(users: readonly DirectoryUser[]): void;
  updateUser(id: string, patch: Partial<DirectoryUser>): void;
  removeUser(id: string): void;
  /** Users per page (Graph's default is 100 for delta). */
  pageSize: number;
  /** Answers GET /v1.0/users/delta (path and query after the prefix); the body to send. */
  delta(query: URLSearchParams, base: string): { status: number; body: unknown };
}

export function createLocalDirectory(): LocalDirectory {
  const entries = new Map<string, Entry>();
  let version = 0;
  const put = (id: string, user: DirectoryUser | null) => entries.set(id, { user, version: ++version });

  function shape(u: DirectoryUser): Record<string, unknown> {
    return {
      id: u.id,
      displayName: u.displayName,
      userPrincipalName: u.userPrincipalName,
      mail: u.mail ?? u.userPrincipalName,
      department: u.department ?? null,
      jobTitle: u.jobTitle ?? null,
      accountEnabled: u.accountEnabled ?? true,
      employeeType: u.employeeType ?? null,
      userType: u.userType ?? 'Member',
      employeeLeaveDateTime: u.employeeLeaveDateTime ?? null,
      ...(u.managerId ? { 'manager@delta': [{ '@odata.type': '#microsoft.graph.user', id: u.managerId }] } : {}),
    };
  }

  return {
    pageSize: 100,
    setUsers(users) {
      for (const u of users) put(u.id, { ...u });
    },
    updateUser(id, patch) {
      const before = entries.get(id)?.user;
      if (!before) throw new Error(`no user ${id}`);
      put(id, { ...before, ...patch });
    },
    removeUser(id) {
      put(id, null);
    },
    delta(query, base) {
      // A page: the state "since" a token plus a position; both are opaque to the caller.
      const skip = query.get('$skiptoken');
      const token = query.get('$deltatoken');
      let since = 0;
      let offset = 0;
      let upTo = version;
      if (skip) {
        const [s, o, u] = skip.split('.').map(Number);
        if (![s, o, u].every((n) => Number.isInteger(n) && n! >= 0))
          return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid skip token.' } } };
        [since, offset, upTo] = [s!, o!, u!];
      } else if (token) {
        since = Number(token);
        if (!Number.isInteger(since) || since < 0)
          return { status: 410, body: { error: { code: 'SyncStateNotFound', message: 'The delta token is invalid.' } } };
      }
      const changed = [...entries.entries()]
        .filter(([, e]) => e.version > since && e.version <= upTo && (since > 0 || e.user !== null))
        .sort((a, b) => a[1].version - b[1].version);
      const page = changed.slice(offset, offset + this.pageSize);
      const value = page.map(([id, e]) => (e.user ? shape(e.user) : { id, '@removed': { reason: 'changed' } }));
      const more = offset + this.pageSize < changed.length;
      return {
        status: 200,
        body: {
          '@odata.context': `${base}/v1.0/$metadata#users`,
          value,
          ...(more
            ? { '@odata.nextLink': `${base}/v1.0/users/delta?$skiptoken=${since}.${offset + this.pageSize}.${upTo}` }
            : { '@odata.deltaLink': `${base}/v1.0/users/delta?$deltatoken=${upTo}` }),
        },
      };
    },
  };
}
