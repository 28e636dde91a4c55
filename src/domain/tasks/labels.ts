/** What each rule is called where people read it (Översikt, filters, digests). */
export const RULE_LABELS: Record<string, { sv: string; en: string }> = {
  'register.owner': { sv: 'Systemägare saknas eller har slutat', en: 'System owner missing or left' },
  'register.administrator': { sv: 'Systemförvaltare saknas eller har slutat', en: 'System administrator missing or left' },
  'register.review': { sv: 'Årlig genomgång', en: 'Yearly review' },
  'register.classification-missing': { sv: 'Informationsklassning saknas', en: 'Classification missing' },
  'register.classification-stale': { sv: 'Informationsklassning inaktuell', en: 'Classification out of date' },
  'register.classification-justification': { sv: 'Motivering av klassning saknas', en: 'Classification justification missing' },
  'register.continuity': { sv: 'Kontinuitetsplan saknas eller otestad', en: 'Continuity plan missing or untested' },
  'register.downtime-priority': { sv: 'Avbrottstid eller prioritet saknas', en: 'Downtime or priority missing' },
  'register.restore-test': { sv: 'Återläsningstest', en: 'Restore test' },
  'register.contract-ending': { sv: 'Avtal löper ut', en: 'Contract ending' },
  'register.contract-security': { sv: 'Säkerhetskrav i avtal saknas', en: 'Contract security requirements missing' },
  'register.requirements': { sv: 'Handlingsplan (säkerhetskrav)', en: 'Action plan (security requirements)' },
  'register.open-incident': { sv: 'Öppen incident på mitt system', en: 'Open incident on my system' },
  'incident.gdpr-imy': { sv: 'Anmälan till IMY (GDPR, 72 h)', en: 'Notification to IMY (GDPR, 72 h)' },
  'incident.nis2-early-warning': { sv: 'Tidig varning till CSIRT (NIS2, 24 h)', en: 'Early warning to the CSIRT (NIS2, 24 h)' },
  'incident.nis2-notification': { sv: 'Incidentanmälan till CSIRT (NIS2, 72 h)', en: 'Incident notification to the CSIRT (NIS2, 72 h)' },
  'incident.nis2-final-report': { sv: 'Slutrapport till CSIRT (NIS2, en månad)', en: 'Final report to the CSIRT (NIS2, one month)' },
  'incident.legal-report': { sv: 'Annan rapport till myndighet', en: 'Other report to an authority' },
  'training.mandatory': { sv: 'Min obligatoriska utbildning', en: 'My mandatory training' },
  'training.external': { sv: 'Extern utan giltig utbildning', en: 'External without valid training' },
  'training.system-people': { sv: 'Systemansvarigs utbildning har gått ut', en: 'System owner’s training lapsed' },
  'people.leaver-devices': { sv: 'Enheter att lämna tillbaka (slutar)', en: 'Devices to hand back (leaving)' },
  'people.mover-devices': { sv: 'Enheter vid byte av förvaltning', en: 'Devices on a change of department' },
  'people.devices-yearly': { sv: 'Årlig genomgång av enheter', en: 'Yearly review of devices' },
};

export function ruleLabel(rule: string, lang: 'sv' | 'en' = 'sv'): string {
  return RULE_LABELS[rule]?.[lang] ?? rule;
}
