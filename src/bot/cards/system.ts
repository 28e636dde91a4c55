/** A system from the register as a search result: the card, and the short preview Teams lists. */
import { cardAttachment, type CardAttachmentTypes, type MessagingExtensionAttachment } from '@microsoft/teams.api';
import { OpenUrlAction, type CardElementArray } from '@microsoft/teams.cards';
import { classificationSummary } from '../../domain/classification.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import { truncate, truncateWords } from '../html.js';
import { NO_LINKS, type TabLinks } from '../links.js';
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

/** Longest system name a card shows in full; longer names are shortened at a word boundary. */
export const CARD_TITLE_MAX = 80;

export function systemCard(system: SystemRecord, lang: Lang, links: TabLinks = NO_LINKS): AdaptiveCard {
  const t = texts(lang);
  const body: CardElementArray = [
    literal(truncateWords(system.title, CARD_TITLE_MAX), { id: 'systemName', run: { size: 'Medium', weight: 'Bolder' } }),
  ];
  const team = (system.administrators ?? []).filter((p) => p.id !== system.systemAdministrator?.id).map((p) => person(p, lang));
  if (system.description) body.push(literal(truncate(system.description, 300), { spacing: 'Small' }));
  body.push(
    facts(
      [
        [t.systemOwner, person(system.systemOwner, lang)],
        [t.systemAdministrator, person(system.systemAdministrator, lang)],
        ...(team.length > 0 ? ([[t.administrationTeam, team.join(', ')]] as [string, string][]) : []),
        [t.department, system.department?.title ?? t.missing],
        [t.criticality, choiceLabel('systems.criticality', system.criticality, lang) ?? t.missing],
        ...(system.societallyCritical ? ([[t.societallyCritical, t.yes]] as [string, string][]) : []),
        [t.classification, classificationText(system, lang)],
        [t.lifecycle, choiceLabel('systems.lifecycleStatus', system.lifecycleStatus, lang)],
      ],
      t.missing,
    ),
  );
  const url = links.system(system.id);
  return card(body, url ? [new OpenUrlAction(url, { id: 'openInSystemkoll', title: t.openInSystemkoll })] : [], lang);
}

/** One search hit: the full card, and the short preview Teams lists before the user picks it. */
/** A search hit: the SDK's attachment with the system card and a thumbnail preview. */
export type SystemResult = Omit<MessagingExtensionAttachment, 'preview'> &
  ReturnType<typeof attachment> & { preview: CardAttachmentTypes['thumbnail'] };

export function systemResult(system: SystemRecord, lang: Lang, links: TabLinks = NO_LINKS): SystemResult {
  const t = texts(lang);
  const subtitle = [
    `${t.systemOwner}: ${person(system.systemOwner, lang)}`,
    system.department?.title ? `${t.department}: ${system.department.title}` : null,
    classificationText(system, lang),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    ...attachment(systemCard(system, lang, links)),
    preview: cardAttachment('thumbnail', { title: truncateWords(system.title, 60), text: subtitle }),
  };
}
