/** The "Rapportera incident" dialog: the report form, prefilled from a chat message, with any problems on top. */
import {
  ActionSet,
  ChoiceSetInput,
  Container,
  OpenUrlAction,
  SubmitAction,
  TextInput,
  type CardElementArray,
  type IChoice,
} from '@microsoft/teams.cards';
import { DESCRIPTION_MAX, PERSONAL_DATA_VALUES, TITLE_MAX, type ReportInput, type ReportSource } from '../../domain/incident-report.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import { truncate } from '../html.js';
import { choiceLabel, formatDateTime, texts, type Lang } from '../i18n.js';
import { card, escapeMarkdown, facts, heading, literal, text, type AdaptiveCard } from './common.js';

export type { ReportInput };
/** Most systems offered in the dialog's choice set (Teams renders long filtered lists well). */
export const MAX_SYSTEM_CHOICES = 500;

/** The chat message a report starts from (value.messagePayload, reduced to what we keep). */
export type SourceMessage = ReportSource;

/** Travels in the submit button's data: identifies the report across retries and keeps the source. */
export interface ReportContext {
  nonce: string;
  source?: SourceMessage;
}

/** `data.action` of the dialog's submit button. */
export const REPORT_ACTION = 'systemkoll.reportIncident';

export function reportDialogCard(options: {
  lang: Lang;
  input: ReportInput;
  context: ReportContext;
  systems: Pick<SystemRecord, 'id' | 'title'>[];
  errors?: string[];
}): AdaptiveCard {
  const { lang, input, context } = options;
  const t = texts(lang);
  const body: CardElementArray = [heading(t.reportTitle, 'Large'), text(t.reportIntro, { isSubtle: true, spacing: 'Small' })];

  if (options.errors && options.errors.length > 0) {
    body.push(
      new Container(
        text(t.fixErrors, { weight: 'Bolder', color: 'Attention' }),
        ...options.errors.map((e) => text(`• ${escapeMarkdown(e)}`, { spacing: 'None', color: 'Attention' })),
      ).withOptions({ id: 'validationErrors', style: 'attention', bleed: false }),
    );
  }

  const source = context.source;
  if (source) {
    const items: CardElementArray = [
      text(t.fromMessage, { weight: 'Bolder', size: 'Small' }),
      facts([
        [t.messageSender, source.senderName],
        [t.messageSent, formatDateTime(source.createdAt, lang)],
      ]),
    ];
    if (source.text) items.push(literal(truncate(source.text, 600), { spacing: 'Small' }));
    body.push(new Container(...items).withOptions({ id: 'sourceMessage', style: 'emphasis' }));
    if (source.link) body.push(new ActionSet(new OpenUrlAction(source.link, { title: t.messageLink })));
  }

  const systemChoices: IChoice[] = options.systems.slice(0, MAX_SYSTEM_CHOICES).map((s) => ({ title: s.title, value: String(s.id) }));
  body.push(
    new TextInput({
      id: 'title',
      label: t.fieldTitle,
      placeholder: t.fieldTitlePlaceholder,
      isRequired: true,
      errorMessage: t.errTitleMissing,
      maxLength: TITLE_MAX,
      value: input.title,
    }),
    new TextInput({
      id: 'description',
      label: t.fieldDescription,
      placeholder: t.fieldDescriptionPlaceholder,
      isMultiline: true,
      isRequired: true,
      errorMessage: t.errDescriptionMissing,
      maxLength: DESCRIPTION_MAX,
      value: input.description,
    }),
  );
  // An empty register offers no system field (a choice set needs at least one choice).
  if (systemChoices.length > 0) {
    body.push(
      new ChoiceSetInput(...systemChoices).withOptions({
        id: 'systemId',
        label: t.fieldSystem,
        placeholder: t.fieldSystemPlaceholder,
        style: 'filtered',
        isMultiSelect: false,
        value: input.systemId,
      }),
    );
  }
  // The stored values of incidents.personalDataInvolved, labelled from the catalogue.
  const personalData = PERSONAL_DATA_VALUES.map((value) => ({
    title: choiceLabel('incidents.personalDataInvolved', value, lang) ?? value,
    value,
  }));
  body.push(
    new ChoiceSetInput(...personalData).withOptions({
      id: 'personalData',
      label: t.fieldPersonalData,
      style: 'expanded',
      isRequired: true,
      errorMessage: t.errPersonalData,
      value: input.personalData || 'vet ej',
    }),
  );

  return card(
    body,
    [new SubmitAction({ id: 'submitReport', title: t.submit, style: 'positive', data: { action: REPORT_ACTION, context } })],
    lang,
  );
}
