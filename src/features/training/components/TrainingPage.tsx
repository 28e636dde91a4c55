import { useTranslation } from 'react-i18next';
import { ComingSoon, Empty, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useActiveCourses } from '../api/get-courses.js';

/** Placeholder until the training issue lands; lists the active courses from SharePoint. */
export function TrainingPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const courses = useActiveCourses();
  return (
    <Page title={t('training.title')} intro={t('training.intro')}>
      <ComingSoon>{t('training.comingSoon')}</ComingSoon>
      <PageSection title={t('training.courses')}>
        <QueryView query={courses}>
          {(rows) =>
            rows.length === 0 ? (
              <Empty>{t('training.empty')}</Empty>
            ) : (
              <DataTable
                label={t('training.courses')}
                testId="courses-table"
                rows={rows}
                rowKey={(c) => c.id}
                columns={[
                  { header: t('training.col.title'), cell: (c) => c.title },
                  { header: t('training.col.audience'), cell: (c) => labels.choice('trainingCourses.audience', c.audience) },
                  { header: t('training.col.mandatory'), cell: (c) => labels.yesNo(c.mandatory) },
                  {
                    header: t('training.col.recertification'),
                    cell: (c) =>
                      c.recertificationMonths ? t('training.months', { count: c.recertificationMonths }) : t('training.noRecertification'),
                  },
                ]}
              />
            )
          }
        </QueryView>
      </PageSection>
    </Page>
  );
}
