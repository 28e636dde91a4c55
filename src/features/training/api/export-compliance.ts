/**
 * "Exportera till Excel" for the compliance dashboard: the same figures as the page (the filters in
 * the URL) with every gap (`gaps=all`), one sheet each. exceljs is loaded on demand, in its own chunk.
 */
import type { ComplianceBody } from '../../../shared/api/training-types.js';
import type { Session } from '../../../shared/ui/session.js';
import { compliancePath, type ComplianceFilter } from './get-compliance.js';

/** Sheet and column titles, in the tab's language. */
export interface ComplianceSheetLabels {
  sheets: { departments: string; audiences: string; courses: string; trend: string; gaps: string };
  department: string;
  audience: string;
  course: string;
  month: string;
  staff: string;
  valid: string;
  share: string;
  soon: string;
  name: string;
  email: string;
  status: string;
  lastCompleted: string;
  expires: string;
  total: string;
  audienceLabel: (a: string) => string;
  statusLabel: (s: string) => string;
}

/** `utbildning-uppfoljning-YYYY-MM-DD.xlsx`. */
export const complianceFileName = (at: string) => `utbildning-uppfoljning-${at}.xlsx`;

export async function complianceXlsx(body: ComplianceBody, l: ComplianceSheetLabels): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Systemkoll';
  const sheet = (name: string, header: string[], rows: (string | number | null)[][], percentCol?: number) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 22));
    if (percentCol !== undefined) ws.getColumn(percentCol).numFmt = '0.0%';
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const counts = [l.staff, l.valid, l.share];
  sheet(
    l.sheets.departments,
    [l.department, ...counts],
    [
      [l.total, body.total.staff, body.total.valid, body.total.share],
      ...body.departments.map((d) => [d.department, d.staff, d.valid, d.share]),
    ],
    4,
  );
  sheet(
    l.sheets.audiences,
    [l.audience, ...counts],
    body.audiences.map((a) => [l.audienceLabel(a.audience), a.staff, a.valid, a.share]),
    4,
  );
  sheet(
    l.sheets.courses,
    [l.course, ...counts, l.soon],
    body.courses.map((c) => [c.course, c.staff, c.valid, c.share, c.soon]),
    4,
  );
  sheet(
    l.sheets.trend,
    [l.month, ...counts],
    body.trend.map((m) => [m.month, m.staff, m.valid, m.share]),
    4,
  );
  sheet(
    l.sheets.gaps,
    [l.name, l.email, l.department, l.course, l.status, l.lastCompleted, l.expires],
    body.gaps.map((g) => [g.name, g.email, g.department, g.course, l.statusLabel(g.status), g.lastCompleted, g.expires]),
  );
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Reads the filtered figures with every gap and saves the workbook as a download; returns the gap count. */
export async function downloadCompliance(session: Session, filter: ComplianceFilter, labels: ComplianceSheetLabels): Promise<number> {
  const body = await session.api.get<ComplianceBody>(compliancePath(filter, true));
  const bytes = await complianceXlsx(body, labels);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = complianceFileName(body.at);
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return body.gaps.length;
}
