import { useTranslation } from 'react-i18next';
import { Badge, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles } from '@fluentui/react-components';
import { Empty, Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { hasRole, useMe } from '../../../shared/ui/session.js';
import { useLabels } from '../../../shared/ui/labels.js';
import type { Incident } from '../../../shared/schema/index.js';
import { useIncidents } from '../api/get-incidents.js';
import { LinkButton } from '../../../shared/ui/LinkButton.js';
import { PendingReports } from './PendingReports.js';
import { CoordinatorIncidents } from './CoordinatorIncidents.js';

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

const statusColor: Record<string, 'danger' | 'warning' | 'informative' | 'success' | 'brand'> = {
  ny: 'danger',
  'under bedömning': 'warning',
  pågående: 'informative',
  åtgärdad: 'brand',
  avslutad: 'success',
};

function IncidentTable({
  incidents,
  label,
  testId,
  handling = false,
}: {
  incidents: Incident[];
  label: string;
  testId: string;
  /** The reporter's view: who handles it and how serious it was judged. */
  handling?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const styles = useStyles();
  return (
    <DataTable
      label={label}
      testId={testId}
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
        ...(handling
          ? [
              {
                header: t('incidents.handlingTitle'),
                cell: (i: Incident) => (i.assignee?.title ? i.assignee.title : t('incidents.handlingNone')),
              },
            ]
          : []),
        { header: t('incidents.col.reported'), cell: (i) => labels.dateTime(i.reportedAt), className: styles.nowrap },
      ]}
    />
  );
}

/**
 * Coordinators and admins: every incident (SharePoint). Everyone else: their own reports and, for
 * system owners and administrators, the incidents on their systems — both from the Systemkoll API,
 * in separate, labelled sections.
 */
export function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const query = useIncidents();

  if (me.isPending) return <Loading label={t('incidents.loading')} />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;
  const seesAll = hasRole(me.data, 'securityCoordinator', 'admin');
  const owner = hasRole(me.data, 'systemOwner');
  const reportButton = (
    <div>
      <LinkButton to="/incidents/new" data-testid="report-incident-button">
        {t('incidents.reportButton')}
      </LinkButton>
    </div>
  );

  if (seesAll)
    return (
      <Page title={t('incidents.title')} intro={t('incidents.introAll')} actions={reportButton}>
        <PendingReports />
        <CoordinatorIncidents />
      </Page>
    );

  return (
    <Page title={t('incidents.title')} intro={owner ? t('incidents.introOwner') : t('incidents.introOwn')} actions={reportButton}>
      <PendingReports />
      <QueryView query={query} label={t('incidents.loading')}>
        {(view) =>
          view.scope === 'all' ? null : (
            <>
              <PageSection title={t('incidents.mine')}>
                {view.mine.length === 0 ? (
                  <>
                    <Empty>{t('incidents.emptyMine')}</Empty>
                    <MessageBar intent="info" layout="multiline" data-testid="incidents-how-to-report">
                      <MessageBarBody>
                        <MessageBarTitle>{t('incidents.howTitle')}</MessageBarTitle>
                        <p>{t('incidents.howChat')}</p>
                        <p>{t('incidents.howTab')}</p>
                      </MessageBarBody>
                    </MessageBar>
                  </>
                ) : (
                  <>
                    <Text role="status">{t('incidents.count', { count: view.mine.length })}</Text>
                    <IncidentTable incidents={view.mine} label={t('incidents.mine')} testId="my-incidents-table" handling />
                  </>
                )}
              </PageSection>
              {owner || view.onMySystems.length > 0 ? (
                <PageSection title={t('incidents.onMySystems')}>
                  {view.onMySystems.length === 0 ? (
                    <Empty>{t('incidents.emptySystems')}</Empty>
                  ) : (
                    <IncidentTable incidents={view.onMySystems} label={t('incidents.onMySystems')} testId="system-incidents-table" />
                  )}
                </PageSection>
              ) : null}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
