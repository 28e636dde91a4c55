import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { inBatch, where } from '../../shared/data/index.js';
import { ComingSoon, Empty, Loading, Page, PageSection, QueryView } from '../../shared/ui/Page.js';
import { ErrorView } from '../../shared/ui/ErrorView.js';
import { RouterLink } from '../../shared/ui/RouterLink.js';
import { useMe, useSession } from '../../shared/ui/session.js';
import { TableScroll } from '../../shared/ui/TableScroll.js';
import { useLabels } from '../../shared/ui/labels.js';

/**
 * Until derived tasks land: the systems I own or administer and my own incident reports — both
 * read in one $batch round trip (plus the cached "who am I").
 */
export function MyTasksPage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe();
  const labels = useLabels();
  const userId = me.data?.id;
  const mine = useQuery({
    queryKey: [session.key, 'my-overview', userId],
    enabled: userId !== undefined,
    staleTime: 60_000,
    queryFn: () =>
      inBatch(session.sp, (r) => {
        const s = where('systems');
        const systems = r.systems.list({
          filter: s.or(s.eq('systemOwner', userId!), s.eq('systemAdministrator', userId!)),
          orderBy: [{ key: 'title' }],
          top: 500,
        });
        const incidents = r.incidents.list({
          filter: where('incidents').eq('reporter', userId!),
          orderBy: [{ key: 'reportedAt', ascending: false }],
          top: 100,
        });
        return Promise.all([systems, incidents]).then(([systems, incidents]) => ({ systems, incidents }));
      }),
  });

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
                <TableScroll label={t('tasks.mySystems')}>
                  <Table aria-label={t('tasks.mySystems')} size="small" data-testid="my-systems">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>{t('systems.col.name')}</TableHeaderCell>
                        <TableHeaderCell>{t('tasks.myRole')}</TableHeaderCell>
                        <TableHeaderCell>{t('systems.detail.lastReview')}</TableHeaderCell>
                        <TableHeaderCell>{t('systems.detail.classificationDate')}</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {systems.map((s) => (
                        <TableRow key={s.id}>
                          <TableCell>
                            <RouterLink to={`/systems/${s.id}`}>{s.title}</RouterLink>
                          </TableCell>
                          <TableCell>
                            {[
                              s.systemOwner?.id === userId ? t('tasks.owner') : null,
                              s.systemAdministrator?.id === userId ? t('tasks.administrator') : null,
                            ]
                              .filter(Boolean)
                              .join(', ')}
                          </TableCell>
                          <TableCell>{labels.date(s.lastReviewDate)}</TableCell>
                          <TableCell>{labels.date(s.classificationDate)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableScroll>
              )}
            </PageSection>
            <PageSection title={t('tasks.myReports')}>
              {incidents.length === 0 ? (
                <Empty>{t('tasks.noReports')}</Empty>
              ) : (
                <TableScroll label={t('tasks.myReports')}>
                  <Table aria-label={t('tasks.myReports')} size="small" data-testid="my-reports">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>{t('incidents.col.reference')}</TableHeaderCell>
                        <TableHeaderCell>{t('incidents.col.title')}</TableHeaderCell>
                        <TableHeaderCell>{t('incidents.col.status')}</TableHeaderCell>
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
                          <TableCell>{labels.choice('incidentStatus', i.status)}</TableCell>
                          <TableCell>{labels.dateTime(i.reportedAt)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableScroll>
              )}
            </PageSection>
          </>
        )}
      </QueryView>
    </Page>
  );
}
