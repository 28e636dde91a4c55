import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import type { SystemRecord } from '../../shared/schema/index.js';
import { Empty, Page, QueryView } from '../../shared/ui/Page.js';
import { RouterLink } from '../../shared/ui/RouterLink.js';
import { TableScroll } from '../../shared/ui/TableScroll.js';
import { useSession } from '../../shared/ui/session.js';
import { useLabels } from '../../shared/ui/labels.js';
import { systemsQuery } from './queries.js';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  search: { minWidth: 'min(420px, 100%)' },
  krt: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
});

const criticalityColor: Record<string, 'danger' | 'warning' | 'informative'> = {
  samhällsviktig: 'danger',
  verksamhetskritisk: 'warning',
  övrig: 'informative',
};

export function classificationText(s: Pick<SystemRecord, 'confidentiality' | 'integrity' | 'availability'>): string {
  const v = (n: number | null) => (n === null || n === undefined ? '–' : String(n));
  return `${v(s.confidentiality)}/${v(s.integrity)}/${v(s.availability)}`;
}

export function SystemsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [search, setSearch] = useState('');
  const query = useQuery(systemsQuery(session));

  return (
    <Page title={t('systems.title')} intro={t('systems.intro')}>
      <QueryView query={query} label={t('systems.loading')}>
        {(systems) => <SystemsTable systems={systems} search={search} onSearch={setSearch} />}
      </QueryView>
    </Page>
  );
}

function SystemsTable({ systems, search, onSearch }: { systems: SystemRecord[]; search: string; onSearch: (v: string) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return systems;
    return systems.filter((s) =>
      [s.title, s.department?.title, s.systemOwner?.title, s.supplier].some((x) => x?.toLowerCase().includes(needle)),
    );
  }, [systems, search]);
  return (
    <>
      <div className={styles.toolbar}>
        <Input
          className={styles.search}
          contentBefore={<Search20Regular />}
          value={search}
          onChange={(_, d) => onSearch(d.value)}
          aria-label={t('systems.search')}
          placeholder={t('systems.search')}
        />
        <Text role="status">{t('systems.count', { count: shown.length, total: systems.length })}</Text>
      </div>
      {shown.length === 0 ? (
        <Empty>{t('systems.empty')}</Empty>
      ) : (
        <TableScroll label={t('systems.tableLabel')}>
          <Table aria-label={t('systems.tableLabel')} size="small" data-testid="systems-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('systems.col.name')}</TableHeaderCell>
                <TableHeaderCell>{t('systems.col.department')}</TableHeaderCell>
                <TableHeaderCell>{t('systems.col.owner')}</TableHeaderCell>
                <TableHeaderCell>{t('systems.col.criticality')}</TableHeaderCell>
                <TableHeaderCell>
                  <abbr title={t('systems.col.krtLong')}>{t('systems.col.krt')}</abbr>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink>
                  </TableCell>
                  <TableCell>{s.department?.title ?? '–'}</TableCell>
                  <TableCell>{labels.person(s.systemOwner)}</TableCell>
                  <TableCell>
                    {s.criticality ? (
                      <Badge appearance="tint" color={criticalityColor[s.criticality] ?? 'informative'}>
                        {labels.choice('criticality', s.criticality)}
                      </Badge>
                    ) : (
                      '–'
                    )}
                  </TableCell>
                  <TableCell className={styles.krt}>{classificationText(s)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
