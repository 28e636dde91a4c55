import type { SystemRecord } from '../../shared/schema/index.js';
import { choiceLabel, texts, type Lang } from '../i18n.js';
import { truncate } from '../html.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, card, facts, literal, type AdaptiveCard, type CardElement } from './common.js';

/** "K3 R2 T4" (en: "C3 I2 A4"); missing levels show as "–", none at all as "ej klassad". */
export function classificationText(system: Pick<SystemRecord, 'confidentiality' | 'integrity' | 'availability'>, lang: Lang): string {
  const levels = [system.confidentiality, system.integrity, system.availability];
  if (levels.every((v) => v === null || v === undefined)) return texts(lang).notClassified;
  const letters = lang === 'en' ? ['C', 'I', 'A'] : ['K', 'R', 'T'];
  return levels.map((v, i) => `${letters[i]}${v ?? '–'}`).join(' ');
}

function person(p: SystemRecord['systemOwner'], lang: Lang): string {
  if (!p) return texts(lang).missing;
  return p.title || p.email || `#${p.id}`;
}

export function systemCard(system: SystemRecord, lang: Lang): AdaptiveCard {
  const t = texts(lang);
  const body: CardElement[] = [
    literal(system.title, { id: 'systemName', inlines: [{ type: 'TextRun', text: system.title, size: 'Medium', weight: 'Bolder' }] }),
  ];
  if (system.description) body.push(literal(truncate(system.description, 300), { spacing: 'Small' }));
  body.push(
    facts(
      [
        [t.systemOwner, person(system.systemOwner, lang)],
        [t.systemAdministrator, person(system.systemAdministrator, lang)],
        [t.department, system.department?.title ?? t.missing],
        [t.criticality, choiceLabel(system.criticality, lang) ?? t.missing],
        [t.classification, classificationText(system, lang)],
        [t.lifecycle, choiceLabel(system.lifecycleStatus, lang)],
      ],
      t.missing,
    ),
  );
  return card(body, [], lang === 'en' ? 'en-US' : 'sv-SE');
}

/** One search hit: the full card, and the short preview Teams lists before the user picks it. */
export function systemResult(system: SystemRecord, lang: Lang) {
  const t = texts(lang);
  const subtitle = [
    `${t.systemOwner}: ${person(system.systemOwner, lang)}`,
    system.department?.title ? `${t.department}: ${system.department.title}` : null,
    classificationText(system, lang),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: systemCard(system, lang),
    preview: {
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: { title: system.title, text: subtitle },
    },
  };
}
