import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { SystemRecord } from '../../shared/schema/index.js';
import { ComingSoon, Page, PageSection, QueryView } from '../../shared/ui/Page.js';
import { DetailList } from '../../shared/ui/DetailList.js';
import { RouterLink } from '../../shared/ui/RouterLink.js';
import { CopyTeamsLink } from '../../shared/ui/TeamsLink.js';
import { useSession } from '../../shared/ui/session.js';
import { useLabels } from '../../shared/ui/labels.js';
import { classificationText } from './SystemsPage.js';
import { systemQuery, systemsQuery } from './queries.js';

export function SystemDetailPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const labels = useLabels();
  // Opened from the list: show what the list already read, without another round trip.
  const listKey = systemsQuery(session).queryKey;
  const query = useQuery({
    ...systemQuery(session, id),
    initialData: () => client.getQueryData<SystemRecord[]>(listKey)?.find((s) => s.id === id),
    initialDataUpdatedAt: () => client.getQueryState(listKey)?.dataUpdatedAt,
  });

  return (
    <QueryView query={query} label={t('systems.loadingOne')}>
      {(s) => (
        <Page title={s.title} intro={s.description || undefined}>
          <RouterLink to="/systems">{t('systems.back')}</RouterLink>
          <PageSection title={t('systems.detail.overview')}>
            <DetailList
              items={[
                [t('systems.col.department'), s.department?.title ?? '–'],
                [t('systems.detail.lifecycle'), labels.choice('lifecycleStatus', s.lifecycleStatus)],
                [t('systems.col.owner'), labels.person(s.systemOwner)],
                [t('systems.detail.administrator'), labels.person(s.systemAdministrator)],
                [t('systems.detail.supplier'), s.supplier || '–'],
                [t('systems.col.criticality'), labels.choice('criticality', s.criticality)],
                [t('systems.col.krtLong'), classificationText(s)],
                [t('systems.detail.classificationDate'), labels.date(s.classificationDate)],
                [t('systems.detail.lastReview'), labels.date(s.lastReviewDate)],
                [t('systems.detail.contractEnd'), labels.date(s.contractEndDate)],
              ]}
            />
          </PageSection>
          <CopyTeamsLink route={`/systems/${s.id}`} label={s.title} />
          <ComingSoon>{t('systems.detail.comingSoon')}</ComingSoon>
        </Page>
      )}
    </QueryView>
  );
}
