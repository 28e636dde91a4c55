/**
 * The system page grouped the way an owner thinks: who is responsible, how the information is
 * classified, what happens when it is down, contracts and suppliers, costs, lifecycle and
 * dependencies (history is the page's own section: actions and incidents). Every field of the
 * `systems` list is placed in exactly one section (test/unit/tab/system-sections.test.ts), so a field
 * added to the schema cannot be forgotten on the page or in the form.
 */
import { listSpec, type FieldKey, type FieldSpec } from '../../shared/schema/index.js';

export type SystemSectionKey = 'responsibility' | 'classification' | 'continuity' | 'contract' | 'costs' | 'lifecycle' | 'dependencies';

/** The four classification levels and their justifications (a classification records these). */
export const CLASSIFICATION_FIELDS: readonly FieldKey<'systems'>[] = [
  'confidentiality',
  'confidentialityReason',
  'integrity',
  'integrityReason',
  'availability',
  'availabilityReason',
  'traceability',
  'traceabilityReason',
];

export const SYSTEM_SECTIONS: readonly { key: SystemSectionKey; fields: readonly FieldKey<'systems'>[] }[] = [
  {
    key: 'responsibility',
    fields: ['department', 'systemOwner', 'systemAdministrator', 'administrators', 'informationOwner', 'technicalContact'],
  },
  {
    key: 'classification',
    fields: [
      ...CLASSIFICATION_FIELDS,
      'classificationDate',
      'classifiedBy',
      'klassaReference',
      'personalData',
      'sensitivePersonalData',
      'securityPlanUrl',
    ],
  },
  {
    key: 'continuity',
    fields: [
      'criticality',
      'societallyCritical',
      'societallyCriticalReason',
      'acceptedDowntimeHours',
      'restoreTimeObjectiveHours',
      'acceptableDataLossHours',
      'restorePriority',
      'continuityPlanUrl',
      'continuityPlanTestedDate',
      'lastRestoreTestDate',
      'riskAnalysisDate',
      'riskAnalysisUrl',
    ],
  },
  {
    key: 'contract',
    fields: [
      'supplier',
      'supplierOrgNumber',
      'subSuppliers',
      'hosting',
      'contractReference',
      'contractEndDate',
      'contractNoticeMonths',
      'contractSecurityRequirements',
    ],
  },
  { key: 'costs', fields: ['costLicences', 'costOperation', 'costOther'] },
  {
    key: 'lifecycle',
    fields: [
      'title',
      'systemType',
      'description',
      'systemVersion',
      'externalId',
      'documentationUrl',
      'lifecycleStatus',
      'decommissionPlan',
      'lastReviewDate',
      'lastReviewedBy',
      'importNotes',
    ],
  },
  { key: 'dependencies', fields: ['dependsOn'] },
];

/** The schema's description of a systems field. */
export function systemField(key: string): FieldSpec {
  const f = listSpec('systems').fields.find((x) => x.key === key);
  if (!f) throw new Error(`Okänt fält i systemförteckningen: ${key}`);
  return f;
}

/** Set by Systemkoll when a review, classification or test is recorded (shown, not edited in the form). */
export const RECORDED_FIELDS: readonly FieldKey<'systems'>[] = [
  'lastReviewDate',
  'lastReviewedBy',
  'classificationDate',
  'classifiedBy',
  'continuityPlanTestedDate',
  'lastRestoreTestDate',
];
