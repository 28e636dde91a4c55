import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { Incident } from '../../shared/schema/index.js';
import { ComingSoon, Page, PageSection, QueryView } from '../../shared/ui/Page.js';
import { DetailList } from '../../shared/ui/DetailList.js';
import { RouterLink } from '../../shared/ui/RouterLink.js';
import { CopyTeamsLink } from '../../shared/ui/TeamsLink.js';
import { useSession } from '../../shared/ui/session.js';
import { useLabels } from '../../shared/ui/labels.js';
import { incidentQuery, incidentsQuery } from './queries.js';

export function IncidentDetailPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const labels = useLabels();
  const listKey = incidentsQuery(session).queryKey;
  const query = useQuery({
    ...incidentQuery(session, id),
    initialData: () => client.getQueryData<Incident[]>(listKey)?.find((i) => i.id === id),
    initialDataUpdatedAt: () => client.getQueryState(listKey)?.dataUpdatedAt,
  });

  return (
    <QueryView query={query} label={t('incidents.loadingOne')}>
      {(i) => (
        <Page title={`${i.referenceNumber ? `${i.referenceNumber} · ` : ''}${i.title}`}>
          <RouterLink to="/incidents">{t('incidents.back')}</RouterLink>
          <PageSection title={t('incidents.detail.overview')}>
            <DetailList
              items={[
                [t('incidents.col.type'), labels.choice('incidentType', i.type)],
                [t('incidents.col.status'), labels.choice('incidentStatus', i.status)],
                [t('incidents.col.severity'), labels.choice('severity', i.severity)],
                [t('incidents.detail.priority'), i.priority ?? '–'],
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
              ]}
            />
          </PageSection>
          <CopyTeamsLink route={`/incidents/${i.id}`} label={i.referenceNumber || i.title} />
          <ComingSoon>{t('incidents.detail.comingSoon')}</ComingSoon>
        </Page>
      )}
    </QueryView>
  );
}
