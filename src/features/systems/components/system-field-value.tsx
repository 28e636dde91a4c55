import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@fluentui/react-components';
import { isUrlField } from '../../../domain/system-validation.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { CLASSIFICATION_FIELDS, systemField } from '../system-sections.js';

const LEVEL_KEYS: ReadonlySet<string> = new Set(CLASSIFICATION_FIELDS.filter((k) => !k.endsWith('Reason')));

/** A field's label in the page's language, from the schema. */
export function useFieldLabel() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (key: string) => systemField(key).title[lang];
}

/** One stored value as people read it: labels for choices, names for people, dates in the page's format. */
export function useFieldText() {
  const { t } = useTranslation();
  const labels = useLabels();
  return (key: string, value: unknown): ReactNode => {
    const f = systemField(key);
    const none = t('system.none');
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return none;
    if (LEVEL_KEYS.has(key)) return t(`system.level.${String(value)}`, { defaultValue: String(value) });
    switch (f.type) {
      case 'text':
        if (isUrlField(f) && /^https:\/\//i.test(String(value)))
          return (
            <Link href={String(value)} target="_blank" rel="noopener noreferrer">
              {String(value)}
            </Link>
          );
        return String(value);
      case 'note':
        return String(value);
      case 'number':
        if (/Hours$/.test(key)) return t('system.hours', { value: labels.number(value as number) });
        if (/Months$/.test(key)) return t('system.months', { value: labels.number(value as number) });
        return labels.number(value as number);
      case 'currency':
        return t('system.currency', { value: labels.number(value as number) });
      case 'boolean':
        return labels.yesNo(value as boolean);
      case 'dateTime':
        return f.dateOnly ? labels.date(value as string) : labels.dateTime(value as string);
      case 'choice':
        return labels.choice(`systems.${key}`, value as string);
      case 'user':
        return labels.person(value as { title?: string });
      case 'userMulti':
        return (value as { title?: string }[]).map((p) => p.title || '–').join(', ');
      case 'lookup':
        return (value as { title?: string }).title || none;
      case 'lookupMulti':
        return (
          <span>
            {(value as { id: number; title?: string }[]).map((r, i) => (
              <span key={r.id}>
                {i > 0 ? ', ' : ''}
                {key === 'dependsOn' ? <RouterLink to={`/systems/${r.id}`}>{r.title || `#${r.id}`}</RouterLink> : r.title}
              </span>
            ))}
          </span>
        );
    }
  };
}

/** The yearly cost, or null when no cost is filled in. */
export function totalCost(s: Pick<SystemRecord, 'costLicences' | 'costOperation' | 'costOther'>): number | null {
  const parts = [s.costLicences, s.costOperation, s.costOther].filter((v): v is number => typeof v === 'number');
  return parts.length ? parts.reduce((a, b) => a + b, 0) : null;
}
