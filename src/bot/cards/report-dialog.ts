/**
 * The "Rapportera incident" dialog: the report form, prefilled from a chat message, with any problems
 * on top. Every input keeps what the user typed when the form comes back (a problem, a system search).
 */
import {
  ActionSet,
  ChoiceSetInput,
  Column,
  ColumnSet,
  Container,
  DateInput,
  OpenUrlAction,
  SubmitAction,
  TextInput,
  TimeInput,
  ToggleInput,
  type CardElementArray,
  type IChoice,
} from '@microsoft/teams.cards';
import {
  CATEGORY_UNKNOWN,
  CERT_SE_CATEGORIES,
  DEFAULT_REPORT_TYPE,
  DESCRIPTION_MAX,
  PERSONAL_DATA_VALUES,
  REPORT_TYPES,
  TITLE_MAX,
  type ReportSource,
} from '../../domain/incident-report.js';
import { stockholmDate } from '../../domain/calendar.js';
import type { SystemRecord } from '../../shared/schema/index.js';
import { truncate } from '../html.js';
import { choiceLabel, format, formatDateTime, texts, type Lang } from '../i18n.js';
import { card, escapeMarkdown, facts, heading, literal, text, type AdaptiveCard } from './common.js';

/**
 * Most systems offered in the dialog's choice set. The register may hold 2,000: all of them would
 * make a card of some 100 kB, beyond what Teams sends in one dialog. The first 500 by name are
 * listed (filtered as the user types, in Teams' client) and a search field finds the rest.
 */
export const MAX_SYSTEM_CHOICES = 500;
/** Most systems a search in the dialog adds to the list. */
export const MAX_SEARCH_RESULTS = 50;

/** The chat message a report starts from (value.messagePayload, reduced to what we keep). */
export type SourceMessage = ReportSource;

/**
 * The form as the dialog's inputs send it, verbatim. Dates are "YYYY-MM-DD" (Input.Date), times
 * "HH:mm" (Input.Time), `systemIds` comma-separated (a multi-select choice set), `ongoing`
 * "true"/"false" (Input.Toggle).
 */
export interface ReportForm {
  title: string;
  description: string;
  systemIds: string;
  personalData: string;
  occurredDate: string;
  occurredTime: string;
  detectedDate: string;
  detectedTime: string;
  type: string;
  category: string;
  ongoing: string;
  systemQuery: string;
}

export const EMPTY_FORM: ReportForm = {
  title: '',
  description: '',
  systemIds: '',
  personalData: 'vet ej',
  occurredDate: '',
  occurredTime: '',
  detectedDate: '',
  detectedTime: '',
  type: DEFAULT_REPORT_TYPE,
  category: CATEGORY_UNKNOWN,
  ongoing: 'false',
  systemQuery: '',
};

/** Travels in the submit button's data: identifies the report across retries and keeps the source. */
export interface ReportContext {
  nonce: string;
  source?: SourceMessage;
}

/** `data.action` of the dialog's buttons. */
export const REPORT_ACTION = 'systemkoll.reportIncident';
/** `data.intent` of the search button: show the form again with matching systems, store nothing. */
export const SEARCH_INTENT = 'searchSystems';

const TYPE_TEXT: Record<(typeof REPORT_TYPES)[number], 'typeHändelse' | 'typeIncident' | 'typeBrist'> = {
  händelse: 'typeHändelse',
  incident: 'typeIncident',
  brist: 'typeBrist',
};

/** A date and a time side by side, under one heading. */
function dateAndTime(
  heading: string,
  date: { id: 'occurredDate' | 'detectedDate'; label: string },
  time: { id: 'occurredTime' | 'detectedTime'; label: string },
  form: ReportForm,
  today: string,
) {
  return new Container(
    text(heading, { weight: 'Bolder' }),
    new ColumnSet().withColumns(
      // `max` keeps the picker from offering future days; the bot checks again on submit.
      new Column(new DateInput({ id: date.id, label: date.label, value: form[date.id], max: today })).withOptions({ width: 'stretch' }),
      new Column(new TimeInput({ id: time.id, label: time.label, value: form[time.id] })).withOptions({ width: 'stretch' }),
    ),
  ).withOptions({ spacing: 'Medium' });
}

export function reportDialogCard(options: {
  lang: Lang;
  input: ReportForm;
  context: ReportContext;
  /** Systems to offer (not decommissioned), chosen ones included. */
  systems: Pick<SystemRecord, 'id' | 'title'>[];
  /** True when the register has more systems than are listed: the list says so. */
  more?: boolean;
  errors?: string[];
  /** What the last system search found (shown above the list). */
  searchNote?: string;
  /** Today in Stockholm (YYYY-MM-DD): the latest date the pickers offer. */
  today?: string;
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

  // What happened when, and when the reporter found out: two different times (the legal clocks
  // start from the organisation's awareness, which is when this report arrives).
  const today = options.today ?? stockholmDate(new Date());
  body.push(
    dateAndTime(
      t.fieldOccurred,
      { id: 'occurredDate', label: t.fieldOccurredDate },
      { id: 'occurredTime', label: t.fieldOccurredTime },
      input,
      today,
    ),
    dateAndTime(
      t.fieldDetected,
      { id: 'detectedDate', label: t.fieldDetectedDate },
      { id: 'detectedTime', label: t.fieldDetectedTime },
      input,
      today,
    ),
    text(t.timesHelp, { isSubtle: true, size: 'Small', spacing: 'Small' }),
  );

  body.push(
    new ChoiceSetInput(...REPORT_TYPES.map((value) => ({ title: t[TYPE_TEXT[value]], value }))).withOptions({
      id: 'type',
      label: t.fieldType,
      style: 'expanded',
      isRequired: true,
      errorMessage: t.errTypeUnknown,
      value: input.type || DEFAULT_REPORT_TYPE,
    }),
    text(t.typeHelp, { isSubtle: true, size: 'Small', spacing: 'Small' }),
    new ChoiceSetInput(
      { title: t.categoryUnknown, value: CATEGORY_UNKNOWN },
      ...CERT_SE_CATEGORIES.map((value) => ({ title: choiceLabel('incidents.category', value, lang) ?? value, value })),
    ).withOptions({ id: 'category', label: t.fieldCategory, style: 'compact', value: input.category || CATEGORY_UNKNOWN }),
  );

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
    new ToggleInput(t.ongoingTitle, {
      id: 'ongoing',
      label: t.fieldOngoing,
      value: input.ongoing === 'true' ? 'true' : 'false',
      valueOn: 'true',
      valueOff: 'false',
      wrap: true,
    }),
  );

  // A multi-select renders as checkboxes where Teams cannot show the typeahead, and checkbox labels
  // are Markdown in the Adaptive Cards renderer: a name like "[Logga in](https://…)" would become a
  // live link. Escaped; a rare "\\_" in Teams' typeahead is the lesser evil.
  const systemChoices: IChoice[] = options.systems
    .slice(0, MAX_SYSTEM_CHOICES)
    .map((s) => ({ title: escapeMarkdown(s.title), value: String(s.id) }));
  // An empty register offers no system field (a choice set needs at least one choice).
  if (systemChoices.length > 0) {
    const known = new Set(systemChoices.map((c) => c.value));
    body.push(
      ...(options.searchNote
        ? [text(escapeMarkdown(options.searchNote), { id: 'systemSearchNote', spacing: 'Medium', isSubtle: true })]
        : []),
      new ChoiceSetInput(...systemChoices).withOptions({
        id: 'systemIds',
        label: t.fieldSystems,
        placeholder: t.fieldSystemsPlaceholder,
        // Static typeahead: Teams filters the listed systems as the user types.
        style: 'filtered',
        isMultiSelect: true,
        value: input.systemIds
          .split(',')
          .filter((id) => known.has(id.trim()))
          .join(','),
      }),
    );
    if (options.more) body.push(text(format(lang, 'systemsShown', { shown: systemChoices.length }), { isSubtle: true, size: 'Small' }));
    body.push(
      new ColumnSet().withColumns(
        new Column(
          new TextInput({
            id: 'systemQuery',
            label: t.systemQuery,
            placeholder: t.systemQueryPlaceholder,
            maxLength: 100,
            value: input.systemQuery,
          }),
        ).withOptions({ width: 'stretch' }),
        new Column(
          new ActionSet(
            new SubmitAction({
              id: 'searchSystems',
              title: t.searchSystems,
              data: { action: REPORT_ACTION, intent: SEARCH_INTENT, context },
            }),
          ),
        ).withOptions({ width: 'auto', verticalContentAlignment: 'Bottom' }),
      ),
    );
  }

  return card(
    body,
    [new SubmitAction({ id: 'submitReport', title: t.submit, style: 'positive', data: { action: REPORT_ACTION, context } })],
    lang,
  );
}
