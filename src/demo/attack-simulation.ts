/**
 * Defender attack-simulation training status for the demo roster, as Graph's
 * getAttackSimulationTrainingUserCoverage answers it — what the local Graph endpoint serves in local
 * mode, so `npm run import -- attack-sim` has something to import. Deterministic (no random draws,
 * so the demo's own random sequence is untouched): each active member of staff has the campaign's
 * "Mass Market Phishing" training, seven in ten completed in the last 300 days, the rest in
 * progress, assigned or overdue; every third also completed "Spear Phishing"; plus a shared mailbox
 * Personal does not know.
 */
import type { TrainingCoverage } from '../domain/training/index.js';
import type { DemoData } from './common.js';
import { DEMO_DOMAIN } from './municipality/identity.js';

const DAY_MS = 86_400_000;
const NOT_DONE = ['inProgress', 'assigned', 'overdue'] as const;

export function demoTrainingCoverage(data: Pick<DemoData, 'staff'>, now: Date): TrainingCoverage[] {
  const at = (daysBack: number, hour: number) => new Date(now.getTime() - daysBack * DAY_MS - hour * 3_600_000).toISOString();
  const users: TrainingCoverage[] = data.staff
    .filter((s) => s.active !== false && s.email)
    .map((s, i) => {
      const assigned = at(320, 2);
      const done = i % 10 < 7;
      return {
        attackSimulationUser: {
          userId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
          displayName: s.title,
          email: s.email ?? null,
        },
        userTrainings: [
          {
            assignedDateTime: assigned,
            completionDateTime: done ? at(((i * 37) % 300) + 1, i % 9) : null,
            displayName: 'Mass Market Phishing',
            trainingStatus: done ? 'completed' : NOT_DONE[i % 3]!,
          },
          ...(i % 3 === 0
            ? [
                {
                  assignedDateTime: assigned,
                  completionDateTime: at(((i * 13) % 200) + 20, 3),
                  displayName: 'Spear Phishing',
                  trainingStatus: 'completed',
                },
              ]
            : []),
        ],
      };
    });
  users.push({
    attackSimulationUser: { userId: '00000000-0000-4000-8000-999999999999', displayName: 'Reception', email: `reception@${DEMO_DOMAIN}` },
    userTrainings: [
      { assignedDateTime: at(320, 2), completionDateTime: at(30, 1), displayName: 'Mass Market Phishing', trainingStatus: 'completed' },
    ],
  });
  return users;
}
