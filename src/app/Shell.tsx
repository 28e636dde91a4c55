import { useEffect, useRef, type ReactElement } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { CounterBadge, Select, Text, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import {
  AppsList20Regular,
  ArrowClockwise20Regular,
  DataBarVertical20Regular,
  MailInbox20Regular,
  ShieldCheckmark20Regular,
  DocumentBulletList20Regular,
  HatGraduation20Regular,
  Settings20Regular,
  ShieldError20Regular,
  TaskListSquareLtr20Regular,
} from '@fluentui/react-icons';
import type { Role } from '../shared/data/index.js';
import { routeForSubPageId, type Section } from '../shared/teams/deep-links.js';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary.js';
import { hasRole, useMe, useSession } from '../shared/ui/session.js';
import { useLabels } from '../shared/ui/labels.js';
import { getMyTasksQueryOptions } from '../features/my-tasks/api/get-my-tasks.js';
import { filterFromSearch, getTaskOverviewQueryOptions } from '../features/overview/api/get-task-overview.js';
import { useOutboxSync } from '../features/incidents/api/outbox.js';
import { preloadPage } from './pages.js';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 600px)': { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
    // Printed pages (the restore order) show the content only.
    '@media print': { display: 'none' },
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, marginRight: tokens.spacingHorizontalL },
  left: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: 'none' },
  link: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusMedium,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  active: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThicker} solid ${tokens.colorCompoundBrandStroke}`,
  },
  right: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  persona: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, minWidth: 0, maxWidth: '100%' },
  personaSelect: { maxWidth: '100%', minWidth: 0 },
  who: { color: tokens.colorNeutralForeground2 },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    '@media (max-width: 600px)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}` },
    '@media print': { padding: 0 },
  },
  count: { marginLeft: tokens.spacingHorizontalXXS },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': {
      left: tokens.spacingHorizontalS,
      top: tokens.spacingVerticalS,
      zIndex: 10,
      backgroundColor: tokens.colorNeutralBackground1,
      padding: tokens.spacingHorizontalS,
    },
  },
});

/** The tab's top-level pages (the Teams deep-link sections). */
type NavSection = Section;

interface NavItem {
  section: NavSection;
  icon: ReactElement;
  /** Shown only to these roles (from SharePoint); everyone when absent. */
  roles?: Role[];
}

const navItems: NavItem[] = [
  { section: 'tasks', icon: <TaskListSquareLtr20Regular /> },
  { section: 'overview', icon: <DataBarVertical20Regular />, roles: ['securityCoordinator', 'admin'] },
  { section: 'systems', icon: <AppsList20Regular /> },
  { section: 'incidents', icon: <ShieldError20Regular /> },
  { section: 'training', icon: <HatGraduation20Regular /> },
  { section: 'reports', icon: <DocumentBulletList20Regular /> },
  { section: 'requirements', icon: <ShieldCheckmark20Regular />, roles: ['securityCoordinator', 'admin'] },
  { section: 'restore-order', icon: <ArrowClockwise20Regular /> },
  { section: 'outbox', icon: <MailInbox20Regular />, roles: ['securityCoordinator', 'admin'] },
  { section: 'admin', icon: <Settings20Regular />, roles: ['admin'] },
];

/**
 * The count beside a navigation entry: how many tasks, red when some are overdue. Read by screen
 * readers as part of the link ("Mina uppgifter, 12 uppgifter, varav 3 försenade").
 */
function NavCount({ section, counts }: { section: NavSection; counts: { total: number; overdue: number } | undefined }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!counts || counts.total === 0) return null;
  const spoken =
    counts.overdue > 0
      ? t('taskUi.navCountOverdue', { count: counts.total, overdue: counts.overdue })
      : t('taskUi.navCount', { count: counts.total });
  return (
    <>
      <CounterBadge
        className={styles.count}
        aria-hidden
        count={counts.total}
        overflowCount={999}
        size="small"
        appearance="filled"
        color={counts.overdue > 0 ? 'danger' : 'informative'}
        data-testid={`nav-count-${section}`}
        data-total={counts.total}
        data-overdue={counts.overdue}
      />
      <span className={styles.visuallyHidden}>{`, ${spoken}`}</span>
    </>
  );
}

/**
 * The counts in the navigation: my tasks for everyone, all tasks for coordinators and admins. The
 * same queries as "Mina uppgifter" and "Översikt" (one request each per session and minute, to the
 * Systemkoll API — no SharePoint round trip of their own). On Översikt the count follows the page's
 * filter: every answer carries the same totals, so the page's request serves both.
 */
function useNavCounts(showOverview: boolean) {
  const session = useSession();
  const location = useLocation();
  const filter = location.pathname === '/overview' ? filterFromSearch(new URLSearchParams(location.search)) : {};
  const mine = useQuery({ ...getMyTasksQueryOptions(session), select: (d) => ({ total: d.tasks.length, overdue: d.overdue }) });
  const all = useQuery({
    ...getTaskOverviewQueryOptions(session, filter),
    enabled: showOverview,
    placeholderData: keepPreviousData,
    select: (d) => ({ total: d.total, overdue: d.overdue }),
  });
  return { tasks: mine.data, overview: showOverview ? all.data : undefined } as Partial<
    Record<NavSection, { total: number; overdue: number }>
  >;
}

function PersonaSwitcher() {
  const { t } = useTranslation();
  const session = useSession();
  const styles = useStyles();
  const id = useId('persona');
  if (session.config.mode !== 'local' || session.personas.length === 0) return null;
  return (
    <div className={styles.persona}>
      <label htmlFor={id}>{t('shell.persona')}</label>
      <Select
        id={id}
        className={styles.personaSelect}
        value={session.persona?.upn ?? ''}
        onChange={(_, d) => session.switchPersona(d.value)}
        data-testid="persona-switcher"
      >
        {session.personas.map((p) => (
          <option key={p.upn} value={p.upn}>
            {p.title}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** Opens the record a Teams deep link points at (context.page.subPageId), once. */
function useTeamsDeepLink() {
  const { host } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    if (!host.subPageId) return;
    const route = routeForSubPageId(host.subPageId);
    if (route !== '/' && route !== location.pathname) navigate(route, { replace: true });
  }, [host.subPageId, location.pathname, navigate]);
}

export function Shell() {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const labels = useLabels();
  const location = useLocation();
  useTeamsDeepLink();
  // Incident reports stored on this device are sent on load and when the browser is back online.
  useOutboxSync();

  const visible = navItems.filter((item) => !item.roles || hasRole(me.data, ...item.roles));
  const counts = useNavCounts(hasRole(me.data, 'securityCoordinator', 'admin'));
  return (
    <>
      <a href="#main" className={styles.skip}>
        {t('shell.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.left}>
          <span className={styles.brand}>{t('app.name')}</span>
          <nav aria-label={t('shell.navLabel')}>
            <ul className={styles.nav}>
              {visible.map((item) => (
                <li key={item.section}>
                  <NavLink
                    to={`/${item.section}`}
                    className={({ isActive }) => mergeClasses(styles.link, isActive && styles.active)}
                    data-testid={`nav-${item.section}`}
                    // The page's chunk is fetched when the link is pointed at or focused.
                    onPointerEnter={() => preloadPage(`/${item.section}`)}
                    onFocus={() => preloadPage(`/${item.section}`)}
                  >
                    {item.icon}
                    {t(`nav.${item.section}`)}
                    <NavCount section={item.section} counts={counts[item.section]} />
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <div className={styles.right}>
          {me.data ? (
            <Text className={styles.who} data-testid="whoami">
              {me.data.title}
              {me.data.roles.length
                ? ` · ${
                    me.data.roles
                      .filter((r) => r !== 'employee')
                      .map(labels.role)
                      .join(', ') || labels.role('employee')
                  }`
                : ''}
            </Text>
          ) : null}
          <PersonaSwitcher />
        </div>
      </header>
      <main id="main" className={styles.main}>
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </>
  );
}
