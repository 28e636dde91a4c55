/**
 * Labels for every choice the site schema stores, keyed by list, field and stored value
 * (`choices.<list>.<field>.<value>`). SharePoint keeps the Swedish value; people read the label.
 * A test checks that every choice in manifest/ has a label in both languages.
 */
export const choicesSv = {
  systems: {
    lifecycleStatus: { planerad: 'Planerad', 'i drift': 'I drift', 'under avveckling': 'Under avveckling', avvecklad: 'Avvecklad' },
    hosting: { 'egen drift': 'Egen drift', SaaS: 'SaaS', molntjänst: 'Molntjänst', annan: 'Annan' },
    contractSecurityRequirements: { ja: 'Ja', nej: 'Nej' },
    // 'samhällsviktig' stays labelled: a version-1 value may be read before provisioning migrates it.
    criticality: { samhällsviktig: 'Samhällsviktig', verksamhetskritisk: 'Verksamhetskritisk', övrig: 'Övrig' },
    systemType: { verksamhetssystem: 'Verksamhetssystem', 'gemensam infrastruktur': 'Gemensam infrastruktur' },
  },
  incidents: {
    source: { 'Teams-chatt': 'Teams-chatt', flik: 'Fliken Systemkoll', 'e-post': 'E-post', telefon: 'Telefon', övrigt: 'Övrigt' },
    type: { händelse: 'Händelse', 'möjlig incident': 'Möjlig incident', incident: 'Incident', brist: 'Brist' },
    category: {
      'störning i mjuk- eller hårdvara': 'Störning i mjuk- eller hårdvara',
      'störning i driftmiljö': 'Störning i driftmiljö',
      'informationsförlust eller informationsläckage': 'Informationsförlust eller informationsläckage',
      informationsförvanskning: 'Informationsförvanskning',
      'hindrad tillgång': 'Hindrad tillgång',
      'säkerhetsbrist i produkt': 'Säkerhetsbrist i produkt',
      angrepp: 'Angrepp',
      handhavandefel: 'Handhavandefel',
      'störning i kritisk infrastruktur': 'Störning i kritisk infrastruktur',
      'annan oförutsedd händelse': 'Annan oförutsedd händelse',
    },
    cause: {
      'avsiktlig antagonistisk handling': 'Avsiktlig antagonistisk handling',
      'mänskligt handlande utan antagonistisk avsikt': 'Mänskligt handlande utan antagonistisk avsikt',
      systemfel: 'Systemfel',
      naturhändelse: 'Naturhändelse',
    },
    personalDataInvolved: { ja: 'Ja', nej: 'Nej', 'vet ej': 'Vet ej' },
    nis2Significant: { ja: 'Ja', nej: 'Nej', 'vet ej': 'Vet ej' },
    severity: { kritisk: 'Kritisk', hög: 'Hög', medel: 'Medel', låg: 'Låg' },
    priority: { P1: 'P1', P2: 'P2', P3: 'P3', P4: 'P4' },
    status: { ny: 'Ny', 'under bedömning': 'Under bedömning', pågående: 'Pågående', åtgärdad: 'Åtgärdad', avslutad: 'Avslutad' },
    scope: {
      'en person': 'En person',
      'en enhet': 'En enhet',
      'en förvaltning': 'En förvaltning',
      'flera förvaltningar': 'Flera förvaltningar',
      'hela kommunen': 'Hela kommunen',
      'invånare eller andra utanför kommunen': 'Invånare eller andra utanför kommunen',
    },
  },
  timeline: {
    kind: {
      rapporterad: 'Rapporterad',
      anteckning: 'Anteckning',
      statusändring: 'Statusändring',
      åtgärd: 'Åtgärd',
      myndighetsrapport: 'Myndighetsrapport',
      kommunikation: 'Kommunikation',
      bedömning: 'Bedömning',
      'ej rapporteringspliktig': 'Ej rapporteringspliktig',
    },
    legalReport: {
      'NIS2 tidig varning': 'NIS2 tidig varning',
      'NIS2 incidentanmälan': 'NIS2 incidentanmälan',
      'NIS2 mellanrapport': 'NIS2 mellanrapport',
      'NIS2 slutrapport': 'NIS2 slutrapport',
      'GDPR anmälan till IMY': 'GDPR-anmälan till IMY',
      Säkerhetspolisen: 'Säkerhetspolisen',
    },
  },
  actions: {
    kind: {
      'årlig genomgång': 'Årlig genomgång',
      informationsklassning: 'Informationsklassning',
      'test av kontinuitetsplan': 'Test av kontinuitetsplan',
      åtgärd: 'Åtgärd',
    },
  },
  trainingCourses: {
    audience: {
      alla: 'Alla',
      förvaltningar: 'Utvalda förvaltningar',
      'systemägare och förvaltare': 'Systemägare och förvaltare',
      externa: 'Externa',
      chefer: 'Chefer',
      IT: 'IT',
      förtroendevalda: 'Förtroendevalda',
    },
  },
  trainingCompletions: {
    source: { 'Teams-modul': 'Modul i Teams', import: 'Import', manuell: 'Manuell' },
  },
  devices: {
    kind: { dator: 'Dator', mobiltelefon: 'Mobiltelefon', surfplatta: 'Surfplatta', abonnemang: 'Abonnemang', övrigt: 'Övrigt' },
    status: { 'i bruk': 'I bruk', återlämnad: 'Återlämnad till IT', skrotad: 'Skrotad', avslutad: 'Avslutad', flyttad: 'Flyttad' },
  },
  securityRequirements: {
    aspect: { K: 'Konfidentialitet (K)', R: 'Riktighet (R)', T: 'Tillgänglighet (T)', S: 'Spårbarhet (S)' },
  },
  selfAssessments: {
    status: { uppfyllt: 'Uppfyllt', delvis: 'Delvis uppfyllt', 'ej uppfyllt': 'Ej uppfyllt', 'ej tillämpligt': 'Ej tillämpligt' },
  },
  notifications: {
    status: { skickas: 'Skickas', skickad: 'Skickad', misslyckad: 'Misslyckades' },
    channel: { teams: 'Teams', utkorg: 'Utkorg (lokalt läge)' },
  },
};

export const choicesEn: typeof choicesSv = {
  systems: {
    lifecycleStatus: {
      planerad: 'Planned',
      'i drift': 'In operation',
      'under avveckling': 'Being decommissioned',
      avvecklad: 'Decommissioned',
    },
    hosting: { 'egen drift': 'Run in-house', SaaS: 'SaaS', molntjänst: 'Cloud service', annan: 'Other' },
    contractSecurityRequirements: { ja: 'Yes', nej: 'No' },
    criticality: { samhällsviktig: 'Essential to society', verksamhetskritisk: 'Business-critical', övrig: 'Other' },
    systemType: { verksamhetssystem: 'Business system', 'gemensam infrastruktur': 'Shared infrastructure' },
  },
  incidents: {
    source: { 'Teams-chatt': 'Teams chat', flik: 'Systemkoll tab', 'e-post': 'Email', telefon: 'Phone', övrigt: 'Other' },
    type: { händelse: 'Event', 'möjlig incident': 'Possible incident', incident: 'Incident', brist: 'Deficiency' },
    category: {
      'störning i mjuk- eller hårdvara': 'Software or hardware disruption',
      'störning i driftmiljö': 'Operating environment disruption',
      'informationsförlust eller informationsläckage': 'Loss or leak of information',
      informationsförvanskning: 'Corruption of information',
      'hindrad tillgång': 'Denied access',
      'säkerhetsbrist i produkt': 'Security flaw in a product',
      angrepp: 'Attack',
      handhavandefel: 'Human error in handling',
      'störning i kritisk infrastruktur': 'Critical infrastructure disruption',
      'annan oförutsedd händelse': 'Other unforeseen event',
    },
    cause: {
      'avsiktlig antagonistisk handling': 'Deliberate hostile act',
      'mänskligt handlande utan antagonistisk avsikt': 'Human action without hostile intent',
      systemfel: 'System failure',
      naturhändelse: 'Natural event',
    },
    personalDataInvolved: { ja: 'Yes', nej: 'No', 'vet ej': 'Don’t know' },
    nis2Significant: { ja: 'Yes', nej: 'No', 'vet ej': 'Don’t know' },
    severity: { kritisk: 'Critical', hög: 'High', medel: 'Medium', låg: 'Low' },
    priority: { P1: 'P1', P2: 'P2', P3: 'P3', P4: 'P4' },
    status: { ny: 'New', 'under bedömning': 'Being assessed', pågående: 'In progress', åtgärdad: 'Remedied', avslutad: 'Closed' },
    scope: {
      'en person': 'One person',
      'en enhet': 'One unit',
      'en förvaltning': 'One department',
      'flera förvaltningar': 'Several departments',
      'hela kommunen': 'The whole municipality',
      'invånare eller andra utanför kommunen': 'Residents or others outside the municipality',
    },
  },
  timeline: {
    kind: {
      rapporterad: 'Reported',
      anteckning: 'Note',
      statusändring: 'Status change',
      åtgärd: 'Measure',
      myndighetsrapport: 'Report to an authority',
      kommunikation: 'Communication',
      bedömning: 'Assessment',
      'ej rapporteringspliktig': 'Not reportable',
    },
    legalReport: {
      'NIS2 tidig varning': 'NIS2 early warning',
      'NIS2 incidentanmälan': 'NIS2 incident notification',
      'NIS2 mellanrapport': 'NIS2 intermediate report',
      'NIS2 slutrapport': 'NIS2 final report',
      'GDPR anmälan till IMY': 'GDPR notification to IMY',
      Säkerhetspolisen: 'Swedish Security Service',
    },
  },
  actions: {
    kind: {
      'årlig genomgång': 'Yearly review',
      informationsklassning: 'Information classification',
      'test av kontinuitetsplan': 'Continuity plan test',
      åtgärd: 'Measure',
    },
  },
  trainingCourses: {
    audience: {
      alla: 'Everyone',
      förvaltningar: 'Selected departments',
      'systemägare och förvaltare': 'System owners and administrators',
      externa: 'External',
      chefer: 'Managers',
      IT: 'IT',
      förtroendevalda: 'Elected representatives',
    },
  },
  trainingCompletions: {
    source: { 'Teams-modul': 'Module in Teams', import: 'Import', manuell: 'Manual' },
  },
  devices: {
    kind: { dator: 'Computer', mobiltelefon: 'Mobile phone', surfplatta: 'Tablet', abonnemang: 'Subscription', övrigt: 'Other' },
    status: { 'i bruk': 'In use', återlämnad: 'Returned to IT', skrotad: 'Scrapped', avslutad: 'Ended', flyttad: 'Moved' },
  },
  securityRequirements: {
    aspect: { K: 'Confidentiality (C)', R: 'Integrity (I)', T: 'Availability (A)', S: 'Traceability (T)' },
  },
  selfAssessments: {
    status: { uppfyllt: 'Met', delvis: 'Partly met', 'ej uppfyllt': 'Not met', 'ej tillämpligt': 'Not applicable' },
  },
  notifications: {
    status: { skickas: 'Sending', skickad: 'Sent', misslyckad: 'Failed' },
    channel: { teams: 'Teams', utkorg: 'Outbox (local mode)' },
  },
};
