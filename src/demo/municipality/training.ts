import { COURSES, courseDraft, courseModuleDrafts } from '../catalog.js';
import { addMonths, type SymbolicDraft } from '../common.js';
import type { DemoContext, Person, SystemDraft } from './context.js';
import { SITE } from './identity.js';
import type { Cast } from './people.js';
import { ownersAndAdminsOf } from './systems.js';

export interface Training {
  trainingCourses: SymbolicDraft<'trainingCourses'>[];
  /** The built-in course's lessons and questions (Kursmoduler). */
  courseModules: SymbolicDraft<'courseModules'>[];
  /** In date order. */
  trainingCompletions: SymbolicDraft<'trainingCompletions'>[];
}

/**
 * The catalogue's courses and two years of completions: compliance varying by department, new
 * hires not yet trained, phishing rounds, courses for system owners and external staff.
 */
export function generateTraining(
  { rng, today, daysAgo }: DemoContext,
  { people, employeePersona, ownerPersona, coordinator }: Cast,
  systems: readonly SystemDraft[],
): Training {
  const trainingCourses: SymbolicDraft<'trainingCourses'>[] = COURSES.map((c) => ({
    ...courseDraft(c),
    // A built-in course is taken in the tab (/training/courses/:id), not at a link.
    ...(c.builtIn ? {} : { courseUrl: `${SITE}/Utbildning/${c.slug}` }),
  }));
  const trainingCompletions: SymbolicDraft<'trainingCompletions'>[] = [];
  const complete = (p: Person, courseIndex: number, daysBack: number, scored = true) => {
    const c = COURSES[courseIndex] as (typeof COURSES)[number];
    const date = daysAgo(daysBack);
    if (date < p.startDate || date > today || (p.endDate && date > p.endDate)) return;
    const source = daysBack > 600 || courseIndex === 1 ? 'import' : rng.chance(0.05) ? 'manuell' : 'Teams-modul';
    trainingCompletions.push({
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
  const ownersAndAdmins = ownersAndAdminsOf(systems);
  const phishingRounds = [30, 210, 390, 570];
  for (const p of people) {
    // Grundkurs i informationssäkerhet, the built-in course (mandatory, 12 months).
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
  trainingCompletions.sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  return { trainingCourses, courseModules: courseModuleDrafts(COURSES), trainingCompletions };
}
