import { useTranslation } from 'react-i18next';
import { classificationSummary } from '../../../domain/classification.js';
import type { SystemRecord } from '../../../shared/schema/index.js';

type Levels = Pick<SystemRecord, 'confidentiality' | 'integrity' | 'availability' | 'traceability'>;

/** "K3 R2 T4 S2" (en "C3 I2 A4 T2"), or "ej klassad" when no level is set. */
export function ClassificationText({ system }: { system: Levels }) {
  const { t, i18n } = useTranslation();
  return <>{classificationSummary(system, i18n.language === 'en' ? 'en' : 'sv') ?? t('systems.notClassified')}</>;
}
