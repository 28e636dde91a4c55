/**
 * The notification job on a timer in the bot host. One run at a time per process (a tick that finds
 * the previous run still going is skipped — across processes the claims in Aviseringar keep the
 * digests apart); a failed run is logged and the next tick tries again; the host never crashes
 * because of it. stop() ends the timer and stops a running job between digests.
 */
import type { NotificationRunReport } from './job.js';

export interface NotificationSchedule {
  /** Runs the job now unless one is running (returns null then). */
  runNow(): Promise<NotificationRunReport | null>;
  stop(): Promise<void>;
}

export function scheduleNotifications(options: {
  intervalMinutes: number;
  run: (signal: AbortSignal) => Promise<NotificationRunReport>;
  log: (line: string) => void;
  /** First run this long after start; default one interval. */
  firstRunDelayMs?: number;
}): NotificationSchedule {
  const intervalMs = options.intervalMinutes * 60_000;
  const controller = new AbortController();
  let running: Promise<NotificationRunReport | null> | null = null;
  let stopped = false;

  const runNow = (): Promise<NotificationRunReport | null> => {
    if (running || stopped) return Promise.resolve(null);
    running = options
      .run(controller.signal)
      .then(
        (report) => {
          if (report.sent || report.failed || report.deferred)
            options.log(
              `Aviseringar ${report.date}: ${report.sent} skickade, ${report.failed} misslyckade, ${report.skipped} hoppades över${report.deferred ? `, ${report.deferred} uppskjutna (Graph begränsar)` : ''}.`,
            );
          return report;
        },
        (error: unknown) => {
          if (!controller.signal.aborted)
            options.log(`Aviseringsjobbet misslyckades: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };

  let interval: NodeJS.Timeout | undefined;
  // A timer must never keep the process alive on its own (tests, Ctrl-C).
  const first = setTimeout(() => {
    void runNow();
    interval = setInterval(() => void runNow(), intervalMs);
    interval.unref();
  }, options.firstRunDelayMs ?? intervalMs);
  first.unref();

  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(first);
      if (interval) clearInterval(interval);
      controller.abort();
      await running;
    },
  };
}
