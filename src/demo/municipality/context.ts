import type { StaffTag } from '../catalog.js';
import { DAY, dateOnly, type Rng, type SymbolicDraft } from '../common.js';

/**
 * What every stage of the Exempelkommun generator shares: one random sequence (so the stages must
 * run in a fixed order) and the instant everything is laid out from.
 */
export interface DemoContext {
  rng: Rng;
  nowMs: number;
  /** Today in Europe/Stockholm, YYYY-MM-DD. */
  today: string;
  /** The Stockholm date `days` × 24 h before now (negative: after now). */
  daysAgo(days: number): string;
}

export function createContext(rng: Rng, now: Date): DemoContext {
  const nowMs = now.getTime();
  // Formatting in Europe/Stockholm is the costly part; there are only a few thousand distinct days.
  const days = new Map<number, string>();
  const daysAgo = (n: number) => {
    let d = days.get(n);
    if (d === undefined) days.set(n, (d = dateOnly(nowMs - n * DAY)));
    return d;
  };
  return { rng, nowMs, today: dateOnly(nowMs), daysAgo };
}

/** A person of the municipality while it is generated (becomes a staff item and a directory user). */
export interface Person {
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

export type SystemDraft = SymbolicDraft<'systems'>;
export type IncidentDraft = SymbolicDraft<'incidents'>;
export type TimelineDraft = SymbolicDraft<'timeline'>;
export type ActionDraft = SymbolicDraft<'actions'>;
