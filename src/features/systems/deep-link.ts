/**
 * What a task's link asks of the system page (src/domain/tasks: `?action=review`, `?edit=ansvar`,
 * `#avtal` …): which recording to open, which section to edit or show. Unknown values ask nothing.
 */
import type { SystemSectionKey } from './system-sections.js';

export type SystemPageAction = 'review' | 'classification' | 'continuityTest' | 'restoreTest';

const ACTIONS: Record<string, SystemPageAction> = {
  review: 'review',
  classify: 'classification',
  classification: 'classification',
  'continuity-test': 'continuityTest',
  'restore-test': 'restoreTest',
};

/** The sections' names in links (Swedish, as the tasks write them); the keys themselves work too. */
export const SECTION_SLUGS: Record<SystemSectionKey, string> = {
  responsibility: 'ansvar',
  classification: 'klassning',
  continuity: 'kontinuitet',
  contract: 'avtal',
  costs: 'kostnader',
  lifecycle: 'livscykel',
  dependencies: 'beroenden',
};

export function sectionForSlug(slug: string | null | undefined): SystemSectionKey | null {
  const value = (slug ?? '').trim().toLowerCase();
  if (!value) return null;
  for (const [key, s] of Object.entries(SECTION_SLUGS) as [SystemSectionKey, string][]) if (s === value || key === value) return key;
  return null;
}

export interface SystemDeepLink {
  action: SystemPageAction | null;
  /** `?edit=` present (edit mode), with the section to go to when it names one. */
  edit: { section: SystemSectionKey | null } | null;
  /** `#avtal`: the section to scroll to. */
  section: SystemSectionKey | null;
}

export function readSystemDeepLink(search: URLSearchParams, hash: string): SystemDeepLink {
  const action = ACTIONS[search.get('action')?.trim().toLowerCase() ?? ''] ?? null;
  const edit = search.has('edit') ? { section: sectionForSlug(search.get('edit')) } : null;
  return { action, edit, section: sectionForSlug(decodeURIComponent(hash.replace(/^#/, ''))) };
}
