import { useTranslation } from 'react-i18next';
import { Badge, Text, makeStyles } from '@fluentui/react-components';
import { Empty, Page, QueryView } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { hasRole, useMe } from '../../../shared/ui/session.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useIncidents } from '../api/get-incidents.js';

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

const statusColor: Record<string, 'danger' | 'warning' | 'informative' | 'success'> = {
  ny: 'danger',
  'under utredning': 'warning',
  åtgärdas: 'informative',
  stängd: 'success',
};

export function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const styles = useStyles();
  const query = useIncidents();
  const seesAll = hasRole(me.data, 'securityCoordinator', 'admin');

  return (
    <Page title={t('incidents.title')} intro={seesAll ? t('incidents.introAll') : t('incidents.introOwn')}>
      <QueryView query={query} label={t('incidents.loading')}>
        {(incidents) =>
          incidents.length === 0 ? (
            <Empty>{t('incidents.empty')}</Empty>
          ) : (
            <>
              <Text role="status">{t('incidents.count', { count: incidents.length })}</Text>
              <DataTable
                label={t('incidents.tableLabel')}
                testId="incidents-table"
                rows={incidents}
                rowKey={(i) => i.id}
                columns={[
                  {
                    header: t('incidents.col.reference'),
                    cell: (i) => <RouterLink to={`/incidents/${i.id}`}>{i.referenceNumber || `#${i.id}`}</RouterLink>,
                  },
                  { header: t('incidents.col.title'), cell: (i) => i.title },
                  { header: t('incidents.col.type'), cell: (i) => labels.choice('incidents.type', i.type) },
                  {
                    header: t('incidents.col.status'),
                    cell: (i) => (
                      <Badge appearance="tint" className={styles.nowrap} color={statusColor[i.status ?? ''] ?? 'informative'}>
                        {labels.choice('incidents.status', i.status)}
                      </Badge>
                    ),
                  },
                  { header: t('incidents.col.severity'), cell: (i) => labels.choice('incidents.severity', i.severity) },
                  { header: t('incidents.col.reported'), cell: (i) => labels.dateTime(i.reportedAt), className: styles.nowrap },
                ]}
              />
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
