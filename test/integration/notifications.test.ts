/**
 * The notification job against the local store seeded with Exempelkommun and the Graph-shaped local
 * endpoint: what each person receives is counted where Graph would deliver it. Interruptions,
 * throttling and a second job instance are simulated with injected senders, waits and clocks —
 * no sleeps, no wall clock.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoMunicipality } from '../../src/demo/municipality.js';
import { seedSite } from '../../src/demo/seed.js';
import { createSp } from '../../src/shared/data/sp.js';
import { createRepositories, where, type Repositories } from '../../src/shared/data/index.js';
import { createLocalAppToken } from '../../src/shared/auth/local-token.js';
import { startLocalGraph, type RunningLocalGraph } from '../../src/server/local-graph/index.js';
import { runNotificationJob, type NotificationJobOptions } from '../../src/server/notifications/job.js';
import { graphActivitySender, SendError, type NotificationSender } from '../../src/server/notifications/sender.js';
import { scheduleNotifications } from '../../src/server/notifications/schedule.js';
import { allTasks } from '../../src/server/tasks/load.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';

const NOW = new Date('2026-05-10T08:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let site: TestSite;
let graph: RunningLocalGraph;
/** Who has something to be told at NOW (overdue or new tasks). */
let recipients: string[];

/** App-only, as the bot host and the CLI write Aviseringar (nobody else may). */
function appRepos(): Repositories {
  return createRepositories(createSp({ siteUrl: site.siteUrl, getToken: async () => createLocalAppToken(), retryInterval: 20 }));
}

function graphSender(waits: number[] = []): NotificationSender {
  return graphActivitySender({
    baseUrl: graph.url,
    getToken: async () => createLocalAppToken(),
    wait: async (ms) => {
      waits.push(ms);
    },
  });
}

function run(options: Partial<NotificationJobOptions> & { now: Date }) {
  return runNotificationJob({
    repos: appRepos(),
    sender: graphSender(),
    channel: 'utkorg',
    webUrl: (route) => `http://127.0.0.1:5173${route}`,
    ...options,
  });
}

/** How many notifications each person has received at the local Graph endpoint. */
function receivedPerUser(): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of graph.received) out.set(n.user, (out.get(n.user) ?? 0) + 1);
  return out;
}

function expectEachOnce() {
  const per = receivedPerUser();
  expect([...per.keys()].sort()).toEqual(recipients);
  expect([...per.values()].every((n) => n === 1)).toBe(true);
}

async function outbox() {
  return site.reposAs(ADMIN).notifications.all();
}

beforeAll(async () => {
  site = await startTestSite();
  const data = generateDemoMunicipality({ seed: 1, now: new Date('2026-05-10T10:00:00Z') });
  site.store.addDirectoryUsers(data.people);
  site.store.setPersonas(data.personas);
  await seedSite(site.reposAs(ADMIN), data);
  graph = await startLocalGraph();
  const { tasks } = await allTasks(appRepos(), NOW);
  recipients = [...new Set(tasks.filter((t) => t.urgency !== 'senare').flatMap((t) => t.assignees))].sort();
}, 60_000);
afterAll(async () => {
  await graph?.close();
  await site?.close();
});

// Each scenario starts from an empty outbox and nothing received.
beforeEach(async () => {
  graph.reset();
  const admin = site.reposAs(ADMIN);
  const items = await admin.notifications.all();
  for (let i = 0; i < items.length; i += 20) await Promise.all(items.slice(i, i + 20).map((n) => admin.notifications.remove(n.id, '*')));
});

describe('notification job', () => {
  it('sends one digest per person, nothing more the same day, and overdue tasks again after the interval', async () => {
    expect(recipients.length).toBeGreaterThan(5);
    const first = await run({ now: NOW });
    expect(first).toMatchObject({ date: '2026-05-10', sent: recipients.length, skipped: 0, failed: 0, claimedByOther: 0, repeatDays: 7 });
    expectEachOnce();
    const sample = graph.received[0]!;
    expect(sample).toMatchObject({ activityType: 'taskDue', webUrl: 'http://127.0.0.1:5173/tasks' });
    expect(sample.previewText).toMatch(/^Du har \d+ (försenade |nya )?uppgifte?r? i Systemkoll/);
    expect(Object.keys(sample.templateParameters).sort()).toEqual(['dueDate', 'task']);

    const items = await outbox();
    expect(items).toHaveLength(recipients.length);
    for (const item of items) {
      expect(item).toMatchObject({ status: 'skickad', channel: 'utkorg', attempts: 1, link: 'http://127.0.0.1:5173/tasks' });
      expect(item.digestKey).toBe(`${item.recipient}|2026-05-10`);
      expect(Date.parse(item.sentAt!)).toBe(NOW.getTime());
    }

    // Later the same day: everything is told already.
    const again = await run({ now: at(3 * 60 * MINUTE) });
    expect(again).toMatchObject({ sent: 0, failed: 0, digests: [] });
    expect(graph.received).toHaveLength(recipients.length);
    // Six days on: still within the interval for the overdue ones, and the new ones are told once.
    const sixDays = await run({ now: at(6 * DAY) });
    const toldBefore = new Map(first.digests.map((d) => [d.recipient, new Set(d.taskIds)]));
    for (const d of sixDays.digests) for (const id of d.taskIds) expect(toldBefore.get(d.recipient)?.has(id) ?? false).toBe(false);

    // Seven days on: the overdue tasks are sent again, the new ones that were told are not.
    const week = await run({ now: at(7 * DAY) });
    const { tasks } = await allTasks(appRepos(), at(7 * DAY));
    const urgency = new Map(tasks.map((t) => [t.id, t.urgency]));
    const repeated = week.digests.flatMap((d) => d.taskIds.filter((id) => toldBefore.get(d.recipient)?.has(id)));
    expect(repeated.length).toBeGreaterThan(0);
    for (const id of repeated) expect(urgency.get(id)).toBe('försenad');
    const firstOverdue = first.digests.flatMap((d) =>
      d.taskIds.filter((id) => urgency.get(id) === 'försenad').map((id) => `${d.recipient} ${id}`),
    );
    const weekAll = new Set(week.digests.flatMap((d) => d.taskIds.map((id) => `${d.recipient} ${id}`)));
    for (const pair of firstOverdue) expect(weekAll.has(pair)).toBe(true);
  }, 30_000);

  it('resumes a run that died half-way without sending anyone anything twice', async () => {
    const k = 5;
    const controller = new AbortController();
    const real = graphSender();
    let sends = 0;
    // The process "dies" while the (k+1)-th digest is being sent: after k deliveries, before Graph.
    const dying: NotificationSender = {
      async send(digest, webUrl) {
        if (sends === k) {
          controller.abort();
          throw new Error('Processen avslutades');
        }
        sends++;
        await real.send(digest, webUrl);
      },
    };
    await expect(run({ now: NOW, sender: dying, signal: controller.signal })).rejects.toThrow();
    expect(graph.received).toHaveLength(k);
    const left = await outbox();
    expect(left.filter((n) => n.status === 'skickad')).toHaveLength(k);
    // The digest in flight stays claimed; nothing else was written.
    expect(left.filter((n) => n.status === 'skickas')).toHaveLength(1);
    expect(left).toHaveLength(k + 1);

    // A run within the lease leaves the claimed digest alone and sends the rest.
    const soon = await run({ now: NOW, clock: () => at(MINUTE) });
    // (the k delivered ones are not even planned: the history says they were told today).
    expect(soon).toMatchObject({ sent: recipients.length - k - 1, claimedByOther: 1, skipped: 0, failed: 0 });
    // After the lease the abandoned claim is taken over and sent.
    const later = await run({ now: NOW, clock: () => at(11 * MINUTE) });
    expect(later).toMatchObject({ sent: 1, claimedByOther: 0, skipped: 0, failed: 0 });
    expect(later.digests).toHaveLength(1);
    expectEachOnce();
    const done = await outbox();
    expect(done.every((n) => n.status === 'skickad')).toBe(true);
    expect(done.filter((n) => n.attempts === 2)).toHaveLength(1);
    // Nothing left for today.
    expect((await run({ now: at(MINUTE * 30) })).digests).toEqual([]);
  }, 30_000);

  it('waits as Graph says when throttled and loses nothing', async () => {
    graph.throttleNext(2, 2);
    const waits: number[] = [];
    const report = await run({ now: NOW, sender: graphSender(waits) });
    expect(waits).toEqual([2000, 2000]);
    expect(report).toMatchObject({ sent: recipients.length, failed: 0 });
    expect(graph.calls).toBe(recipients.length + 2);
    expectEachOnce();
  }, 30_000);

  it('stops asking Graph for the run when it keeps throttling, and the next run sends the rest', async () => {
    // More 429s than the sender retries (4): the first digest fails, the others wait for the next run.
    graph.throttleNext(5, 1);
    const waits: number[] = [];
    const first = await run({ now: NOW, sender: graphSender(waits) });
    expect(waits).toEqual([1000, 1000, 1000, 1000]);
    expect(first).toMatchObject({ sent: 0, failed: 1, deferred: recipients.length - 1 });
    expect(await outbox()).toHaveLength(1);
    const next = await run({ now: at(MINUTE) });
    expect(next).toMatchObject({ sent: recipients.length, failed: 0, deferred: 0 });
    expectEachOnce();
  }, 30_000);

  it('delivers each digest once when two job instances run at the same time', async () => {
    const [a, b] = await Promise.all([run({ now: NOW }), run({ now: NOW })]);
    expect(a.sent + b.sent).toBe(recipients.length);
    expect(a.failed + b.failed).toBe(0);
    // Whichever lost a digest saw the other's claim (still being sent, or already sent); a run that
    // read the history after the other had delivered some does not plan those at all.
    for (const r of [a, b]) expect(r.sent + r.claimedByOther + r.skipped).toBe(r.digests.length);
    expectEachOnce();
    // Both see an abandoned claim after its lease: only one takes it over (the etag decides).
    const key = (await outbox())[0]!;
    const admin = site.reposAs(ADMIN);
    await admin.notifications.update(key.id, { status: 'skickas', claimedAt: NOW.toISOString() }, '*');
    graph.reset();
    const clock = () => at(11 * MINUTE);
    const [c, d] = await Promise.all([run({ now: at(MINUTE), clock }), run({ now: at(MINUTE), clock })]);
    expect(c.sent + d.sent).toBe(1);
    expect(graph.received.map((n) => n.user)).toEqual([key.recipient]);
  }, 30_000);

  it('retries a failed digest on the next runs, at most three attempts, and records why', async () => {
    const victim = recipients[0]!;
    const real = graphSender();
    const failing: NotificationSender = {
      async send(digest, webUrl) {
        if (digest.recipient === victim) throw new SendError('Graph svarade 404 (Request_ResourceNotFound).', 404);
        await real.send(digest, webUrl);
      },
    };
    const reports = [];
    for (let i = 0; i < 4; i++) reports.push(await run({ now: at(i * MINUTE), sender: failing }));
    expect(reports.map((r) => [r.sent, r.failed, r.skipped])).toEqual([
      [recipients.length - 1, 1, 0],
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const [item] = await site.reposAs(ADMIN).notifications.list({ filter: where('notifications').eq('recipient', victim) });
    expect(item).toMatchObject({ status: 'misslyckad', attempts: 3, error: 'Graph svarade 404 (Request_ResourceNotFound).' });
  }, 30_000);

  it('plans without claiming or sending on a dry run', async () => {
    const report = await run({ now: NOW, dryRun: true });
    expect(report.digests).toHaveLength(recipients.length);
    expect(report.digests.every((d) => d.outcome === 'planned')).toBe(true);
    expect(report.sent).toBe(0);
    expect(graph.received).toHaveLength(0);
    expect(await outbox()).toHaveLength(0);
  }, 30_000);
});

describe('local Graph endpoint', () => {
  const post = (body: unknown, auth = 'Bearer x') =>
    fetch(`${graph.url}/v1.0/users/eva%40exempelkommun.se/teamwork/sendActivityNotification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
  const good = {
    topic: { source: 'text', value: 'Systemkoll', webUrl: 'https://teams.microsoft.com/l/entity/x/systemkoll' },
    activityType: 'taskDue',
    previewText: { content: 'Du har 1 ny uppgift i Systemkoll' },
    templateParameters: [{ name: 'task', value: 'X' }],
  };

  it('accepts what Graph accepts and refuses a bad body or a missing token as Graph does', async () => {
    graph.reset();
    expect((await post(good)).status).toBe(204);
    expect(graph.received).toEqual([
      expect.objectContaining({ user: 'eva@exempelkommun.se', activityType: 'taskDue', templateParameters: { task: 'X' } }),
    ]);
    const bad = await post({ ...good, topic: { source: 'text', value: 'Systemkoll' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
    expect((await post({ ...good, previewText: { content: 'x'.repeat(151) } })).status).toBe(400);
    expect((await post(good, '')).status).toBe(401);
    expect(graph.received).toHaveLength(1);
  });

  it('reports a dropped reply as an unknown outcome (delivered, but the sender cannot know)', async () => {
    graph.reset();
    graph.dropNextReplies(1);
    const sender = graphSender();
    const [digest] = (await run({ now: NOW, dryRun: true })).digests;
    await expect(
      sender.send(
        {
          key: digest!.key,
          recipient: digest!.recipient,
          date: '2026-05-10',
          tasks: [],
          taskIds: digest!.taskIds,
          overdue: digest!.overdue,
          title: 't',
          message: digest!.message,
          route: '/tasks',
          templateParameters: { task: 't', dueDate: '2026-05-10' },
        },
        'http://127.0.0.1:5173/tasks',
      ),
    ).rejects.toMatchObject({ name: 'SendError', status: undefined });
    expect(graph.received).toHaveLength(1);
  });
});

describe('notification schedule', () => {
  const report = {
    date: '2026-05-10',
    dryRun: false,
    channel: 'utkorg' as const,
    repeatDays: 7,
    sent: 1,
    skipped: 0,
    failed: 0,
    claimedByOther: 0,
    deferred: 0,
    digests: [],
  };

  it('runs one job at a time, logs a failed run instead of throwing, and stops a running job', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    let calls = 0;
    let seen: AbortSignal | undefined;
    const schedule = scheduleNotifications({
      intervalMinutes: 60,
      // Never by the timer in this test: runs are started by hand.
      firstRunDelayMs: 24 * 60 * MINUTE,
      log: (line) => log.push(line),
      run: async (signal) => {
        calls++;
        seen = signal;
        if (calls === 2) throw new Error('SharePoint svarar inte');
        await new Promise<void>((resolve) => (release = resolve));
        return report;
      },
    });
    const first = schedule.runNow();
    // A tick while the first run is going is skipped.
    expect(await schedule.runNow()).toBeNull();
    release();
    expect(await first).toBe(report);
    expect(await schedule.runNow()).toBeNull();
    expect(log).toEqual([
      'Aviseringar 2026-05-10: 1 skickade, 0 misslyckade, 0 hoppades över.',
      'Aviseringsjobbet misslyckades: SharePoint svarar inte',
    ]);
    const third = schedule.runNow();
    const stopping = schedule.stop();
    expect(seen?.aborted).toBe(true);
    release();
    await stopping;
    await third;
    expect(calls).toBe(3);
    expect(await schedule.runNow()).toBeNull();
  });
});
