import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Label, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular, DocumentSearch20Regular } from '@fluentui/react-icons';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { useImportRegister, type RegisterImportReport } from '../api/import-register.js';

const useStyles = makeStyles({
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '100%' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  messages: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const statusColor = { created: 'success', updated: 'brand', unchanged: 'informative', warning: 'warning', error: 'danger' } as const;

/** "Importera systemförteckning": upload, dry run with a row-by-row report, then the import. */
export function RegisterImport() {
  const { t } = useTranslation();
  const styles = useStyles();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RegisterImportReport | null>(null);
  const run = useImportRegister();

  const start = (dryRun: boolean) => {
    if (!file) return;
    run.mutate({ file, dryRun }, { onSuccess: setReport });
  };

  return (
    <>
      <p>{t('admin.import.intro')}</p>
      <div className={styles.file}>
        <Label htmlFor={inputId}>{t('admin.import.file')}</Label>
        <input
          id={inputId}
          data-testid="import-file"
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
            run.reset();
          }}
        />
      </div>
      <div className={styles.actions}>
        <Button
          icon={<DocumentSearch20Regular />}
          onClick={() => start(true)}
          disabled={!file || run.isPending}
          data-testid="import-dry-run"
        >
          {t('admin.import.dryRun')}
        </Button>
        <Button
          appearance="primary"
          icon={<ArrowUpload20Regular />}
          onClick={() => start(false)}
          // The import follows a dry run of the same file, so nobody imports what they have not seen.
          disabled={!file || run.isPending || !report?.dryRun}
          data-testid="import-commit"
        >
          {t('admin.import.commit')}
        </Button>
        {run.isPending && <Spinner size="tiny" label={t('admin.import.running')} />}
      </div>
      {run.isError && <ErrorView error={run.error} onRetry={() => start(report?.dryRun !== false)} />}
      {report && (
        <>
          <MessageBar intent={report.errors > 0 ? 'warning' : 'success'} data-testid="import-summary">
            <MessageBarBody>
              {report.dryRun ? t('admin.import.dryRunDone') : t('admin.import.done')}{' '}
              {t('admin.import.summary', {
                created: report.created,
                updated: report.updated,
                unchanged: report.unchanged,
                warnings: report.warnings,
                errors: report.errors,
              })}
            </MessageBarBody>
          </MessageBar>
          <DataTable
            label={t('admin.import.reportLabel')}
            testId="import-report"
            rows={report.rows}
            rowKey={(r) => r.row}
            columns={[
              { header: t('admin.import.col.row'), cell: (r) => r.row },
              { header: t('admin.import.col.system'), cell: (r) => r.system || '–' },
              {
                header: t('admin.import.col.status'),
                cell: (r) => (
                  <Badge appearance="tint" color={statusColor[r.status]}>
                    {t(`admin.import.status.${r.status}`)}
                  </Badge>
                ),
              },
              {
                header: t('admin.import.col.messages'),
                cell: (r) =>
                  r.messages.length === 0 ? (
                    '–'
                  ) : (
                    <ul className={styles.messages}>
                      {r.messages.map((m, i) => (
                        <li key={i}>{m}</li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
