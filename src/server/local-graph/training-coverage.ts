/**
 * The attack-simulation part of the local Graph endpoint:
 * `GET /v1.0/reports/security/getAttackSimulationTrainingUserCoverage` the way Graph answers it — a
 * collection of attackSimulationTrainingUserCoverage in pages, each but the last with an
 * `@odata.nextLink` carrying an opaque `$skiptoken`. The users come from `setUsers` (tests) or, until
 * then, from a provider (the bot host's local mode: the demo roster's training status).
 */
import type { TrainingCoverage } from '../../domain/training/index.js';
import { TRAINING_COVERAGE_PATH } from '../defender/training-coverage.js';

export interface LocalTrainingCoverage {
  setUsers(users: readonly TrainingCoverage[]): void;
  /** Users per page. */
  pageSize: number;
  /** The body to send for a GET (its query), with `base` the endpoint's own address. */
  answer(query: URLSearchParams, base: string): { status: number; body: unknown };
}

export function createLocalTrainingCoverage(provider?: () => TrainingCoverage[]): LocalTrainingCoverage {
  let users: TrainingCoverage[] | null = null;
  const current = () => (users ??= provider ? provider() : []);
  return {
    pageSize: 100,
    setUsers(next) {
      users = next.map((u) => structuredClone(u));
    },
    answer(query, base) {
      const skip = query.get('$skiptoken');
      const offset = skip === null ? 0 : Number(skip);
      if (!Number.isInteger(offset) || offset < 0)
        return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid skip token.' } } };
      const all = current();
      const end = offset + this.pageSize;
      return {
        status: 200,
        body: {
          '@odata.context': `${base}/v1.0/$metadata#Collection(microsoft.graph.attackSimulationTrainingUserCoverage)`,
          value: all.slice(offset, end),
          ...(end < all.length ? { '@odata.nextLink': `${base}${TRAINING_COVERAGE_PATH}?$skiptoken=${end}` } : {}),
        },
      };
    },
  };
}
