import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Label, MessageBar, MessageBarBody, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular, DocumentSearch20Regular } from '@fluentui/react-icons';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { useImportRegister, type RegisterImportReport } from '../api/import-register.js';
import { listSpec } from '../../../shared/schema/index.js';
import { CLASSIFICATION_TARGET, IGNORE_TARGET } from '../../../domain/register-import/columns.js';

const useStyles = makeStyles({
  file: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '100%' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  messages: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const statusColor = { created: 'success', updated: 'brand', unchanged: 'informative', warning: 'warning', error: 'danger' } as const;

/** The fields a column can feed: the register's own (the import notes are written by the import). */
const TARGET_FIELDS = listSpec('systems').fields.filter((f) => f.key !== 'importNotes');

/**
 * Which field each column of the file feeds, as the dry run suggested it (or a saved mapping):
 * the admin corrects a wrong guess here; the choice goes with the next dry run and, once imported,
 * is saved for the next file.
 */
function ColumnMappingEditor({
  columns,
  mapping,
  onChange,
}: {
  columns: RegisterImportReport['columns'];
  mapping: Record<string, string>;
  onChange: (header: string, target: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'sv';
  return (
    <DataTable
      label={t('admin.import.mappingLabel')}
      testId="import-mapping"
      rows={columns}
      rowKey={(c) => c.column}
      columns={[
        { header: t('admin.import.mappingColumn'), cell: (c) => c.column || '–' },
        {
          header: t('admin.import.mappingField'),
          cell: (c) => (
            <Select
              aria-label={t('admin.import.mappingFor', { column: c.column })}
              value={mapping[c.column] ?? c.field ?? IGNORE_TARGET}
              onChange={(_, d) => onChange(c.column, d.value)}
              data-testid={`mapping-${c.column}`}
            >
              <option value={IGNORE_TARGET}>{t('admin.import.notImported')}</option>
              <option value={CLASSIFICATION_TARGET}>{t('admin.import.classificationTarget')}</option>
              {TARGET_FIELDS.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.title[lang]}
                </option>
              ))}
            </Select>
          ),
        },
      ]}
    />
  );
}

/** "Importera systemförteckning": upload, dry run with a row-by-row report, then the import. */
export function RegisterImport() {
  const { t } = useTranslation();
  const styles = useStyles();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RegisterImportReport | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [mappingChanged, setMappingChanged] = useState(false);
  const run = useImportRegister();

  const start = (dryRun: boolean) => {
    if (!file) return;
    run.mutate(
      { file, dryRun, ...(Object.keys(mapping).length > 0 ? { mapping } : {}) },
      {
        onSuccess: (r) => {
          setReport(r);
          setMappingChanged(false);
        },
      },
    );
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
            setMapping({});
            setMappingChanged(false);
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
          disabled={!file || run.isPending || !report?.dryRun || mappingChanged}
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
          {report.columns.length > 0 && (
            <>
              <h3>{t('admin.import.mappingTitle')}</h3>
              <p>{t('admin.import.mappingIntro')}</p>
              {mappingChanged && (
                <MessageBar intent="info" data-testid="mapping-changed">
                  <MessageBarBody>{t('admin.import.mappingChanged')}</MessageBarBody>
                </MessageBar>
              )}
              <ColumnMappingEditor
                columns={report.columns}
                mapping={mapping}
                onChange={(header, target) => {
                  setMapping((m) => ({ ...m, [header]: target }));
                  setMappingChanged(true);
                }}
              />
              <h3>{t('admin.import.reportTitle')}</h3>
            </>
          )}
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
