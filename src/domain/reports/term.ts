/**
 * "Återrapportering vid mandatperiodens slut" (seed 003): the guideline's five headings for a span
 * of years — the work done, the risks handled, the number of IT incidents, conclusions and the
 * budget per year. Composed from the same pieces as the yearly report, one year at a time, so a
 * year's figures are the same in both.
 */
import { toStockholmIso } from '../calendar.js';
import type { ReportData, ReportSettings, SectionTexts, TermReport } from './types.js';
import { composeActions, composeBudget, composeIncidents, composeStatus, reportRedactor } from './yearly.js';

export const TERM_TITLE = 'Återrapportering vid mandatperiodens slut';
export const TERM_HEADINGS = {
  work: '1 Beskrivning av det genomförda arbetet',
  risks: '2 Hanterade risker',
  incidents: '3 Antal incidenter inom IT',
  conclusions: '4 Slutsatser kring arbetet',
  budget: '5 Budget',
} as const;

/** A span the report can cover: at most 8 years (two terms), from ≤ to. */
export function validTerm(from: number, to: number): boolean {
  return Number.isInteger(from) && Number.isInteger(to) && from >= 2000 && to <= 2100 && from <= to && to - from < 8;
}

export function composeTermReport(
  data: ReportData,
  settings: ReportSettings,
  from: number,
  to: number,
  now: Date,
  texts: SectionTexts = {},
): TermReport {
  if (!validTerm(from, to)) throw new RangeError(`Ogiltig period ${from}–${to}.`);
  const redact = reportRedactor(data);
  const text = (key: string) => (texts[key]?.trim() ? redact(texts[key]) : null);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const perYear = years.map((year) => ({
    year,
    actions: composeActions(data, year, redact),
    incidents: composeIncidents(data, settings, year, now, redact),
    status: composeStatus(data, settings, year, now),
    budget: composeBudget(data, settings, year, redact),
  }));
  const risks = new Map<string, { risk: string; measures: number; years: Set<number> }>();
  const requirements = new Map<string, { code: string; title: string; count: number }>();
  for (const y of perYear) {
    for (const r of y.actions.risksAddressed) {
      const row = risks.get(r.key) ?? { risk: r.key, measures: 0, years: new Set<number>() };
      row.measures += r.count;
      row.years.add(y.year);
      risks.set(r.key, row);
    }
    for (const r of y.actions.requirementsAddressed) {
      const row = requirements.get(r.code) ?? { code: r.code, title: r.title, count: 0 };
      row.count += r.count;
      requirements.set(r.code, row);
    }
  }
  const kindCount = (y: (typeof perYear)[number], kind: string) => y.actions.byKind.find((k) => k.kind === kind)?.count ?? 0;
  const last = perYear[perYear.length - 1]!;
  return {
    kind: 'term',
    title: TERM_TITLE,
    municipality: settings.municipality,
    from,
    to,
    generatedAt: toStockholmIso(now),
    headings: Object.values(TERM_HEADINGS),
    sections: {
      work: {
        heading: TERM_HEADINGS.work,
        text: text('work'),
        perYear: perYear.map((y) => ({ year: y.year, byKind: y.actions.byKind, total: y.actions.total })),
      },
      risks: {
        heading: TERM_HEADINGS.risks,
        text: text('risks'),
        risks: [...risks.values()]
          .map((r) => ({ risk: r.risk, measures: r.measures, years: [...r.years].sort() }))
          .sort((a, b) => b.measures - a.measures || a.risk.localeCompare(b.risk, 'sv')),
        requirements: [...requirements.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
        handlingsplanNow: last.status.handlingsplan,
      },
      incidents: {
        heading: TERM_HEADINGS.incidents,
        text: text('incidents'),
        perYear: perYear.map((y) => ({
          year: y.year,
          total: y.incidents.total,
          significant: y.incidents.significant.length,
          bySeverity: y.incidents.bySeverity,
          byType: y.incidents.byType,
        })),
        total: perYear.reduce((a, y) => a + y.incidents.total, 0),
      },
      conclusions: {
        heading: TERM_HEADINGS.conclusions,
        text: text('conclusions'),
        perYear: perYear.map((y) => ({
          year: y.year,
          deadlinesMetShare: y.incidents.legal.deadlinesMetShare,
          medianDaysToClose: y.status.handling.medianDaysToClose,
          measures: kindCount(y, 'åtgärd'),
          reviews: kindCount(y, 'årlig genomgång'),
          continuityTests: kindCount(y, 'test av kontinuitetsplan'),
        })),
      },
      budget: {
        heading: TERM_HEADINGS.budget,
        text: text('budget'),
        perYear: perYear.map((y) => ({
          year: y.year,
          incidentCost: y.budget.incidents.cost,
          measuresCost: y.budget.measures.cost,
          unbudgeted: y.budget.unbudgeted.total,
          budget: y.budget.budgetTotal.budget,
          actual: y.budget.budgetTotal.actual,
        })),
        systemCostsNow: last.budget.systemCosts,
      },
    },
  };
}
