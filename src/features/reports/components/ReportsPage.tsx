import { useTranslation } from 'react-i18next';
import { ComingSoon, Page, PageSection } from '../../../shared/ui/Page.js';

const headings = ['actions', 'incidents', 'status', 'budget'] as const;

/** Placeholder until the yearly report issue lands: says what the report will hold. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('reports.title')} intro={t('reports.intro')}>
      <ComingSoon>{t('reports.comingSoon')}</ComingSoon>
      <PageSection title={t('reports.headingsTitle')}>
        <ol>
          {headings.map((h) => (
            <li key={h}>{t(`reports.headings.${h}`)}</li>
          ))}
        </ol>
      </PageSection>
    </Page>
  );
}
