/**
 * The roster sync on a timer in the bot host (production): every ROSTER_SYNC_HOURS, app-only, one
 * run at a time; a failed run is logged and the next tick tries again — the host never stops for it.
 */
import type { Repositories } from '../../shared/data/index.js';
import { syncRoster } from './sync.js';

export function scheduleRosterSync(options: {
  hours: number;
  repos: Repositories;
  graphBaseUrl: string;
  getToken: () => Promise<string>;
  log: (line: string) => void;
}): { stop(): Promise<void> } | null {
  if (options.hours <= 0) return null;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = syncRoster({ repos: options.repos, graphBaseUrl: options.graphBaseUrl, getToken: options.getToken })
      .then(
        (r) => {
          if (r.created || r.updated || r.deactivated)
            options.log(
              `Personalen synkroniserad: ${r.created} nya, ${r.updated} ändrade, ${r.deactivated} inaktiverade, ${r.moved} bytte förvaltning.`,
            );
        },
        (error: unknown) =>
          options.log(`Synkroniseringen av personalen misslyckades: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 60_000);
  first.unref();
  const interval = setInterval(tick, options.hours * 3_600_000);
  interval.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(interval);
      await running;
    },
  };
}
