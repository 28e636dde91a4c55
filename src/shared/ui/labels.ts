import { useTranslation } from 'react-i18next';
import { formatters } from '../i18n/index.js';

/**
 * Display helpers shared by the pages: SharePoint stores choice values in Swedish; they are shown
 * through the i18n resources (`choices.<field>.<value>`), falling back to the stored value.
 */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  return {
    ...f,
    choice: (field: string, value: string | null | undefined) => (value ? t(`choices.${field}.${value}`, { defaultValue: value }) : '–'),
    person: (p: { title?: string } | null | undefined) => p?.title || '–',
    role: (role: string) => t(`roles.${role}`, { defaultValue: role }),
    yesNo: (value: boolean | null | undefined) => (value === null || value === undefined ? '–' : value ? t('common.yes') : t('common.no')),
  };
}
