import type { RestoreOrder } from '../../../domain/restore-order.js';
import type { RestoreSystem } from './get-restore-order.js';

/** One cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The restore order as CSV for Excel in Swedish settings: semicolons, CRLF and a BOM so å, ä, ö
 * survive. `headers` and `notes` come from the page (its language).
 */
export function restoreOrderCsv(
  order: RestoreOrder<RestoreSystem>,
  headers: readonly string[],
  notes: (entry: RestoreOrder<RestoreSystem>['entries'][number]) => string,
): string {
  const rows = order.entries.map((e) => {
    const s = e.system;
    return [
      e.position,
      s.title,
      s.restorePriority,
      s.acceptedDowntimeHours,
      s.restoreTimeObjectiveHours,
      s.dependsOn.map((d) => d.title ?? `#${d.id}`).join(', '),
      s.systemOwner?.title,
      [s.systemAdministrator, ...(s.administrators ?? [])]
        .filter((p, i, all) => p && all.findIndex((q) => q?.id === p.id) === i)
        .map((p) => p!.title)
        .join(', '),
      s.supplier,
      notes(e),
    ];
  });
  return '\uFEFF' + [headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
