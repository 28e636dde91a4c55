export * from './types.js';
export { computeTasks, tasksOf, compareTasks, taskSettingsFrom, DEFAULT_TASK_SETTINGS, endOfStockholmDay, leaversOf } from './engine.js';
export { REGISTER_RULES, isCritical } from './register-rules.js';
import { REGISTER_RULES } from './register-rules.js';
import { INCIDENT_RULES } from './incident-rules.js';
import { PEOPLE_RULES } from './people-rules.js';
import { TRAINING_RULES } from './training-rules.js';
import type { TaskRule } from './types.js';

/**
 * Every rule the engine runs. Adding a rule = writing one function and adding it here (incident
 * deadlines and training rules join from their own files).
 */
export const TASK_RULES: readonly TaskRule[] = [...REGISTER_RULES, ...INCIDENT_RULES, ...PEOPLE_RULES, ...TRAINING_RULES];
export { INCIDENT_RULES, LEGAL_REPORT_RULES, OTHER_LEGAL_REPORT_RULE } from './incident-rules.js';
export { summariseTasks, matchesTaskFilter, type TaskOverview, type TaskCount, type TaskFilter } from './summary.js';
export { RULE_LABELS, ruleLabel } from './labels.js';
export { PEOPLE_RULES, leaverDecision, deviceReviewDates, responsibleFor, MOVE_FOLLOW_UP_DAYS } from './people-rules.js';
export { TRAINING_RULES, TRAINING_RULE_PREFIX, MY_TRAINING_ROUTE, COMPLIANCE_ROUTE } from './training-rules.js';
