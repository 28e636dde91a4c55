import type { Fields, RoleKey } from '../shared/schema/index.js';
import {
  COURSES,
  courseDraft,
  DEPARTMENTS,
  EXTERNALS,
  INCIDENT_TEMPLATES,
  REASONS,
  SUB_SUPPLIERS,
  SYSTEMS,
  type IncidentTemplate,
  type StaffTag,
  type SystemDef,
} from './catalog.js';
import {
  addMonths,
  createRng,
  DAY,
  dateMs,
  dateOnly,
  FIRST_NAMES,
  foldAscii,
  HOUR,
  instant,
  LAST_NAMES,
  upnAllocator,
  type DemoData,
  type DemoPersona,
  type Rng,
  type SymbolicDraft,
} from './common.js';

export * from './common.js';

export const DEMO_DOMAIN = 'exempelkommun.se';
export const DEMO_NAME = 'Exempelkommun';
/** The local store's built-in site admin, used as the admin persona. */
export const DEMO_ADMIN_UPN = 'admin@exempelkommun.se';
export const DEMO_ADMIN_NAME = 'Administratör Exempelkommun';

const SITE = 'https://exempelkommun.sharepoint.com/sites/informationssakerhet';
const MINUTE = 60_000;

export interface DemoOptions {
  /** Same seed and now → the same data. Default 1. */
  seed?: number;
  /** Dates are laid out relative to this instant. Default: the current time. */
  now?: Date;
}

interface Person {
  upn: string;
  displayName: string;
  dept: string;
  jobTitle: string;
  tag: StaffTag | null;
  external: boolean;
  active: boolean;
  startDate: string;
  endDate: string | null;
  newHire: boolean;
}

type SystemDraft = SymbolicDraft<'systems'>;
type IncidentDraft = SymbolicDraft<'incidents'>;
type TimelineDraft = SymbolicDraft<'timeline'>;
type ActionDraft = SymbolicDraft<'actions'>;
type Severity = NonNullable<Fields<'incidents'>['severity']>;
type Priority = NonNullable<Fields<'incidents'>['priority']>;
type Status = NonNullable<Fields<'incidents'>['status']>;
type LegalReport = NonNullable<Fields<'timeline'>['legalReport']>;

const SEVERITIES: readonly Severity[] = ['kritisk', 'hög', 'medel', 'låg'];
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/**
 * Exempelkommun: departments, ~300 staff, ~65 systems, two years of incidents, actions and training,
 * with deliberate gaps so derived tasks appear. Pure and deterministic for a given seed and now.
 */
export function generateDemoMunicipality(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const rng = createRng(seed);
  const today = dateOnly(nowMs);
  const daysAgo = (days: number) => dateOnly(nowMs - days * DAY);

  // ---------------- people ----------------
  const upnOf = upnAllocator(DEMO_DOMAIN);
  const people: Person[] = [];
  const makePerson = (dept: string, jobTitle: string, tag: StaffTag | null, external: boolean): Person => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const person: Person = {
      upn: upnOf(first, last),
      displayName: `${first} ${last}`,
      dept,
      jobTitle,
      tag,
      external,
      active: true,
      startDate: daysAgo(external ? rng.int(60, 1400) : rng.int(200, 9000)),
      endDate: null,
      newHire: false,
    };
    people.push(person);
    return person;
  };
  const fixedStaff: Person[] = [];
  const regularStaff: Person[] = [];
  for (const d of DEPARTMENTS) {
    for (const [jobTitle, tag] of d.fixed) fixedStaff.push(makePerson(d.code, jobTitle, tag, false));
    for (let i = d.fixed.length; i < d.size; i++) regularStaff.push(makePerson(d.code, rng.weighted(d.roles), null, false));
  }
  const externals = EXTERNALS.map(([jobTitle, dept]) => makePerson(dept, jobTitle, null, true));
  // Consultant whose assignment ended: inactive.
  const endedConsultant = externals.find((p) => p.jobTitle.includes('omsorg'));
  if (endedConsultant) {
    endedConsultant.active = false;
    endedConsultant.endDate = daysAgo(60);
  }

  // The employee persona: a teacher who stays; then who left, who is leaving and who is new.
  const employeePersona = regularStaff.find((p) => p.dept === 'BUF' && p.jobTitle === 'Lärare') ?? (regularStaff[0] as Person);
  employeePersona.startDate = daysAgo(2400);
  const pool = rng.shuffle(regularStaff.filter((p) => p !== employeePersona));
  for (const p of pool.slice(0, 8)) {
    const end = rng.int(20, 400);
    p.active = false;
    p.endDate = daysAgo(end);
    p.startDate = daysAgo(end + rng.int(200, 4000));
  }
  for (const p of pool.slice(8, 14)) p.endDate = daysAgo(-rng.int(7, 60));
  for (const p of pool.slice(14, 22)) {
    p.newHire = true;
    p.startDate = daysAgo(rng.int(3, 25));
  }

  const active = people.filter((p) => p.active);
  const byTag = (dept: string, ...tags: StaffTag[]) => fixedStaff.filter((p) => p.dept === dept && p.tag !== null && tags.includes(p.tag));
  const managerOf = (dept: string) => byTag(dept, 'manager')[0] as Person;
  const coordinator = fixedStaff.find((p) => p.jobTitle === 'Informationssäkerhetssamordnare') as Person;
  const securityTeam = [coordinator, ...fixedStaff.filter((p) => p.jobTitle === 'IT-säkerhetsspecialist' || p.jobTitle === 'IT-chef')];
  const itTechs = people.filter(
    (p) => p.dept === 'IT' && !p.external && p.active && (p.tag === 'tech' || p.tag === 'admin' || /tekniker/.test(p.jobTitle)),
  );
  const ownerPersona = fixedStaff.find((p) => p.jobTitle === 'Enhetschef hemtjänst') as Person;
  const ownerPersonaSystems = new Set([
    'Trygghetslarm',
    'Digitala lås för hemtjänsten',
    'Planering och tidsregistrering hemtjänst',
    'Bemanning och schemaläggning',
  ]);

  // ---------------- departments and staff ----------------
  const departments: SymbolicDraft<'departments'>[] = DEPARTMENTS.map((d) => ({
    title: d.title,
    code: d.code,
    manager: managerOf(d.code).upn,
  }));
  const staff: SymbolicDraft<'staff'>[] = people.map((p) => ({
    title: p.displayName,
    person: p.upn,
    email: p.upn,
    department: p.dept,
    jobTitle: p.jobTitle,
    external: p.external,
    active: p.active,
    startDate: p.startDate,
    ...(p.endDate ? { endDate: p.endDate } : {}),
  }));

  // ---------------- systems ----------------
  const systems: SystemDraft[] = [];
  const contractNumbers = new Set<string>();
  for (const def of SYSTEMS) systems.push(buildSystem(def));

  function buildSystem(def: SystemDef): SystemDraft {
    const lifecycle = def.lifecycle ?? 'i drift';
    const chiefs = byTag(def.dept, 'manager', 'chief');
    const owner = ownerPersonaSystems.has(def.title)
      ? ownerPersona
      : def.dept === 'IT'
        ? rng.pick(byTag('IT', 'manager', 'chief'))
        : rng.pick(chiefs);
    const admins = byTag(def.dept, 'admin');
    const admin = admins.length > 0 ? rng.pick(admins) : rng.pick(byTag('IT', 'admin'));
    const tech = rng.pick(itTechs);
    const base: SystemDraft = {
      title: def.title,
      description: def.description,
      department: def.dept,
      lifecycleStatus: lifecycle,
      systemOwner: owner.upn,
      systemAdministrator: admin.upn,
      informationOwner: def.dept === 'IT' ? owner.upn : managerOf(def.dept).upn,
      technicalContact: tech.upn,
      supplier: def.supplier,
      hosting: def.hosting,
      personalData: def.pd > 0,
      sensitivePersonalData: def.pd === 2,
      criticality: def.criticality,
    };
    if (def.hosting !== 'egen drift' || rng.chance(0.3)) {
      const subs = rng.shuffle([...SUB_SUPPLIERS]).slice(0, rng.int(1, 3));
      base.subSuppliers = subs.join('\n');
    }
    if (lifecycle === 'planerad') {
      return { ...base, description: `${def.description} Planerad driftstart ${addMonths(today, 6)}.` };
    }
    if (lifecycle === 'avvecklad') {
      return {
        ...base,
        decommissionPlan: `Avvecklad ${daysAgo(200)}. Data exporterad till e-arkivet, konton borttagna och avtalet uppsagt.`,
        lastReviewDate: daysAgo(200),
        lastReviewedBy: owner.upn,
      };
    }
    let contractNo: string;
    do contractNo = `AVT-${rng.int(2016, 2025)}-${String(rng.int(1, 240)).padStart(3, '0')}`;
    while (contractNumbers.has(contractNo));
    contractNumbers.add(contractNo);
    const big = def.criticality === 'samhällsviktig' ? 4 : def.criticality === 'verksamhetskritisk' ? 2.5 : 1;
    const krts = def.krts;
    const critical = def.criticality !== 'övrig';
    const system: SystemDraft = {
      ...base,
      contractReference: contractNo,
      contractEndDate: daysAgo(-rng.int(120, 1400)),
      contractNoticeMonths: rng.pick([3, 6, 6, 9, 12]),
      contractSecurityRequirements: 'ja',
      costLicences: Math.round((rng.int(15, 250) * big) / 1) * 1000,
      costOperation: (def.hosting === 'egen drift' ? rng.int(60, 400) : rng.int(5, 80)) * 1000 * (big > 1 ? 2 : 1),
      costOther: rng.chance(0.4) ? rng.int(5, 60) * 1000 : 0,
      confidentiality: krts[0],
      confidentialityReason: REASONS.confidentiality[krts[0] - 1],
      integrity: krts[1],
      integrityReason: REASONS.integrity[krts[1] - 1],
      availability: krts[2],
      availabilityReason: REASONS.availability[krts[2] - 1],
      traceability: krts[3],
      traceabilityReason: REASONS.traceability[krts[3] - 1],
      classificationDate: daysAgo(rng.int(30, 900)),
      classifiedBy: admin.upn,
      klassaReference: `KLASSA-${rng.int(2022, 2025)}-${String(rng.int(1, 180)).padStart(3, '0')}`,
      acceptedDowntimeHours:
        def.criticality === 'samhällsviktig'
          ? rng.pick([1, 2, 4])
          : def.criticality === 'verksamhetskritisk'
            ? rng.pick([8, 24, 48])
            : rng.pick([72, 120, 168]),
      acceptableDataLossHours:
        def.criticality === 'samhällsviktig'
          ? rng.pick([0.5, 1, 4])
          : def.criticality === 'verksamhetskritisk'
            ? rng.pick([4, 8, 24])
            : rng.pick([24, 48]),
      lastReviewDate: daysAgo(rng.int(10, 330)),
      lastReviewedBy: owner.upn,
    };
    if (critical || rng.chance(0.4)) {
      system.continuityPlanUrl = `${SITE}/Kontinuitetsplaner/${foldAscii(def.title)}.docx`;
      system.continuityPlanTestedDate = daysAgo(rng.int(15, 330));
    }
    if (critical) system.securityPlanUrl = `${SITE}/Systemsakerhetsplaner/${foldAscii(def.title)}.docx`;
    if (lifecycle === 'under avveckling') {
      system.decommissionPlan = `Data flyttas och systemet stängs senast ${daysAgo(-rng.int(60, 200))}. Avtalet sägs upp i tid enligt uppsägningstiden; historik exporteras till e-arkivet.`;
    }
    return system;
  }

  // Restore priority: samhällsviktig first, then by availability level.
  const critRank = { samhällsviktig: 0, verksamhetskritisk: 1, övrig: 2 } as const;
  const running = systems.filter((s) => s.lifecycleStatus === 'i drift' || s.lifecycleStatus === 'under avveckling');
  [...running]
    .sort(
      (a, b) => critRank[a.criticality ?? 'övrig'] - critRank[b.criticality ?? 'övrig'] || (b.availability ?? 0) - (a.availability ?? 0),
    )
    .forEach((s, i) => (s.restorePriority = i + 1));

  // ---------------- deliberate gaps (the source of derived tasks) ----------------
  const inDrift = systems.filter((s) => s.lifecycleStatus === 'i drift');
  const criticalInDrift = inDrift.filter((s) => s.criticality !== 'övrig');
  const take = (from: SystemDraft[], n: number, exclude: (s: SystemDraft) => boolean = () => false) =>
    rng.shuffle(from.filter((s) => !exclude(s))).slice(0, n);
  const ownedByPersona = (s: SystemDraft) => s.systemOwner === ownerPersona.upn;
  for (const s of take(inDrift, 2, ownedByPersona)) {
    delete s.systemOwner;
    delete s.lastReviewedBy;
  }
  for (const s of take(inDrift, 2)) delete s.systemAdministrator;
  for (const s of take(inDrift, 3, ownedByPersona)) {
    for (const k of [
      'confidentiality',
      'integrity',
      'availability',
      'traceability',
      'classificationDate',
      'classifiedBy',
      'klassaReference',
    ] as const)
      delete s[k];
    for (const k of ['confidentialityReason', 'integrityReason', 'availabilityReason', 'traceabilityReason'] as const) delete s[k];
  }
  for (const s of take(inDrift, 3, (x) => !x.classificationDate)) s.classificationDate = daysAgo(rng.int(1200, 2100));
  for (const s of take(criticalInDrift, 2, ownedByPersona)) {
    delete s.continuityPlanUrl;
    delete s.continuityPlanTestedDate;
  }
  for (const s of take(criticalInDrift, 3, (x) => !x.continuityPlanUrl)) s.continuityPlanTestedDate = daysAgo(rng.int(400, 900));
  for (const s of take(criticalInDrift, 1, (x) => !x.continuityPlanUrl)) delete s.continuityPlanTestedDate;
  for (const s of take(criticalInDrift, 2)) delete s.acceptedDowntimeHours;
  for (const s of take(criticalInDrift, 2)) delete s.restorePriority;
  for (const s of take(inDrift, 4)) s.contractEndDate = daysAgo(-rng.int(10, 85));
  for (const s of take(inDrift, 5)) s.contractSecurityRequirements = 'nej';
  for (const s of take(inDrift, 7, ownedByPersona)) s.lastReviewDate = daysAgo(rng.int(380, 800));
  for (const s of take(inDrift, 1, (x) => !x.lastReviewDate || ownedByPersona(x))) {
    delete s.lastReviewDate;
    delete s.lastReviewedBy;
  }
  // The system-owner persona always has something to do.
  const personaSystem = (title: string) => systems.find((s) => s.title === title) as SystemDraft;
  personaSystem('Digitala lås för hemtjänsten').contractEndDate = daysAgo(-45);
  personaSystem('Planering och tidsregistrering hemtjänst').lastReviewDate = daysAgo(410);
  personaSystem('Trygghetslarm').continuityPlanTestedDate = daysAgo(450);

  // ---------------- incidents ----------------
  const systemByTitle = new Map(systems.map((s) => [s.title, s]));
  interface Draft {
    incident: IncidentDraft;
    timeline: (ref: string) => TimelineDraft[];
    system?: string;
  }
  const drafts: Draft[] = [];
  const assigneeOf = () => (rng.chance(0.6) ? coordinator : rng.pick([...securityTeam, ...itTechs]));
  const staffIn = (dept: string | undefined) => {
    const local = dept ? active.filter((p) => p.dept === dept && !p.newHire) : [];
    return local.length > 0 && rng.chance(0.6) ? rng.pick(local) : rng.pick(active.filter((p) => !p.newHire));
  };
  const shift = <T>(values: readonly T[], value: T, p: number): T => {
    const i = values.indexOf(value);
    if (!rng.chance(p)) return value;
    const j = Math.min(values.length - 1, Math.max(0, i + (rng.chance(0.5) ? 1 : -1)));
    return values[j] as T;
  };
  const externalRef = (regime: LegalReport, ms: number) =>
    regime === 'GDPR anmälan till IMY'
      ? `IMY-${new Date(ms).getUTCFullYear()}-${rng.int(1000, 9999)}`
      : `CERT-SE-${new Date(ms).getUTCFullYear()}-${rng.int(100, 999)}`;

  const genericCount = rng.int(100, 115);
  const pickTemplate = () => rng.weighted(INCIDENT_TEMPLATES.map((t) => [t, t.weight] as const));
  for (let i = 0; i < genericCount; i++) drafts.push(genericIncident(pickTemplate()));
  // Whatever the dice say, the inbox always shows each open state, including an untriaged report.
  drafts.push(genericIncident(pickTemplate(), { ageDays: 2, status: 'ny', possible: true }));
  drafts.push(genericIncident(pickTemplate(), { ageDays: 5, status: 'under utredning' }));
  drafts.push(genericIncident(pickTemplate(), { ageDays: 12, status: 'åtgärdas' }));

  function genericIncident(t: IncidentTemplate, forced?: { ageDays: number; status: Status; possible?: boolean }): Draft {
    const ageDays = forced?.ageDays ?? (rng.chance(0.12) ? rng.int(2, 45) : rng.int(2, 728));
    const reportedMs = Math.floor((nowMs - ageDays * DAY) / DAY) * DAY + rng.int(6 * 60, 16 * 60) * MINUTE;
    const detectedMs = reportedMs - rng.int(0, 120) * MINUTE;
    const occurredMs = detectedMs - rng.int(0, 48 * 60) * MINUTE;
    const awareMs = reportedMs + rng.int(5, 180) * MINUTE;
    const titles = t.systems.map((s) => (s === '*' ? rng.pick(inDrift).title : s)).filter((s) => systemByTitle.has(s));
    const firstSystem = titles[0] ? systemByTitle.get(titles[0]) : undefined;
    const reporter = staffIn(firstSystem?.department ?? undefined);
    const source = rng.weighted([
      ['Teams-chatt', 45],
      ['flik', 25],
      ['e-post', 15],
      ['telefon', 10],
      ['övrigt', 5],
    ] as const);
    let status: Status;
    if (forced) status = forced.status;
    else if (ageDays > 45) status = t.type === 'brist' && rng.chance(0.15) ? 'åtgärdas' : 'stängd';
    else
      status = rng.weighted([
        ['ny', 25],
        ['under utredning', 30],
        ['åtgärdas', 20],
        ['stängd', 25],
      ] as const);
    let type = t.type;
    if (status === 'ny' && (forced?.possible || rng.chance(0.5))) type = 'möjlig incident';
    if (status === 'stängd' && type === 'möjlig incident') type = 'händelse';
    const severity = shift(SEVERITIES, t.severity, 0.2);
    const priority = shift(PRIORITIES, PRIORITIES[SEVERITIES.indexOf(severity)] as Priority, 0.15);
    const personalData = status === 'ny' && t.personalData === 'ja' && rng.chance(0.5) ? 'vet ej' : t.personalData;
    const assignee = status === 'ny' ? null : assigneeOf();
    const closedMs = status === 'stängd' ? Math.min(awareMs + rng.int(personalData === 'ja' ? 4 : 1, 30) * DAY, nowMs - HOUR) : null;
    const effort = severity === 'kritisk' ? rng.float(20, 120) : severity === 'hög' ? rng.float(6, 40) : rng.float(0.5, 8);
    const incident: IncidentDraft = {
      title: t.title,
      reporter: reporter.upn,
      reportedAt: instant(reportedMs),
      occurredAt: instant(occurredMs),
      detectedAt: instant(detectedMs),
      awareAt: instant(awareMs),
      source,
      description: t.description,
      affectedSystems: titles,
      type,
      category: t.category,
      cause: t.cause,
      personalDataInvolved: personalData,
      nis2Significant: status === 'ny' ? 'vet ej' : 'nej',
      severity,
      priority,
      status,
    };
    if (awareMs - detectedMs > HOUR) {
      incident.awareJustification =
        'Händelsen upptäcktes av medarbetaren före rapporten; kommunen fick kännedom när rapporten kom in och lästes av informationssäkerhetssamordnaren.';
    }
    if (source === 'Teams-chatt')
      incident.sourceMessageUrl = `https://teams.microsoft.com/l/message/19:${rng.hex(24)}@thread.v2/${reportedMs}`;
    if (assignee) incident.assignee = assignee.upn;
    if (status === 'åtgärdas' || status === 'stängd') {
      incident.rootCause = t.rootCause;
      incident.actionsTaken = t.actionsTaken;
    }
    if (closedMs !== null) {
      incident.lessonsLearned = t.lessonsLearned;
      incident.effortHours = Math.round(effort * 2) / 2;
      incident.cost = severity === 'kritisk' || severity === 'hög' ? rng.int(0, 60) * 1000 : 0;
      incident.closedAt = instant(closedMs);
    }
    const reportImy = personalData === 'ja' && (closedMs !== null || nowMs - awareMs > 48 * HOUR);
    return {
      incident,
      ...(titles[0] ? { system: titles[0] } : {}),
      timeline: (ref) => {
        const out: TimelineDraft[] = [
          {
            title: `Rapporterad via ${source}`,
            incident: ref,
            at: instant(reportedMs),
            kind: 'rapporterad',
            person: incident.reporter ?? reporter.upn,
            details: t.description,
          },
        ];
        if (!assignee) return out;
        const triageMs = awareMs + rng.int(10, 6 * 60) * MINUTE;
        out.push({
          title: 'Status: ny → under utredning',
          incident: ref,
          at: instant(triageMs),
          kind: 'statusändring',
          person: assignee.upn,
        });
        out.push({
          title: `Bedömd som ${type}, prioritet ${priority}`,
          incident: ref,
          at: instant(triageMs + 5 * MINUTE),
          kind: 'anteckning',
          person: assignee.upn,
          details: `Allvarlighetsgrad ${severity}. Personuppgifter: ${personalData}. Inte en betydande incident enligt cybersäkerhetslagen.`,
        });
        if (reportImy) {
          const at = Math.min(awareMs + rng.int(20, 66) * HOUR, closedMs ?? nowMs - HOUR);
          out.push({
            title: 'Personuppgiftsincident anmäld till IMY',
            incident: ref,
            at: instant(at),
            kind: 'myndighetsrapport',
            legalReport: 'GDPR anmälan till IMY',
            externalReference: externalRef('GDPR anmälan till IMY', at),
            person: coordinator.upn,
            details: 'Anmälan enligt artikel 33 i dataskyddsförordningen, i samråd med dataskyddsombudet.',
          });
        }
        if (status === 'åtgärdas' || status === 'stängd') {
          const fixMs = Math.min(triageMs + rng.int(2, 72) * HOUR, closedMs ?? nowMs - HOUR);
          out.push({
            title: 'Status: under utredning → åtgärdas',
            incident: ref,
            at: instant(fixMs),
            kind: 'statusändring',
            person: assignee.upn,
          });
          out.push({
            title: 'Åtgärd',
            incident: ref,
            at: instant(fixMs + 30 * MINUTE),
            kind: 'åtgärd',
            person: assignee.upn,
            details: t.actionsTaken,
          });
        }
        if (severity === 'kritisk' || severity === 'hög') {
          out.push({
            title: 'Information till berörd förvaltning',
            incident: ref,
            at: instant(triageMs + rng.int(30, 240) * MINUTE),
            kind: 'kommunikation',
            person: assignee.upn,
            details: 'Förvaltningsledningen informerad om läget och fortsatt hantering.',
          });
        }
        if (closedMs !== null) {
          out.push({
            title: 'Status: åtgärdas → stängd',
            incident: ref,
            at: instant(closedMs),
            kind: 'statusändring',
            person: assignee.upn,
            details: t.lessonsLearned,
          });
        }
        return out;
      },
    };
  }

  // Hand-made incidents: the significant NIS2 incidents and personal data breaches with their reports.
  const special = (o: {
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
  }): Draft => {
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
            title: 'Status: ny → under utredning',
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
            externalReference: externalRef(r.regime, at),
            person: coordinator.upn,
            details: r.details,
          });
        }
        if (closedMs !== null)
          out.push({
            title: 'Status: åtgärdas → stängd',
            incident: ref,
            at: instant(closedMs),
            kind: 'statusändring',
            person: coordinator.upn,
          });
        return out.sort((a, b) => a.at.localeCompare(b.at));
      },
    };
  };
  const itTech = itTechs[0] as Person;
  const vaTech = people.find((p) => p.jobTitle === 'Drifttekniker VA' && p.active) ?? itTech;
  const socialWorker = people.find((p) => p.jobTitle === 'Socialsekreterare' && p.active) ?? employeePersona;
  const schoolNurse = people.find((p) => p.jobTitle === 'Skolsköterska' && p.active) ?? employeePersona;
  drafts.push(
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
      status: 'stängd',
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
      status: 'stängd',
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
      status: 'under utredning',
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
      status: 'stängd',
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
      status: 'åtgärdas',
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
  );

  // The employee persona has reported a few things: one still open.
  const employeeReports = drafts.filter(
    (d) => d.incident.status !== 'ny' && d.incident.source !== 'telefon' && d.incident.reporter !== employeePersona.upn,
  );
  const openOne = drafts.find(
    (d) => d.incident.status === 'under utredning' && d.incident.personalDataInvolved === 'nej' && d.incident.nis2Significant === 'nej',
  );
  for (const d of [...(openOne ? [openOne] : []), ...employeeReports.filter((d) => d.incident.status === 'stängd').slice(0, 2)])
    d.incident.reporter = employeePersona.upn;

  drafts.sort((a, b) => (a.incident.reportedAt ?? '').localeCompare(b.incident.reportedAt ?? ''));
  const perYear = new Map<number, number>();
  const incidents: IncidentDraft[] = [];
  const timeline: TimelineDraft[] = [];
  for (const d of drafts) {
    const year = new Date(d.incident.reportedAt as string).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const ref = `INC-${year}-${String(n).padStart(4, '0')}`;
    d.incident.referenceNumber = ref;
    d.incident.submissionKey = `demo-${ref.toLowerCase()}-${rng.hex(8)}`;
    incidents.push(d.incident);
    // A reporter's own first line is written as them; the entries' `person` keeps who did what.
    timeline.push(...d.timeline(ref));
  }

  // ---------------- actions ----------------
  const actions: ActionDraft[] = [];
  const since = nowMs - 730 * DAY;
  const inWindow = (date: string | null | undefined): date is string => !!date && dateMs(date) >= since && dateMs(date) <= nowMs;
  for (const s of systems) {
    if (s.lifecycleStatus === 'planerad' || s.lifecycleStatus === 'avvecklad') continue;
    const admin = s.systemAdministrator ?? s.systemOwner ?? coordinator.upn;
    if (inWindow(s.lastReviewDate)) {
      const by = s.lastReviewedBy ?? admin;
      actions.push({
        title: `Årlig genomgång av ${s.title}`,
        kind: 'årlig genomgång',
        system: s.title,
        date: s.lastReviewDate,
        person: by,
        hours: rng.int(2, 6),
        cost: 0,
        notes: 'Uppgifterna i systemförteckningen kontrollerade med systemförvaltaren.',
      });
      const previous = addMonths(s.lastReviewDate, -12);
      if (inWindow(previous))
        actions.push({
          title: `Årlig genomgång av ${s.title}`,
          kind: 'årlig genomgång',
          system: s.title,
          date: previous,
          person: by,
          hours: rng.int(2, 6),
          cost: 0,
        });
    }
    if (inWindow(s.classificationDate)) {
      actions.push({
        title: `Informationsklassning av ${s.title}`,
        kind: 'informationsklassning',
        system: s.title,
        date: s.classificationDate,
        person: s.classifiedBy ?? admin,
        hours: rng.int(4, 12),
        cost: 0,
        notes: `Klassad med KLASSA: K${s.confidentiality ?? '-'} R${s.integrity ?? '-'} T${s.availability ?? '-'} S${s.traceability ?? '-'}.`,
      });
    }
    if (inWindow(s.continuityPlanTestedDate)) {
      const tests = [s.continuityPlanTestedDate, addMonths(s.continuityPlanTestedDate, -12)].filter(inWindow);
      for (const date of tests) {
        actions.push({
          title: `Test av kontinuitetsplan för ${s.title}`,
          kind: 'test av kontinuitetsplan',
          system: s.title,
          date,
          person: admin,
          hours: rng.int(3, 16),
          cost: rng.chance(0.3) ? rng.int(5, 40) * 1000 : 0,
          notes: `Reservrutinen övades och återställning från säkerhetskopia tog ${rng.int(1, 12)} timmar.`,
        });
      }
    }
  }
  const measures = [
    'Uppgradering till ny huvudversion',
    'Införande av tvåfaktorsautentisering',
    'Genomgång och rensning av behörigheter',
    'Säkerhetsuppdatering av servrar',
    'Ny integration med identitetshanteringen',
    'Penetrationstest genomfört',
    'Loggning kopplad till säkerhetsövervakningen',
    'Personuppgiftsbiträdesavtal uppdaterat',
    'Risk- och sårbarhetsanalys',
    'Utbildning av nya användare',
    'Byte av krypteringscertifikat',
    'Migrering till ny driftmiljö',
  ];
  for (let i = 0, n = rng.int(40, 50); i < n; i++) {
    const s = rng.pick(inDrift);
    actions.push({
      title: `${rng.pick(measures)} – ${s.title}`,
      kind: 'åtgärd',
      system: s.title,
      date: daysAgo(rng.int(1, 728)),
      person: rng.chance(0.5) && s.systemAdministrator ? s.systemAdministrator : rng.pick(itTechs).upn,
      hours: rng.int(2, 80),
      cost: rng.chance(0.5) ? rng.int(5, 250) * 1000 : 0,
    });
  }
  for (const d of drafts) {
    const inc = d.incident;
    if (inc.status !== 'stängd' || (inc.severity !== 'kritisk' && inc.severity !== 'hög') || !inc.closedAt) continue;
    actions.push({
      title: `Åtgärd efter ${inc.referenceNumber}: ${inc.title}`.slice(0, 255),
      kind: 'åtgärd',
      ...(d.system ? { system: d.system } : {}),
      incident: inc.referenceNumber as string,
      date: dateOnly(Date.parse(inc.closedAt)),
      person: inc.assignee ?? coordinator.upn,
      hours: inc.effortHours ?? 1,
      cost: inc.cost ?? 0,
      notes: inc.actionsTaken ?? '',
    });
  }
  actions.sort((a, b) => a.date.localeCompare(b.date));

  // ---------------- training ----------------
  const trainingCourses: SymbolicDraft<'trainingCourses'>[] = COURSES.map((c) => ({
    ...courseDraft(c),
    courseUrl: `${SITE}/Utbildning/${c.slug}`,
  }));
  const completions: SymbolicDraft<'trainingCompletions'>[] = [];
  const complete = (p: Person, courseIndex: number, daysBack: number, scored = true) => {
    const c = COURSES[courseIndex] as (typeof COURSES)[number];
    const date = daysAgo(daysBack);
    if (date < p.startDate || date > today || (p.endDate && date > p.endDate)) return;
    const source = daysBack > 600 || courseIndex === 1 ? 'import' : rng.chance(0.05) ? 'manuell' : 'Teams-modul';
    completions.push({
      title: `${p.displayName} – ${c.title}`,
      person: p.upn,
      course: c.title,
      completedAt: date,
      ...(c.recertificationMonths > 0 ? { expiresAt: addMonths(date, c.recertificationMonths) } : {}),
      source,
      ...(scored && source === 'Teams-modul' ? { score: rng.int(70, 100) } : {}),
      completionKey: `${p.upn}|${c.title}|${date}`,
    });
  };
  const complianceRate: Record<string, number> = { KLF: 0.95, SOC: 0.88, BUF: 0.86, SBF: 0.7, KFF: 0.9, VOF: 0.82, MHS: 0.93, IT: 0.97 };
  const ownersAndAdmins = new Set<string>();
  for (const s of systems) {
    if (s.lifecycleStatus === 'avvecklad') continue;
    if (s.systemOwner) ownersAndAdmins.add(s.systemOwner);
    if (s.systemAdministrator) ownersAndAdmins.add(s.systemAdministrator);
  }
  const phishingRounds = [30, 210, 390, 570];
  for (const p of people) {
    // Grundläggande informationssäkerhet (mandatory, 12 months).
    if (p === employeePersona) complete(p, 0, 395);
    else if (p === ownerPersona || p === coordinator) complete(p, 0, rng.int(20, 200));
    else if (p.newHire) {
      if (rng.chance(0.4)) complete(p, 0, rng.int(0, 3));
    } else {
      const rate = p.external ? 0.75 : (complianceRate[p.dept] ?? 0.85);
      const r = rng.next();
      if (r < rate) {
        const last = rng.int(5, 350);
        complete(p, 0, last);
        if (rng.chance(0.7)) complete(p, 0, last + rng.int(330, 370));
      } else if (r < rate + (1 - rate) * 0.6) complete(p, 0, rng.int(370, 700));
    }
    // DISA (voluntary).
    if (!p.newHire && rng.chance(0.3)) complete(p, 1, rng.int(10, 720));
    // Personal data (mandatory for SOC, VOF, BUF; 24 months).
    if (!p.external && ['SOC', 'VOF', 'BUF'].includes(p.dept) && !p.newHire && rng.chance(0.82)) complete(p, 2, rng.int(10, 780));
    // Phishing exercises every six months.
    for (const round of phishingRounds) if (!p.newHire && rng.chance(0.75)) complete(p, 3, round);
    // System owners and administrators.
    if (ownersAndAdmins.has(p.upn) && (p === ownerPersona || rng.chance(0.75))) complete(p, 4, rng.int(30, 780));
    // External staff before access.
    if (p.external && rng.chance(0.85)) complete(p, 5, rng.int(10, 420));
    // The old course, imported from the previous platform.
    if (!p.newHire && rng.chance(0.3)) complete(p, 6, rng.int(700, 729), false);
  }
  completions.sort((a, b) => a.completedAt.localeCompare(b.completedAt));

  // ---------------- roles and personas ----------------
  const admins = [DEMO_ADMIN_UPN, ...fixedStaff.filter((p) => p.jobTitle === 'Systemförvaltare IT-infrastruktur').map((p) => p.upn)];
  const isActive = new Set(active.map((p) => p.upn));
  const groups: Record<RoleKey, string[]> = {
    employees: active.map((p) => p.upn),
    systemOwners: [...ownersAndAdmins].filter((u) => isActive.has(u)).sort(),
    securityCoordinators: securityTeam.map((p) => p.upn),
    admins,
  };
  const personas: DemoPersona[] = [
    {
      upn: employeePersona.upn,
      role: 'employee',
      title: `${employeePersona.displayName} – medarbetare (${employeePersona.jobTitle.toLowerCase()})`,
    },
    {
      upn: ownerPersona.upn,
      role: 'systemOwner',
      title: `${ownerPersona.displayName} – systemägare (${ownerPersona.jobTitle.toLowerCase()})`,
    },
    { upn: coordinator.upn, role: 'securityCoordinator', title: `${coordinator.displayName} – informationssäkerhetssamordnare` },
    { upn: DEMO_ADMIN_UPN, role: 'admin', title: `${DEMO_ADMIN_NAME} – IT-administratör` },
  ];

  return {
    municipality: { name: DEMO_NAME, domain: DEMO_DOMAIN, seed, generatedAt: now.toISOString() },
    people: [
      ...people.map((p) => ({ upn: p.upn, displayName: p.displayName, email: p.upn })),
      { upn: DEMO_ADMIN_UPN, displayName: DEMO_ADMIN_NAME, email: DEMO_ADMIN_UPN },
    ],
    personas,
    groups,
    departments,
    staff,
    trainingCourses,
    systems,
    incidents,
    timeline,
    actions,
    trainingCompletions: completions,
  };
}

/** Helper for tests and the seeder: the RNG type is part of the public shape of the generators. */
export type { Rng };
