export * from './types.js';
export { composeYearlyReport, asOfDate, YEARLY_HEADINGS, YEARLY_TITLE, BUDGET_LABELS, TRAINING_NOT_YET } from './yearly.js';
export { composeTermReport, validTerm, TERM_HEADINGS, TERM_TITLE } from './term.js';
export {
  yearlyDocument,
  termDocument,
  formatCell,
  type ReportDocument,
  type DocSection,
  type ReportTable,
  type Cell,
  type CellFormat,
} from './document.js';
export { reportSettingsFrom, reportBudgetsFrom } from './settings.js';
export { redactor, type Redactor } from './redact.js';
export {
  yearlyCharts,
  termCharts,
  chartTable,
  chartAltText,
  type ReportChart,
  type ChartSeries,
  type SeriesTone,
  type ChartText,
} from './charts.js';
