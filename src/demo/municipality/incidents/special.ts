import { DAY, HOUR, instant, MINUTE } from '../../common.js';
import type { DemoContext, IncidentDraft, Person, TimelineDraft } from '../context.js';
import type { Cast } from '../people.js';
import { externalReference, type IncidentStory, type LegalReport, type Priority, type Severity, type Status } from './story.js';

/** A hand-made incident: what happened, how it was handled and which legal reports were made when. */
interface SpecialIncident {
  title: string;
  description: string;
  ageHours: number;
  reporter: Person;
  source: NonNullable<IncidentDraft['source']>;
  systems: string[];
  type: NonNullable<IncidentDraft['type']>;
  category: NonNullable<IncidentDraft['category']>;
  cause: NonNullable<IncidentDraft['cause']>;
  personalData: 'ja' | 'nej';
  nis2: 'ja' | 'nej';
  severity: Severity;
  priority: Priority;
  status: Status;
  closeAfterDays?: number;
  rootCause?: string;
  actionsTaken?: string;
  lessonsLearned?: string;
  effortHours?: number;
  cost?: number;
  reports: { regime: LegalReport; afterHours: number; details: string }[];
  notes: { afterHours: number; kind: NonNullable<TimelineDraft['kind']>; title: string; details?: string }[];
}

/** The significant NIS2 incidents and personal data breaches, with their reports to CERT-SE and IMY. */
export function specialIncidents(ctx: DemoContext, { people, itTechs, coordinator, employeePersona }: Cast): IncidentStory[] {
  const special = (o: SpecialIncident) => specialIncident(ctx, coordinator, o);
  const itTech = itTechs[0] as Person;
  const vaTech = people.find((p) => p.jobTitle === 'Drifttekniker VA' && p.active) ?? itTech;
  const socialWorker = people.find((p) => p.jobTitle === 'Socialsekreterare' && p.active) ?? employeePersona;
  const schoolNurse = people.find((p) => p.jobTitle === 'Skolsköterska' && p.active) ?? employeePersona;
  return [
    special({
      title: 'Ransomware-angrepp mot filserver och virtualiseringsplattform',
      description:
        'Filer på den lokala filservern krypterades och en lösensumma krävdes. Angriparen tog sig in via ett leverantörskonto för fjärråtkomst och spred sig till virtualiseringsplattformen.',
      ageHours: 240 * 24,
      reporter: itTech,
      source: 'telefon',
      systems: ['Lokal filserver', 'Virtualiseringsplattform', 'Säkerhetskopiering'],
      type: 'incident',
      category: 'angrepp',
      cause: 'avsiktlig antagonistisk handling',
      personalData: 'ja',
      nis2: 'ja',
      severity: 'kritisk',
      priority: 'P1',
      status: 'avslutad',
      closeAfterDays: 35,
      rootCause: 'Leverantörens konto för fjärråtkomst saknade tvåfaktorsautentisering och hade ett återanvänt lösenord.',
      actionsTaken:
        'Nätet segmenterades, drabbade servrar återställdes från säkerhetskopior i prioritetsordning, alla administratörslösenord byttes och fjärråtkomst kräver nu tvåfaktorsautentisering.',
      lessonsLearned:
        'Säkerhetskopior som inte går att skriva över räddade återställningen. Krisledningens kontaktlistor måste finnas på papper.',
      effortHours: 420,
      cost: 685000,
      reports: [
        {
          regime: 'NIS2 tidig varning',
          afterHours: 5,
          details: 'Tidig varning till CERT-SE: misstänkt antagonistiskt angrepp, inga tecken på gränsöverskridande påverkan.',
        },
        {
          regime: 'NIS2 incidentanmälan',
          afterHours: 46,
          details: 'Incidentanmälan med första bedömning av allvarlighet, påverkan och angreppsindikatorer.',
        },
        { regime: 'GDPR anmälan till IMY', afterHours: 62, details: 'Personuppgifter på filservern kan ha exfiltrerats.' },
        { regime: 'NIS2 mellanrapport', afterHours: 10 * 24, details: 'Lägesrapport på begäran av CERT-SE.' },
        {
          regime: 'NIS2 slutrapport',
          afterHours: 46 + 27 * 24,
          details: 'Slutrapport med grundorsak, vidtagna åtgärder och att ingen gränsöverskridande påverkan konstaterats.',
        },
      ],
      notes: [
        {
          afterHours: 1,
          kind: 'anteckning',
          title: 'Krisledningsstaben aktiverad',
          details: 'Bedöms som betydande incident enligt cybersäkerhetslagen.',
        },
        { afterHours: 3, kind: 'kommunikation', title: 'Polisanmälan gjord', details: 'Anmälan om dataintrång och utpressning.' },
        { afterHours: 8, kind: 'kommunikation', title: 'Information till alla medarbetare på intranätet och i Teams' },
        {
          afterHours: 30,
          kind: 'åtgärd',
          title: 'Återställning från säkerhetskopior påbörjad',
          details: 'System återställs i ordning enligt återställningsprioriteten.',
        },
      ],
    }),
    special({
      title: 'Omfattande nätverksavbrott – samhällsviktiga system otillgängliga',
      description:
        'Kärnnätet gick ner efter ett fel i brandväggsklustret. Trygghetslarm, växel och verksamhetssystemet för äldreomsorgen var otillgängliga i drygt sex timmar.',
      ageHours: 430 * 24,
      reporter: coordinator,
      source: 'telefon',
      systems: ['Nätverk och brandvägg', 'Telefoni och växel', 'Trygghetslarm', 'Verksamhetssystem för äldreomsorg'],
      type: 'incident',
      category: 'störning i driftmiljö',
      cause: 'systemfel',
      personalData: 'nej',
      nis2: 'ja',
      severity: 'kritisk',
      priority: 'P1',
      status: 'avslutad',
      closeAfterDays: 32,
      rootCause: 'Programfel i brandväggarnas klusterfunktion efter en uppdatering; reservvägen var felkonfigurerad.',
      actionsTaken: 'Uppdateringen backades, reservvägen rättades och testades. Manuella reservrutiner användes i hemtjänsten.',
      lessonsLearned:
        'Reservrutinerna för trygghetslarm fungerade men behöver övas oftare. Ändringar i kärnnätet ska göras i servicefönster med återgångsplan.',
      effortHours: 160,
      cost: 120000,
      reports: [
        {
          regime: 'NIS2 tidig varning',
          afterHours: 18,
          details: 'Tidig varning: omfattande avbrott, inget som tyder på antagonistisk handling.',
        },
        {
          regime: 'NIS2 incidentanmälan',
          afterHours: 64,
          details: 'Incidentanmälan med bedömning av påverkan på samhällsviktig verksamhet.',
        },
        { regime: 'NIS2 slutrapport', afterHours: 64 + 29 * 24, details: 'Slutrapport med grundorsak och åtgärder.' },
      ],
      notes: [
        {
          afterHours: 0.5,
          kind: 'anteckning',
          title: 'Reservrutin för trygghetslarm aktiverad',
          details: 'Hemtjänsten ringer runt till brukare med larm.',
        },
      ],
    }),
    special({
      title: 'Misstänkt intrång i styrsystemet för vatten och avlopp',
      description: 'Larm om inloggning från okänd adress i styrsystemet för vattenverket, följt av ändrade börvärden i en pumpstation.',
      ageHours: 9,
      reporter: vaTech,
      source: 'telefon',
      systems: ['Styr- och övervakningssystem för vatten och avlopp', 'Nätverk och brandvägg'],
      type: 'incident',
      category: 'angrepp',
      cause: 'avsiktlig antagonistisk handling',
      personalData: 'nej',
      nis2: 'ja',
      severity: 'kritisk',
      priority: 'P1',
      status: 'under bedömning',
      reports: [],
      notes: [
        {
          afterHours: 0.5,
          kind: 'anteckning',
          title: 'Bedöms som betydande incident',
          details: 'Tidig varning till CERT-SE ska skickas inom 24 timmar från kännedom.',
        },
        {
          afterHours: 1,
          kind: 'åtgärd',
          title: 'Fjärråtkomst till styrsystemet bruten',
          details: 'Anläggningen körs lokalt med bemanning på vattenverket.',
        },
      ],
    }),
    special({
      title: 'Utredning om barn skickad till fel vårdnadshavare',
      description: 'En utredning med känsliga uppgifter om ett barn skickades med post till en tidigare adress där en annan familj bor.',
      ageHours: 150 * 24,
      reporter: socialWorker,
      source: 'flik',
      systems: ['Verksamhetssystem för individ- och familjeomsorg'],
      type: 'incident',
      category: 'informationsförlust eller informationsläckage',
      cause: 'mänskligt handlande utan antagonistisk avsikt',
      personalData: 'ja',
      nis2: 'nej',
      severity: 'hög',
      priority: 'P2',
      status: 'avslutad',
      closeAfterDays: 21,
      rootCause: 'Adressen hämtades från ett gammalt ärende i stället för folkbokföringen.',
      actionsTaken: 'Handlingen återlämnades. Adress hämtas alltid från folkbokföringen vid utskick.',
      lessonsLearned: 'Kontroll av mottagaradress före utskick av handlingar om enskilda.',
      effortHours: 14,
      cost: 0,
      reports: [{ regime: 'GDPR anmälan till IMY', afterHours: 40, details: 'Anmälan enligt artikel 33; hög risk för den registrerade.' }],
      notes: [
        {
          afterHours: 30,
          kind: 'kommunikation',
          title: 'Vårdnadshavaren informerad',
          details: 'Information enligt artikel 34 i dataskyddsförordningen.',
        },
      ],
    }),
    special({
      title: 'Elevhälsojournaler åtkomliga för obehöriga efter behörighetsändring',
      description: 'Efter en omorganisation kunde all personal på en skola öppna elevhälsans journaler.',
      ageHours: 30,
      reporter: schoolNurse,
      source: 'Teams-chatt',
      systems: ['Journalsystem för elevhälsa'],
      type: 'incident',
      category: 'informationsförlust eller informationsläckage',
      cause: 'mänskligt handlande utan antagonistisk avsikt',
      personalData: 'ja',
      nis2: 'nej',
      severity: 'hög',
      priority: 'P2',
      status: 'pågående',
      rootCause: 'En behörighetsgrupp för hela skolan lades till journalsystemet vid omorganisationen.',
      actionsTaken: 'Behörighetsgruppen togs bort; loggar granskas för att se vilka journaler som öppnats.',
      reports: [],
      notes: [
        { afterHours: 2, kind: 'åtgärd', title: 'Felaktig behörighet borttagen' },
        {
          afterHours: 4,
          kind: 'anteckning',
          title: 'Loggranskning pågår',
          details: 'Anmälan till IMY ska göras inom 72 timmar från kännedom om risken inte kan uteslutas.',
        },
      ],
    }),
  ];
}

/** Times are laid out from when the municipality became aware, `ageHours` before now; the coordinator handles it. */
function specialIncident({ rng, nowMs }: DemoContext, coordinator: Person, o: SpecialIncident): IncidentStory {
  const awareMs = Math.floor((nowMs - o.ageHours * HOUR) / MINUTE) * MINUTE;
  const reportedMs = awareMs - 20 * MINUTE;
  const detectedMs = reportedMs - 40 * MINUTE;
  const closedMs = o.closeAfterDays !== undefined ? awareMs + o.closeAfterDays * DAY : null;
  const incident: IncidentDraft = {
    title: o.title,
    reporter: o.reporter.upn,
    reportedAt: instant(reportedMs),
    occurredAt: instant(detectedMs - 3 * HOUR),
    detectedAt: instant(detectedMs),
    awareAt: instant(awareMs),
    source: o.source,
    description: o.description,
    affectedSystems: o.systems,
    ...(o.systems[0] ? { mainSystem: o.systems[0] } : {}),
    type: o.type,
    category: o.category,
    cause: o.cause,
    personalDataInvolved: o.personalData,
    nis2Significant: o.nis2,
    severity: o.severity,
    priority: o.priority,
    status: o.status,
    assignee: coordinator.upn,
    ...(o.rootCause ? { rootCause: o.rootCause } : {}),
    ...(o.actionsTaken ? { actionsTaken: o.actionsTaken } : {}),
    ...(o.lessonsLearned ? { lessonsLearned: o.lessonsLearned } : {}),
    ...(o.effortHours !== undefined ? { effortHours: o.effortHours } : {}),
    ...(o.cost !== undefined ? { cost: o.cost } : {}),
    ...(closedMs !== null ? { closedAt: instant(closedMs) } : {}),
  };
  return {
    incident,
    ...(o.systems[0] ? { system: o.systems[0] } : {}),
    timeline: (ref) => {
      const out: TimelineDraft[] = [
        {
          title: `Rapporterad via ${o.source}`,
          incident: ref,
          at: instant(reportedMs),
          kind: 'rapporterad',
          person: incident.reporter ?? o.reporter.upn,
          details: o.description,
        },
        {
          title: 'Status: ny → under bedömning',
          incident: ref,
          at: instant(awareMs + 15 * MINUTE),
          kind: 'statusändring',
          person: coordinator.upn,
        },
      ];
      for (const n of o.notes) {
        out.push({
          title: n.title,
          incident: ref,
          at: instant(awareMs + n.afterHours * HOUR),
          kind: n.kind,
          person: coordinator.upn,
          ...(n.details ? { details: n.details } : {}),
        });
      }
      for (const r of o.reports) {
        const at = awareMs + r.afterHours * HOUR;
        out.push({
          title: r.regime,
          incident: ref,
          at: instant(at),
          kind: 'myndighetsrapport',
          legalReport: r.regime,
          externalReference: externalReference(rng, r.regime, at),
          person: coordinator.upn,
          details: r.details,
        });
      }
      if (closedMs !== null)
        out.push({
          title: 'Status: pågående → avslutad',
          incident: ref,
          at: instant(closedMs),
          kind: 'statusändring',
          person: coordinator.upn,
        });
      return out.sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}
