/**
 * Texts of the bot's cards and messages: Swedish first, English second. The language is chosen from
 * the activity's `locale` (Teams sends the user's client language, e.g. "sv-SE" or "en-US");
 * anything that is not English gets Swedish, the municipality's working language.
 */
export type Lang = 'sv' | 'en';

export function langOf(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && /^en\b/i.test(locale.trim()) ? 'en' : 'sv';
}

const sv = {
  reportTitle: 'Rapportera incident',
  reportIntro: 'Beskriv vad som har hänt. Rapporten går till informationssäkerhetssamordnaren.',
  fromMessage: 'Från chattmeddelande',
  messageSender: 'Avsändare',
  messageSent: 'Skickat',
  messageLink: 'Öppna meddelandet',
  messageText: 'Meddelandets text',
  fieldTitle: 'Rubrik',
  fieldTitlePlaceholder: 'Kort sammanfattning, t.ex. "Misstänkt nätfiskemejl"',
  fieldDescription: 'Beskrivning',
  fieldDescriptionPlaceholder: 'Vad hände, när och vem eller vad berörs?',
  fieldSystem: 'Berört system',
  fieldSystemPlaceholder: 'Välj system (om du vet)',
  fieldPersonalData: 'Berörs personuppgifter?',
  yes: 'Ja',
  no: 'Nej',
  unknown: 'Vet ej',
  submit: 'Skicka rapport',
  required: 'Obligatoriskt',
  fixErrors: 'Rapporten skickades inte. Rätta följande:',
  errTitleMissing: 'Skriv en rubrik.',
  errTitleTooLong: (max: number) => `Rubriken får vara högst ${max} tecken.`,
  errDescriptionMissing: 'Beskriv vad som har hänt.',
  errDescriptionTooLong: (max: number) => `Beskrivningen får vara högst ${max} tecken.`,
  errPersonalData: 'Välj om personuppgifter berörs (ja, nej eller vet ej).',
  errSystemUnknown: 'Det valda systemet finns inte längre i systemförteckningen. Välj ett annat eller lämna fältet tomt.',
  confirmTitle: 'Tack! Incidenten är rapporterad.',
  confirmAgain: 'Den här rapporten var redan mottagen – ingen ny incident skapades.',
  confirmReference: 'Referensnummer',
  confirmNext: 'Informationssäkerhetssamordnaren går igenom rapporten. Du kan följa den under "Mina rapporter" i Systemkoll.',
  confirmStatus: 'Status',
  reportedBy: 'Rapporterad av',
  reportedVia: 'Rapporterad via Teams av',
  systemOwner: 'Systemägare',
  systemAdministrator: 'Systemförvaltare',
  department: 'Förvaltning',
  criticality: 'Kritikalitet',
  classification: 'Klassning K/R/T/S',
  lifecycle: 'Livscykelstatus',
  supplier: 'Leverantör',
  missing: 'saknas',
  notClassified: 'ej klassad',
  noSystems: 'Inga system matchar sökningen.',
  emptyRegister: 'Systemförteckningen är tom.',
  errorTitle: 'Något gick fel',
  errorTryAgain: 'Försök igen om en stund. Kvarstår felet, kontakta IT-supporten och uppge felkoden.',
  errorCode: 'Felkod',
  timeout: 'SharePoint svarade inte i tid.',
  unknownCommand: (id: string) => `Okänt kommando: ${id}.`,
  botHelp:
    'Hej! Jag är Systemkoll. Använd **Rapportera incident** i menyn "…" på ett chattmeddelande, eller **Hitta system** från meddelanderutan. Allt annat finns i fliken Systemkoll.',
};

type Texts = typeof sv;

const en: Texts = {
  reportTitle: 'Report incident',
  reportIntro: 'Describe what happened. The report goes to the information security coordinator.',
  fromMessage: 'From chat message',
  messageSender: 'Sender',
  messageSent: 'Sent',
  messageLink: 'Open the message',
  messageText: 'Message text',
  fieldTitle: 'Title',
  fieldTitlePlaceholder: 'Short summary, e.g. "Suspected phishing email"',
  fieldDescription: 'Description',
  fieldDescriptionPlaceholder: 'What happened, when, and who or what is affected?',
  fieldSystem: 'Affected system',
  fieldSystemPlaceholder: 'Choose a system (if you know)',
  fieldPersonalData: 'Is personal data involved?',
  yes: 'Yes',
  no: 'No',
  unknown: 'Don’t know',
  submit: 'Send report',
  required: 'Required',
  fixErrors: 'The report was not sent. Please correct:',
  errTitleMissing: 'Enter a title.',
  errTitleTooLong: (max: number) => `The title can be at most ${max} characters.`,
  errDescriptionMissing: 'Describe what happened.',
  errDescriptionTooLong: (max: number) => `The description can be at most ${max} characters.`,
  errPersonalData: 'Choose whether personal data is involved (yes, no or don’t know).',
  errSystemUnknown: 'The chosen system is no longer in the system register. Choose another or leave the field empty.',
  confirmTitle: 'Thank you! The incident has been reported.',
  confirmAgain: 'This report had already been received – no new incident was created.',
  confirmReference: 'Reference number',
  confirmNext: 'The information security coordinator will review the report. You can follow it under "My reports" in Systemkoll.',
  confirmStatus: 'Status',
  reportedBy: 'Reported by',
  reportedVia: 'Reported via Teams by',
  systemOwner: 'System owner',
  systemAdministrator: 'System administrator',
  department: 'Department',
  criticality: 'Criticality',
  classification: 'Classification C/I/A/T',
  lifecycle: 'Lifecycle status',
  supplier: 'Supplier',
  missing: 'missing',
  notClassified: 'not classified',
  noSystems: 'No systems match the search.',
  emptyRegister: 'The system register is empty.',
  errorTitle: 'Something went wrong',
  errorTryAgain: 'Please try again shortly. If the error persists, contact IT support and quote the error code.',
  errorCode: 'Error code',
  timeout: 'SharePoint did not answer in time.',
  unknownCommand: (id: string) => `Unknown command: ${id}.`,
  botHelp:
    'Hi! I am Systemkoll. Use **Report incident** in the "…" menu of any chat message, or **Find system** from the message box. Everything else is in the Systemkoll tab.',
};

export function texts(lang: Lang): Texts {
  return lang === 'en' ? en : sv;
}

/** Stored choice values stay Swedish (they are the SharePoint choices); only labels are translated. */
const choiceLabels: Record<string, string> = {
  samhällsviktig: 'essential to society',
  verksamhetskritisk: 'business-critical',
  övrig: 'other',
  planerad: 'planned',
  'i drift': 'in operation',
  'under avveckling': 'being decommissioned',
  avvecklad: 'decommissioned',
  ny: 'new',
  'under utredning': 'under investigation',
  åtgärdas: 'being remedied',
  stängd: 'closed',
};

export function choiceLabel(value: string | null | undefined, lang: Lang): string | null {
  if (!value) return null;
  return lang === 'en' ? (choiceLabels[value] ?? value) : value;
}

/** A date-time shown the Swedish way (Europe/Stockholm), or in English for en. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}
