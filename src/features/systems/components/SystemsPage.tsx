import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { Empty, Page, QueryView } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useSystems } from '../api/get-systems.js';
import { ClassificationText } from './ClassificationText.js';

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

export function SystemsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = useSystems();

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
        <DataTable
          label={t('systems.tableLabel')}
          testId="systems-table"
          rows={shown}
          rowKey={(s) => s.id}
          columns={[
            { header: t('systems.col.name'), cell: (s) => <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink> },
            { header: t('systems.col.department'), cell: (s) => s.department?.title ?? '–' },
            { header: t('systems.col.owner'), cell: (s) => labels.person(s.systemOwner) },
            {
              header: t('systems.col.criticality'),
              cell: (s) =>
                s.societallyCritical ? (
                  <Badge appearance="tint" color="danger">
                    {labels.choice('systems.criticality', 'samhällsviktig')}
                  </Badge>
                ) : s.criticality ? (
                  <Badge appearance="tint" color={criticalityColor[s.criticality] ?? 'informative'}>
                    {labels.choice('systems.criticality', s.criticality)}
                  </Badge>
                ) : (
                  '–'
                ),
            },
            {
              header: <abbr title={t('systems.col.krtLong')}>{t('systems.col.krt')}</abbr>,
              cell: (s) => <ClassificationText system={s} />,
              className: styles.krt,
            },
          ]}
        />
      )}
    </>
  );
}
