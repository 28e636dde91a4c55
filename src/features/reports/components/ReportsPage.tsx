import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, Save20Regular } from '@fluentui/react-icons';
import { stockholmYear } from '../../../domain/calendar.js';
import {
  termDocument,
  validTerm,
  yearlyDocument,
  type ReportDocument,
  type TermReport,
  type YearlyReport,
} from '../../../domain/reports/index.js';
import { DataError } from '../../../shared/data/index.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { Loading, Page } from '../../../shared/ui/Page.js';
import { hasRole, useMe, useSession } from '../../../shared/ui/session.js';
import { useDownloadSavedReport } from '../api/download-saved-report.js';
import { useExportReport, type ReportExportFormat, type ReportPeriod } from '../api/export-report.js';
import { useSaveReport } from '../api/save-report.js';
import { useSavedReports, type SavedReport } from '../api/saved-reports.js';
import { useTermReport } from '../api/term-report.js';
import { useYearlyReport } from '../api/yearly-report.js';
import { ReportDashboards, TermDashboards } from './ReportDashboards.js';
import { ReportPreview } from './ReportPreview.js';
import { useSectionTexts } from './section-texts.js';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  select: { minWidth: '8rem' },
  kind: { minWidth: '14rem' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  panelTitle: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  subTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '48rem' },
  files: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { tableLayout: 'auto' },
  fileName: { overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
  library: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The years to choose from: this year and the seven before it. */
const YEARS = 8;

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <MessageBar intent="info" layout="multiline" data-testid="reports-not-allowed">
      <MessageBarBody>
        <MessageBarTitle>{t('reports.notAllowedTitle')}</MessageBarTitle>
        {t('reports.notAllowed')}
      </MessageBarBody>
    </MessageBar>
  );
}

const keptTexts = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim()));

/** A saved file's name: a download through the API, and in SharePoint a link to open it there. */
function SavedFileLink({ file }: { file: SavedReport }) {
  const { t } = useTranslation();
  const session = useSession();
  const download = useDownloadSavedReport();
  const web = session.config.mode === 'production' && session.config.siteUrl ? new URL(file.url, session.config.siteUrl).href : null;
  return (
    <>
      <Link as="button" onClick={() => download.mutate(file)} aria-label={t('reports.library.download', { name: file.name })}>
        {file.name}
      </Link>
      {web ? (
        <>
          {' · '}
          <Link href={web} target="_blank" rel="noopener">
            {t('reports.library.open')}
          </Link>
        </>
      ) : null}
      {download.isError ? <ErrorView error={download.error} /> : null}
    </>
  );
}

function ExportAndSave({ period, texts }: { period: ReportPeriod; texts: Record<string, string> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const exporter = useExportReport();
  const saver = useSaveReport();
  const [format, setFormat] = useState<ReportExportFormat | null>(null);
  const run = (f: ReportExportFormat) => {
    setFormat(f);
    exporter.mutate({ period, format: f, texts: keptTexts(texts) });
  };
  return (
    <>
      <div className={styles.toolbar}>
        {(['docx', 'xlsx'] as const).map((f) => (
          <Button
            key={f}
            appearance={f === 'docx' ? 'primary' : 'secondary'}
            icon={<ArrowDownload20Regular />}
            disabled={exporter.isPending}
            onClick={() => run(f)}
            data-testid={`report-export-${f}`}
          >
            {t(`reports.export.${f}`)}
          </Button>
        ))}
        <Button
          appearance="secondary"
          icon={<Save20Regular />}
          disabled={saver.isPending}
          onClick={() => saver.mutate({ period, texts: keptTexts(texts) })}
          data-testid="report-save"
        >
          {t('reports.save.button')}
        </Button>
      </div>
      <div aria-live="polite">
        {exporter.isPending ? <Loading label={t('reports.export.running')} /> : null}
        {exporter.isSuccess && format ? (
          <Text as="p" className={styles.muted} data-testid="report-exported">
            {t('reports.export.done', { file: exporter.data })}
          </Text>
        ) : null}
        {saver.isPending ? <Loading label={t('reports.save.running')} /> : null}
        {saver.isSuccess ? (
          <div data-testid="report-saved">
            <Text as="p" className={styles.muted}>
              {t('reports.save.done', { folder: saver.data[0]?.folder ?? '' })}
            </Text>
            <ul className={styles.files}>
              {saver.data.map((f) => (
                <li key={f.name}>
                  <SavedFileLink file={f} /> ({t('reports.library.version')} {f.version})
                </li>
              ))}
            </ul>
            <Text as="p" className={styles.muted}>
              {t('reports.save.again')}
            </Text>
          </div>
        ) : null}
      </div>
      {exporter.isError ? <ErrorView error={exporter.error} /> : null}
      {saver.isError ? <ErrorView error={saver.error} /> : null}
    </>
  );
}

/** What the document library Rapporter holds, newest year first. */
function SavedReports() {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const query = useSavedReports();
  const titleId = useId();
  return (
    <section className={styles.library} aria-labelledby={titleId} data-testid="report-library">
      <h3 id={titleId} className={styles.subTitle}>
        {t('reports.library.title')}
      </h3>
      <p className={styles.muted}>{t('reports.library.intro')}</p>
      {query.isPending ? (
        <Loading label={t('reports.library.loading')} />
      ) : query.isError ? (
        <ErrorView error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <p className={styles.muted}>{t('reports.library.empty')}</p>
      ) : (
        <div className={styles.scroll} role="region" aria-label={t('reports.library.label')} tabIndex={0}>
          <Table size="small" className={styles.table} aria-label={t('reports.library.label')} data-testid="report-library-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('reports.library.folder')}</TableHeaderCell>
                <TableHeaderCell>{t('reports.library.file')}</TableHeaderCell>
                <TableHeaderCell>{t('reports.library.version')}</TableHeaderCell>
                <TableHeaderCell>{t('reports.library.modified')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.map((f) => (
                <TableRow key={`${f.folder}/${f.name}`}>
                  <TableCell>{f.folder}</TableCell>
                  <TableCell className={styles.fileName}>
                    <SavedFileLink file={f} />
                  </TableCell>
                  <TableCell>{f.version}</TableCell>
                  <TableCell className={styles.nowrap}>{labels.dateTime(f.modified)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function YearSelect(props: { label: string; value: number; onChange: (year: number) => void; years: number[]; testId: string }) {
  const styles = useStyles();
  const id = useId();
  return (
    <Field label={props.label}>
      <Select
        id={id}
        className={styles.select}
        value={String(props.value)}
        onChange={(_, d) => props.onChange(Number(d.value))}
        data-testid={props.testId}
      >
        {props.years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </Select>
    </Field>
  );
}

type Loaded = { kind: 'yearly'; report: YearlyReport; doc: ReportDocument } | { kind: 'term'; report: TermReport; doc: ReportDocument };

function Workspace() {
  const { t } = useTranslation();
  const styles = useStyles();
  const session = useSession();
  const thisYear = stockholmYear(new Date());
  const years = Array.from({ length: YEARS }, (_, i) => thisYear - i);
  const [kind, setKind] = useState<'yearly' | 'term'>('yearly');
  const [year, setYear] = useState(thisYear - 1);
  const [from, setFrom] = useState(thisYear - 3);
  const [to, setTo] = useState(thisYear);
  const [tab, setTab] = useState<'preview' | 'dashboards'>('preview');
  const kindId = useId();
  const termOk = validTerm(from, to);
  const yearly = useYearlyReport(year, kind === 'yearly');
  const term = useTermReport(from, to, kind === 'term' && termOk);
  const query = kind === 'yearly' ? yearly : term;
  const period: ReportPeriod = kind === 'yearly' ? { kind, year } : { kind, from, to };
  const { texts, setText, clear } = useSectionTexts(session.key, kind === 'yearly' ? year : `term-${from}-${to}`);
  const forbidden = query.error instanceof DataError && query.error.kind === 'forbidden';
  const loaded: Loaded | null =
    kind === 'yearly' && yearly.data
      ? { kind, report: yearly.data, doc: yearlyDocument(yearly.data) }
      : kind === 'term' && term.data
        ? { kind, report: term.data, doc: termDocument(term.data) }
        : null;
  return (
    <>
      <div className={styles.toolbar}>
        <Field label={t('reports.kind')}>
          <Select
            id={kindId}
            className={styles.kind}
            value={kind}
            onChange={(_, d) => setKind(d.value === 'term' ? 'term' : 'yearly')}
            data-testid="report-kind"
          >
            <option value="yearly">{t('reports.kinds.yearly')}</option>
            <option value="term">{t('reports.kinds.term')}</option>
          </Select>
        </Field>
        {kind === 'yearly' ? (
          <YearSelect label={t('reports.year')} value={year} onChange={setYear} years={years} testId="report-year" />
        ) : (
          <>
            <YearSelect label={t('reports.from')} value={from} onChange={setFrom} years={years} testId="report-from" />
            <YearSelect label={t('reports.to')} value={to} onChange={setTo} years={years} testId="report-to" />
          </>
        )}
      </div>
      <div className={styles.toolbar} role="group" aria-label={t('reports.tabs.label')}>
        {(['preview', 'dashboards'] as const).map((v) => (
          <ToggleButton
            key={v}
            checked={tab === v}
            appearance={tab === v ? 'primary' : 'secondary'}
            onClick={() => setTab(v)}
            data-testid={`report-tab-${v}`}
          >
            {t(v === 'preview' && kind === 'term' ? 'reports.tabs.termPreview' : `reports.tabs.${v}`)}
          </ToggleButton>
        ))}
      </div>
      {kind === 'term' && !termOk ? (
        <MessageBar intent="warning" data-testid="report-term-range">
          <MessageBarBody>{t('reports.termRange')}</MessageBarBody>
        </MessageBar>
      ) : query.isPending ? (
        <Loading label={kind === 'yearly' ? t('reports.loading', { year }) : t('reports.termLoading', { from, to })} />
      ) : forbidden ? (
        <NotAllowed />
      ) : query.isError ? (
        <ErrorView error={query.error} onRetry={() => void query.refetch()} />
      ) : !loaded ? null : tab === 'preview' ? (
        <div className={styles.panel}>
          <h2 className={styles.panelTitle}>{`${loaded.doc.title} ${loaded.doc.period}`}</h2>
          <p className={styles.muted}>
            {t('reports.previewIntro', { municipality: loaded.report.municipality, at: loaded.report.generatedAt.slice(0, 10) })}
          </p>
          <ExportAndSave period={period} texts={texts} />
          {Object.values(texts).some((v) => v.trim()) ? (
            <div>
              <Button appearance="subtle" onClick={clear} data-testid="report-clear-texts">
                {kind === 'yearly' ? t('reports.clearTexts', { year }) : t('reports.clearTermTexts', { from, to })}
              </Button>
            </div>
          ) : null}
          <SavedReports />
          <ReportPreview doc={loaded.doc} texts={texts} onText={setText} />
        </div>
      ) : (
        <div className={styles.panel}>
          {loaded.kind === 'yearly' ? (
            <>
              <h2 className={styles.panelTitle}>{t('reports.dash.title', { year: loaded.report.year })}</h2>
              <ReportDashboards report={loaded.report} />
            </>
          ) : (
            <>
              <h2 className={styles.panelTitle}>{t('reports.dash.termTitle', { from: loaded.report.from, to: loaded.report.to })}</h2>
              <TermDashboards report={loaded.report} />
            </>
          )}
        </div>
      )}
    </>
  );
}

/**
 * Rapporter: the yearly report to the municipal board for a chosen year, or the end-of-term report
 * for a span of years — previewed with its headings, a free text per section, exported to .docx and
 * .xlsx by the API or saved to the document library Rapporter (whose files are listed) — and
 * dashboards over the same JSON. Coordinators and admins only (the API decides; others are told why up front).
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('reports.title')} intro={t('reports.intro')}>
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorView error={me.error} onRetry={() => void me.refetch()} />
      ) : hasRole(me.data, 'securityCoordinator', 'admin') ? (
        <Workspace />
      ) : (
        <NotAllowed />
      )}
    </Page>
  );
}
