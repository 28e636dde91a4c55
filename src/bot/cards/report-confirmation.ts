/**
 * The answer to a stored report: its reference number, what was stored, what happens next and a link
 * to follow it in the tab. Built only from the stored incident, so it never shows what was not kept.
 */
import { ActionSet, Container, OpenUrlAction, type CardElementArray } from '@microsoft/teams.cards';
import type { Incident } from '../../shared/schema/index.js';
import { choiceLabel, formatDateTime, texts, type Lang } from '../i18n.js';
import { NO_LINKS, type TabLinks } from '../links.js';
import { card, escapeMarkdown, facts, heading, literal, text, type AdaptiveCard } from './common.js';

export type ConfirmedIncident = Pick<Incident, 'referenceNumber' | 'title' | 'status' | 'reportedAt'> &
  Partial<Pick<Incident, 'id' | 'type' | 'affectedSystems' | 'occurredAt' | 'detectedAt' | 'personalDataInvolved' | 'ongoing'>>;

export function reportConfirmationCard(options: {
  lang: Lang;
  incident: ConfirmedIncident;
  /** False when the submission key was already stored (a retry or a double click). */
  created: boolean;
  /** The affected systems' names (main system first), used when the incident does not carry them. */
  systemTitle?: string | null;
  links?: TabLinks;
}): AdaptiveCard {
  const { lang, incident } = options;
  const t = texts(lang);
  const links = options.links ?? NO_LINKS;
  // A freshly added item carries lookup ids only; the names then come from the caller.
  const named = incident.affectedSystems?.length && incident.affectedSystems.every((s) => s.title);
  const systems = named ? incident.affectedSystems!.map((s) => s.title).join(', ') : (options.systemTitle ?? null);
  const rows: [string, string | null][] = [
    [t.confirmStatus, choiceLabel('incidents.status', incident.status ?? 'ny', lang)],
    [t.confirmType, choiceLabel('incidents.type', incident.type ?? null, lang)],
    [t.confirmSystems, systems],
    [t.confirmOccurred, formatDateTime(incident.occurredAt, lang)],
    [t.confirmDetected, formatDateTime(incident.detectedAt, lang)],
    [t.confirmPersonalData, choiceLabel('incidents.personalDataInvolved', incident.personalDataInvolved ?? null, lang)],
    [t.confirmOngoing, incident.ongoing === true ? t.yes : incident.ongoing === false ? t.no : null],
    [t.messageSent, formatDateTime(incident.reportedAt, lang)],
  ];
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
    // Only what was said: an unanswered question is left out rather than shown as "–".
    facts(rows.filter((r): r is [string, string] => r[1] !== null)),
    new Container(
      text(t.confirmNextHeading, { weight: 'Bolder' }),
      text(t.confirmNextAssess, { spacing: 'Small' }),
      text(t.confirmNextFollow, { spacing: 'Small' }),
      ...(incident.ongoing === true ? [text(t.confirmNextUrgent, { spacing: 'Small', weight: 'Bolder' })] : []),
    ).withOptions({ id: 'whatHappensNext', spacing: 'Medium' }),
  ];
  const follow = typeof incident.id === 'number' ? links.incident(incident.id) : null;
  if (follow) body.push(new ActionSet(new OpenUrlAction(follow, { id: 'followReport', title: t.confirmFollow })));
  return card(body, [], lang);
}
