import { stockholmYear } from '../domain/calendar.js';
import { formatIncidentReference } from '../domain/incident-reference.js';
import type { RoleKey } from '../shared/schema/index.js';
import { COURSES, courseDraft, courseModuleDrafts, DEPARTMENTS, INCIDENT_TEMPLATES, REASONS, SYSTEMS } from './catalog.js';
import {
  addMonths,
  createRng,
  DAY,
  dateOnly,
  FIRST_NAMES,
  HOUR,
  instant,
  LAST_NAMES,
  upnAllocator,
  type DemoData,
  type SymbolicDraft,
} from './common.js';
import { DEMO_ADMIN_NAME, DEMO_ADMIN_UPN, DEMO_DOMAIN } from './municipality/identity.js';

export interface ScaleOptions {
  seed?: number;
  now?: Date;
  systems?: number;
  incidents?: number;
  /** Training completions. */
  completions?: number;
  staff?: number;
}

const EXTRA_DEPARTMENTS = [
  'Räddningstjänsten',
  'Arbetsmarknadsförvaltningen',
  'Tekniska förvaltningen',
  'Överförmyndarförvaltningen',
  'Servicecenter',
  'Gymnasieförvaltningen',
  'Kostenheten',
  'Lokalförsörjningen',
  'Näringslivsenheten',
  'Exempelkommun Energi AB',
  'Exempelkommun Bostäder AB',
  'Exempelkommun Vatten och avfall AB',
];

/**
 * A large municipality (or a region) in the same symbolic shape as generateDemoMunicipality(), for
 * benchmarks: exactly the requested numbers of staff, systems, incidents and completions, generated
 * in plain loops (100,000 completions in well under a second). Deterministic for seed and now.
 * Less storytelling than the demo: every value is valid, few are interesting.
 */
export function generateScaleData(options: ScaleOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const nStaff = Math.max(4, options.staff ?? 10_000);
  const nSystems = Math.max(0, options.systems ?? 2_000);
  const nIncidents = Math.max(0, options.incidents ?? 20_000);
  const nCompletions = Math.max(0, options.completions ?? 100_000);
  const rng = createRng(seed);
  // Formatting dates in Europe/Stockholm is the costly part; there are only ~800 distinct days.
  const dayCache = new Map<number, string>();
  const daysAgo = (days: number) => {
    let d = dayCache.get(days);
    if (d === undefined) dayCache.set(days, (d = dateOnly(nowMs - days * DAY)));
    return d;
  };

  // Departments: the demo's eight plus more, as in a large municipality with companies.
  const deptDefs = [
    ...DEPARTMENTS.map((d) => ({ code: d.code, title: d.title, roles: d.roles.map(([t]) => t) })),
    ...EXTRA_DEPARTMENTS.map((title, i) => ({
      code: `F${String(i + 1).padStart(2, '0')}`,
      title,
      roles: ['Handläggare', 'Administratör', 'Enhetschef', 'Specialist'],
    })),
  ];

  const upnOf = upnAllocator(DEMO_DOMAIN);
  const people: DemoData['people'] = [];
  const staff: SymbolicDraft<'staff'>[] = [];
  const staffName: string[] = [];
  for (let i = 0; i < nStaff; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const upn = upnOf(first, last);
    const dept = deptDefs[i % deptDefs.length] as (typeof deptDefs)[number];
    const external = i % 50 === 49;
    const activeNow = i % 40 !== 39;
    const startDate = daysAgo(800 + (i % 5000));
    const displayName = `${first} ${last}`;
    people.push({ upn, displayName, email: upn });
    staffName.push(displayName);
    staff.push({
      title: displayName,
      person: upn,
      email: upn,
      department: dept.code,
      jobTitle: i < deptDefs.length ? 'Förvaltningschef' : external ? 'Konsult' : (dept.roles[i % dept.roles.length] as string),
      external,
      active: activeNow,
      startDate,
      ...(activeNow ? {} : { endDate: daysAgo(1 + (i % 300)) }),
    });
  }
  // Teams of 25 under a team leader (the first of each 25); team leaders report to their förvaltning's head.
  staff.forEach((s, i) => {
    if (i < deptDefs.length) return;
    const lead = i - (i % 25);
    s.manager = (staff[lead >= deptDefs.length && lead !== i ? lead : i % deptDefs.length] as SymbolicDraft<'staff'>).person as string;
  });
  // A computer each, a phone with a subscription for every third: ~1.7 devices per person.
  const devices: SymbolicDraft<'devices'>[] = [];
  staff.forEach((s, i) => {
    const holder = { holder: s.person as string, holderEmail: s.person as string };
    const status = s.active ? 'i bruk' : i % 3 === 0 ? 'återlämnad' : 'i bruk';
    devices.push({
      title: 'Bärbar dator',
      kind: 'dator',
      identifier: `PC-${100000 + i}`,
      purchaseDate: daysAgo(30 + (i % 1800)),
      ...holder,
      status,
    });
    if (i % 3 === 0) {
      devices.push({
        title: 'Mobiltelefon',
        kind: 'mobiltelefon',
        identifier: `IMEI-${200000 + i}`,
        purchaseDate: daysAgo(30 + (i % 1500)),
        ...holder,
        status,
      });
      devices.push({
        title: 'Mobilabonnemang',
        kind: 'abonnemang',
        identifier: `070-${300000 + i}`,
        ...holder,
        status: s.active ? 'i bruk' : 'avslutad',
      });
    }
  });
  people.push({ upn: DEMO_ADMIN_UPN, displayName: DEMO_ADMIN_NAME, email: DEMO_ADMIN_UPN });
  const upnAt = (i: number) => (staff[i % nStaff] as SymbolicDraft<'staff'>).person as string;
  const departments: SymbolicDraft<'departments'>[] = deptDefs.map((d, i) => ({ title: d.title, code: d.code, manager: upnAt(i) }));

  // Systems: the demo catalogue repeated with numbered titles; owners spread over the staff.
  const systems: SymbolicDraft<'systems'>[] = [];
  const systemTitles: string[] = [];
  for (let i = 0; i < nSystems; i++) {
    const def = SYSTEMS[i % SYSTEMS.length] as (typeof SYSTEMS)[number];
    const round = Math.floor(i / SYSTEMS.length);
    const title = round === 0 ? def.title : `${def.title} ${round + 1}`;
    systemTitles.push(title);
    const [k, r, t, s] = def.krts;
    const gap = i % 17 === 0;
    systems.push({
      title,
      description: def.description,
      department: deptDefs[i % deptDefs.length]!.code,
      lifecycleStatus: def.lifecycle ?? 'i drift',
      ...(gap ? {} : { systemOwner: upnAt(i * 7 + 3) }),
      systemAdministrator: upnAt(i * 11 + 5),
      supplier: def.supplier,
      hosting: def.hosting,
      contractReference: `AVT-${2016 + (i % 10)}-${String(i).padStart(5, '0')}`,
      contractEndDate: daysAgo(-(10 + ((i * 37) % 1400))),
      contractNoticeMonths: [3, 6, 9, 12][i % 4] as number,
      contractSecurityRequirements: i % 9 === 0 ? 'nej' : 'ja',
      costLicences: 10_000 + ((i * 7919) % 900) * 1000,
      costOperation: 5_000 + ((i * 104729) % 400) * 1000,
      costOther: 0,
      confidentiality: k,
      confidentialityReason: REASONS.confidentiality[k - 1],
      integrity: r,
      integrityReason: REASONS.integrity[r - 1],
      availability: t,
      availabilityReason: REASONS.availability[t - 1],
      traceability: s,
      traceabilityReason: REASONS.traceability[s - 1],
      classificationDate: daysAgo(30 + ((i * 13) % 1300)),
      personalData: def.pd > 0,
      sensitivePersonalData: def.pd === 2,
      criticality: def.criticality === 'samhällsviktig' ? 'verksamhetskritisk' : def.criticality,
      societallyCritical: def.criticality === 'samhällsviktig',
      acceptedDowntimeHours: def.criticality === 'samhällsviktig' ? 4 : def.criticality === 'verksamhetskritisk' ? 24 : 120,
      restorePriority: i + 1,
      ...(def.criticality !== 'övrig' ? { continuityPlanTestedDate: daysAgo(10 + ((i * 29) % 500)) } : {}),
      lastReviewDate: daysAgo(5 + ((i * 31) % 500)),
    });
  }

  // Incidents over two years, in report order, numbered per year.
  const incidents: SymbolicDraft<'incidents'>[] = [];
  const timeline: SymbolicDraft<'timeline'>[] = [];
  const span = 730 * DAY;
  const perYear = new Map<number, number>();
  const statuses = ['ny', 'under bedömning', 'pågående', 'avslutad'] as const;
  const severities = ['kritisk', 'hög', 'medel', 'låg'] as const;
  const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
  for (let i = 0; i < nIncidents; i++) {
    const t = INCIDENT_TEMPLATES[i % INCIDENT_TEMPLATES.length] as (typeof INCIDENT_TEMPLATES)[number];
    const reportedMs = nowMs - span + Math.floor(((i + 0.5) / Math.max(1, nIncidents)) * (span - DAY));
    const year = stockholmYear(new Date(reportedMs));
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const ref = formatIncidentReference(year, n);
    const recent = nowMs - reportedMs < 30 * DAY;
    const status = recent ? statuses[i % 4]! : 'avslutad';
    const sev = i % 4;
    const reporter = upnAt(i * 13 + 1);
    const assignee = upnAt((i % 5) * 97);
    incidents.push({
      title: t.title,
      referenceNumber: ref,
      submissionKey: `scale-${seed}-${i}`,
      reporter,
      reportedAt: instant(reportedMs),
      detectedAt: instant(reportedMs - 30 * 60_000),
      awareAt: instant(reportedMs + 15 * 60_000),
      source: i % 2 === 0 ? 'Teams-chatt' : 'flik',
      description: t.description,
      affectedSystems: nSystems > 0 ? [systemTitles[(i * 7) % nSystems] as string] : [],
      ...(nSystems > 0 ? { mainSystem: systemTitles[(i * 7) % nSystems] as string } : {}),
      type: t.type,
      category: t.category,
      cause: t.cause,
      personalDataInvolved: t.personalData,
      nis2Significant: i % 997 === 0 ? 'ja' : 'nej',
      severity: severities[sev]!,
      priority: priorities[sev]!,
      status,
      ...(status === 'ny' ? {} : { assignee }),
      ...(status === 'avslutad'
        ? { closedAt: instant(Math.min(reportedMs + 3 * DAY, nowMs - HOUR)), rootCause: t.rootCause, effortHours: 1 + (i % 20) }
        : {}),
    });
    timeline.push({ title: 'Rapporterad', incident: ref, at: instant(reportedMs), kind: 'rapporterad', person: reporter });
    if (status !== 'ny')
      timeline.push({
        title: `Status: ny → ${status}`,
        incident: ref,
        at: instant(reportedMs + HOUR),
        kind: 'statusändring',
        person: assignee,
      });
  }

  // Actions: one yearly review per system, a classification for every fourth.
  const actions: SymbolicDraft<'actions'>[] = [];
  for (let i = 0; i < nSystems; i++) {
    const s = systems[i] as SymbolicDraft<'systems'>;
    actions.push({
      title: `Årlig genomgång av ${s.title}`,
      kind: 'årlig genomgång',
      system: s.title,
      date: s.lastReviewDate as string,
      person: s.systemAdministrator as string,
      hours: 2 + (i % 4),
      cost: 0,
    });
    if (i % 4 === 0) {
      actions.push({
        title: `Informationsklassning av ${s.title}`,
        kind: 'informationsklassning',
        system: s.title,
        date: s.classificationDate as string,
        person: s.systemAdministrator as string,
        hours: 6,
        cost: 0,
      });
    }
  }

  // Courses and exactly nCompletions completions: round k covers every person once, each round
  // in its own 70-day window, so person|course|date keys never repeat.
  const courses = COURSES.filter((c) => c.active);
  const trainingCourses: SymbolicDraft<'trainingCourses'>[] = courses.map(courseDraft);
  const courseModules = courseModuleDrafts(courses);
  const trainingCompletions: SymbolicDraft<'trainingCompletions'>[] = new Array(nCompletions);
  for (let c = 0; c < nCompletions; c++) {
    const p = c % nStaff;
    const round = Math.floor(c / nStaff);
    const course = courses[(p + round) % courses.length] as (typeof courses)[number];
    const date = daysAgo(round * 70 + ((p * 31 + round) % 60));
    const upn = upnAt(p);
    trainingCompletions[c] = {
      title: `${staffName[p]} – ${course.title}`,
      person: upn,
      course: course.title,
      completedAt: date,
      ...(course.recertificationMonths > 0 ? { expiresAt: addMonths(date, course.recertificationMonths) } : {}),
      source: 'Teams-modul',
      score: 60 + ((p + round) % 41),
      completionKey: `${upn}|${course.title}|${date}`,
    };
  }

  const owners = new Set<string>();
  for (const s of systems) {
    if (s.systemOwner) owners.add(s.systemOwner);
    if (s.systemAdministrator) owners.add(s.systemAdministrator);
  }
  const employee = upnAt(Math.min(nStaff - 1, deptDefs.length + 1));
  const owner = systems[1]?.systemOwner ?? upnAt(0);
  const coordinator = upnAt(0);
  const groups: Record<RoleKey, string[]> = {
    employees: staff.filter((s) => s.active).map((s) => s.person as string),
    systemOwners: [...owners],
    securityCoordinators: [coordinator],
    admins: [DEMO_ADMIN_UPN],
  };
  const nameOf = (upn: string) => people.find((p) => p.upn === upn)?.displayName ?? upn;
  return {
    municipality: { name: 'Storkommun (skaldata)', domain: DEMO_DOMAIN, seed, generatedAt: now.toISOString() },
    people,
    personas: [
      { upn: employee, role: 'employee', title: `${nameOf(employee)} – medarbetare` },
      { upn: owner, role: 'systemOwner', title: `${nameOf(owner)} – systemägare` },
      { upn: coordinator, role: 'securityCoordinator', title: `${nameOf(coordinator)} – informationssäkerhetssamordnare` },
      { upn: DEMO_ADMIN_UPN, role: 'admin', title: `${DEMO_ADMIN_NAME} – IT-administratör` },
    ],
    groups,
    departments,
    staff,
    devices,
    settings: [],
    trainingCourses,
    courseModules,
    systems,
    incidents,
    timeline,
    actions,
    trainingCompletions,
  };
}
