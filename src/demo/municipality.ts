import { createRng, type DemoData, type Rng } from './common.js';
import { generateActions } from './municipality/actions.js';
import { createContext } from './municipality/context.js';
import { introduceGaps } from './municipality/gaps.js';
import { DEMO_DOMAIN, DEMO_NAME } from './municipality/identity.js';
import { generateIncidents } from './municipality/incidents/register.js';
import { departmentDrafts, generatePeople, staffDrafts } from './municipality/people.js';
import { generateDevices } from './municipality/devices.js';
import { directoryPeople, groupsAndPersonas } from './municipality/personas.js';
import { generateSystems } from './municipality/systems.js';
import { demoSettings } from './municipality/settings.js';
import { generateTraining } from './municipality/training.js';

export * from './common.js';
export { DEMO_ADMIN_NAME, DEMO_ADMIN_UPN, DEMO_DOMAIN, DEMO_NAME } from './municipality/identity.js';

export interface DemoOptions {
  /** Same seed and now → the same data. Default 1. */
  seed?: number;
  /** Dates are laid out relative to this instant. Default: the current time. */
  now?: Date;
}

/**
 * Exempelkommun: departments, ~300 staff, ~65 systems, two years of incidents, actions and training,
 * with deliberate gaps so derived tasks appear. Pure and deterministic for a given seed and now.
 * The stages share one random sequence, so their order is part of the output.
 */
export function generateDemoMunicipality(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const ctx = createContext(createRng(seed), now);

  const cast = generatePeople(ctx);
  const systems = generateSystems(ctx, cast);
  introduceGaps(ctx, cast, systems);
  const { incidents, timeline, stories } = generateIncidents(ctx, cast, systems);
  const actions = generateActions(ctx, cast, systems, stories);
  const { trainingCourses, courseModules, trainingCompletions } = generateTraining(ctx, cast, systems);
  const { groups, personas } = groupsAndPersonas(cast, systems);

  return {
    municipality: { name: DEMO_NAME, domain: DEMO_DOMAIN, seed, generatedAt: now.toISOString() },
    people: directoryPeople(cast),
    personas,
    groups,
    departments: departmentDrafts(cast),
    staff: staffDrafts(cast, ctx.daysAgo),
    trainingCourses,
    courseModules,
    systems,
    incidents,
    timeline,
    actions,
    trainingCompletions,
    devices: generateDevices(cast, seed, ctx.daysAgo),
    settings: demoSettings(now, systems, incidents, actions),
  };
}

/** Helper for tests and the seeder: the RNG type is part of the public shape of the generators. */
export type { Rng };
