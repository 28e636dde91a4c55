import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { TableScroll } from './TableScroll.js';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Class for every cell of the column (e.g. no wrapping for dates). */
  className?: string;
  /** Makes the header a sort button; `direction` is set on the column the rows are sorted by. */
  sort?: { direction?: 'ascending' | 'descending'; onSort: () => void };
}

/**
 * The one table every page uses: a labelled Fluent table in a sideways-scrolling region, one row
 * per record and one cell per column.
 */
export function DataTable<T>(props: {
  label: string;
  testId: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Class for the table (e.g. `tableLayout: 'auto'` to size columns to their content). */
  className?: string;
}) {
  const { label, testId, columns, rows, rowKey, className } = props;
  const sortable = columns.some((c) => c.sort);
  return (
    <TableScroll label={label}>
      <Table aria-label={label} size="small" data-testid={testId} sortable={sortable} {...(className ? { className } : {})}>
        <TableHeader>
          <TableRow>
            {columns.map((c, index) =>
              c.sort ? (
                <TableHeaderCell key={index} sortDirection={c.sort.direction} onClick={c.sort.onSort}>
                  {c.header}
                </TableHeaderCell>
              ) : (
                <TableHeaderCell key={index}>{c.header}</TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((c, index) => (
                <TableCell key={index} className={c.className}>
                  {c.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
