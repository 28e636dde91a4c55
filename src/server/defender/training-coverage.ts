/**
 * Microsoft Defender for Office 365 attack-simulation training status per user, read from Microsoft
 * Graph v1.0 `GET /reports/security/getAttackSimulationTrainingUserCoverage` (application permission
 * AttackSimulation.Read.All, app-only with the roster sync's app registration and certificate).
 * Graph pages the answer with @odata.nextLink; throttling (429/503 + Retry-After) is waited out by
 * the shared Graph read (src/server/graph/read.ts). Locally the bot host's Graph-shaped endpoint
 * answers the same shape (src/server/local-graph/training-coverage.ts).
 */
import type { TrainingCoverage } from '../../domain/training/index.js';
import { graphGet, type GraphReadCounts, type GraphReadOptions } from '../graph/read.js';

export const TRAINING_COVERAGE_PATH = '/v1.0/reports/security/getAttackSimulationTrainingUserCoverage';

export interface TrainingCoverageRead extends GraphReadCounts {
  users: TrainingCoverage[];
}

/** Every page of the report, in Graph's order. */
export async function readTrainingCoverage(options: GraphReadOptions & { graphBaseUrl: string }): Promise<TrainingCoverageRead> {
  const read: TrainingCoverageRead = { users: [], pages: 0, throttled: 0 };
  let url: string | undefined = `${options.graphBaseUrl.replace(/\/+$/, '')}${TRAINING_COVERAGE_PATH}`;
  while (url) {
    const res = await graphGet(options, url, read);
    if (res.status === 401 || res.status === 403)
      throw new Error(
        `Microsoft Graph nekade läsningen av Defenders utbildningsstatus (${res.status}): appregistreringen behöver programbehörigheten AttackSimulation.Read.All med administratörsmedgivande.`,
      );
    if (!res.ok)
      throw new Error(
        `Microsoft Graph svarade ${res.status} på getAttackSimulationTrainingUserCoverage: ${(await res.text()).slice(0, 300)}`,
      );
    const body = (await res.json()) as { value?: TrainingCoverage[]; '@odata.nextLink'?: string };
    read.pages++;
    read.users.push(...(body.value ?? []));
    url = body['@odata.nextLink'];
  }
  return read;
}
