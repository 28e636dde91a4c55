/** A system from the register as a search result: the card, and the short preview Teams lists. */
import { cardAttachment, type CardAttachmentTypes, type MessagingExtensionAttachment } from '@microsoft/teams.api';
import type { CardElementArray } from '@microsoft/teams.cards';
import { classificationSummary } from '../../domain/classification.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import { truncate } from '../html.js';
import { choiceLabel, texts, type Lang } from '../i18n.js';
import { attachment, card, facts, literal, type AdaptiveCard } from './common.js';

/** "K3 R2 T4 S2" (en: "C3 I2 A4 T2"); missing levels show as "–", none at all as "ej klassad". */
export function classificationText(
  system: Pick<SystemRecord, 'confidentiality' | 'integrity' | 'availability' | 'traceability'>,
  lang: Lang,
): string {
  return classificationSummary(system, lang) ?? texts(lang).notClassified;
}

function person(p: SystemRecord['systemOwner'], lang: Lang): string {
  if (!p) return texts(lang).missing;
  return p.title || p.email || `#${p.id}`;
}

export function systemCard(system: SystemRecord, lang: Lang): AdaptiveCard {
  const t = texts(lang);
  const body: CardElementArray = [literal(system.title, { id: 'systemName', run: { size: 'Medium', weight: 'Bolder' } })];
  if (system.description) body.push(literal(truncate(system.description, 300), { spacing: 'Small' }));
  body.push(
    facts(
      [
        [t.systemOwner, person(system.systemOwner, lang)],
        [t.systemAdministrator, person(system.systemAdministrator, lang)],
        [t.department, system.department?.title ?? t.missing],
        [t.criticality, choiceLabel('systems.criticality', system.criticality, lang) ?? t.missing],
        ...(system.societallyCritical ? ([[t.societallyCritical, t.yes]] as [string, string][]) : []),
        [t.classification, classificationText(system, lang)],
        [t.lifecycle, choiceLabel('systems.lifecycleStatus', system.lifecycleStatus, lang)],
      ],
      t.missing,
    ),
  );
  return card(body, [], lang);
}

/** One search hit: the full card, and the short preview Teams lists before the user picks it. */
/** A search hit: the SDK's attachment with the system card and a thumbnail preview. */
export type SystemResult = Omit<MessagingExtensionAttachment, 'preview'> &
  ReturnType<typeof attachment> & { preview: CardAttachmentTypes['thumbnail'] };

export function systemResult(system: SystemRecord, lang: Lang): SystemResult {
  const t = texts(lang);
  const subtitle = [
    `${t.systemOwner}: ${person(system.systemOwner, lang)}`,
    system.department?.title ? `${t.department}: ${system.department.title}` : null,
    classificationText(system, lang),
  ]
    .filter(Boolean)
    .join(' · ');
  return { ...attachment(systemCard(system, lang)), preview: cardAttachment('thumbnail', { title: system.title, text: subtitle }) };
}
