import { stockholmYear } from '../../domain/calendar.js';
import type { SymbolicDraft } from '../common.js';
import { DEMO_NAME } from './identity.js';

/** A Konfiguration value the demo sets (JSON as the settings list stores it). */
export interface DemoSetting {
  key: string;
  value: unknown;
}

const round = (n: number, to: number) => Math.round(n / to) * to;
const sum = (xs: readonly (number | null | undefined)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/**
 * The settings that make the demo's reports read like a municipality's: its name on the title
 * page and a budget per category for last year and this year, set near what the data adds up to
 * (licences a little under, operation a little over, incident handling under in one year), so
 * budget against actual shows both signs. Pure: derived from the generated items, no randomness,
 * so the other stages' random sequence is untouched.
 */
export function demoSettings(
  now: Date,
  systems: readonly SymbolicDraft<'systems'>[],
  incidents: readonly SymbolicDraft<'incidents'>[],
  actions: readonly SymbolicDraft<'actions'>[],
): DemoSetting[] {
  const running = systems.filter((s) => s.lifecycleStatus === 'i drift' || s.lifecycleStatus === 'under avveckling');
  const licences = sum(running.map((s) => s.costLicences));
  const operation = sum(running.map((s) => s.costOperation));
  const other = sum(running.map((s) => s.costOther));
  const thisYear = stockholmYear(now);
  const budgets: Record<string, Record<string, number>> = {};
  for (const [k, year] of [thisYear - 1, thisYear].entries()) {
    const incidentCost = sum(incidents.filter((i) => i.reportedAt && stockholmYear(i.reportedAt) === year).map((i) => i.cost));
    const measuresCost = sum(actions.filter((a) => a.date?.slice(0, 4) === String(year)).map((a) => a.cost));
    budgets[String(year)] = {
      licences: round(licences * (k === 0 ? 0.96 : 0.98), 100_000),
      operation: round(operation * 1.05, 100_000),
      other: round(other * 1.1 + 50_000, 50_000),
      incidents: Math.max(50_000, round(incidentCost * (k === 0 ? 0.85 : 1.2), 50_000)),
      measures: Math.max(100_000, round(measuresCost * 1.1, 50_000)),
    };
  }
  return [
    { key: 'municipalityName', value: DEMO_NAME },
    { key: 'reportBudgets', value: budgets },
  ];
}
