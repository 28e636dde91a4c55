import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { stockholmYear } from '../../../domain/calendar.js';
import { yearlyDocument, type YearlyReport } from '../../../domain/reports/index.js';
import { DataError } from '../../../shared/data/index.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Loading, Page } from '../../../shared/ui/Page.js';
import { hasRole, useMe, useSession } from '../../../shared/ui/session.js';
import { useExportYearlyReport, type ReportExportFormat } from '../api/export-yearly-report.js';
import { useYearlyReport } from '../api/yearly-report.js';
import { ReportDashboards } from './ReportDashboards.js';
import { ReportPreview } from './ReportPreview.js';
import { useSectionTexts } from './section-texts.js';

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  select: { minWidth: '8rem' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  panelTitle: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '48rem' },
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

function ExportButtons({ report, texts }: { report: YearlyReport; texts: Record<string, string> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const exporter = useExportYearlyReport();
  const [format, setFormat] = useState<ReportExportFormat | null>(null);
  const run = (f: ReportExportFormat) => {
    setFormat(f);
    const kept = Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim()));
    exporter.mutate({ year: report.year, format: f, texts: kept });
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
      </div>
      <div aria-live="polite">
        {exporter.isPending ? <Loading label={t('reports.export.running')} /> : null}
        {exporter.isSuccess && format ? (
          <Text as="p" className={styles.muted} data-testid="report-exported">
            {t('reports.export.done', { file: exporter.data })}
          </Text>
        ) : null}
      </div>
      {exporter.isError ? <ErrorView error={exporter.error} /> : null}
    </>
  );
}

function Workspace() {
  const { t } = useTranslation();
  const styles = useStyles();
  const session = useSession();
  const thisYear = stockholmYear(new Date());
  const [year, setYear] = useState(thisYear - 1);
  const [tab, setTab] = useState<'preview' | 'dashboards'>('preview');
  const yearId = useId();
  const query = useYearlyReport(year);
  const { texts, setText, clear } = useSectionTexts(session.key, year);
  const forbidden = query.error instanceof DataError && query.error.kind === 'forbidden';
  return (
    <>
      <div className={styles.toolbar}>
        <Field label={t('reports.year')}>
          <Select
            id={yearId}
            className={styles.select}
            value={String(year)}
            onChange={(_, d) => setYear(Number(d.value))}
            data-testid="report-year"
          >
            {Array.from({ length: YEARS }, (_, i) => thisYear - i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
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
            {t(`reports.tabs.${v}`)}
          </ToggleButton>
        ))}
      </div>
      {query.isPending ? (
        <Loading label={t('reports.loading', { year })} />
      ) : forbidden ? (
        <NotAllowed />
      ) : query.isError ? (
        <ErrorView error={query.error} onRetry={() => void query.refetch()} />
      ) : tab === 'preview' ? (
        <div className={styles.panel}>
          <h2 className={styles.panelTitle}>{`${query.data.title} ${query.data.year}`}</h2>
          <p className={styles.muted}>
            {t('reports.previewIntro', { municipality: query.data.municipality, at: query.data.generatedAt.slice(0, 10) })}
          </p>
          <ExportButtons report={query.data} texts={texts} />
          {Object.values(texts).some((v) => v.trim()) ? (
            <div>
              <Button appearance="subtle" onClick={clear} data-testid="report-clear-texts">
                {t('reports.clearTexts', { year })}
              </Button>
            </div>
          ) : null}
          <ReportPreview doc={yearlyDocument(query.data)} texts={texts} onText={setText} />
        </div>
      ) : (
        <div className={styles.panel}>
          <h2 className={styles.panelTitle}>{t('reports.dash.title', { year: query.data.year })}</h2>
          <ReportDashboards report={query.data} />
        </div>
      )}
    </>
  );
}

/**
 * Rapporter: the yearly report to the municipal board for a chosen year — previewed with the four
 * headings, a free text per section, exported to .docx and .xlsx by the API — and dashboards over
 * the same JSON. Coordinators and admins only (the API decides; others are told why up front).
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
