import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { Empty, Page, QueryView } from '../../shared/ui/Page.js';
import { RouterLink } from '../../shared/ui/RouterLink.js';
import { TableScroll } from '../../shared/ui/TableScroll.js';
import { hasRole, useMe, useSession } from '../../shared/ui/session.js';
import { useLabels } from '../../shared/ui/labels.js';
import { incidentsQuery } from './queries.js';

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

const statusColor: Record<string, 'danger' | 'warning' | 'informative' | 'success'> = {
  ny: 'danger',
  'under utredning': 'warning',
  åtgärdas: 'informative',
  stängd: 'success',
};

export function IncidentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe();
  const labels = useLabels();
  const styles = useStyles();
  const query = useQuery(incidentsQuery(session));
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
              <TableScroll label={t('incidents.tableLabel')}>
                <Table aria-label={t('incidents.tableLabel')} size="small" data-testid="incidents-table">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{t('incidents.col.reference')}</TableHeaderCell>
                      <TableHeaderCell>{t('incidents.col.title')}</TableHeaderCell>
                      <TableHeaderCell>{t('incidents.col.type')}</TableHeaderCell>
                      <TableHeaderCell>{t('incidents.col.status')}</TableHeaderCell>
                      <TableHeaderCell>{t('incidents.col.severity')}</TableHeaderCell>
                      <TableHeaderCell>{t('incidents.col.reported')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {incidents.map((i) => (
                      <TableRow key={i.id}>
                        <TableCell>
                          <RouterLink to={`/incidents/${i.id}`}>{i.referenceNumber || `#${i.id}`}</RouterLink>
                        </TableCell>
                        <TableCell>{i.title}</TableCell>
                        <TableCell>{labels.choice('incidentType', i.type)}</TableCell>
                        <TableCell>
                          <Badge appearance="tint" className={styles.nowrap} color={statusColor[i.status ?? ''] ?? 'informative'}>
                            {labels.choice('incidentStatus', i.status)}
                          </Badge>
                        </TableCell>
                        <TableCell>{labels.choice('severity', i.severity)}</TableCell>
                        <TableCell className={styles.nowrap}>{labels.dateTime(i.reportedAt)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
