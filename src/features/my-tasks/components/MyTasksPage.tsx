import { useTranslation } from 'react-i18next';
import { ComingSoon, Empty, Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useMe } from '../../../shared/ui/session.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useMyOverview } from '../api/get-my-overview.js';

/**
 * Until derived tasks land: the systems I own or administer (SharePoint) and my own incident reports
 * (the Systemkoll API) — read in parallel, one round trip each (plus the cached "who am I").
 */
export function MyTasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const mine = useMyOverview();
  const userId = me.data?.id;

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;

  return (
    <Page title={t('tasks.title')} intro={t('tasks.intro', { name: me.data.title })}>
      <ComingSoon>{t('tasks.comingSoon')}</ComingSoon>
      <QueryView query={mine}>
        {({ systems, incidents }) => (
          <>
            <PageSection title={t('tasks.mySystems')}>
              {systems.length === 0 ? (
                <Empty>{t('tasks.noSystems')}</Empty>
              ) : (
                <DataTable
                  label={t('tasks.mySystems')}
                  testId="my-systems"
                  rows={systems}
                  rowKey={(s) => s.id}
                  columns={[
                    { header: t('systems.col.name'), cell: (s) => <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink> },
                    {
                      header: t('tasks.myRole'),
                      cell: (s) =>
                        [
                          s.systemOwner?.id === userId ? t('tasks.owner') : null,
                          s.systemAdministrator?.id === userId ? t('tasks.administrator') : null,
                        ]
                          .filter(Boolean)
                          .join(', '),
                    },
                    { header: t('systems.detail.lastReview'), cell: (s) => labels.date(s.lastReviewDate) },
                    { header: t('systems.detail.classificationDate'), cell: (s) => labels.date(s.classificationDate) },
                  ]}
                />
              )}
            </PageSection>
            <PageSection title={t('tasks.myReports')}>
              {incidents.length === 0 ? (
                <Empty>{t('tasks.noReports')}</Empty>
              ) : (
                <DataTable
                  label={t('tasks.myReports')}
                  testId="my-reports"
                  rows={incidents}
                  rowKey={(i) => i.id}
                  columns={[
                    {
                      header: t('incidents.col.reference'),
                      cell: (i) => <RouterLink to={`/incidents/${i.id}`}>{i.referenceNumber || `#${i.id}`}</RouterLink>,
                    },
                    { header: t('incidents.col.title'), cell: (i) => i.title },
                    { header: t('incidents.col.status'), cell: (i) => labels.choice('incidents.status', i.status) },
                    { header: t('incidents.col.reported'), cell: (i) => labels.dateTime(i.reportedAt) },
                  ]}
                />
              )}
            </PageSection>
          </>
        )}
      </QueryView>
    </Page>
  );
}
