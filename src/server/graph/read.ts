/**
 * One Microsoft Graph GET with Graph's throttling waited out, shared by the reads that page through
 * Graph (the roster's users/delta, Defender's attack-simulation training coverage): a 429 or 503 is
 * asked again after its Retry-After (seconds; 0 means at once, a missing header 5 s, at most 60 s),
 * at most 20 times in one run. The app-only token is asked for per request (the provider caches).
 */
export interface GraphReadOptions {
  getToken: () => Promise<string>;
  /** Waits (ms) for throttling; injectable so tests never sleep. */
  wait?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** What a run met, for its report. */
export interface GraphReadCounts {
  pages: number;
  throttled: number;
}

const MAX_WAIT_MS = 60_000;
const MAX_THROTTLED = 20;
const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in ms: seconds as Graph sends them; 5 s when missing or unreadable; capped. */
function retryAfterMs(header: string | null): number {
  const seconds = header === null || header.trim() === '' ? Number.NaN : Number(header);
  return Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 5_000, MAX_WAIT_MS);
}

/** The first answer that is not throttling (the caller checks its status); counts the throttled ones. */
export async function graphGet(options: GraphReadOptions, url: string, counts: GraphReadCounts): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const wait = options.wait ?? timer;
  for (;;) {
    const res = await doFetch(url, { headers: { Authorization: `Bearer ${await options.getToken()}`, Accept: 'application/json' } });
    if (res.status !== 429 && res.status !== 503) return res;
    counts.throttled++;
    await res.body?.cancel().catch(() => undefined);
    if (counts.throttled > MAX_THROTTLED) throw new Error('Microsoft Graph begränsar fortfarande anropen; nästa körning försöker igen.');
    await wait(retryAfterMs(res.headers.get('retry-after')));
  }
}
