/** Fault injection: throttling, latency and dropped connections, to exercise clients' retry logic. */
export interface FaultRule {
  /** Regular expression tested against path + query. */
  match?: string;
  method?: string;
  status?: 429 | 503 | 504;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  latencyMs?: number;
  /** Destroy the socket without answering (before the request is run). */
  drop?: boolean;
  /** Run the request (its change is committed), then destroy the socket instead of answering. */
  dropReply?: boolean;
  /** Apply to the next N matching requests, then stop. */
  times?: number;
}

interface ActiveRule {
  rule: FaultRule;
  regex: RegExp | null;
  remaining: number;
}

export class Faults {
  private rules: ActiveRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({
      rule,
      regex: rule.match ? new RegExp(rule.match) : null,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** The first rule matching the request, consuming one of its `times`. */
  take(method: string, pathAndQuery: string): FaultRule | null {
    for (const r of this.rules) {
      if (r.remaining <= 0) continue;
      if (r.rule.method && r.rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (r.regex && !r.regex.test(pathAndQuery)) continue;
      r.remaining--;
      return r.rule;
    }
    return null;
  }
}

export function parseFaultsEnv(value: string | undefined): FaultRule[] | undefined {
  if (!value) return undefined;
  const parsed = JSON.parse(value) as unknown;
  if (!Array.isArray(parsed)) throw new Error('LOCAL_SP_FAULTS must be a JSON array of fault rules');
  return parsed as FaultRule[];
}
