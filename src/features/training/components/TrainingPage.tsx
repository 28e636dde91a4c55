import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Field, Link, Select, Text, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { AUDIENCE_GROUPS, type TrainingStatus } from '../../../domain/training/index.js';
import type { ComplianceBody, MyCourse } from '../../../shared/api/training-types.js';
import { Empty, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { LinkButton } from '../../../shared/ui/LinkButton.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useSession } from '../../../shared/ui/session.js';
import { useCompliance, type ComplianceFilter } from '../api/get-compliance.js';
import { downloadCompliance, type ComplianceSheetLabels } from '../api/export-compliance.js';
import { useMyTraining } from '../api/get-my-training.js';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  select: { minWidth: '12rem', maxWidth: '100%' },
  muted: { color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: 'nowrap' },
  wrap: { overflowWrap: 'anywhere', minWidth: '8rem' },
  subTitle: {
    margin: `${tokens.spacingVerticalM} 0 0`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  shareCell: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, whiteSpace: 'nowrap' },
  track: {
    width: '6rem',
    height: '0.5rem',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground5,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
    forcedColorAdjust: 'none',
  },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  total: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
});

/** Gap rows shown at first (and four times as many more per click). */
const GAP_PAGE = 25;

const STATUS_COLOR: Record<TrainingStatus, 'success' | 'warning' | 'danger' | 'informative'> = {
  giltig: 'success',
  'går ut snart': 'warning',
  utgången: 'danger',
  'ej genomförd': 'informative',
};

function usePercent() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { style: 'percent', maximumFractionDigits: 1 });
    return (share: number) => f.format(share);
  }, [i18n.language]);
}

function StatusBadge({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} appearance="tint" data-testid="training-status">
      {t(`training.status.${status}`)}
    </Badge>
  );
}

/** The share as text, with a bar beside it (decorative: the number says it). */
function Share({ share }: { share: number }) {
  const styles = useStyles();
  const percent = usePercent();
  return (
    <span className={styles.shareCell}>
      <span className={styles.track} aria-hidden="true">
        <span className={styles.bar} style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%`, display: 'block' }} />
      </span>
      <span data-testid="share">{percent(share)}</span>
    </span>
  );
}

function TakeCourse({ course }: { course: MyCourse }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!course.take) return <Text>–</Text>;
  const label = course.status === 'giltig' ? t('training.retake') : t('training.take');
  if (course.take.kind === 'builtIn')
    return (
      <LinkButton to={course.take.path} appearance={course.status === 'giltig' ? 'secondary' : 'primary'} data-testid="take-course">
        {label}
        <span className={styles.visuallyHidden}> {course.title}</span>
      </LinkButton>
    );
  return (
    <Link href={course.take.url} target="_blank" rel="noopener noreferrer" data-testid="take-course-external">
      {t('training.takeExternal', { title: course.title })}
    </Link>
  );
}

function MyTraining() {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const query = useMyTraining();
  return (
    <PageSection title={t('training.mine')}>
      <QueryView query={query} label={t('training.loadingMine')}>
        {(body) =>
          body.courses.length === 0 ? (
            <Empty>{t('training.empty')}</Empty>
          ) : (
            <div className={styles.stack}>
              {!body.onRoster ? <Text className={styles.muted}>{t('training.notOnRoster')}</Text> : null}
              <DataTable
                label={t('training.mine')}
                testId="courses-table"
                rows={body.courses}
                rowKey={(c) => c.id}
                columns={[
                  {
                    header: t('training.col.title'),
                    className: styles.wrap,
                    cell: (c) => (
                      <>
                        <Text weight="semibold">{c.title}</Text>
                        <Text size={200} className={styles.muted} block>
                          {c.mandatory ? t('training.mandatory') : t('training.optional')}
                          {' · '}
                          {c.recertificationMonths
                            ? t('training.months', { count: c.recertificationMonths })
                            : c.recertificationFixedDate
                              ? t('training.yearly', { date: c.recertificationFixedDate })
                              : t('training.noRecertification')}
                        </Text>
                      </>
                    ),
                  },
                  { header: t('training.col.status'), cell: (c) => <StatusBadge status={c.status} /> },
                  { header: t('training.col.validUntil'), className: styles.nowrap, cell: (c) => validUntil(c, labels.date, t) },
                  { header: t('training.col.lastCompleted'), className: styles.nowrap, cell: (c) => labels.date(c.lastCompleted) },
                  { header: t('training.col.take'), cell: (c) => <TakeCourse course={c} /> },
                ]}
              />
            </div>
          )
        }
      </QueryView>
    </PageSection>
  );
}

function validUntil(c: MyCourse, date: (v: string | null) => string, t: (k: string) => string): string {
  if (c.status === 'ej genomförd') return '–';
  if (c.expires === null) return t('training.noExpiry');
  return date(c.expires);
}

function readFilter(params: URLSearchParams): ComplianceFilter {
  const d = Number(params.get('department'));
  const a = params.get('audience');
  return {
    department: Number.isInteger(d) && d > 0 ? d : null,
    audience: a && (AUDIENCE_GROUPS as readonly string[]).includes(a) ? a : null,
  };
}

function useSheetLabels(): ComplianceSheetLabels {
  const { t } = useTranslation();
  const labels = useLabels();
  return {
    sheets: {
      departments: t('training.dash.departments'),
      audiences: t('training.dash.audiences'),
      courses: t('training.dash.courses'),
      trend: t('training.dash.trend'),
      gaps: t('training.dash.gaps'),
    },
    department: t('training.dash.col.department'),
    audience: t('training.dash.col.audience'),
    course: t('training.dash.col.course'),
    month: t('training.dash.col.month'),
    staff: t('training.dash.col.staff'),
    valid: t('training.dash.col.valid'),
    share: t('training.dash.col.share'),
    soon: t('training.dash.col.soon'),
    name: t('training.dash.col.name'),
    email: t('training.dash.col.email'),
    status: t('training.col.status'),
    lastCompleted: t('training.col.lastCompleted'),
    expires: t('training.col.validUntil'),
    total: t('training.dash.total'),
    audienceLabel: (a) => labels.choice('trainingCourses.audience', a),
    statusLabel: (s) => t(`training.status.${s}`, { defaultValue: s }),
  };
}

function Figures({ body, filter }: { body: ComplianceBody; filter: ComplianceFilter }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const percent = usePercent();
  const session = useSession();
  const sheetLabels = useSheetLabels();
  const [gapRows, setGapRows] = useState(GAP_PAGE);
  const [exporting, setExporting] = useState<{ busy: boolean; message: string | null; failed: boolean }>({
    busy: false,
    message: null,
    failed: false,
  });
  const onExport = async () => {
    setExporting({ busy: true, message: null, failed: false });
    try {
      const count = await downloadCompliance(session, filter, sheetLabels);
      setExporting({ busy: false, message: t('training.dash.exported', { count }), failed: false });
    } catch (error) {
      setExporting({ busy: false, message: error instanceof Error ? error.message : String(error), failed: true });
    }
  };
  const counts = <T extends { staff: number; valid: number; share: number }>() => [
    { header: t('training.dash.col.staff'), cell: (r: T) => labels.number(r.staff) },
    { header: t('training.dash.col.valid'), cell: (r: T) => labels.number(r.valid) },
    { header: t('training.dash.col.share'), cell: (r: T) => <Share share={r.share} /> },
  ];
  return (
    <div className={styles.stack}>
      <div data-testid="compliance-total">
        <Text className={styles.total} block>
          {percent(body.total.share)}
        </Text>
        <Text>
          {t('training.dash.totalText', { valid: labels.number(body.total.valid), staff: labels.number(body.total.staff) })}
          {body.target !== null ? ` ${t('training.dash.target', { target: percent(body.target) })}` : ''}
        </Text>
      </div>
      <div className={styles.filters}>
        <Button icon={<ArrowDownload20Regular />} disabled={exporting.busy} onClick={() => void onExport()} data-testid="compliance-export">
          {exporting.busy ? t('training.dash.exporting') : t('training.dash.export')}
        </Button>
        {exporting.message ? (
          <Text role="status" {...(exporting.failed ? { className: styles.muted } : {})}>
            {exporting.message}
          </Text>
        ) : null}
      </div>

      <h3 className={styles.subTitle}>{t('training.dash.departments')}</h3>
      <DataTable
        label={t('training.dash.departments')}
        testId="compliance-departments"
        rows={body.departments}
        rowKey={(d) => d.departmentId ?? 'none'}
        columns={[
          { header: t('training.dash.col.department'), className: styles.wrap, cell: (d) => d.department },
          ...counts<(typeof body.departments)[number]>(),
        ]}
      />

      <h3 className={styles.subTitle}>{t('training.dash.audiences')}</h3>
      <DataTable
        label={t('training.dash.audiences')}
        testId="compliance-audiences"
        rows={body.audiences.filter((a) => a.staff > 0)}
        rowKey={(a) => a.audience}
        columns={[
          { header: t('training.dash.col.audience'), cell: (a) => labels.choice('trainingCourses.audience', a.audience) },
          ...counts<(typeof body.audiences)[number]>(),
        ]}
      />

      <h3 className={styles.subTitle}>{t('training.dash.courses')}</h3>
      <DataTable
        label={t('training.dash.courses')}
        testId="compliance-courses"
        rows={body.courses}
        rowKey={(c) => c.courseId}
        columns={[
          { header: t('training.dash.col.course'), className: styles.wrap, cell: (c) => c.course },
          ...counts<(typeof body.courses)[number]>(),
          { header: t('training.dash.col.soon'), cell: (c) => labels.number(c.soon) },
        ]}
      />

      <h3 className={styles.subTitle}>{t('training.dash.trend')}</h3>
      <DataTable
        label={t('training.dash.trend')}
        testId="compliance-trend"
        rows={body.trend}
        rowKey={(m) => m.month}
        columns={[
          { header: t('training.dash.col.month'), className: styles.nowrap, cell: (m) => m.month },
          ...counts<(typeof body.trend)[number]>(),
        ]}
      />

      <h3 className={styles.subTitle}>{t('training.dash.gaps')}</h3>
      {body.gaps.length === 0 ? (
        <Empty>{t('training.dash.noGaps')}</Empty>
      ) : (
        <>
          <Text className={styles.muted}>
            {t('training.dash.gapsShown', {
              shown: labels.number(Math.min(gapRows, body.gaps.length)),
              total: labels.number(body.gapsTotal),
            })}
          </Text>
          <DataTable
            label={t('training.dash.gaps')}
            testId="compliance-gaps"
            rows={body.gaps.slice(0, gapRows)}
            rowKey={(g) => `${g.staffId}:${g.courseId}`}
            columns={[
              { header: t('training.dash.col.name'), cell: (g) => g.name },
              { header: t('training.dash.col.department'), className: styles.wrap, cell: (g) => g.department ?? '–' },
              { header: t('training.dash.col.course'), className: styles.wrap, cell: (g) => g.course },
              { header: t('training.col.status'), cell: (g) => <StatusBadge status={g.status} /> },
              { header: t('training.col.validUntil'), className: styles.nowrap, cell: (g) => labels.date(g.expires) },
            ]}
          />
          {gapRows < body.gaps.length ? (
            <div>
              <Button onClick={() => setGapRows((n) => n + GAP_PAGE * 4)} data-testid="gaps-more">
                {t('training.dash.gapsMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

function Dashboard() {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const query = useCompliance(filter);
  const scope = query.data?.scope ?? 'all';
  const setFilter = (key: 'department' | 'audience', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <PageSection title={scope === 'all' ? t('training.dash.title') : t('training.dash.titleOwn')}>
      <div className={styles.stack} data-testid="compliance">
        <Text>{scope === 'all' ? t('training.dash.intro') : t('training.dash.introOwn')}</Text>
        <div className={styles.filters}>
          <Field label={t('training.dash.col.department')}>
            <Select
              className={styles.select}
              value={filter.department === null ? '' : String(filter.department)}
              onChange={(_, d) => setFilter('department', d.value)}
              data-testid="filter-department"
            >
              <option value="">{t('training.dash.allDepartments')}</option>
              {(query.data?.departmentOptions ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('training.dash.col.audience')}>
            <Select
              className={styles.select}
              value={filter.audience ?? ''}
              onChange={(_, d) => setFilter('audience', d.value)}
              data-testid="filter-audience"
            >
              <option value="">{t('training.dash.allAudiences')}</option>
              {AUDIENCE_GROUPS.filter((a) => a !== 'alla').map((a) => (
                <option key={a} value={a}>
                  {labels.choice('trainingCourses.audience', a)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <QueryView query={query} label={t('training.dash.loading')}>
          {(body) => <Figures body={body} filter={filter} />}
        </QueryView>
      </div>
    </PageSection>
  );
}

/** `?view=uppfoljning`: the follow-up; otherwise Min utbildning. */
const FOLLOW_UP = 'uppfoljning';

/**
 * Utbildning: my own standing per course and, for coordinators, admins and managers, the compliance
 * dashboard as a second view (in the URL). Each view makes one API call: the follow-up tab does not
 * ask for Min utbildning, and Min utbildning says whether the follow-up tab is there.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const followUp = params.get('view') === FOLLOW_UP;
  const mine = useMyTraining(!followUp);
  const showTabs = followUp || !!mine.data?.compliance;
  const select = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === FOLLOW_UP) next.set('view', FOLLOW_UP);
    else next.delete('view');
    setParams(next);
  };
  return (
    <Page title={t('training.title')} intro={t('training.intro')}>
      {showTabs ? (
        <div className={styles.filters} role="group" aria-label={t('training.views')} data-testid="training-tabs">
          {(['mine', FOLLOW_UP] as const).map((v) => {
            const on = v === FOLLOW_UP ? followUp : !followUp;
            return (
              <ToggleButton
                key={v}
                checked={on}
                appearance={on ? 'primary' : 'secondary'}
                onClick={() => select(v)}
                data-testid={v === FOLLOW_UP ? 'training-tab-followup' : 'training-tab-mine'}
              >
                {v === FOLLOW_UP ? t('training.dash.tab') : t('training.mine')}
              </ToggleButton>
            );
          })}
        </div>
      ) : null}
      {followUp ? <Dashboard /> : <MyTraining />}
    </Page>
  );
}
