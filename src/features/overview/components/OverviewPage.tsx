import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  Button,
  Input,
  Label,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ruleLabel, type TaskCount, type TaskFilter, type TaskOverview } from '../../../domain/tasks/index.js';
import { Empty, Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { TaskList } from '../../../shared/ui/TaskCard.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { hasRole, useMe } from '../../../shared/ui/session.js';
import { filterFromSearch, useTaskOverview } from '../api/get-task-overview.js';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  totals: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    margin: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column-reverse',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: '140px',
  },
  tileLabel: { color: tokens.colorNeutralForeground2 },
  tileValue: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  late: { color: tokens.colorPaletteRedForeground1 },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 240px), 1fr))',
    gap: tokens.spacingVerticalS,
    alignItems: 'end',
    border: 'none',
    margin: 0,
    padding: 0,
  },
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  person: { display: 'flex', gap: tokens.spacingHorizontalS, minWidth: 0, '& > span': { flexGrow: 1, minWidth: 0 } },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  tables: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))',
    gap: tokens.spacingVerticalXL,
    alignItems: 'start',
  },
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: 'top',
    },
    '& th[scope="row"]': { fontWeight: tokens.fontWeightRegular, overflowWrap: 'break-word' },
    '@media (max-width: 480px)': { '& th, & td': { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}` } },
    '& .num': { textAlign: 'right', whiteSpace: 'nowrap' },
  },
  rowButton: {
    padding: 0,
    minWidth: 0,
    height: 'auto',
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    justifyContent: 'flex-start',
  },
});

const ALL = '';

/**
 * Long Swedish compounds ("Kommunledningsförvaltningen", "Informationsklassning") may break at the
 * joint on a phone instead of mid-word: a soft hyphen before the last part, invisible otherwise.
 */
export function softHyphens(text: string): string {
  return text.replace(/(\p{L}{4,})(förvaltning|förvaltare|klassning|säkerhet)/gu, '$1\u00ad$2');
}

/** The filter without one of its parts. */
function without(filter: TaskFilter, key: keyof TaskFilter): TaskFilter {
  const next = { ...filter };
  delete next[key];
  return next;
}

function CountTable({
  headingId,
  firstHeader,
  rows,
  labelOf,
  selected,
  onSelect,
  testId,
}: {
  headingId: string;
  firstHeader: string;
  rows: TaskCount[];
  labelOf: (row: TaskCount) => string;
  selected: string | null;
  onSelect: (key: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  return (
    <div className={styles.scroll} role="region" aria-labelledby={headingId} tabIndex={0}>
      <table className={styles.table} aria-labelledby={headingId} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{firstHeader}</th>
            <th scope="col" className="num">
              {t('overview.col.total')}
            </th>
            <th scope="col" className="num">
              {t('overview.col.overdue')}
            </th>
            <th scope="col">{t('overview.col.oldest')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">
                <Button
                  appearance="transparent"
                  className={styles.rowButton}
                  aria-pressed={selected === row.key}
                  onClick={() => onSelect(row.key)}
                >
                  {selected === row.key ? <strong>{softHyphens(labelOf(row))}</strong> : softHyphens(labelOf(row))}
                </Button>
              </th>
              <td className="num" data-testid="count-total">
                {labels.number(row.total)}
              </td>
              <td className="num" data-testid="count-overdue">
                {row.overdue > 0 ? <strong className={styles.late}>{labels.number(row.overdue)}</strong> : labels.number(row.overdue)}
              </td>
              <td>{row.oldestOverdue ? labels.date(row.oldestOverdue) : t('overview.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Filters({ overview, filter, onChange }: { overview: TaskOverview; filter: TaskFilter; onChange: (next: TaskFilter) => void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const departmentId = useId();
  const ruleId = useId();
  const personId = useId();
  const [person, setPerson] = useState(filter.person ?? '');
  // The URL is the truth (back/forward, a link from someone else).
  useEffect(() => setPerson(filter.person ?? ''), [filter.person]);
  const departmentLabel = (c: TaskCount) => (c.key === '0' ? t('overview.withoutDepartment') : c.label);
  const departments = [...overview.byDepartment].sort((a, b) => departmentLabel(a).localeCompare(departmentLabel(b), 'sv'));
  const rules = [...overview.byRule].sort((a, b) => ruleLabel(a.key, lang).localeCompare(ruleLabel(b.key, lang), lang));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const rest = without(filter, 'person');
    onChange(person.trim() ? { ...rest, person: person.trim().toLowerCase() } : rest);
  };
  const any = filter.department !== undefined || !!filter.rule || !!filter.person;
  return (
    <form onSubmit={submit} aria-label={t('overview.filters')} data-testid="overview-filters">
      <fieldset className={styles.filters}>
        <div className={styles.field}>
          <Label htmlFor={departmentId}>{t('overview.filter.department')}</Label>
          <Select
            id={departmentId}
            value={filter.department === undefined ? ALL : String(filter.department)}
            data-testid="filter-department"
            onChange={(_, d) => {
              const rest = without(filter, 'department');
              onChange(d.value === ALL ? rest : { ...rest, department: Number(d.value) });
            }}
          >
            <option value={ALL}>{t('overview.filter.all')}</option>
            {departments.map((c) => (
              <option key={c.key} value={c.key}>
                {departmentLabel(c)} ({c.total})
              </option>
            ))}
          </Select>
        </div>
        <div className={styles.field}>
          <Label htmlFor={ruleId}>{t('overview.filter.rule')}</Label>
          <Select
            id={ruleId}
            value={filter.rule ?? ALL}
            data-testid="filter-rule"
            onChange={(_, d) => {
              const rest = without(filter, 'rule');
              onChange(d.value === ALL ? rest : { ...rest, rule: d.value });
            }}
          >
            <option value={ALL}>{t('overview.filter.all')}</option>
            {rules.map((c) => (
              <option key={c.key} value={c.key}>
                {ruleLabel(c.key, lang)} ({c.total})
              </option>
            ))}
          </Select>
        </div>
        <div className={styles.field}>
          <Label htmlFor={personId}>{t('overview.filter.person')}</Label>
          <div className={styles.person}>
            <Input
              id={personId}
              type="email"
              autoComplete="off"
              value={person}
              onChange={(_, d) => setPerson(d.value)}
              data-testid="filter-person"
            />
            <Button type="submit" data-testid="filter-apply">
              {t('overview.filter.apply')}
            </Button>
          </div>
        </div>
        {any ? (
          <div className={styles.buttons}>
            <Button onClick={() => onChange({})} data-testid="filter-clear">
              {t('overview.filter.clear')}
            </Button>
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}

/** Shown a page at a time: the unfiltered list holds hundreds of tasks. */
const LIST_PAGE = 50;

function FilteredTasks({ overview }: { overview: TaskOverview }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [limit, setLimit] = useState(LIST_PAGE);
  const shown = overview.tasks.slice(0, limit);
  const more = overview.tasks.length - shown.length;
  return (
    <PageSection title={t('overview.list')}>
      <Text data-testid="overview-matching">{t('overview.matching', { shown: shown.length, count: overview.matching })}</Text>
      {shown.length === 0 ? (
        <Empty>{t('overview.noMatch')}</Empty>
      ) : (
        <TaskList tasks={shown} label={t('overview.list')} showAssignees testId="overview-tasks" />
      )}
      {more > 0 ? (
        <div className={styles.buttons}>
          <Button onClick={() => setLimit((n) => n + LIST_PAGE)} data-testid="overview-more">
            {t('overview.more', { count: Math.min(more, LIST_PAGE) })}
          </Button>
        </div>
      ) : null}
    </PageSection>
  );
}

function OverviewView({
  overview,
  filter,
  onChange,
}: {
  overview: TaskOverview;
  filter: TaskFilter;
  onChange: (next: TaskFilter) => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <>
      <dl className={styles.totals} data-testid="overview-totals">
        <div className={styles.tile}>
          <dt className={styles.tileLabel}>{t('overview.total')}</dt>
          <dd className={styles.tileValue} data-testid="overview-total">
            {labels.number(overview.total)}
          </dd>
        </div>
        <div className={styles.tile}>
          <dt className={styles.tileLabel}>{t('overview.overdue')}</dt>
          <dd className={`${styles.tileValue} ${overview.overdue > 0 ? styles.late : ''}`} data-testid="overview-overdue">
            {labels.number(overview.overdue)}
          </dd>
        </div>
      </dl>
      <Text size={200}>{t('overview.generatedAt', { date: labels.dateTime(overview.generatedAt) })}</Text>
      <Filters overview={overview} filter={filter} onChange={onChange} />
      {overview.total === 0 ? (
        <Empty>{t('overview.noTasks')}</Empty>
      ) : (
        <div className={styles.tables}>
          <PageSection title={t('overview.byDepartment')} id="overview-departments-heading">
            <CountTable
              headingId="overview-departments-heading"
              firstHeader={t('overview.col.department')}
              rows={overview.byDepartment}
              labelOf={(c) => (c.key === '0' ? t('overview.withoutDepartment') : c.label)}
              selected={filter.department === undefined ? null : String(filter.department)}
              onSelect={(key) => {
                const rest = without(filter, 'department');
                onChange(String(filter.department) === key ? rest : { ...rest, department: Number(key) });
              }}
              testId="overview-departments"
            />
          </PageSection>
          <PageSection title={t('overview.byRule')} id="overview-rules-heading">
            <CountTable
              headingId="overview-rules-heading"
              firstHeader={t('overview.col.rule')}
              rows={overview.byRule}
              labelOf={(c) => ruleLabel(c.key, lang)}
              selected={filter.rule ?? null}
              onSelect={(key) => {
                const rest = without(filter, 'rule');
                onChange(filter.rule === key ? rest : { ...rest, rule: key });
              }}
              testId="overview-rules"
            />
          </PageSection>
        </div>
      )}
      {overview.total > 0 ? <FilteredTasks key={JSON.stringify(filter)} overview={overview} /> : null}
    </>
  );
}

/**
 * Översikt (/overview): every task in the municipality, counted per förvaltning and rule, with the
 * filters kept in the URL. Coordinators and admins only — the API refuses anyone else, and the page
 * says so plainly instead of asking.
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = filterFromSearch(params);
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  const query = useTaskOverview(filter);

  const onChange = (next: TaskFilter) => {
    const out = new URLSearchParams(params);
    for (const k of ['department', 'rule', 'person']) out.delete(k);
    if (next.department !== undefined) out.set('department', String(next.department));
    if (next.rule) out.set('rule', next.rule);
    if (next.person) out.set('person', next.person);
    setParams(out);
  };

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <Page title={t('overview.title')} intro={allowed ? t('overview.intro') : undefined}>
      {!allowed ? (
        <MessageBar intent="warning" layout="multiline" data-testid="overview-forbidden">
          <MessageBarBody>
            <MessageBarTitle>{t('overview.forbiddenTitle')}</MessageBarTitle>
            {t('overview.forbidden')}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.stack} data-testid="overview" aria-busy={query.isFetching}>
          <QueryView query={query} label={t('overview.loading')}>
            {(overview) => <OverviewView overview={overview} filter={filter} onChange={onChange} />}
          </QueryView>
        </div>
      )}
    </Page>
  );
}
