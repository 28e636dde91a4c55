import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ComingSoon, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { DetailList } from '../../../shared/ui/DetailList.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { CopyTeamsLink } from '../../../shared/ui/TeamsLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useSystem } from '../api/get-system.js';
import { ClassificationText } from './ClassificationText.js';

export function SystemDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const labels = useLabels();
  const query = useSystem(id);

  return (
    <QueryView query={query} label={t('systems.loadingOne')}>
      {(s) => (
        <Page title={s.title} intro={s.description || undefined}>
          <RouterLink to="/systems">{t('systems.back')}</RouterLink>
          <PageSection title={t('systems.detail.overview')}>
            <DetailList
              items={[
                [t('systems.col.department'), s.department?.title ?? '–'],
                [t('systems.detail.lifecycle'), labels.choice('systems.lifecycleStatus', s.lifecycleStatus)],
                [t('systems.col.owner'), labels.person(s.systemOwner)],
                [t('systems.detail.administrator'), labels.person(s.systemAdministrator)],
                [t('systems.detail.supplier'), s.supplier || '–'],
                [t('systems.col.criticality'), labels.choice('systems.criticality', s.criticality)],
                [t('systems.col.krtLong'), <ClassificationText key="krt" system={s} />],
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
