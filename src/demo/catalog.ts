import type { Fields } from '../shared/schema/index.js';

/**
 * The raw material of Exempelkommun: departments with their roles, a typical municipal system
 * landscape (generic names, fictional suppliers) and incident scenarios. Pure data.
 */

export type StaffTag = 'manager' | 'chief' | 'admin' | 'coordinator' | 'tech' | 'dpo';

export interface DepartmentDef {
  code: string;
  title: string;
  /** Staff count including the fixed roles. */
  size: number;
  /** Roles filled exactly once, the first being the head of department. */
  fixed: readonly (readonly [jobTitle: string, tag: StaffTag])[];
  /** Remaining staff, by weight. */
  roles: readonly (readonly [jobTitle: string, weight: number])[];
}

export const DEPARTMENTS: readonly DepartmentDef[] = [
  {
    code: 'KLF',
    title: 'Kommunledningsförvaltningen',
    size: 40,
    fixed: [
      ['Kommundirektör', 'manager'],
      ['Ekonomichef', 'chief'],
      ['HR-chef', 'chief'],
      ['Kanslichef', 'chief'],
      ['Kommunikationschef', 'chief'],
      ['Säkerhetschef', 'coordinator'],
      ['Dataskyddsombud', 'dpo'],
      ['Systemförvaltare ekonomi', 'admin'],
      ['Systemförvaltare lön och HR', 'admin'],
      ['Systemförvaltare ärendehantering', 'admin'],
      ['Förvaltningsledare digital service', 'admin'],
    ],
    roles: [
      ['Ekonom', 5], ['Lönehandläggare', 4], ['HR-specialist', 3], ['Registrator', 2], ['Nämndsekreterare', 2],
      ['Kommunikatör', 2], ['Upphandlare', 2], ['Utredare', 2], ['Controller', 1], ['Arkivarie', 1], ['Digitaliseringsstrateg', 1],
    ],
  },
  {
    code: 'SOC',
    title: 'Socialförvaltningen',
    size: 40,
    fixed: [
      ['Socialchef', 'manager'],
      ['Enhetschef individ- och familjeomsorg', 'chief'],
      ['Enhetschef försörjningsstöd', 'chief'],
      ['Enhetschef LSS', 'chief'],
      ['Systemförvaltare socialtjänst', 'admin'],
    ],
    roles: [
      ['Socialsekreterare', 10], ['Biståndshandläggare', 3], ['LSS-handläggare', 3], ['Familjebehandlare', 3],
      ['Boendestödjare', 3], ['Administratör', 2],
    ],
  },
  {
    code: 'BUF',
    title: 'Barn- och utbildningsförvaltningen',
    size: 65,
    fixed: [
      ['Förvaltningschef barn och utbildning', 'manager'],
      ['Rektor Norrskolan', 'chief'],
      ['Rektor Söderskolan', 'chief'],
      ['Rektor Exempelgymnasiet', 'chief'],
      ['Förskolechef Östra området', 'chief'],
      ['Verksamhetschef elevhälsan', 'chief'],
      ['Systemförvaltare skolsystem', 'admin'],
      ['Förvaltningsledare lärplattform', 'admin'],
    ],
    roles: [
      ['Lärare', 12], ['Förskollärare', 8], ['Barnskötare', 5], ['Fritidspedagog', 3], ['Skolsköterska', 2], ['Kurator', 2],
      ['Skolpsykolog', 1], ['Speciallärare', 2], ['Skoladministratör', 2], ['Studie- och yrkesvägledare', 1],
    ],
  },
  {
    code: 'SBF',
    title: 'Samhällsbyggnadsförvaltningen',
    size: 40,
    fixed: [
      ['Samhällsbyggnadschef', 'manager'],
      ['Bygglovschef', 'chief'],
      ['VA-chef', 'chief'],
      ['Fastighetschef', 'chief'],
      ['Enhetschef gata och park', 'chief'],
      ['GIS-samordnare', 'admin'],
      ['Systemförvaltare bygglov', 'admin'],
      ['Driftingenjör VA-automation', 'admin'],
    ],
    roles: [
      ['Bygglovshandläggare', 4], ['Byggnadsinspektör', 2], ['Planarkitekt', 2], ['Mätningsingenjör', 2], ['Drifttekniker VA', 4],
      ['Fastighetsförvaltare', 3], ['Parkarbetare', 3], ['Trafikingenjör', 1], ['Administratör', 1],
    ],
  },
  {
    code: 'KFF',
    title: 'Kultur- och fritidsförvaltningen',
    size: 20,
    fixed: [
      ['Kultur- och fritidschef', 'manager'],
      ['Bibliotekschef', 'chief'],
      ['Fritidschef', 'chief'],
      ['Systemförvaltare bibliotek', 'admin'],
    ],
    roles: [['Bibliotekarie', 5], ['Biblioteksassistent', 3], ['Fritidsledare', 4], ['Kulturutvecklare', 2], ['Badmästare', 2]],
  },
  {
    code: 'VOF',
    title: 'Vård- och omsorgsförvaltningen',
    size: 55,
    fixed: [
      ['Vård- och omsorgschef', 'manager'],
      ['Enhetschef hemtjänst', 'chief'],
      ['Enhetschef särskilt boende', 'chief'],
      ['Enhetschef hemsjukvård', 'chief'],
      ['Medicinskt ansvarig sjuksköterska', 'chief'],
      ['Systemförvaltare vård och omsorg', 'admin'],
      ['Larmsamordnare', 'admin'],
    ],
    roles: [
      ['Undersköterska', 15], ['Vårdbiträde', 6], ['Sjuksköterska', 5], ['Arbetsterapeut', 2], ['Fysioterapeut', 2],
      ['Biståndshandläggare', 3], ['Schemaläggare', 1], ['Administratör', 1],
    ],
  },
  {
    code: 'MHS',
    title: 'Miljö- och hälsoskydd',
    size: 15,
    fixed: [
      ['Miljöchef', 'manager'],
      ['Systemförvaltare miljö', 'admin'],
    ],
    roles: [['Miljöinspektör', 5], ['Livsmedelsinspektör', 3], ['Hälsoskyddsinspektör', 2], ['Administratör', 1]],
  },
  {
    code: 'IT',
    title: 'IT-avdelningen',
    size: 22,
    fixed: [
      ['IT-chef', 'manager'],
      ['Driftchef', 'chief'],
      ['Informationssäkerhetssamordnare', 'coordinator'],
      ['IT-säkerhetsspecialist', 'coordinator'],
      ['Systemförvaltare IT-infrastruktur', 'admin'],
      ['Förvaltningsledare Microsoft 365', 'admin'],
      ['Nätverkstekniker', 'tech'],
      ['Servertekniker', 'tech'],
      ['Systemtekniker', 'tech'],
    ],
    roles: [['IT-tekniker', 4], ['Supporttekniker', 4], ['Systemtekniker', 3], ['Nätverkstekniker', 1], ['IT-arkitekt', 1], ['Telefonitekniker', 1]],
  },
];

/** Consultants and elected representatives: external, but on the roster and in the training. */
export const EXTERNALS: readonly (readonly [jobTitle: string, departmentCode: string])[] = [
  ['Konsult, IT-drift', 'IT'],
  ['Konsult, informationssäkerhet', 'IT'],
  ['Konsult, ekonomisystem', 'KLF'],
  ['Konsult, GIS', 'SBF'],
  ['Konsult, verksamhetssystem omsorg', 'VOF'],
  ['Kommunstyrelsens ordförande', 'KLF'],
  ['Kommunalråd (oppositionsråd)', 'KLF'],
  ['Ledamot, kommunstyrelsen', 'KLF'],
  ['Ledamot, kommunstyrelsen', 'KLF'],
  ['Socialnämndens ordförande', 'SOC'],
  ['Ordförande, barn- och utbildningsnämnden', 'BUF'],
  ['Ledamot, samhällsbyggnadsnämnden', 'SBF'],
  ['Ersättare, vård- och omsorgsnämnden', 'VOF'],
  ['Ordförande, kultur- och fritidsnämnden', 'KFF'],
];

type Hosting = NonNullable<Fields<'systems'>['hosting']>;
type Criticality = NonNullable<Fields<'systems'>['criticality']>;
type Lifecycle = NonNullable<Fields<'systems'>['lifecycleStatus']>;

export interface SystemDef {
  title: string;
  dept: string;
  description: string;
  supplier: string;
  hosting: Hosting;
  criticality: Criticality;
  /** 0 none, 1 personal data, 2 sensitive personal data. */
  pd: 0 | 1 | 2;
  /** K, R, T, S levels 1–4. */
  krts: readonly [number, number, number, number];
  lifecycle?: Lifecycle;
}

const S = (
  title: string,
  dept: string,
  description: string,
  supplier: string,
  hosting: Hosting,
  criticality: Criticality,
  pd: 0 | 1 | 2,
  krts: readonly [number, number, number, number],
  lifecycle?: Lifecycle,
): SystemDef => ({ title, dept, description, supplier, hosting, criticality, pd, krts, ...(lifecycle ? { lifecycle } : {}) });

export const SYSTEMS: readonly SystemDef[] = [
  S('Ekonomisystem', 'KLF', 'Redovisning, budget och uppföljning för hela kommunen.', 'Nordsys AB', 'SaaS', 'verksamhetskritisk', 1, [2, 3, 3, 3]),
  S('Lönesystem', 'KLF', 'Löneberäkning, utbetalning och skatteavdrag för alla anställda och förtroendevalda.', 'Kommundata Norden AB', 'egen drift', 'verksamhetskritisk', 2, [3, 4, 3, 3]),
  S('HR-system', 'KLF', 'Anställningar, frånvaro, rehabilitering och medarbetarsamtal.', 'Kommundata Norden AB', 'SaaS', 'övrig', 2, [3, 3, 2, 3]),
  S('Fakturahanteringssystem', 'KLF', 'Skanning, attest och betalning av leverantörsfakturor.', 'Nordsys AB', 'SaaS', 'övrig', 1, [2, 3, 2, 3]),
  S('Upphandlingssystem', 'KLF', 'Annonsering av upphandlingar och hantering av anbud.', 'Anbudsportalen Sverige AB', 'SaaS', 'övrig', 1, [2, 2, 2, 2]),
  S('Diariesystem', 'KLF', 'Registrering av allmänna handlingar och diarieföring.', 'Ärendia AB', 'egen drift', 'verksamhetskritisk', 1, [3, 3, 2, 3]),
  S('Ärende- och dokumenthanteringssystem', 'KLF', 'Ärendehandläggning, dokument och nämndprocess.', 'Ärendia AB', 'egen drift', 'verksamhetskritisk', 2, [3, 3, 2, 3]),
  S('E-tjänsteplattform', 'KLF', 'Kommunens e-tjänster och formulär för invånare och företag, med e-legitimation.', 'Formflow Nordic AB', 'molntjänst', 'verksamhetskritisk', 1, [2, 3, 3, 3]),
  S('Webbplats exempelkommun.se', 'KLF', 'Kommunens externa webbplats.', 'Webbyrån Linje AB', 'molntjänst', 'övrig', 0, [1, 3, 2, 1]),
  S('Intranät', 'KLF', 'Internt nyhetsflöde, styrdokument och rutiner.', 'Webbyrån Linje AB', 'molntjänst', 'övrig', 1, [2, 2, 2, 1]),
  S('Beslutsstöd och statistik', 'KLF', 'Rapporter och nyckeltal från ekonomi-, personal- och verksamhetssystem.', 'Analysis Norr AB', 'SaaS', 'övrig', 1, [2, 3, 1, 2]),
  S('Politikerportal för nämndhandlingar', 'KLF', 'Kallelser och handlingar till förtroendevalda.', 'Ärendia AB', 'SaaS', 'övrig', 1, [2, 3, 2, 2]),
  S('E-arkiv', 'KLF', 'Långtidsbevarande av allmänna handlingar.', 'Arkivium AB', 'molntjänst', 'verksamhetskritisk', 2, [3, 4, 2, 4]),
  S('Stödsystem för krisledning', 'KLF', 'Lägesbilder, loggbok och kommunikation i krisledningsstaben.', 'Beredskapsdata AB', 'SaaS', 'samhällsviktig', 1, [2, 3, 4, 3]),
  S('Avtalsdatabas', 'KLF', 'Kommunens avtal, avtalstider och uppsägningstider.', 'Anbudsportalen Sverige AB', 'SaaS', 'övrig', 0, [1, 2, 1, 1]),
  S('Gamla personalsystemet', 'KLF', 'Tidigare personalsystem, ersätts av HR-systemet. Endast läsbehörighet för historik.', 'Kommundata Norden AB', 'egen drift', 'övrig', 2, [3, 2, 1, 2], 'under avveckling'),
  S('Digital signering av avtal', 'KLF', 'E-underskrift av avtal och beslut (upphandling pågår).', 'Signera Norden AB', 'SaaS', 'övrig', 1, [2, 3, 2, 3], 'planerad'),
  S('Verksamhetssystem för individ- och familjeomsorg', 'SOC', 'Journaler, utredningar och beslut inom individ- och familjeomsorgen.', 'Vårdnet Systems AB', 'egen drift', 'samhällsviktig', 2, [4, 4, 3, 4]),
  S('E-ansökan försörjningsstöd', 'SOC', 'Digital ansökan om ekonomiskt bistånd med automatiserade kontroller.', 'Formflow Nordic AB', 'SaaS', 'verksamhetskritisk', 2, [3, 3, 2, 3]),
  S('Verksamhetssystem för LSS', 'SOC', 'Handläggning och dokumentation enligt LSS.', 'Vårdnet Systems AB', 'egen drift', 'verksamhetskritisk', 2, [4, 3, 3, 3]),
  S('Säker videokommunikation', 'SOC', 'Videomöten med klienter och samverkansparter.', 'Mötesbryggan AB', 'SaaS', 'övrig', 2, [3, 2, 2, 2]),
  S('Stödsystem för familjerätt', 'SOC', 'Ärenden om vårdnad, boende, umgänge och faderskap.', 'Vårdnet Systems AB', 'egen drift', 'övrig', 2, [4, 3, 2, 3]),
  S('Elevregister och skoladministration', 'BUF', 'Elevuppgifter, placeringar, betyg och frånvaro.', 'Skolplattan AB', 'SaaS', 'verksamhetskritisk', 2, [3, 3, 3, 3]),
  S('Lärplattform', 'BUF', 'Uppgifter, prov och kommunikation mellan lärare, elever och vårdnadshavare.', 'Skolplattan AB', 'molntjänst', 'verksamhetskritisk', 1, [2, 2, 3, 2]),
  S('Förskoleadministration', 'BUF', 'Köhantering, placering och avgifter i förskola och fritidshem.', 'Barnkollen AB', 'SaaS', 'verksamhetskritisk', 1, [2, 3, 3, 2]),
  S('Journalsystem för elevhälsa', 'BUF', 'Elevhälsans medicinska och psykosociala journaler.', 'Vårdnet Systems AB', 'SaaS', 'verksamhetskritisk', 2, [4, 4, 2, 4]),
  S('Schemaläggning skola', 'BUF', 'Lektions- och salsscheman för grund- och gymnasieskola.', 'Skolplattan AB', 'SaaS', 'övrig', 1, [1, 2, 2, 1]),
  S('Skolskjutsplanering', 'BUF', 'Planering av skolskjutsar och resor för elever.', 'Ruttplan AB', 'SaaS', 'övrig', 1, [2, 2, 2, 1]),
  S('Närvaro och frånvaroanmälan', 'BUF', 'Närvaroregistrering och vårdnadshavares frånvaroanmälan.', 'Barnkollen AB', 'SaaS', 'verksamhetskritisk', 1, [2, 3, 3, 2]),
  S('Enhetshantering för elevdatorer', 'BUF', 'Hantering och inställningar för elevernas datorer och surfplattor.', 'Molnia AB', 'molntjänst', 'övrig', 1, [2, 2, 2, 2]),
  S('Antagningssystem gymnasiet', 'BUF', 'Gymnasievalet och antagning i samverkan med grannkommunerna.', 'Skolplattan AB', 'SaaS', 'övrig', 1, [2, 3, 2, 2]),
  S('Gammal lärplattform', 'BUF', 'Tidigare lärplattform, ersatt av Lärplattform. Data exporterad till e-arkivet.', 'Lärnät AB', 'SaaS', 'övrig', 1, [2, 2, 1, 1], 'avvecklad'),
  S('GIS-plattform', 'SBF', 'Kartor, geodata och analys för planering och förvaltning.', 'Geodata Sverige AB', 'egen drift', 'verksamhetskritisk', 1, [1, 3, 2, 2]),
  S('Bygglovssystem', 'SBF', 'Handläggning av bygglov, anmälningar och tillsyn enligt PBL.', 'Geodata Sverige AB', 'SaaS', 'verksamhetskritisk', 1, [2, 3, 2, 3]),
  S('Fastighetssystem', 'SBF', 'Kommunens fastigheter, lokaler, hyresavtal och underhållsplaner.', 'Fastia AB', 'SaaS', 'övrig', 1, [2, 3, 2, 2]),
  S('Styr- och övervakningssystem för vatten och avlopp', 'SBF', 'Styrning och larm för vattenverk, reningsverk och pumpstationer.', 'Flödesteknik AB', 'egen drift', 'samhällsviktig', 0, [3, 4, 4, 3]),
  S('Felanmälan gata och park', 'SBF', 'Invånarnas felanmälan om gator, belysning och parker.', 'Formflow Nordic AB', 'SaaS', 'övrig', 1, [1, 2, 2, 1]),
  S('Fastighetsautomation', 'SBF', 'Styrning av värme, ventilation och energi i kommunens byggnader.', 'Flödesteknik AB', 'egen drift', 'verksamhetskritisk', 0, [2, 3, 3, 2]),
  S('Primärkarta och mätdata', 'SBF', 'Kommunens grundkarta och inmätningar.', 'Geodata Sverige AB', 'egen drift', 'övrig', 0, [1, 3, 2, 2]),
  S('Parkeringsövervakning', 'SBF', 'Felparkeringsavgifter och parkeringstillstånd.', 'ParkSyd AB', 'SaaS', 'övrig', 1, [2, 2, 2, 2]),
  S('Verksamhetssystem för äldreomsorg', 'VOF', 'Biståndsbeslut, genomförandeplaner och social dokumentation i äldreomsorgen.', 'Vårdnet Systems AB', 'egen drift', 'samhällsviktig', 2, [4, 4, 4, 4]),
  S('Trygghetslarm', 'VOF', 'Larm från brukare till larmcentral och hemtjänst dygnet runt.', 'Tryggt Larm AB', 'SaaS', 'samhällsviktig', 2, [3, 4, 4, 3]),
  S('Digitala lås för hemtjänsten', 'VOF', 'Digitala nycklar till brukarnas bostäder.', 'Nyckelfri Norden AB', 'SaaS', 'verksamhetskritisk', 1, [3, 3, 4, 3]),
  S('Planering och tidsregistrering hemtjänst', 'VOF', 'Ruttplanering och registrering av utförd tid i hemtjänsten.', 'Omsorgsplan AB', 'SaaS', 'verksamhetskritisk', 2, [3, 3, 3, 3]),
  S('Signeringslistor för läkemedel', 'VOF', 'Digital signering av läkemedelsöverlämning.', 'Vårdnet Systems AB', 'SaaS', 'verksamhetskritisk', 2, [4, 4, 3, 4]),
  S('Bemanning och schemaläggning', 'VOF', 'Scheman, vikarier och bemanning i vård och omsorg.', 'Kommundata Norden AB', 'SaaS', 'övrig', 1, [2, 2, 3, 2]),
  S('Patientjournal kommunal hälso- och sjukvård', 'VOF', 'Journalföring enligt patientdatalagen i hemsjukvård och särskilt boende.', 'Vårdnet Systems AB', 'egen drift', 'verksamhetskritisk', 2, [4, 4, 4, 4]),
  S('Bibliotekssystem', 'KFF', 'Katalog, lån och låntagarregister för folk- och skolbibliotek.', 'Bokhyllan IT AB', 'SaaS', 'övrig', 1, [2, 2, 2, 1]),
  S('Bokningssystem för lokaler och anläggningar', 'KFF', 'Bokning av idrottshallar, lokaler och anläggningar.', 'Bokningsdata AB', 'SaaS', 'övrig', 1, [1, 2, 2, 1]),
  S('Kulturskolans elevadministration', 'KFF', 'Anmälan, kö och avgifter i kulturskolan.', 'Barnkollen AB', 'SaaS', 'övrig', 1, [2, 2, 1, 1]),
  S('Entré- och kassasystem badhus', 'KFF', 'Entré, kassa och medlemskort i badhuset.', 'KassaNord AB', 'egen drift', 'övrig', 1, [2, 3, 2, 2]),
  S('Miljö- och hälsoskyddssystem', 'MHS', 'Tillsyn, ärenden och avgifter inom miljö, hälsoskydd och livsmedel.', 'Ärendia AB', 'SaaS', 'verksamhetskritisk', 1, [2, 3, 2, 3]),
  S('Mobil inspektionsapp', 'MHS', 'Protokoll och foton vid inspektioner i fält.', 'Ärendia AB', 'SaaS', 'övrig', 1, [2, 2, 2, 2]),
  S('E-post och samarbete (Microsoft 365)', 'IT', 'E-post, Teams, OneDrive och SharePoint för alla medarbetare.', 'Microsoft', 'molntjänst', 'verksamhetskritisk', 2, [3, 3, 3, 3]),
  S('Identitetshantering och katalogtjänst', 'IT', 'Användarkonton, behörigheter, inloggning och tvåfaktorsautentisering.', 'Identa Nord AB', 'egen drift', 'samhällsviktig', 1, [3, 4, 4, 4]),
  S('Nätverk och brandvägg', 'IT', 'Kommunens nät, brandväggar, trådlöst nät och fjärråtkomst.', 'Ljusnet AB', 'egen drift', 'samhällsviktig', 0, [3, 4, 4, 4]),
  S('Säkerhetskopiering', 'IT', 'Backup och återläsning av servrar och verksamhetssystem.', 'Östra Datatjänst AB', 'egen drift', 'verksamhetskritisk', 2, [4, 4, 3, 3]),
  S('Telefoni och växel', 'IT', 'Kommunens växel, mobiltelefoni och kontaktcenter.', 'Telekombolaget Norr AB', 'molntjänst', 'samhällsviktig', 1, [2, 3, 4, 2]),
  S('Passagesystem', 'IT', 'Passerkort och behörigheter till kommunens lokaler.', 'Tryggt Larm AB', 'egen drift', 'verksamhetskritisk', 1, [3, 3, 3, 4]),
  S('Inbrotts- och brandlarm', 'IT', 'Inbrotts- och brandlarm i kommunens fastigheter, kopplat till larmcentral.', 'Tryggt Larm AB', 'egen drift', 'verksamhetskritisk', 0, [2, 3, 4, 3]),
  S('IT-servicedesk', 'IT', 'Ärendehantering för IT-support och beställningar.', 'Supportia AB', 'SaaS', 'övrig', 1, [2, 2, 2, 2]),
  S('Utskriftstjänst', 'IT', 'Skrivare och säker utskrift med passerkort.', 'Printa Nord AB', 'egen drift', 'övrig', 0, [1, 2, 2, 1]),
  S('Mobilenhetshantering', 'IT', 'Hantering av mobiltelefoner och surfplattor.', 'Molnia AB', 'molntjänst', 'övrig', 1, [2, 3, 2, 2]),
  S('Logg- och säkerhetsövervakning', 'IT', 'Central loggning, larm och säkerhetsövervakning.', 'Vaktpost Säkerhet AB', 'SaaS', 'verksamhetskritisk', 1, [3, 4, 3, 4]),
  S('Virtualiseringsplattform', 'IT', 'Servrar och lagring för system i egen drift.', 'Östra Datatjänst AB', 'egen drift', 'verksamhetskritisk', 2, [3, 4, 4, 3]),
  S('Lokal filserver', 'IT', 'Gemensamma filytor, flyttas till Microsoft 365.', 'Östra Datatjänst AB', 'egen drift', 'övrig', 2, [3, 3, 2, 2], 'under avveckling'),
];

export const SUB_SUPPLIERS: readonly string[] = [
  'Nordmoln Datacenter AB (drift och lagring i Sverige)',
  'Backupia AB (säkerhetskopiering)',
  'Textbud AB (sms-utskick)',
  'Kassalänken AB (betalningar)',
  'Supportia AB (första linjens support)',
  'Vaktpost Säkerhet AB (säkerhetsövervakning)',
  'E-legitimationsbyrån AB (inloggning med e-legitimation)',
  'Skanna Sverige AB (skanning)',
  'Larmcentralen Norr AB (larmmottagning)',
];

export const REASONS = {
  confidentiality: [
    'Informationen är offentlig och har lågt skyddsvärde.',
    'Intern information och enklare personuppgifter; röjande ger begränsad skada.',
    'Personuppgifter och uppgifter som kan omfattas av sekretess; röjande kan skada enskilda.',
    'Känsliga personuppgifter under stark sekretess (OSL); röjande kan ge allvarlig skada för enskilda.',
  ],
  integrity: [
    'Felaktig information får små konsekvenser.',
    'Fel ger merarbete och felaktiga underlag men upptäcks normalt.',
    'Fel kan leda till felaktiga beslut eller utbetalningar.',
    'Fel kan leda till fara för liv och hälsa eller rättsosäkra beslut om enskilda.',
  ],
  availability: [
    'Verksamheten klarar ett avbrott i flera dagar med reservrutiner.',
    'Avbrott längre än ett par dagar ger betydande störningar.',
    'Avbrott längre än ett dygn påverkar kärnverksamheten allvarligt.',
    'Avbrott i några timmar kan få allvarliga följder för liv, hälsa eller samhällsviktig verksamhet.',
  ],
  traceability: [
    'Krav på spårbarhet saknas i princip.',
    'Ändringar bör kunna följas upp i efterhand.',
    'Åtkomst och ändringar ska loggas och följas upp.',
    'All åtkomst till uppgifter om enskilda ska loggas och kontrolleras regelbundet.',
  ],
} as const;

type IncidentFields = Fields<'incidents'>;
export interface IncidentTemplate {
  title: string;
  description: string;
  type: NonNullable<IncidentFields['type']>;
  category: NonNullable<IncidentFields['category']>;
  cause: NonNullable<IncidentFields['cause']>;
  severity: NonNullable<IncidentFields['severity']>;
  personalData: 'ja' | 'nej';
  /** Titles of affected systems; '*' = one system at random. */
  systems: readonly string[];
  rootCause: string;
  actionsTaken: string;
  lessonsLearned: string;
  weight: number;
}

const T = (
  weight: number,
  title: string,
  description: string,
  type: IncidentTemplate['type'],
  category: IncidentTemplate['category'],
  cause: IncidentTemplate['cause'],
  severity: IncidentTemplate['severity'],
  personalData: 'ja' | 'nej',
  systems: readonly string[],
  rootCause: string,
  actionsTaken: string,
  lessonsLearned: string,
): IncidentTemplate => ({ weight, title, description, type, category, cause, severity, personalData, systems, rootCause, actionsTaken, lessonsLearned });

const M365 = 'E-post och samarbete (Microsoft 365)';
const ANTAG = 'avsiktlig antagonistisk handling';
const HUMAN = 'mänskligt handlande utan antagonistisk avsikt';

export const INCIDENT_TEMPLATES: readonly IncidentTemplate[] = [
  T(10, 'Nätfiskemejl med länk till falsk inloggningssida', 'Flera medarbetare fick e-post som såg ut att komma från IT-avdelningen, med en länk till en falsk inloggningssida.', 'incident', 'angrepp', ANTAG, 'medel', 'nej', [M365], 'Riktat nätfiske med förfalskad avsändare.', 'Länken spärrades i e-postfiltret och meddelandet togs bort ur alla brevlådor.', 'Fortsätt med phishing-övningar och påminn om knappen för att rapportera misstänkt e-post.'),
  T(5, 'Medarbetare angav lösenord på falsk inloggningssida', 'En medarbetare klickade på en länk i ett nätfiskemejl och skrev in sitt lösenord. Kontot skickade därefter skräppost.', 'incident', 'angrepp', ANTAG, 'hög', 'nej', [M365, 'Identitetshantering och katalogtjänst'], 'Nätfiske; kontot saknade phishing-resistent tvåfaktorsautentisering.', 'Lösenordet byttes, sessioner återkallades och inloggningsloggar granskades.', 'Inför phishing-resistent MFA för alla konton.'),
  T(5, 'Ekonomisystemet otillgängligt under förmiddagen', 'Det gick inte att logga in i ekonomisystemet mellan 08.00 och 11.30.', 'incident', 'störning i mjuk- eller hårdvara', 'systemfel', 'medel', 'nej', ['Ekonomisystem'], 'Fel i leverantörens uppdatering av inloggningstjänsten.', 'Leverantören rullade tillbaka uppdateringen.', 'Begär förhandsbesked om uppdateringar under bokslutsperioder.'),
  T(6, 'E-post med personuppgifter skickad till fel mottagare', 'Ett e-postmeddelande med uppgifter om en enskild skickades till fel extern mottagare på grund av autoifyllning av adress.', 'incident', 'informationsförlust eller informationsläckage', HUMAN, 'hög', 'ja', [M365], 'Autoifyllning av e-postadress och ingen kontroll före utskick.', 'Mottagaren ombads radera meddelandet och bekräftade det skriftligt.', 'Använd säker e-post för uppgifter om enskilda och stäng av autoifyllning för externa adresser.'),
  T(6, 'Borttappad bärbar dator', 'En krypterad bärbar dator glömdes på tåget.', 'händelse', 'informationsförlust eller informationsläckage', HUMAN, 'låg', 'nej', ['Mobilenhetshantering'], 'Förlust av utrustning.', 'Datorn spärrades och raderades på distans.', 'Diskkryptering fungerade som avsett.'),
  T(5, 'Borttappad tjänstetelefon i hemtjänsten', 'En tjänstetelefon med appen för planering i hemtjänsten tappades bort under ett pass.', 'händelse', 'informationsförlust eller informationsläckage', HUMAN, 'låg', 'nej', ['Planering och tidsregistrering hemtjänst', 'Mobilenhetshantering'], 'Förlust av utrustning.', 'Telefonen spärrades och raderades via mobilenhetshanteringen.', 'Skärmlås och fjärradering fungerade.'),
  T(3, 'Trygghetslarm nådde inte larmcentralen', 'Larm från flera brukare kom inte fram till larmcentralen under cirka 40 minuter.', 'incident', 'störning i driftmiljö', 'systemfel', 'kritisk', 'nej', ['Trygghetslarm'], 'Fel i operatörens mobilnät; reservvägen aktiverades inte automatiskt.', 'Hemtjänsten ringde runt till berörda brukare; leverantören åtgärdade reservvägen.', 'Testa reservvägen för larm varje kvartal.'),
  T(5, 'Nätverksavbrott på en skola', 'Skolans nät var nere en förmiddag; lärplattform och närvaro gick inte att nå.', 'incident', 'störning i driftmiljö', 'systemfel', 'medel', 'nej', ['Nätverk och brandvägg', 'Närvaro och frånvaroanmälan'], 'Trasig switch i skolans kopplingsskåp.', 'Switchen byttes.', 'Håll reservswitchar i lager på varje större enhet.'),
  T(3, 'Strömavbrott i serverhallen efter åskoväder', 'Åskväder orsakade strömavbrott; reservkraften startade men flera servrar startade om.', 'incident', 'störning i kritisk infrastruktur', 'naturhändelse', 'hög', 'nej', ['Virtualiseringsplattform', 'Nätverk och brandvägg'], 'Reservkraftens omkoppling tog för lång tid för UPS:en.', 'Servrarna startades i prioritetsordning enligt återställningslistan.', 'Byt UPS-batterier och öva återstart enligt prioritetslistan.'),
  T(5, 'Behörigheter kvar för medarbetare som slutat', 'Vid behörighetsuppföljning upptäcktes konton med aktiv behörighet för personer som slutat.', 'brist', 'annan oförutsedd händelse', HUMAN, 'medel', 'nej', ['Verksamhetssystem för individ- och familjeomsorg', 'Identitetshantering och katalogtjänst'], 'Rutinen för avslut av behörigheter följdes inte när anställningen avslutades.', 'Behörigheterna togs bort och rutinen för avslut kopplades till HR-systemet.', 'Automatisera borttag av behörigheter vid avslutad anställning.'),
  T(4, 'Delad inloggning används på avdelningen', 'Personal på ett boende använder ett gemensamt konto för att signera.', 'brist', 'handhavandefel', HUMAN, 'medel', 'nej', ['Signeringslistor för läkemedel'], 'Personliga konton saknades för timvikarier.', 'Personliga konton skapades för alla vikarier.', 'Ingen ska börja arbeta innan personligt konto finns.'),
  T(5, 'Kritisk sårbarhet i brandväggens fjärråtkomst', 'Tillverkaren publicerade en kritisk sårbarhet i funktionen för fjärråtkomst.', 'brist', 'säkerhetsbrist i produkt', 'systemfel', 'hög', 'nej', ['Nätverk och brandvägg'], 'Sårbarhet i tillverkarens programvara.', 'Säkerhetsuppdateringen installerades inom 24 timmar och loggar granskades.', 'Bevakningen av säkerhetsbulletiner fungerade.'),
  T(5, 'Säkerhetsuppdateringar saknas på servrar', 'Sårbarhetsskanning visade servrar som saknade månadens säkerhetsuppdateringar.', 'brist', 'säkerhetsbrist i produkt', 'systemfel', 'medel', 'nej', ['Virtualiseringsplattform'], 'Uppdateringsjobbet hade stannat efter ett certifikatbyte.', 'Uppdateringarna installerades och övervakning av jobbet lades till.', 'Larma när uppdateringar inte körts på en vecka.'),
  T(3, 'Felaktig löneutbetalning efter uppdatering', 'Ett antal medarbetare fick fel OB-ersättning efter en uppdatering av lönesystemet.', 'incident', 'informationsförvanskning', 'systemfel', 'hög', 'ja', ['Lönesystem'], 'Felaktig regel i leverantörens uppdatering.', 'Rättelse betalades ut i extra lönekörning.', 'Testa lönekörning i testmiljö efter varje uppdatering.'),
  T(4, 'Handling registrerad i fel ärende', 'En inkommen handling registrerades i fel ärende och syntes för fel handläggare.', 'händelse', 'handhavandefel', HUMAN, 'låg', 'nej', ['Diariesystem'], 'Förväxling av ärendenummer.', 'Handlingen flyttades till rätt ärende.', 'Dubbelkontroll av ärendenummer vid registrering.'),
  T(4, 'Lärplattformen överbelastad vid provstart', 'Elever kunde inte öppna ett digitalt prov under de första 20 minuterna.', 'incident', 'hindrad tillgång', 'systemfel', 'medel', 'nej', ['Lärplattform'], 'Kapacitetsbrist hos leverantören vid nationell provstart.', 'Provet startades om med förlängd tid.', 'Leverantören skalar upp inför provperioder.'),
  T(3, 'Överbelastningsattack mot kommunens webbplats', 'Webbplatsen var otillgänglig i omgångar under en dag på grund av en överbelastningsattack.', 'incident', 'angrepp', ANTAG, 'medel', 'nej', ['Webbplats exempelkommun.se'], 'Överbelastningsattack mot flera kommuners webbplatser samtidigt.', 'Leverantören aktiverade skydd mot överbelastning.', 'Ha en statisk nödsida för viktig information.'),
  T(2, 'Misstänkt obehörig fjärråtkomst hos leverantör', 'Ovanliga inloggningar via leverantörens fjärråtkomstkonto upptäcktes nattetid.', 'möjlig incident', 'angrepp', ANTAG, 'hög', 'nej', ['Styr- och övervakningssystem för vatten och avlopp'], 'Leverantörens konto saknade tvåfaktorsautentisering; inloggningarna visade sig vara leverantörens nya tekniker.', 'Kontot spärrades och fjärråtkomst kräver nu tvåfaktor och föranmälan.', 'Fjärråtkomst för leverantörer ska vara avstängd som standard.'),
  T(4, 'Utskrift med känsliga uppgifter kvarglömd i skrivare', 'En utskrift med uppgifter om en brukare låg kvar i en skrivare i ett allmänt utrymme.', 'händelse', 'informationsförlust eller informationsläckage', HUMAN, 'låg', 'nej', ['Utskriftstjänst'], 'Utskriften skickades till fel skrivare.', 'Utskriften förstördes.', 'Använd säker utskrift med passerkort.'),
  T(4, 'Passerkort fungerade inte i stadshuset', 'Passerkort fungerade inte vid huvudentrén under morgonen.', 'incident', 'störning i mjuk- eller hårdvara', 'systemfel', 'låg', 'nej', ['Passagesystem'], 'Kortläsarens styrenhet hade hängt sig.', 'Styrenheten startades om.', 'Övervaka styrenheterna.'),
  T(3, 'Växeln nere – inkommande samtal bröts', 'Inkommande samtal till växeln bröts under cirka en timme.', 'incident', 'störning i driftmiljö', 'systemfel', 'hög', 'nej', ['Telefoni och växel'], 'Fel hos operatören.', 'Samtal kopplades om till reservnummer som publicerades på webbplatsen.', 'Reservnumret ska finnas i krisledningens checklista.'),
  T(4, 'Säkerhetskopieringen misslyckades flera nätter i rad', 'Nattliga säkerhetskopior av två system misslyckades utan att någon larmades.', 'brist', 'störning i mjuk- eller hårdvara', 'systemfel', 'medel', 'nej', ['Säkerhetskopiering'], 'Fullt lagringsutrymme och larm som gick till en nedlagd funktionsbrevlåda.', 'Lagring utökades och larmen skickas till servicedesken.', 'Återläsningstest varje månad.'),
  T(2, 'Vattenläcka i teknikrum', 'Vatten läckte in i ett teknikrum på ett äldreboende.', 'incident', 'annan oförutsedd händelse', 'naturhändelse', 'medel', 'nej', ['Nätverk och brandvägg'], 'Läckande ledning i bjälklaget ovanför.', 'Utrustningen flyttades och nätet kopplades om.', 'Inventera teknikrum med vattenledningar.'),
  T(3, 'Elevuppgifter synliga för fel vårdnadshavare', 'Efter en uppdatering kunde vissa vårdnadshavare se uppgifter om andra elever i samma klass.', 'incident', 'informationsförlust eller informationsläckage', 'systemfel', 'hög', 'ja', ['Elevregister och skoladministration'], 'Fel i behörighetsstyrningen efter leverantörens uppdatering.', 'Funktionen stängdes och leverantören rättade felet.', 'Kräv test av behörigheter före uppdateringar i produktion.'),
  T(4, 'Skadlig kod upptäckt på klientdator', 'Skyddet mot skadlig kod larmade och satte en fil i karantän på en dator.', 'incident', 'angrepp', ANTAG, 'medel', 'nej', ['Mobilenhetshantering'], 'Bifogad fil i e-post.', 'Datorn ominstallerades.', 'Larmkedjan fungerade.'),
  T(3, 'Falsk faktura om ändrat bankgiro', 'En faktura med ändrade betalningsuppgifter i en leverantörs namn kom in.', 'händelse', 'angrepp', ANTAG, 'medel', 'nej', ['Fakturahanteringssystem'], 'Bedrägeriförsök.', 'Betalningen stoppades och leverantören kontaktades per telefon.', 'Ändrade betalningsuppgifter kontrolleras alltid per telefon.'),
  T(3, 'Digitala lås gick inte att öppna för hemtjänsten', 'Hemtjänstpersonal kunde inte öppna brukares dörrar med de digitala nycklarna under en kväll.', 'incident', 'störning i mjuk- eller hårdvara', 'systemfel', 'hög', 'nej', ['Digitala lås för hemtjänsten'], 'Utgånget certifikat hos leverantören.', 'Reservnycklar användes; leverantören förnyade certifikatet.', 'Reservnycklar ska finnas på varje hemtjänstgrupp.'),
  T(2, 'Dokument med personnummer publicerat på webbplatsen', 'Ett protokoll med personnummer publicerades på webbplatsen och låg ute i två dagar.', 'incident', 'informationsförlust eller informationsläckage', HUMAN, 'hög', 'ja', ['Webbplats exempelkommun.se'], 'Protokollet avidentifierades inte före publicering.', 'Dokumentet avpublicerades och sökmotorer ombads ta bort cachade kopior.', 'Checklista för publicering av protokoll.'),
  T(4, 'Lösenord skickat i klartext i Teams-chatt', 'Ett lösenord till ett tjänstekonto skickades i en gruppchatt.', 'händelse', 'handhavandefel', HUMAN, 'låg', 'nej', [M365], 'Okunskap om rutin för hantering av lösenord.', 'Lösenordet byttes.', 'Använd lösenordshanteraren för delade konton.'),
  T(2, 'Leverantör aviserar säkerhetsincident hos underleverantör', 'En leverantör meddelade att en underleverantör drabbats av intrång; oklart om kommunens data berörs.', 'möjlig incident', 'informationsförlust eller informationsläckage', ANTAG, 'medel', 'nej', ['*'], 'Intrång hos underleverantör; kommunens data berördes inte enligt leverantörens utredning.', 'Leverantörens utredning begärdes in och granskades.', 'Kräv incidentrapportering inom 24 timmar i avtalen.'),
  T(3, 'Obehörig åtkomst till journal', 'Loggkontroll visade att en medarbetare öppnat journalen för en närstående utan tjänsteskäl.', 'incident', 'informationsförlust eller informationsläckage', HUMAN, 'hög', 'ja', ['Patientjournal kommunal hälso- och sjukvård'], 'Medarbetaren öppnade journalen utan tjänsteskäl.', 'Ärendet hanterades av HR och den enskilde informerades.', 'Fortsatt regelbunden loggkontroll.'),
  T(3, 'Integration mellan HR-system och lönesystem stoppade', 'Nyanställda kom inte över till lönesystemet under en vecka.', 'incident', 'störning i mjuk- eller hårdvara', 'systemfel', 'medel', 'nej', ['HR-system', 'Lönesystem'], 'Utgånget certifikat för integrationen.', 'Certifikatet förnyades och posterna kördes om.', 'Bevaka certifikatens giltighet centralt.'),
  T(2, 'E-tjänst visade fel beslut för sökande', 'Sökande kunde under en timme se status för fel ansökan i e-tjänsten.', 'incident', 'informationsförvanskning', 'systemfel', 'medel', 'nej', ['E-tjänsteplattform'], 'Cachefel i ny version.', 'Versionen rullades tillbaka.', 'Kräv regressionstest av behörighet.'),
];

type CourseFields = Fields<'trainingCourses'>;
export interface CourseDef {
  title: string;
  description: string;
  audience: NonNullable<CourseFields['audience']>;
  audienceDepartments?: readonly string[];
  recertificationMonths: number;
  mandatory: boolean;
  active: boolean;
  slug: string;
}

/** A course as a list draft (departments by code); the course link is added where a site is known. */
export function courseDraft(c: CourseDef) {
  return {
    title: c.title,
    description: c.description,
    audience: c.audience,
    audienceDepartments: [...(c.audienceDepartments ?? [])],
    recertificationMonths: c.recertificationMonths,
    mandatory: c.mandatory,
    active: c.active,
  };
}

export const COURSES: readonly CourseDef[] = [
  { title: 'Grundläggande informationssäkerhet', description: 'Obligatorisk grundkurs för alla: lösenord, nätfiske, hantering av information och hur du rapporterar incidenter.', audience: 'alla', recertificationMonths: 12, mandatory: true, active: true, slug: 'grundlaggande-informationssakerhet' },
  { title: 'DISA – Distansutbildning i informationssäkerhet', description: 'Den nationella webbutbildningen i tio avsnitt för medarbetare i offentlig sektor.', audience: 'alla', recertificationMonths: 36, mandatory: false, active: true, slug: 'disa' },
  { title: 'Säker hantering av personuppgifter', description: 'Dataskydd och sekretess i verksamheter som hanterar känsliga personuppgifter.', audience: 'förvaltningar', audienceDepartments: ['SOC', 'VOF', 'BUF'], recertificationMonths: 24, mandatory: true, active: true, slug: 'sakra-personuppgifter' },
  { title: 'Phishing-övning', description: 'Simulerade nätfiskemejl med direkt återkoppling.', audience: 'alla', recertificationMonths: 6, mandatory: false, active: true, slug: 'phishing-ovning' },
  { title: 'Informationssäkerhet för systemägare och förvaltare', description: 'Ansvar, informationsklassning, kontinuitetsplanering och årlig genomgång av system.', audience: 'systemägare och förvaltare', recertificationMonths: 24, mandatory: true, active: true, slug: 'systemagare-och-forvaltare' },
  { title: 'Säkerhetsintroduktion för externa', description: 'Introduktion för konsulter och förtroendevalda innan de får behörighet.', audience: 'externa', recertificationMonths: 12, mandatory: true, active: true, slug: 'introduktion-externa' },
  { title: 'Informationssäkerhet – e-learning 2019', description: 'Tidigare grundkurs, ersatt av Grundläggande informationssäkerhet.', audience: 'alla', recertificationMonths: 0, mandatory: false, active: false, slug: 'e-learning-2019' },
];
