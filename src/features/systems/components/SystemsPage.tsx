import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Checkbox, Field, Input, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Dismiss16Regular, Filter20Regular, Search20Regular, TaskListLtrRegular } from '@fluentui/react-icons';
import { stockholmDate } from '../../../domain/calendar.js';
import type { Department } from '../../../shared/schema/index.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Loading, Page } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { DataTable, type Column } from '../../../shared/ui/DataTable.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { hasRole, useMe, useSession } from '../../../shared/ui/session.js';
import { useRegister, useRegisterMore, useSystemsWithTasks } from '../api/get-systems.js';
import { downloadRegister, exportFileName } from '../api/register-export.js';
import { readRegister, type RegisterPage, type RegisterQueryInput } from '../api/register-read.js';
import {
  CRITICALITY,
  LIFECYCLE,
  REGISTER_PARAMS,
  SORT_KEYS,
  emptyFilters,
  filtersFromParams,
  filtersToParams,
  hasFilters,
  matchesClientSide,
  sortRows,
  type RegisterFilters,
  type RegisterRow,
  type SortKey,
} from '../api/register-query.js';
import { ClassificationText } from './ClassificationText.js';

/** Rows drawn at first and per "show more": the list never draws the whole register at once. */
const PAGE = 50;
const CONTRACT_DAYS = [30, 90, 180, 365];
const PHONE = '(max-width: 600px)';

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    alignItems: 'end',
    border: 'none',
    margin: 0,
    padding: 0,
  },
  search: { width: '100%', maxWidth: '480px' },
  filterArea: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  toggle: { alignSelf: 'flex-start' },
  // Grid cells may shrink below a long option's width (department names), so nothing overlaps.
  control: { minWidth: 0, '& select': { minWidth: 0, width: '100%' } },
  statusRow: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap', minHeight: '32px' },
  table: { tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  name: { minWidth: '12em' },
  krt: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  cards: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  cardFacts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, margin: 0 },
  cardTerm: { color: tokens.colorNeutralForeground2 },
  cardValue: { margin: 0 },
  marker: { display: 'inline-flex', color: tokens.colorBrandForeground1, fontSize: '16px' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
});

function subscribe(query: string) {
  return (notify: () => void) => {
    const list = window.matchMedia(query);
    list.addEventListener('change', notify);
    return () => list.removeEventListener('change', notify);
  };
}

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    useMemo(() => subscribe(query), [query]),
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** The register list: filters live in the URL (deep links), rows come narrow from SharePoint. */
export function SystemsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = (next: RegisterFilters) => {
    // Other parameters (lang, theme) stay; the register's own are rewritten.
    const out = new URLSearchParams();
    for (const [k, v] of params) if (!REGISTER_PARAMS.has(k)) out.set(k, v);
    for (const [k, v] of filtersToParams(next)) out.set(k, v);
    setParams(out, { replace: true });
  };
  const { query, input } = useRegister(filters);
  const me = useMe();
  // The same answers as the navigation's counts: no request of their own once those have loaded.
  const tasks = useSystemsWithTasks();

  let body: ReactNode;
  if (query.isPending) body = <Loading label={t('systems.loading')} />;
  else if (query.isError) body = <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  else if (filters.openTasks && tasks.error) body = <ErrorView error={tasks.error} onRetry={() => void tasks.refetch()} />;
  else if (filters.openTasks && !tasks.ids) body = <Loading label={t('systems.filter.tasksLoading')} />;
  else
    body = (
      <RegisterList
        page={query.data}
        input={input}
        filters={filters}
        onFilters={setFilters}
        updating={query.isPlaceholderData}
        withTasks={tasks.ids}
      />
    );
  return (
    <Page
      title={t('systems.title')}
      intro={t('systems.intro')}
      actions={
        // The API lets coordinators and admins register a system; others are not offered it.
        hasRole(me.data, 'securityCoordinator', 'admin') ? (
          <p>
            <RouterLink to="/systems/new" data-testid="system-create-link">
              {t('system.create')}
            </RouterLink>
          </p>
        ) : null
      }
    >
      <Filters filters={filters} onFilters={setFilters} departments={query.data?.departments ?? []} allTasks={tasks.all} />
      {body}
    </Page>
  );
}

function Filters({
  filters,
  onFilters,
  departments,
  allTasks,
}: {
  filters: RegisterFilters;
  onFilters: (f: RegisterFilters) => void;
  departments: Department[];
  /** The caller sees every task (coordinator, admin), not only their own. */
  allTasks: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const [text, setText] = useState(filters.q);
  // The URL follows typing after a pause (one SharePoint query per pause, not per keystroke).
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text.trim() === filters.q.trim()) return;
    const timer = setTimeout(() => onFilters({ ...filters, q: text }), 300);
    return () => clearTimeout(timer);
  });
  const set = <K extends keyof RegisterFilters>(key: K, value: RegisterFilters[K]) => onFilters({ ...filters, [key]: value });
  const all = t('systems.filter.all');
  const phone = useMediaQuery(PHONE);
  const [open, setOpen] = useState(false);
  const active = [...filtersToParams({ ...filters, q: '', sort: 'name', descending: false }).keys()].length;
  return (
    <div className={styles.filterArea}>
      <Input
        className={styles.search}
        contentBefore={<Search20Regular />}
        value={text}
        type="search"
        onChange={(_, d) => setText(d.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onFilters({ ...filters, q: text });
        }}
        aria-label={t('systems.search')}
        placeholder={t('systems.search')}
        data-testid="register-search"
      />
      {phone ? (
        // On a phone the filters fold away behind one button, so the systems come first.
        <Button
          className={styles.toggle}
          icon={<Filter20Regular />}
          aria-expanded={open}
          aria-controls="register-filters"
          onClick={() => setOpen((o) => !o)}
          data-testid="register-filters-toggle"
        >
          {t('systems.filter.toggle', { count: active })}
        </Button>
      ) : null}
      {phone && !open ? null : (
        <fieldset id="register-filters" className={styles.filters} aria-label={t('systems.filter.label')} data-testid="register-filters">
          <Field className={styles.control} label={t('systems.filter.department')}>
            <Select value={filters.dept ?? ''} onChange={(_, d) => set('dept', d.value || null)} data-testid="filter-dept">
              <option value="">{all}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.code ?? ''}>
                  {d.title}
                </option>
              ))}
              {filters.dept && !departments.some((d) => d.code?.toLowerCase() === filters.dept?.toLowerCase()) ? (
                <option value={filters.dept}>{filters.dept}</option>
              ) : null}
            </Select>
          </Field>
          <Field className={styles.control} label={t('systems.filter.lifecycle')}>
            <Select
              value={filters.lifecycle ?? ''}
              onChange={(_, d) => set('lifecycle', (d.value || null) as RegisterFilters['lifecycle'])}
              data-testid="filter-lifecycle"
            >
              <option value="">{all}</option>
              {LIFECYCLE.map((v) => (
                <option key={v} value={v}>
                  {labels.choice('systems.lifecycleStatus', v)}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.control} label={t('systems.filter.criticality')}>
            <Select
              value={filters.criticality ?? ''}
              onChange={(_, d) => set('criticality', (d.value || null) as RegisterFilters['criticality'])}
              data-testid="filter-criticality"
            >
              <option value="">{all}</option>
              {CRITICALITY.map((v) => (
                <option key={v} value={v}>
                  {labels.choice('systems.criticality', v)}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.control} label={t('systems.filter.societal')}>
            <Select
              value={filters.societal === null ? '' : filters.societal ? 'ja' : 'nej'}
              onChange={(_, d) => set('societal', d.value === 'ja' ? true : d.value === 'nej' ? false : null)}
              data-testid="filter-societal"
            >
              <option value="">{all}</option>
              <option value="ja">{t('systems.filter.yes')}</option>
              <option value="nej">{t('systems.filter.no')}</option>
            </Select>
          </Field>
          <Field className={styles.control} label={t('systems.filter.level')}>
            <Select
              value={filters.minLevel ? String(filters.minLevel) : ''}
              onChange={(_, d) => set('minLevel', d.value ? (Number(d.value) as 2 | 3 | 4) : null)}
              data-testid="filter-level"
            >
              <option value="">{all}</option>
              {[2, 3, 4].map((level) => (
                <option key={level} value={level}>
                  {t('systems.filter.levelAtLeast', { level })}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.control} label={t('systems.filter.owner')}>
            <Select
              value={filters.owner === null ? '' : String(filters.owner)}
              onChange={(_, d) => set('owner', d.value === 'me' ? 'me' : d.value ? Number(d.value) : null)}
              data-testid="filter-owner"
            >
              <option value="">{all}</option>
              <option value="me">{t('systems.filter.mine')}</option>
              {typeof filters.owner === 'number' ? <option value={filters.owner}>{t('systems.filter.person')}</option> : null}
            </Select>
          </Field>
          <Field className={styles.control} label={t('systems.filter.contract')}>
            <Select
              value={filters.contractDays ? String(filters.contractDays) : ''}
              onChange={(_, d) => set('contractDays', d.value ? Number(d.value) : null)}
              data-testid="filter-contract"
            >
              <option value="">{all}</option>
              {[...new Set([...CONTRACT_DAYS, ...(filters.contractDays ? [filters.contractDays] : [])])]
                .sort((a, b) => a - b)
                .map((days) => (
                  <option key={days} value={days}>
                    {t('systems.filter.days', { count: days })}
                  </option>
                ))}
            </Select>
          </Field>
          <Checkbox
            checked={filters.missingOwner}
            onChange={(_, d) => set('missingOwner', d.checked === true)}
            label={t('systems.filter.missingOwner')}
            data-testid="filter-missing-owner"
          />
          <Checkbox
            checked={filters.openTasks}
            onChange={(_, d) => set('openTasks', d.checked === true)}
            label={allTasks ? t('systems.filter.openTasks') : t('systems.filter.myOpenTasks')}
            data-testid="filter-open-tasks"
          />
        </fieldset>
      )}
    </div>
  );
}

const criticalityColor: Record<string, 'danger' | 'warning' | 'informative'> = {
  verksamhetskritisk: 'warning',
  övrig: 'informative',
};

function CriticalityBadges({ row }: { row: RegisterRow }) {
  const labels = useLabels();
  const styles = useStyles();
  if (!row.societallyCritical && !row.criticality) return <>–</>;
  return (
    <span className={styles.badges}>
      {row.societallyCritical ? (
        <Badge appearance="tint" color="danger">
          {labels.choice('systems.criticality', 'samhällsviktig')}
        </Badge>
      ) : null}
      {row.criticality ? (
        <Badge appearance="tint" color={criticalityColor[row.criticality] ?? 'informative'}>
          {labels.choice('systems.criticality', row.criticality)}
        </Badge>
      ) : null}
    </span>
  );
}

/** The row's system has open tasks (the caller's, or anyone's for coordinators): an icon with its name. */
function TasksMarker() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <span
      role="img"
      aria-label={t('systems.hasTasks')}
      title={t('systems.hasTasks')}
      className={styles.marker}
      data-testid="register-has-tasks"
    >
      <TaskListLtrRegular aria-hidden />
    </span>
  );
}

function RegisterList({
  page,
  input,
  filters,
  onFilters,
  updating,
  withTasks,
}: {
  page: RegisterPage;
  input: RegisterQueryInput;
  filters: RegisterFilters;
  onFilters: (f: RegisterFilters) => void;
  updating: boolean;
  /** Ids of the systems with open tasks (when the filter is on). */
  withTasks: ReadonlySet<number> | null;
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const phone = useMediaQuery(PHONE);
  const [limit, setLimit] = useState(PAGE);
  // A new result starts from its first rows again.
  useEffect(() => setLimit(PAGE), [page]);
  const more = useRegisterMore(input, page.departments);
  const loaded = more.rows.length > 0 ? more.rows : page.rows;
  const complete = page.complete || more.done;
  const rows = useMemo(() => loaded.filter((r) => matchesClientSide(r, filters, withTasks)), [loaded, filters, withTasks]);
  // A partly loaded list stays in SharePoint's name order (its next pages continue it); a complete
  // one is sorted here, by any shown column.
  const sorted = useMemo(
    () => (complete ? sortRows(rows, filters.sort, filters.descending, i18n.language) : rows),
    [rows, complete, filters.sort, filters.descending, i18n.language],
  );
  const shown = sorted.slice(0, limit);
  const showMore = async () => {
    if (!complete && sorted.length < limit + PAGE) await more.next();
    setLimit((n) => n + PAGE);
  };
  const count = complete
    ? t('systems.count', { count: shown.length, total: rows.length })
    : page.total !== null && !hasFilters(filters)
      ? t('systems.count', { count: shown.length, total: page.total })
      : t('systems.countMore', { count: shown.length });
  const clear = () => onFilters({ ...emptyFilters, sort: filters.sort, descending: filters.descending });
  const session = useSession();
  const [exporting, setExporting] = useState<{ busy: boolean; message: string | null; failed: boolean }>({
    busy: false,
    message: null,
    failed: false,
  });
  // Exactly the rows the filters and the sort show: every match (a partly loaded list is read whole first).
  const exportRows = async () => {
    setExporting({ busy: true, message: null, failed: false });
    try {
      let ids = sorted.map((r) => r.id);
      if (!complete) {
        const whole = await readRegister(session, input, page.departments);
        const matching = whole.rows.filter((r) => matchesClientSide(r, filters, withTasks));
        ids = sortRows(matching, filters.sort, filters.descending, i18n.language).map((r) => r.id);
      }
      const today = stockholmDate(new Date());
      const count = await downloadRegister(session, ids, today);
      setExporting({ busy: false, message: t('systems.exported', { count, file: exportFileName(today) }), failed: false });
    } catch (error) {
      setExporting({
        busy: false,
        message: t('systems.exportFailed', { message: error instanceof Error ? error.message : String(error) }),
        failed: true,
      });
    }
  };

  const sortBy = (key: SortKey): Column<RegisterRow>['sort'] => ({
    ...(filters.sort === key ? { direction: filters.descending ? 'descending' : 'ascending' } : {}),
    onSort: () => onFilters({ ...filters, sort: key, descending: filters.sort === key ? !filters.descending : false }),
  });
  const sortLabels: Record<SortKey, string> = {
    name: t('systems.col.name'),
    department: t('systems.col.department'),
    owner: t('systems.col.owner'),
    supplier: t('systems.col.supplier'),
    criticality: t('systems.col.criticality'),
    classification: t('systems.col.krt'),
    contract: t('systems.col.contractEnd'),
  };

  return (
    <>
      <div className={styles.statusRow}>
        <Text role="status" data-testid="register-count">
          {count}
        </Text>
        {updating ? <Spinner size="extra-tiny" label={t('systems.updating')} labelPosition="after" /> : null}
        {hasFilters(filters) ? (
          <Button appearance="subtle" icon={<Dismiss16Regular />} onClick={clear} data-testid="clear-filters">
            {t('systems.filter.clear')}
          </Button>
        ) : null}
        {rows.length > 0 ? (
          <Button
            icon={exporting.busy ? <Spinner size="extra-tiny" /> : <ArrowDownload20Regular />}
            disabled={exporting.busy}
            onClick={() => void exportRows()}
            data-testid="register-export"
          >
            {exporting.busy ? t('systems.exporting') : t('systems.export')}
          </Button>
        ) : null}
        {exporting.message ? (
          <Text role={exporting.failed ? 'alert' : 'status'} data-testid="register-export-result">
            {exporting.message}
          </Text>
        ) : null}
        {phone ? (
          <>
            <Select
              aria-label={t('systems.filter.sort')}
              value={filters.sort}
              onChange={(_, d) => onFilters({ ...filters, sort: d.value as SortKey })}
              data-testid="register-sort"
            >
              {SORT_KEYS.map((k) => (
                <option key={k} value={k}>
                  {sortLabels[k]}
                </option>
              ))}
            </Select>
            <Checkbox
              checked={filters.descending}
              onChange={(_, d) => onFilters({ ...filters, descending: d.checked === true })}
              label={t('systems.filter.descending')}
            />
          </>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <div data-testid="register-empty">
          <Text as="p">{hasFilters(filters) ? t('systems.emptyFiltered') : t('systems.empty')}</Text>
          {hasFilters(filters) ? (
            <Button appearance="primary" onClick={clear}>
              {t('systems.filter.clear')}
            </Button>
          ) : null}
        </div>
      ) : phone ? (
        <ul className={styles.cards} aria-label={t('systems.cards')} data-testid="systems-cards">
          {shown.map((s) => (
            <li key={s.id} className={styles.card}>
              <h2 className={styles.cardTitle}>
                <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink>
              </h2>
              <span className={styles.badges}>
                {withTasks?.has(s.id) ? <TasksMarker /> : null}
                <CriticalityBadges row={s} />
              </span>
              <dl className={styles.cardFacts}>
                <dt className={styles.cardTerm}>{t('systems.col.department')}</dt>
                <dd className={styles.cardValue}>{s.department?.title ?? '–'}</dd>
                <dt className={styles.cardTerm}>{t('systems.col.owner')}</dt>
                <dd className={styles.cardValue}>{labels.person(s.systemOwner)}</dd>
                <dt className={styles.cardTerm}>{t('systems.col.supplier')}</dt>
                <dd className={styles.cardValue}>{s.supplier ?? '–'}</dd>
                <dt className={styles.cardTerm}>
                  <abbr title={t('systems.col.krtLong')}>{t('systems.col.krt')}</abbr>
                </dt>
                <dd className={styles.cardValue}>
                  <ClassificationText system={s} />
                </dd>
                <dt className={styles.cardTerm}>{t('systems.col.contractEnd')}</dt>
                <dd className={styles.cardValue}>{labels.date(s.contractEndDate)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <DataTable
          label={t('systems.tableLabel')}
          testId="systems-table"
          className={styles.table}
          rows={shown}
          rowKey={(s) => s.id}
          columns={[
            {
              header: t('systems.col.name'),
              cell: (s) => (
                <span className={styles.badges}>
                  <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink>
                  {withTasks?.has(s.id) ? <TasksMarker /> : null}
                </span>
              ),
              className: styles.name,
              sort: sortBy('name'),
            },
            { header: t('systems.col.department'), cell: (s) => s.department?.title ?? '–', sort: sortBy('department') },
            {
              header: t('systems.col.owner'),
              cell: (s) => labels.person(s.systemOwner),
              className: styles.nowrap,
              sort: sortBy('owner'),
            },
            { header: t('systems.col.supplier'), cell: (s) => s.supplier ?? '–', sort: sortBy('supplier') },
            { header: t('systems.col.criticality'), cell: (s) => <CriticalityBadges row={s} />, sort: sortBy('criticality') },
            {
              header: <abbr title={t('systems.col.krtLong')}>{t('systems.col.krt')}</abbr>,
              cell: (s) => <ClassificationText system={s} />,
              className: styles.krt,
              sort: sortBy('classification'),
            },
            {
              header: <span className={styles.nowrap}>{t('systems.col.contractEnd')}</span>,
              cell: (s) => labels.date(s.contractEndDate),
              className: styles.nowrap,
              sort: sortBy('contract'),
            },
          ]}
        />
      )}
      {more.error ? <ErrorView error={more.error} onRetry={() => void showMore()} /> : null}
      {sorted.length > shown.length || !complete ? (
        <div className={styles.statusRow}>
          <Button onClick={() => void showMore()} disabled={more.loading} data-testid="register-more">
            {complete ? t('systems.more', { count: Math.min(PAGE, sorted.length - shown.length) }) : t('systems.moreUnknown')}
          </Button>
          {more.loading ? <Spinner size="extra-tiny" label={t('systems.updating')} labelPosition="after" /> : null}
        </div>
      ) : null}
    </>
  );
}
