import { useTranslation } from 'react-i18next';
import { makeStyles, tokens } from '@fluentui/react-components';
import { Empty, Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useMe } from '../../../shared/ui/session.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { TaskList } from '../../../shared/ui/TaskCard.js';
import { LinkButton } from '../../../shared/ui/LinkButton.js';
import { useMyOverview } from '../api/get-my-overview.js';
import { useMyTasks, type MyTasks } from '../api/get-my-tasks.js';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  empty: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    '& p': { margin: 0 },
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
});

const GROUP_TEST_ID = { försenad: 'task-group-overdue', snart: 'task-group-soon', senare: 'task-group-later' } as const;

function Tasks({ data }: { data: MyTasks }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (data.tasks.length === 0)
    return (
      <div className={styles.empty} data-testid="tasks-empty">
        <p>
          <strong>{t('tasks.empty')}</strong>
        </p>
        <p>{t('tasks.emptyHint')}</p>
      </div>
    );
  return (
    <div className={styles.groups}>
      {data.groups.map((g) => {
        const title = t(`tasks.groups.${g.urgency}`, { count: g.tasks.length });
        return (
          <section key={g.urgency} data-testid={GROUP_TEST_ID[g.urgency]} aria-labelledby={`task-group-${GROUP_TEST_ID[g.urgency]}`}>
            <PageSection title={title} id={`task-group-${GROUP_TEST_ID[g.urgency]}`}>
              <TaskList tasks={g.tasks} label={title} />
            </PageSection>
          </section>
        );
      })}
    </div>
  );
}

/**
 * My tasks (derived by the Systemkoll API from the register, most urgent first), then the systems I
 * own or administer and my own reports — both from the API, read in parallel (plus the cached "who
 * am I"). The task query is the one the navigation counts with.
 */
export function MyTasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const tasks = useMyTasks();
  const mine = useMyOverview();
  const userId = me.data?.id;

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;

  return (
    <Page
      title={t('tasks.title')}
      intro={t('tasks.intro', { name: me.data.title })}
      actions={
        <div>
          <LinkButton to="/incidents/new" appearance="secondary" data-testid="report-incident-button">
            {t('incidents.reportButton')}
          </LinkButton>
        </div>
      }
    >
      <div data-testid="my-tasks">
        <QueryView query={tasks} label={t('tasks.loading')}>
          {(data) => <Tasks data={data} />}
        </QueryView>
      </div>
      <QueryView query={mine}>
        {({ systems, incidents }) => (
          <>
            {systems.length > 0 ? (
              <PageSection title={t('tasks.mySystems')}>
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
              </PageSection>
            ) : null}
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
