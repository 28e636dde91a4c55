import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { DocSection, ReportDocument, ReportTable } from '../../../domain/reports/index.js';
import { FigureTable } from './FigureTable.js';

const useStyles = makeStyles({
  preview: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  tableTitle: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  paragraph: { margin: 0, maxWidth: '48rem' },
  empty: { margin: 0, fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
  textarea: { maxWidth: '48rem' },
  block: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'flex-start',
    '& > div': { alignSelf: 'stretch' },
  },
});

/** Rows shown of a long table until asked for all (the documents have every row). */
const PREVIEW_ROWS = 10;

function PreviewTable({ section, table }: { section: DocSection; table: ReportTable }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const rows = all ? table.rows : table.rows.slice(0, PREVIEW_ROWS);
  return (
    <div className={styles.block}>
      <h4 className={styles.tableTitle}>{table.title}</h4>
      {table.rows.length === 0 ? (
        <p className={styles.empty}>{t('reports.noRows')}</p>
      ) : (
        <FigureTable
          label={`${section.heading}: ${table.title}`}
          testId={`report-table-${table.id}`}
          columns={table.columns}
          formats={table.formats}
          rows={rows}
        />
      )}
      {table.rows.length > PREVIEW_ROWS ? (
        <Button appearance="subtle" size="small" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? t('reports.fewerRows') : t('reports.allRows', { count: table.rows.length, title: table.title })}
        </Button>
      ) : null}
    </div>
  );
}

function Section({ section, text, onText }: { section: DocSection; text: string; onText: (value: string) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const id = `report-section-${section.key}`;
  return (
    <section className={styles.section} aria-labelledby={id} data-testid="report-section">
      <h3 id={id} className={styles.heading}>
        {section.heading}
      </h3>
      <Field label={t('reports.textLabel', { heading: section.heading })} hint={t('reports.textHint')} className={styles.textarea}>
        <Textarea
          value={text}
          onChange={(_, d) => onText(d.value)}
          resize="vertical"
          rows={3}
          maxLength={20_000}
          data-testid={`report-text-${section.key}`}
        />
      </Field>
      {section.paragraphs.map((p, i) => (
        <p key={i} className={styles.paragraph}>
          {p}
        </p>
      ))}
      {section.tables.map((table) => (
        <PreviewTable key={table.id} section={section} table={table} />
      ))}
    </section>
  );
}

/**
 * The yearly report as the documents will show it (the one document model, document.ts): each of
 * the four headings with a free text to type, then the computed sentences and tables.
 */
export function ReportPreview({
  doc,
  texts,
  onText,
}: {
  doc: ReportDocument;
  texts: Record<string, string>;
  onText: (key: string, value: string) => void;
}) {
  const styles = useStyles();
  return (
    <div className={styles.preview} data-testid="report-preview">
      {doc.sections.map((s) => (
        <Section key={s.key} section={s} text={texts[s.key] ?? ''} onText={(v) => onText(s.key, v)} />
      ))}
    </div>
  );
}
