import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Combobox,
  Field,
  Input,
  Option,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { INCIDENT_STATUSES } from '../../../domain/incident-workflow.js';
import { listSpec, type Incident } from '../../../shared/schema/index.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Empty, Loading } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useMe } from '../../../shared/ui/session.js';
import { useSystemSearch } from '../api/report-incident.js';
import { filtersFromSearch, searchFromFilters, useIncidentSearch, useOverdueIds, type IncidentFilters } from '../api/search-incidents.js';

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    // Long choices (CERT-SE categories, förvaltningar) must not push a select out of its cell.
    '& > *': { minWidth: 0 },
    '& select': { minWidth: 0, width: '100%' },
  },
  search: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  grow: { flex: '1 1 240px', minWidth: 0 },
  full: { minWidth: 0, maxWidth: '100%' },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', justifyContent: 'space-between' },
  board: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  columnTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  cards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  cardMeta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  nowrap: { whiteSpace: 'nowrap' },
  views: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

function choices(key: 'status' | 'type' | 'priority' | 'category'): readonly string[] {
  const f = listSpec('incidents').fields.find((x) => x.key === key);
  return f && f.type === 'choice' ? f.choices : [];
}

function SystemFilter({ f, update }: { f: IncidentFilters; update: (patch: Partial<IncidentFilters>) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState(f.systemName ?? '');
  const typed = text !== (f.systemName ?? '') && text.trim() !== '';
  const search = useSystemSearch(text, typed);
  return (
    <Field label={t('incidents.list.system')}>
      <Combobox
        className={styles.full}
        freeform
        clearable
        placeholder={t('incidents.list.systemPlaceholder')}
        value={text}
        selectedOptions={f.system !== null ? [String(f.system)] : []}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) update({ system: null, systemName: null });
        }}
        onOptionSelect={(_, d) => {
          const id = d.optionValue ? Number(d.optionValue) : null;
          setText(d.optionText ?? '');
          update({ system: id, systemName: d.optionText ?? null });
        }}
        data-testid="filter-system"
      >
        {(search.data ?? []).map((s) => (
          <Option key={s.id} value={String(s.id)}>
            {s.title}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

function StatusBadge({ status }: { status: string | null | undefined }) {
  const labels = useLabels();
  const styles = useStyles();
  const color: Record<string, 'danger' | 'warning' | 'informative' | 'success' | 'brand'> = {
    ny: 'danger',
    'under bedömning': 'warning',
    pågående: 'informative',
    åtgärdad: 'brand',
    avslutad: 'success',
  };
  return (
    <Badge appearance="tint" className={styles.nowrap} color={color[status ?? ''] ?? 'informative'}>
      {labels.choice('incidents.status', status)}
    </Badge>
  );
}

function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge appearance="filled" color="danger" data-testid="overdue-badge">
      {t('incidents.list.clockOverdue')}
    </Badge>
  );
}

function Board({ incidents, overdue }: { incidents: Incident[]; overdue: ReadonlySet<number> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  return (
    <div className={styles.board} data-testid="incident-board">
      {INCIDENT_STATUSES.map((status) => {
        const rows = incidents.filter((i) => (i.status ?? 'ny') === status);
        const headingId = `board-${status.replace(/\s+/g, '-')}`;
        return (
          <section key={status} className={styles.column} aria-labelledby={headingId} data-testid={`board-column-${status}`}>
            <h2 id={headingId} className={styles.columnTitle}>
              {t('incidents.list.boardColumn', { status: labels.choice('incidents.status', status), count: rows.length })}
            </h2>
            {rows.length === 0 ? (
              <Text className={styles.cardMeta}>{t('incidents.list.boardEmpty')}</Text>
            ) : (
              <ul className={styles.cards}>
                {rows.map((i) => (
                  <li key={i.id}>
                    <Card size="small">
                      <RouterLink to={`/incidents/${i.id}`}>{`${i.referenceNumber || `#${i.id}`} · ${i.title}`}</RouterLink>
                      <Text className={styles.cardMeta}>
                        {[
                          labels.choice('incidents.type', i.type),
                          i.priority ?? null,
                          i.assignee?.title ?? null,
                          labels.dateTime(i.reportedAt),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                      {overdue.has(i.id) ? <OverdueBadge /> : null}
                    </Card>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Coordinators and admins: search, filters (in the URL), sorting, paging and a board by status. */
export function CoordinatorIncidents() {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const f = filtersFromSearch(params);
  const [q, setQ] = useState(f.q);
  const update = (patch: Partial<IncidentFilters>) => setParams(searchFromFilters({ ...f, ...patch }), { replace: true });
  const query = useIncidentSearch(f, me.data?.id);
  const loaded = query.data?.pages.flatMap((p) => p.incidents) ?? [];
  const departments = query.data?.pages[0]?.departments ?? [];
  const overdueQuery = useOverdueIds(loaded, f.overdue);
  const overdue = new Set(overdueQuery.data ?? []);
  const rows = f.overdue ? loaded.filter((i) => overdue.has(i.id)) : loaded;

  const select = (key: 'status' | 'type' | 'priority' | 'category', label: string) => (
    <Field label={label}>
      <Select value={f[key] ?? ''} onChange={(_, d) => update({ [key]: d.value || null })} data-testid={`filter-${key}`}>
        <option value="">{t('incidents.list.all')}</option>
        {choices(key).map((c) => (
          <option key={c} value={c}>
            {key === 'priority' ? c : labels.choice(`incidents.${key}`, c)}
          </option>
        ))}
      </Select>
    </Field>
  );

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q });
  };

  return (
    <>
      <form className={styles.search} onSubmit={onSearch} role="search" aria-label={t('incidents.list.search')}>
        <Field className={styles.grow} label={t('incidents.list.search')}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} placeholder={t('incidents.list.searchPlaceholder')} data-testid="filter-q" />
        </Field>
        <Button type="submit">{t('incidents.list.search')}</Button>
      </form>
      <div className={styles.filters} role="group" aria-label={t('incidents.list.filters')}>
        {select('status', t('incidents.list.status'))}
        {select('type', t('incidents.list.type'))}
        {select('priority', t('incidents.list.priority'))}
        {select('category', t('incidents.list.category'))}
        <SystemFilter f={f} update={update} />
        <Field label={t('incidents.list.department')}>
          <Select
            value={f.department === null ? '' : String(f.department)}
            onChange={(_, d) => update({ department: d.value ? Number(d.value) : null })}
            data-testid="filter-dept"
          >
            <option value="">{t('incidents.list.all')}</option>
            {departments.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('incidents.list.assignee')}>
          <Select
            value={f.assignee ?? ''}
            onChange={(_, d) => update({ assignee: d.value === 'me' || d.value === 'none' ? d.value : null })}
            data-testid="filter-assignee"
          >
            <option value="">{t('incidents.list.all')}</option>
            <option value="me">{t('incidents.list.assigneeMe')}</option>
            <option value="none">{t('incidents.list.assigneeNone')}</option>
          </Select>
        </Field>
        <Field label={t('incidents.list.period')}>
          <Select
            value={f.period}
            onChange={(_, d) => update({ period: d.value as IncidentFilters['period'] })}
            data-testid="filter-period"
          >
            <option value="30">{t('incidents.list.period30')}</option>
            <option value="90">{t('incidents.list.period90')}</option>
            <option value="365">{t('incidents.list.period365')}</option>
            <option value="all">{t('incidents.list.periodAll')}</option>
          </Select>
        </Field>
        <Field label={t('incidents.list.sort')}>
          <Select
            value={f.sort}
            onChange={(_, d) => update({ sort: d.value === 'oldest' ? 'oldest' : 'newest' })}
            data-testid="filter-sort"
          >
            <option value="newest">{t('incidents.list.sortNewest')}</option>
            <option value="oldest">{t('incidents.list.sortOldest')}</option>
          </Select>
        </Field>
        <Checkbox
          checked={f.overdue}
          onChange={(_, d) => update({ overdue: d.checked === true })}
          label={t('incidents.list.overdue')}
          data-testid="filter-overdue"
        />
      </div>
      <div className={styles.bar}>
        <div role="group" aria-label={t('incidents.list.view')} className={styles.views}>
          <ToggleButton checked={f.view === 'list'} onClick={() => update({ view: 'list' })} data-testid="view-list">
            {t('incidents.list.viewList')}
          </ToggleButton>
          <ToggleButton checked={f.view === 'board'} onClick={() => update({ view: 'board' })} data-testid="view-board">
            {t('incidents.list.viewBoard')}
          </ToggleButton>
        </div>
        <Button
          appearance="subtle"
          onClick={() => {
            setQ('');
            setParams(new URLSearchParams(f.view === 'board' ? { view: 'board' } : {}), { replace: true });
          }}
        >
          {t('incidents.list.clear')}
        </Button>
      </div>
      {f.category || f.overdue || (f.department !== null && query.data && rows.length < loaded.length) ? (
        <Text size={200}>{t('incidents.list.loadedOnly')}</Text>
      ) : null}
      {query.isPending ? (
        <Loading label={t('incidents.loading')} />
      ) : query.isError ? (
        <ErrorView error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Text role="status" data-testid="incident-count">
            {t('incidents.list.shown', { count: rows.length })}
            {query.hasNextPage ? ` ${t('incidents.list.more')}` : ''}
          </Text>
          {rows.length === 0 ? (
            <Empty>{t('incidents.list.none')}</Empty>
          ) : f.view === 'board' ? (
            <Board incidents={rows} overdue={overdue} />
          ) : (
            <DataTable
              label={t('incidents.list.tableLabel')}
              testId="incidents-table"
              rows={rows}
              rowKey={(i) => i.id}
              columns={[
                {
                  header: t('incidents.col.reference'),
                  cell: (i) => <RouterLink to={`/incidents/${i.id}`}>{i.referenceNumber || `#${i.id}`}</RouterLink>,
                  className: styles.nowrap,
                },
                { header: t('incidents.col.title'), cell: (i) => i.title },
                { header: t('incidents.col.type'), cell: (i) => labels.choice('incidents.type', i.type) },
                {
                  header: t('incidents.col.status'),
                  cell: (i) => (
                    <>
                      <StatusBadge status={i.status} /> {overdue.has(i.id) ? <OverdueBadge /> : null}
                    </>
                  ),
                },
                {
                  header: t('incidents.col.severity'),
                  cell: (i) => `${labels.choice('incidents.severity', i.severity)}${i.priority ? ` (${i.priority})` : ''}`,
                },
                { header: t('incidents.detail.systems'), cell: (i) => i.mainSystem?.title ?? '–' },
                { header: t('incidents.detail.assignee'), cell: (i) => labels.person(i.assignee) },
                { header: t('incidents.col.reported'), cell: (i) => labels.dateTime(i.reportedAt), className: styles.nowrap },
              ]}
            />
          )}
          {query.hasNextPage ? (
            <div>
              <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid="show-more">
                {query.isFetchingNextPage ? t('common.loading') : t('incidents.list.showMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
