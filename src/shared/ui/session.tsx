import { createContext, useContext, type ReactNode } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SPFI } from '@pnp/sp';
import type { CurrentUser, Repositories, Role } from '../data/index.js';
import type { Persona } from '../auth/local-browser-token.js';
import type { TabConfig } from '../auth/browser-config.js';
import type { HostInfo } from '../teams/host.js';
import type { ApiClient } from '../api/client.js';

/** Everything a page needs to reach SharePoint as the signed-in person. */
export interface Session {
  config: TabConfig;
  host: HostInfo;
  sp: SPFI;
  repos: Repositories;
  /**
   * The Systemkoll API (bot host) as the same person: reads SharePoint no longer allows staff and
   * owners (my reports, incidents on my systems) and the trusted writes.
   */
  api: ApiClient;
  /** Changes whenever the identity changes; part of every query key. */
  key: string;
  /** Local mode only. */
  personas: Persona[];
  persona: Persona | null;
  switchPersona: (upn: string) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession utanför SessionProvider');
  return session;
}

/** Who is signed in, with roles from SharePoint group membership (one batched round trip). */
export function getMe(session: Session): Promise<CurrentUser> {
  return session.repos.me.current();
}

export function getMeQueryOptions(session: Session) {
  return queryOptions({
    queryKey: [session.key, 'me'] as const,
    queryFn: () => getMe(session),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in person, cached per session; every page that needs roles shares this one query. */
export function useMe() {
  return useQuery(getMeQueryOptions(useSession()));
}

export function hasRole(user: CurrentUser | undefined, ...roles: Role[]): boolean {
  return !!user && roles.some((r) => user.roles.includes(r));
}
