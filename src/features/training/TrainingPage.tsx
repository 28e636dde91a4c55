import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { where } from '../../shared/data/index.js';
import { ComingSoon, Empty, Page, PageSection, QueryView } from '../../shared/ui/Page.js';
import { TableScroll } from '../../shared/ui/TableScroll.js';
import { useSession } from '../../shared/ui/session.js';
import { useLabels } from '../../shared/ui/labels.js';

/** Placeholder until the training issue lands; lists the active courses from SharePoint. */
export function TrainingPage() {
  const { t } = useTranslation();
  const session = useSession();
  const labels = useLabels();
  const courses = useQuery({
    queryKey: [session.key, 'trainingCourses', 'active'],
    staleTime: 5 * 60_000,
    queryFn: () => session.repos.trainingCourses.list({ filter: where('trainingCourses').eq('active', true), orderBy: [{ key: 'title' }] }),
  });
  return (
    <Page title={t('training.title')} intro={t('training.intro')}>
      <ComingSoon>{t('training.comingSoon')}</ComingSoon>
      <PageSection title={t('training.courses')}>
        <QueryView query={courses}>
          {(rows) =>
            rows.length === 0 ? (
              <Empty>{t('training.empty')}</Empty>
            ) : (
              <TableScroll label={t('training.courses')}>
                <Table aria-label={t('training.courses')} size="small" data-testid="courses-table">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{t('training.col.title')}</TableHeaderCell>
                      <TableHeaderCell>{t('training.col.audience')}</TableHeaderCell>
                      <TableHeaderCell>{t('training.col.mandatory')}</TableHeaderCell>
                      <TableHeaderCell>{t('training.col.recertification')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.map((c) => (
                      <TableRow key={c.id}>
                        <TableCell>{c.title}</TableCell>
                        <TableCell>{labels.choice('audience', c.audience)}</TableCell>
                        <TableCell>{labels.yesNo(c.mandatory)}</TableCell>
                        <TableCell>
                          {c.recertificationMonths ? t('training.months', { count: c.recertificationMonths }) : t('training.noRecertification')}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            )
          }
        </QueryView>
      </PageSection>
    </Page>
  );
}
