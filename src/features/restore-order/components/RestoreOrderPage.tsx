import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Print20Regular } from '@fluentui/react-icons';
import type { RestoreIssue, RestoreOrder } from '../../../domain/restore-order.js';
import { Empty, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useRestoreOrder, type RestoreSystem } from '../api/get-restore-order.js';
import { restoreOrderCsv } from '../api/restore-order-csv.js';

/** Printed on paper (or saved as PDF): black on white whatever the theme, landscape A4. */
const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm; }
@media print {
  .sk-restore-print, .sk-restore-print * { color: #000 !important; background: #fff !important; box-shadow: none !important; }
  .sk-restore-print a { text-decoration: none !important; }
}
`;

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', '@media print': { display: 'none' } },
  printedAt: { display: 'none', '@media print': { display: 'block', margin: 0, fontSize: '9pt' } },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    '& th': { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
    '& tr': { breakInside: 'avoid' },
    '& thead': { display: 'table-header-group' },
    '@media print': {
      fontSize: '9pt',
      '& th, & td': { borderBottom: '1px solid #000', padding: '2pt 4pt' },
    },
    // A phone: every system becomes a card, each value with its label.
    '@media screen and (max-width: 600px)': {
      '& thead': { display: 'none' },
      '& tr': {
        display: 'block',
        padding: `${tokens.spacingVerticalS} 0`,
        borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
      },
      '& td': { display: 'grid', gridTemplateColumns: '40% 1fr', gap: tokens.spacingHorizontalS, borderBottom: 'none' },
      '& td::before': { content: 'attr(data-label)', fontWeight: tokens.fontWeightSemibold },
    },
  },
  nowrap: { whiteSpace: 'nowrap' },
  position: { fontWeight: tokens.fontWeightSemibold },
  note: { display: 'block' },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  section: { breakBefore: 'auto', '@media print': { breakInside: 'avoid' } },
});

type Entry = RestoreOrder<RestoreSystem>['entries'][number];

function useIssueText(order: RestoreOrder<RestoreSystem>) {
  const { t } = useTranslation();
  const byId = new Map(order.entries.map((e) => [e.system.id, e.system.title]));
  const name = (id: number) => byId.get(id) ?? `#${id}`;
  return (issue: RestoreIssue): string => {
    switch (issue.kind) {
      case 'priorityBeforeDependency':
        return t('restoreOrder.issue.priorityBeforeDependency', { system: name(issue.systemId), dependency: name(issue.dependencyId) });
      case 'cycle':
        return t('restoreOrder.issue.cycle', { systems: issue.systemIds.map(name).join(' → ') });
      case 'dependencyNotListed':
        return t('restoreOrder.issue.dependencyNotListed', { system: name(issue.systemId), dependency: issue.dependencyTitle });
      case 'noPriority':
        return t('restoreOrder.issue.noPriority', { system: name(issue.systemId) });
    }
  };
}

/**
 * The restore order (återställningsordning): what IT restores first when everything is down. One
 * request, a plain table that prints cleanly (also to PDF from the browser) and a CSV download.
 */
export function RestoreOrderPage() {
  const { t } = useTranslation();
  const query = useRestoreOrder();
  return (
    <div className="sk-restore-print">
      <style>{PRINT_CSS}</style>
      <Page title={t('restoreOrder.title')} intro={t('restoreOrder.intro')}>
        <QueryView query={query} label={t('restoreOrder.loading')}>
          {(order) => (order.entries.length === 0 ? <Empty>{t('restoreOrder.empty')}</Empty> : <RestoreOrderTable order={order} />)}
        </QueryView>
      </Page>
    </div>
  );
}

function RestoreOrderTable({ order }: { order: RestoreOrder<RestoreSystem> }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const issueText = useIssueText(order);
  const hours = (v: number | null) => (v === null ? '–' : t('restoreOrder.hours', { value: labels.number(v) }));
  const administrators = (s: RestoreSystem) =>
    [s.systemAdministrator, ...(s.administrators ?? [])]
      .filter((p, i, all): p is NonNullable<typeof p> => !!p && all.findIndex((q) => q?.id === p.id) === i)
      .map((p) => p.title)
      .join(', ') || '–';
  const notes = (e: Entry) =>
    [e.system.societallyCritical ? t('restoreOrder.societal') : null, ...e.issues.map(issueText)].filter(Boolean).join(' ');
  const headers = [
    t('restoreOrder.col.position'),
    t('restoreOrder.col.system'),
    t('restoreOrder.col.priority'),
    t('restoreOrder.col.downtime'),
    t('restoreOrder.col.rto'),
    t('restoreOrder.col.dependsOn'),
    t('restoreOrder.col.owner'),
    t('restoreOrder.col.administrator'),
    t('restoreOrder.col.supplier'),
    t('restoreOrder.col.notes'),
  ];

  const download = () => {
    const blob = new Blob([restoreOrderCsv(order, headers, notes)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `aterstallningsordning-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      <div className={styles.actions}>
        <Button icon={<Print20Regular />} onClick={() => window.print()} data-testid="restore-print">
          {t('restoreOrder.print')}
        </Button>
        <Button icon={<ArrowDownload20Regular />} onClick={download} data-testid="restore-export">
          {t('restoreOrder.export')}
        </Button>
      </div>
      <p className={styles.printedAt}>{t('restoreOrder.printedAt', { date: labels.dateTime(new Date().toISOString()) })}</p>
      <table className={styles.table} aria-label={t('restoreOrder.tableLabel')} data-testid="restore-order-table">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.entries.map((e) => {
            const s = e.system;
            const cells: [string, ReactNode, string?][] = [
              [headers[0]!, e.position, styles.position],
              [headers[1]!, <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink>],
              [headers[2]!, s.restorePriority ?? '–'],
              [headers[3]!, hours(s.acceptedDowntimeHours), styles.nowrap],
              [headers[4]!, hours(s.restoreTimeObjectiveHours), styles.nowrap],
              [headers[5]!, s.dependsOn.map((d) => d.title ?? `#${d.id}`).join(', ') || '–'],
              [headers[6]!, labels.person(s.systemOwner)],
              [headers[7]!, administrators(s)],
              [headers[8]!, s.supplier || '–'],
              [
                headers[9]!,
                <>
                  {s.societallyCritical ? (
                    <Badge appearance="tint" color="danger">
                      {t('restoreOrder.societal')}
                    </Badge>
                  ) : null}
                  {e.issues.map((issue, i) => (
                    <span key={i} className={styles.note}>
                      ⚠ {issueText(issue)}
                    </span>
                  ))}
                </>,
              ],
            ];
            return (
              <tr key={s.id} data-testid="restore-row">
                {cells.map(([label, value, className]) => (
                  <td key={label} data-label={label} className={className}>
                    {value}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <PageSection title={t('restoreOrder.issuesTitle')}>
        {order.issues.length === 0 ? (
          <Empty>{t('restoreOrder.noIssues')}</Empty>
        ) : (
          <ul className={styles.issues} data-testid="restore-issues">
            {order.issues.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        )}
      </PageSection>
    </>
  );
}
