import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { formatCell, type Cell, type CellFormat } from '../../../domain/reports/index.js';

const useStyles = makeStyles({
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  table: { tableLayout: 'auto' },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  numberHeader: { '& > button, & > div': { justifyContent: 'flex-end' }, textAlign: 'right' },
});

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

/**
 * A table of the report's figures as the documents write them (formatCell): the preview's tables
 * and the data table beside each chart. Sized to its content, scrolling sideways on its own when
 * wider than the screen.
 */
export function FigureTable(props: {
  label: string;
  testId: string;
  columns: readonly string[];
  formats: readonly CellFormat[];
  rows: readonly (readonly Cell[])[];
}) {
  const styles = useStyles();
  const numeric = (k: number) => (props.formats[k] ?? 'text') !== 'text';
  return (
    <div className={styles.scroll} role="region" aria-label={props.label} tabIndex={0}>
      <Table aria-label={props.label} size="small" className={styles.table} data-testid={props.testId}>
        <TableHeader>
          <TableRow>
            {props.columns.map((c, k) => (
              <TableHeaderCell key={k} className={mergeClasses(numeric(k) && styles.numberHeader)}>
                {c}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r, i) => (
            <TableRow key={i}>
              {props.columns.map((_, k) => (
                <TableCell
                  key={k}
                  className={mergeClasses(numeric(k) && styles.number, typeof r[k] === 'string' && DATE.test(r[k]) && styles.nowrap)}
                >
                  {formatCell(r[k] ?? null, props.formats[k] ?? 'text')}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
