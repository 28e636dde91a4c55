import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { DetailList } from '../../../shared/ui/DetailList.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { CopyTeamsLink } from '../../../shared/ui/TeamsLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useIncident } from '../api/get-incident.js';
import { useIncidentScope } from '../api/get-incidents.js';
import { IncidentHandling } from './IncidentHandling.js';
import { IncidentAttachments } from './Attachments.js';

export function IncidentDetailPage() {
  const id = Number(useParams().id);
  const scope = useIncidentScope();
  if (scope === undefined) return <Loading />;
  return scope === 'all' ? <IncidentHandling id={id} /> : <ReporterIncident id={id} />;
}

/** What a reporter (or a system owner) sees: the report, its status and who handles it. */
function ReporterIncident({ id }: { id: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const query = useIncident(id);

  if (query.isError)
    // Missing and "not yours" look the same (the API answers 404 for both); the page keeps its heading.
    return (
      <Page title={t('incidents.title')}>
        <RouterLink to="/incidents">{t('incidents.backToList')}</RouterLink>
        <ErrorView error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  return (
    <QueryView query={query} label={t('incidents.loadingOne')}>
      {(i) => (
        <Page title={`${i.referenceNumber ? `${i.referenceNumber} · ` : ''}${i.title}`}>
          <RouterLink to="/incidents">{t('incidents.back')}</RouterLink>
          <PageSection title={t('incidents.detail.overview')}>
            <div data-testid="incident-overview">
              <DetailList
                items={[
                  [t('incidents.col.type'), labels.choice('incidents.type', i.type)],
                  [t('incidents.col.status'), labels.choice('incidents.status', i.status)],
                  [t('incidents.col.severity'), labels.choice('incidents.severity', i.severity)],
                  [t('incidents.detail.priority'), i.priority ?? '–'],
                  [t('incidents.handlingTitle'), i.assignee?.title ?? t('incidents.handlingNone')],
                  [t('incidents.detail.reporter'), labels.person(i.reporter)],
                  [t('incidents.detail.assignee'), labels.person(i.assignee)],
                  [t('incidents.col.reported'), labels.dateTime(i.reportedAt)],
                  [
                    t('incidents.detail.systems'),
                    i.affectedSystems
                      .map((s) => s.title)
                      .filter(Boolean)
                      .join(', ') || '–',
                  ],
                  [t('incidents.detail.description'), i.description || '–'],
                  // What was done, once the handlers say it is done: the follow-up the reporter is owed.
                  ...(i.status === 'åtgärdad' || i.status === 'avslutad'
                    ? ([
                        [t('incidents.handling.actions'), i.actionsTaken || '–'],
                        [t('incidents.detail.closedAt'), labels.dateTime(i.closedAt)],
                      ] as [string, string][])
                    : []),
                ]}
              />
            </div>
          </PageSection>
          <IncidentAttachments incident={i} handler={false} />
          <CopyTeamsLink route={`/incidents/${i.id}`} label={i.referenceNumber || i.title} />
        </Page>
      )}
    </QueryView>
  );
}
