import type { MessagingExtensionQuery, MessagingExtensionResponse, MessagingExtensionResult } from '@microsoft/teams.api';
import type { SystemRecord } from '../shared/schema/index.js';
import { systemResult, type SystemResult } from './cards/system.js';
import { texts, type Lang } from './i18n.js';
import type { BotData } from './ports.js';
import { NO_LINKS, type TabLinks } from './links.js';

export const FIND_COMMAND = 'findSystem';
/** Results per page (Teams shows about 10 before scrolling; it asks for more with queryOptions.skip). */
export const PAGE_SIZE = 10;
/** Hits fetched for one query; paging past this is not useful in a compose box. */
export const MAX_HITS = 50;

/** `value` of composeExtension/query (the SDK's type). */
export type QueryValue = MessagingExtensionQuery;

/** The SDK's search response, narrowed to what "Hitta system" answers with. */
export type SearchResponse = Omit<MessagingExtensionResponse, 'composeExtension'> & {
  composeExtension: Omit<MessagingExtensionResult, 'attachments'> & { attachments?: SystemResult[] };
};

export function queryText(value: QueryValue): string {
  const params = value.parameters ?? [];
  // initialRun sends { name: 'initialRun', value: 'true' }: that is an empty search.
  const p = params.find((x) => x.name !== 'initialRun') ?? null;
  const v = p && typeof p.value === 'string' ? p.value : '';
  return v.trim().slice(0, 100);
}

/** Starts-with hits first (alphabetical), then names containing the text; case-insensitive. */
export function rankSystems(systems: SystemRecord[], query: string): SystemRecord[] {
  const q = query.toLocaleLowerCase('sv');
  const byName = (a: SystemRecord, b: SystemRecord) => a.title.localeCompare(b.title, 'sv');
  if (!q) return [...systems].sort(byName);
  const starts: SystemRecord[] = [];
  const contains: SystemRecord[] = [];
  const seen = new Set<number>();
  for (const s of systems) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const name = s.title.toLocaleLowerCase('sv');
    if (name.startsWith(q)) starts.push(s);
    else if (name.includes(q)) contains.push(s);
  }
  return [...starts.sort(byName), ...contains.sort(byName)];
}

/** composeExtension/query for "Hitta system": cards with owner, administrator, department, criticality, K/R/T. */
export async function findSystems(data: BotData, value: QueryValue, lang: Lang, links: TabLinks = NO_LINKS): Promise<SearchResponse> {
  const query = queryText(value);
  // Only punctuation or symbols ("*", "'", "%%"): no name can match; say what to type instead.
  if (query && !/[\p{L}\p{N}]/u.test(query)) return { composeExtension: { type: 'message', text: texts(lang).oddQuery } };
  const skip = Math.max(0, Math.min(Number(value.queryOptions?.skip ?? 0) || 0, MAX_HITS));
  const count = Math.max(1, Math.min(Number(value.queryOptions?.count ?? PAGE_SIZE) || PAGE_SIZE, 25));
  const hits = rankSystems(await data.searchSystems(query, Math.min(MAX_HITS, skip + count)), query);
  const page = hits.slice(skip, skip + count);
  if (page.length === 0 && skip === 0) {
    const t = texts(lang);
    return { composeExtension: { type: 'message', text: query ? t.noSystems : t.emptyRegister } };
  }
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: page.map((s) => systemResult(s, lang, links)) } };
}
