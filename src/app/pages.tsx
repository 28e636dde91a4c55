/**
 * The tab's pages, each its own chunk (issue 13): the entry carries the shell, and a page's code is
 * fetched when its route is first shown. The page of the URL the tab opens on is fetched at start,
 * beside the start-up (Teams, sign-in, session), so a cold load does not wait for it afterwards; a
 * navigation link fetches its page when pointed at or focused.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath } from 'react-router-dom';
import { Loading } from '../shared/ui/Page.js';

interface LazyPage {
  Component: LazyExoticComponent<ComponentType>;
  preload: () => Promise<unknown>;
}

function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyPage {
  let loading: Promise<M> | null = null;
  const preload = () => {
    // A failed fetch (network hiccup) is not remembered: the next try asks again.
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  const Component = lazy(() => preload().then((m) => ({ default: m[name] as ComponentType })));
  return { Component, preload };
}

const MyTasksPage = lazyPage(() => import('../features/my-tasks/components/MyTasksPage.js'), 'MyTasksPage');
const OverviewPage = lazyPage(() => import('../features/overview/components/OverviewPage.js'), 'OverviewPage');
const OutboxPage = lazyPage(() => import('../features/outbox/components/OutboxPage.js'), 'OutboxPage');
const SystemsPage = lazyPage(() => import('../features/systems/components/SystemsPage.js'), 'SystemsPage');
const SystemCreatePage = lazyPage(() => import('../features/systems/components/SystemDetailPage.js'), 'SystemCreatePage');
const SystemDetailPage = lazyPage(() => import('../features/systems/components/SystemDetailPage.js'), 'SystemDetailPage');
const SystemRequirementsPage = lazyPage(
  () => import('../features/requirements/components/SystemRequirements.js'),
  'SystemRequirementsPage',
);
const ActionPlanPage = lazyPage(() => import('../features/requirements/components/ActionPlanPage.js'), 'ActionPlanPage');
const RestoreOrderPage = lazyPage(() => import('../features/restore-order/components/RestoreOrderPage.js'), 'RestoreOrderPage');
const IncidentsPage = lazyPage(() => import('../features/incidents/components/IncidentsPage.js'), 'IncidentsPage');
const ReportIncidentPage = lazyPage(() => import('../features/incidents/components/ReportIncidentPage.js'), 'ReportIncidentPage');
const IncidentDetailPage = lazyPage(() => import('../features/incidents/components/IncidentDetailPage.js'), 'IncidentDetailPage');
const TrainingPage = lazyPage(() => import('../features/training/components/TrainingPage.js'), 'TrainingPage');
const CoursePage = lazyPage(() => import('../features/course/components/CoursePage.js'), 'CoursePage');
const ReportsPage = lazyPage(() => import('../features/reports/components/ReportsPage.js'), 'ReportsPage');
const DevicesPage = lazyPage(() => import('../features/devices/components/DevicesPage.js'), 'DevicesPage');
const AdminPage = lazyPage(() => import('../features/admin/components/AdminPage.js'), 'AdminPage');

/** The routes under the shell, in the order react-router matches them (static segments win anyway). */
export const pageRoutes: { path: string; page: LazyPage }[] = [
  { path: 'tasks', page: MyTasksPage },
  { path: 'overview', page: OverviewPage },
  { path: 'outbox', page: OutboxPage },
  { path: 'systems', page: SystemsPage },
  { path: 'systems/new', page: SystemCreatePage },
  { path: 'systems/:id', page: SystemDetailPage },
  { path: 'systems/:id/requirements', page: SystemRequirementsPage },
  { path: 'requirements', page: ActionPlanPage },
  { path: 'restore-order', page: RestoreOrderPage },
  { path: 'incidents', page: IncidentsPage },
  { path: 'incidents/new', page: ReportIncidentPage },
  { path: 'incidents/:id', page: IncidentDetailPage },
  { path: 'training', page: TrainingPage },
  { path: 'training/courses/:id', page: CoursePage },
  { path: 'reports', page: ReportsPage },
  { path: 'devices', page: DevicesPage },
  { path: 'admin', page: AdminPage },
  { path: 'admin/permissions', page: AdminPage },
];

/**
 * Starts fetching the page a path shows (the start page for `/`); nothing for paths without one.
 * Static segments are tried before parameters, as react-router ranks them (`systems/new` before
 * `systems/:id`).
 */
export function preloadPage(pathname: string): void {
  const path = pathname === '/' || pathname === '' ? '/tasks' : pathname;
  const ranked = [...pageRoutes].sort((a, b) => Number(a.path.includes(':')) - Number(b.path.includes(':')));
  const route = ranked.find((r) => matchPath({ path: `/${r.path}`, end: true }, path));
  route?.page.preload().catch(() => undefined);
}

/**
 * After an update the previous deployment's chunks are gone: a page not yet opened then fails to
 * load. Loads the tab again (its index.html is never cached), at most once a minute, so a chunk
 * that is really missing ends in the error view instead of a reload loop.
 */
export function reloadOnStaleChunks(): void {
  const key = 'systemkoll.chunkReload';
  window.addEventListener('vite:preloadError', (event) => {
    try {
      if (Date.now() - Number(sessionStorage.getItem(key) ?? 0) < 60_000) return;
      sessionStorage.setItem(key, String(Date.now()));
    } catch {
      return; // without storage a reload could repeat forever: show the error instead
    }
    event.preventDefault();
    window.location.reload();
  });
}

/** A page with its loading state while its chunk arrives (a labelled progress indicator). */
export function PageRoute({ page }: { page: LazyPage }) {
  const { t } = useTranslation();
  const { Component } = page;
  return (
    <Suspense fallback={<Loading label={t('shell.loadingPage')} />}>
      <Component />
    </Suspense>
  );
}
