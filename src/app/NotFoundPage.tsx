import { useTranslation } from 'react-i18next';
import { Page } from '../shared/ui/Page.js';
import { RouterLink } from '../shared/ui/RouterLink.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} intro={t('notFound.intro')}>
      <RouterLink to="/tasks">{t('notFound.home')}</RouterLink>
    </Page>
  );
}
