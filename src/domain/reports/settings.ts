/**
 * The reports' settings from the Konfiguration values: the register intervals (shared with the
 * tasks), the legal deadlines, the budgets per year and category and the municipality's name.
 */
import { legalDeadlinesFrom } from '../legal-clocks.js';
import { taskSettingsFrom } from '../tasks/engine.js';
import { BUDGET_CATEGORIES, type BudgetCategory, type ReportBudgets, type ReportSettings } from './types.js';

/** The `reportBudgets` value → budgets; a year or amount that is not well formed is left out. */
export function reportBudgetsFrom(value: unknown): ReportBudgets {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, Partial<Record<BudgetCategory, number>>> = {};
  for (const [year, row] of Object.entries(value as Record<string, unknown>)) {
    if (!/^\d{4}$/.test(year) || !row || typeof row !== 'object') continue;
    const budget: Partial<Record<BudgetCategory, number>> = {};
    for (const c of BUDGET_CATEGORIES) {
      const raw = (row as Record<string, unknown>)[c];
      const n = typeof raw === 'string' && raw.trim() ? Number(raw) : raw;
      if (typeof n === 'number' && Number.isFinite(n) && n >= 0) budget[c] = n;
    }
    out[year] = budget;
  }
  return out;
}

export function reportSettingsFrom(values: Readonly<Record<string, unknown>>, fallbackName: string): ReportSettings {
  const tasks = taskSettingsFrom(values);
  const name =
    typeof values.municipalityName === 'string' && values.municipalityName.trim() ? values.municipalityName.trim() : fallbackName;
  return {
    municipality: name,
    reviewIntervalMonths: tasks.reviewIntervalMonths,
    classificationMaxAgeMonths: tasks.classificationMaxAgeMonths,
    continuityTestIntervalMonths: tasks.continuityTestIntervalMonths,
    restoreTestIntervalMonths: tasks.restoreTestIntervalMonths,
    legalDeadlines: legalDeadlinesFrom(values.legalDeadlines),
    budgets: reportBudgetsFrom(values.reportBudgets),
    trainingTarget:
      typeof values.trainingComplianceTarget === 'number' && values.trainingComplianceTarget >= 0 && values.trainingComplianceTarget <= 1
        ? values.trainingComplianceTarget
        : null,
  };
}
