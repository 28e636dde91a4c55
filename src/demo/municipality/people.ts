import { DEPARTMENTS, EXTERNALS, type StaffTag } from '../catalog.js';
import { FIRST_NAMES, LAST_NAMES, upnAllocator, type SymbolicDraft } from '../common.js';
import type { DemoContext, Person } from './context.js';
import { DEMO_DOMAIN } from './identity.js';

/** The people of Exempelkommun and the ones the story needs by name. */
export interface Cast {
  /** Everyone, in the order they were generated. */
  people: Person[];
  active: Person[];
  /** Each department's key staff (managers, chiefs, administrators …), from the catalogue. */
  fixedStaff: Person[];
  /** A teacher who stays; the employee persona. */
  employeePersona: Person;
  /** The home-care unit manager; the system-owner persona. */
  ownerPersona: Person;
  /** The information security coordinator; the coordinator persona. */
  coordinator: Person;
  securityTeam: Person[];
  itTechs: Person[];
  /** Key staff of a department carrying one of the tags. */
  byTag(dept: string, ...tags: StaffTag[]): Person[];
  managerOf(dept: string): Person;
}

/** ~300 staff in the catalogue's departments plus external consultants, with leavers, leaving and new hires. */
export function generatePeople({ rng, daysAgo }: DemoContext): Cast {
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

  const byTag = (dept: string, ...tags: StaffTag[]) => fixedStaff.filter((p) => p.dept === dept && p.tag !== null && tags.includes(p.tag));
  const coordinator = fixedStaff.find((p) => p.jobTitle === 'Informationssäkerhetssamordnare') as Person;
  return {
    people,
    active: people.filter((p) => p.active),
    fixedStaff,
    employeePersona,
    ownerPersona: fixedStaff.find((p) => p.jobTitle === 'Enhetschef hemtjänst') as Person,
    coordinator,
    securityTeam: [coordinator, ...fixedStaff.filter((p) => p.jobTitle === 'IT-säkerhetsspecialist' || p.jobTitle === 'IT-chef')],
    itTechs: people.filter(
      (p) => p.dept === 'IT' && !p.external && p.active && (p.tag === 'tech' || p.tag === 'admin' || /tekniker/.test(p.jobTitle)),
    ),
    byTag,
    managerOf: (dept) => byTag(dept, 'manager')[0] as Person,
  };
}

export function departmentDrafts({ managerOf }: Cast): SymbolicDraft<'departments'>[] {
  return DEPARTMENTS.map((d) => ({
    title: d.title,
    code: d.code,
    manager: managerOf(d.code).upn,
  }));
}

/**
 * The roster as Entra ID would give it: everyone's manager is their förvaltning's manager (the
 * managers report to the municipal director, who is not in the demo), except home care, whose
 * assistant nurses report to the home-care unit manager (the system-owner persona). One of them
 * moved from the social services ten days ago and another leaves in two weeks, so the persona sees
 * a mover's and a leaver's device tasks.
 */
export function staffDrafts({ people, managerOf, ownerPersona }: Cast, daysAgo?: (n: number) => string): SymbolicDraft<'staff'>[] {
  const homeCare = people.filter(
    (p) => p.dept === ownerPersona.dept && p.active && !p.external && p.tag === null && /Undersköterska|Vårdbiträde/.test(p.jobTitle),
  );
  const mover = homeCare.find((p) => !p.endDate);
  const leaving = homeCare.find((p) => !p.endDate && p !== mover);
  const managerFor = (p: Person) => (homeCare.includes(p) ? ownerPersona.upn : managerOf(p.dept).upn);
  return people.map((p) => ({
    ...(managerFor(p) !== p.upn ? { manager: managerFor(p) } : {}),
    ...(daysAgo && p === mover ? { movedAt: daysAgo(10), previousDepartment: 'SOC' } : {}),
    title: p.displayName,
    person: p.upn,
    email: p.upn,
    department: p.dept,
    jobTitle: p.jobTitle,
    external: p.external,
    active: p.active,
    startDate: p.startDate,
    ...(p.endDate ? { endDate: p.endDate } : daysAgo && p === leaving ? { endDate: daysAgo(-14) } : {}),
  }));
}
