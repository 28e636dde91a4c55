/** The answer to a stored report: its reference number, what was stored, and what happens next. */
import { Container, type CardElementArray } from '@microsoft/teams.cards';
import type { Incident } from '../../shared/schema/index.js';
import { choiceLabel, formatDateTime, texts, type Lang } from '../i18n.js';
import { card, escapeMarkdown, facts, heading, literal, text, type AdaptiveCard } from './common.js';

export function reportConfirmationCard(options: {
  lang: Lang;
  incident: Pick<Incident, 'referenceNumber' | 'title' | 'status' | 'reportedAt'>;
  /** False when the submission key was already stored (a retry or a double click). */
  created: boolean;
  systemTitle?: string | null;
}): AdaptiveCard {
  const { lang, incident } = options;
  const t = texts(lang);
  const body: CardElementArray = [
    heading(t.confirmTitle, 'Large'),
    ...(options.created ? [] : [text(t.confirmAgain, { color: 'Warning', id: 'alreadyReceived' })]),
    new Container(
      text(t.confirmReference, { size: 'Small', isSubtle: true }),
      text(incident.referenceNumber ? escapeMarkdown(incident.referenceNumber) : '–', {
        id: 'referenceNumber',
        size: 'ExtraLarge',
        weight: 'Bolder',
        spacing: 'None',
        fontType: 'Monospace',
      }),
    ).withOptions({ style: 'good' }),
    literal(incident.title, { id: 'incidentTitle' }),
    facts([
      [t.confirmStatus, choiceLabel('incidents.status', incident.status ?? 'ny', lang)],
      [t.fieldSystem, options.systemTitle ?? null],
      [t.messageSent, formatDateTime(incident.reportedAt, lang)],
    ]),
    text(t.confirmNext, { isSubtle: true }),
  ];
  return card(body, [], lang);
}
