import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Incident } from '../../../shared/schema/index.js';
import { hasRole, useMe, useSession, type Session } from '../../../shared/ui/session.js';

/**
 * What the incidents page shows. Coordinators and admins read the list in SharePoint (they have
 * access to all of it); everyone else has no SharePoint access to incidents and asks the Systemkoll
 * API for their own reports and, for system owners and administrators, the incidents on their systems.
 */
export type IncidentsView = { scope: 'all'; incidents: Incident[] } | { scope: 'mine'; mine: Incident[]; onMySystems: Incident[] };

export type IncidentScope = IncidentsView['scope'];

/** Newest first. 'all': one SharePoint request; 'mine': one API request (my reports and my systems' incidents). */
export async function getIncidents(session: Session, scope: IncidentScope): Promise<IncidentsView> {
  if (scope === 'all') {
    const incidents = await session.repos.incidents.list({ orderBy: [{ key: 'reportedAt', ascending: false }], top: 500 });
    return { scope, incidents };
  }
  const { reports, systemIncidents } = await session.api.overview();
  return { scope, mine: reports, onMySystems: systemIncidents };
}

export function getIncidentsQueryOptions(session: Session, scope: IncidentScope) {
  return queryOptions({
    queryKey: [session.key, 'incidents', scope] as const,
    queryFn: () => getIncidents(session, scope),
    staleTime: 30_000,
  });
}

/** Which way the signed-in person reads incidents (undefined until roles are known). */
export function useIncidentScope(): IncidentScope | undefined {
  const me = useMe();
  if (!me.data) return undefined;
  return hasRole(me.data, 'securityCoordinator', 'admin') ? 'all' : 'mine';
}

/** Every incident in a view, for lookups by id. */
export function incidentsIn(view: IncidentsView | undefined): Incident[] {
  if (!view) return [];
  return view.scope === 'all' ? view.incidents : [...view.mine, ...view.onMySystems];
}

export function useIncidents() {
  const session = useSession();
  const scope = useIncidentScope();
  return useQuery({ ...getIncidentsQueryOptions(session, scope ?? 'mine'), enabled: scope === 'mine' });
}
