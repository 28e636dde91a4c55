/**
 * The trust model under a bad network: hundreds of bot reports while the store throttles (429/503,
 * Retry-After 0), adds latency, drops connections before a request runs (`drop`) and drops replies
 * after it committed (`dropReply`). Afterwards, with faults off, nothing may be lost, duplicated or
 * stored without its reporter, and whoever was told "not stored" must really have nothing stored.
 * No wall-clock assertions and no sleeps: outcomes are read from the answers and from the store.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot/index.js';
import { Faults, type FaultRule } from '../../src/server/local-sharepoint/faults.js';
import { botSv } from '../../src/shared/i18n/bot.js';
import type { Incident } from '../../src/shared/schema/index.js';
import { ADMIN, startTestSite, type TestSite } from '../support/local-site.js';
import { cardTexts, findElement, invokeActivity, post } from './helpers.js';

const USERS = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { id: `29:fel-${n}`, upn: `fel${n}.testare@exempelkommun.se`, name: `Fel Testare ${n}`, aadObjectId: `aad-fel-${n}` };
});
const SUBMISSIONS = 520;
const CONCURRENCY = 10;
/** The fault rules are armed afresh before every this many submissions start. */
const ARM_EVERY = 5;

let site: TestSite;
let bot: RunningBot;
let connector: Server;
let connectorUrl: string;
let systemId = 0;
const siteUserIds = new Map<string, number>();

/** Faults the store really injected, by kind: counted where the store takes a rule. */
const injected = { status429: 0, status503: 0, latency: 0, drop: 0, dropReply: 0 };
const originalTake = Faults.prototype.take;

/** Member lookups that the stand-in connector fails (a Teams hiccup): the bot cannot tell who it is. */
let connectorFailing = true;
let lookups = 0;

/** A stand-in for the Bot Framework connector: answers member lookups with the UPN, as Teams does. */
function startConnector(): Promise<Server> {
  const members = new Map(USERS.map((u) => [u.id, u]));
  const server = createServer((req, res) => {
    const m = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(req.url ?? '');
    const member = m ? members.get(decodeURIComponent(m[1]!)) : undefined;
    lookups += 1;
    // Every 23rd lookup fails while faults are on: the invoke then has no UPN.
    const fail = connectorFailing && lookups % 23 === 7;
    res.writeHead(member && !fail ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        member && !fail
          ? { id: member.id, userPrincipalName: member.upn, email: member.upn, name: member.name, aadObjectId: member.aadObjectId }
          : { error: 'not found' },
      ),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A small deterministic generator, so the fault mix is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ADD = { method: 'POST', match: '/items$' } as const;
const KEY_LOOKUP = { method: 'GET', match: 'SubmissionKey' } as const;
const UPDATE = { method: 'POST', match: '/items\\(\\d+\\)$' } as const;
const ENSURE_USER = { method: 'POST', match: 'ensureuser' } as const;
const OTHER_GET = { method: 'GET' } as const;

/**
 * One arming: a random few single-shot faults on each kind of request a report makes (first match
 * wins, so several can fall on one request's retries), then latency on every incident add and every
 * submission-key lookup that no fault took.
 */
function arming(random: () => number): FaultRule[] {
  const faults: FaultRule[] = [{ status: 429, retryAfter: 0 }, { status: 503, retryAfter: 0 }, { drop: true }, { dropReply: true }];
  const rules: FaultRule[] = [];
  const pick = (target: Pick<FaultRule, 'method' | 'match'>, chance: number) => {
    for (const f of faults) if (random() < chance) rules.push({ ...target, ...f, times: 1 });
  };
  pick(ADD, 0.5);
  pick(KEY_LOOKUP, 0.4);
  pick(UPDATE, 0.35);
  pick(ENSURE_USER, 0.3);
  pick(OTHER_GET, 0.2);
  // Shuffle, so the order in which one request's retries meet the faults varies.
  for (let i = rules.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rules[i], rules[j]] = [rules[j]!, rules[i]!];
  }
  const latency = () => 50 + Math.floor(random() * 251);
  rules.push({ ...ADD, latencyMs: latency() }, { ...KEY_LOOKUP, latencyMs: latency() }, { method: 'GET', latencyMs: 50, times: 2 });
  return rules;
}

beforeAll(async () => {
  Faults.prototype.take = function (this: Faults, method: string, pathAndQuery: string) {
    const rule = originalTake.call(this, method, pathAndQuery);
    if (rule) {
      if (rule.status === 429) injected.status429 += 1;
      else if (rule.status === 503) injected.status503 += 1;
      else if (rule.dropReply) injected.dropReply += 1;
      else if (rule.drop) injected.drop += 1;
      else if (rule.latencyMs) injected.latency += 1;
    }
    return rule;
  };
  site = await startTestSite({ users: USERS.map((u) => ({ upn: u.upn, displayName: u.name })) });
  const admin = site.reposAs(ADMIN);
  await admin.groups.addMembers(
    'employees',
    USERS.map((u) => u.upn),
  );
  for (const u of USERS) siteUserIds.set(u.upn, (await admin.users.ensure(u.upn)).id);
  const dept = await admin.departments.add({ title: 'Socialförvaltningen', code: 'SOC' });
  systemId = (await admin.systems.add({ title: 'Procapita', department: { id: dept.id }, criticality: 'verksamhetskritisk' })).id;

  connector = await startConnector();
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  bot = await startBot({
    mode: 'local',
    port: 0,
    host: '127.0.0.1',
    localStoreUrl: site.store.url,
    siteUrl: site.siteUrl,
    // Generous, so the outcome does not depend on how fast this machine is.
    invokeTimeoutMs: 10_000,
    log: () => undefined,
  });
});

afterAll(async () => {
  Faults.prototype.take = originalTake;
  site?.store.setFaults([]);
  await bot?.close();
  await new Promise<void>((r) => (connector ? connector.close(() => r()) : r()));
  await site?.close();
});

interface Submission {
  index: number;
  user: (typeof USERS)[number];
  messageId: string;
  title: string;
}

type Outcome =
  | { kind: 'reference'; reference: string; again: boolean }
  | { kind: 'unconfirmed' }
  | { kind: 'notStored' }
  | { kind: 'other'; detail: string };

function submissionFor(index: number): Submission {
  const user = USERS[index % USERS.length]!;
  return { index, user, messageId: `17000${String(index).padStart(8, '0')}`, title: `Störningsprov ${index}: misstänkt mejl` };
}

async function submit(s: Submission): Promise<Outcome> {
  const messagePayload = {
    id: s.messageId,
    createdDateTime: '2026-11-20T08:15:00.000Z',
    linkToMessage: `https://teams.microsoft.com/l/message/19:prov@thread.v2/${s.messageId}?context=%7B%7D`,
    body: { contentType: 'text', content: `Meddelande ${s.messageId}: någon bad om mitt BankID.` },
    from: { user: { id: 'aad-olle', displayName: 'Olle Berg' } },
  };
  const res = await post(
    bot.url,
    invokeActivity(
      'composeExtension/submitAction',
      {
        commandId: 'reportIncident',
        commandContext: 'message',
        messagePayload,
        data: {
          title: s.title,
          description: `Rapport ${s.index} från ${s.user.name}.`,
          systemId: s.index % 2 === 0 ? String(systemId) : '',
          personalData: 'vet ej',
          context: { nonce: `nonce-${s.index}` },
        },
      },
      {
        serviceUrl: connectorUrl,
        // Chats differ, so the member lookup is made (and may fail) now and then, not once per user.
        conversationId: `19:chat-${s.index % 60}@thread.v2`,
        from: { id: s.user.id, name: s.user.name, aadObjectId: s.user.aadObjectId },
      },
    ),
  );
  if (res.status !== 200) return { kind: 'other', detail: `HTTP ${res.status}` };
  const card = res.body?.task?.value?.card?.content;
  const reference = findElement(card, 'referenceNumber')?.text as string | undefined;
  if (reference && reference !== '–') return { kind: 'reference', reference, again: findElement(card, 'alreadyReceived') !== undefined };
  const texts = cardTexts(card);
  if (texts.some((t) => t.includes(botSv.reportUnconfirmed))) return { kind: 'unconfirmed' };
  if (texts.some((t) => t.includes(botSv.reportNotStoredWho))) return { kind: 'notStored' };
  return { kind: 'other', detail: texts.join(' | ').slice(0, 300) };
}

/** Runs `work` over the items, at most `limit` at a time; `beforeEach` runs as each one starts. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>, beforeEach?: (i: number) => void): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      beforeEach?.(i);
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

describe('bot reports under store faults (trust model)', () => {
  it('loses, duplicates or orphans nothing, and says "not stored" only when nothing was stored', async () => {
    const submissions = Array.from({ length: SUBMISSIONS }, (_, i) => submissionFor(i));
    const random = seeded(20261120);
    site.store.stats.reset();
    const first = await pool(submissions, CONCURRENCY, submit, (i) => {
      if (i % ARM_EVERY === 0) site.store.setFaults(arming(random));
    });
    site.store.setFaults([]);
    connectorFailing = false;
    const requestsUnderFaults = site.store.stats.requests;

    const admin = site.reposAs(ADMIN);
    const byTitle = (all: Incident[]) => {
      const map = new Map<string, Incident[]>();
      for (const i of all) map.set(i.title, [...(map.get(i.title) ?? []), i]);
      return map;
    };
    const storedBefore = byTitle(await admin.incidents.all());

    const others = first.flatMap((o, i) => (o.kind === 'other' ? [`${i}: ${o.detail}`] : []));
    expect(others, 'every answer is a confirmation, "could not confirm" or "not stored"').toEqual([]);

    // "Not stored" must be true at the moment it was said (faults are off; nothing can arrive later).
    const notStored = submissions.filter((_, i) => first[i]!.kind === 'notStored');
    const notStoredButStored = notStored.filter((s) => (storedBefore.get(s.title) ?? []).length > 0).map((s) => s.index);
    expect(notStoredButStored, 'told "not stored" but an incident exists').toEqual([]);

    // The user sends again what was not confirmed, or not stored, once; now every one is confirmed.
    const resend = submissions.filter((_, i) => first[i]!.kind === 'unconfirmed' || first[i]!.kind === 'notStored');
    const second = await pool(resend, CONCURRENCY, submit);
    const final = new Map<number, Outcome>(submissions.map((s, i) => [s.index, first[i]!]));
    resend.forEach((s, i) => final.set(s.index, second[i]!));
    const stillUnconfirmed = resend.filter((_, i) => second[i]!.kind !== 'reference').map((s) => s.index);
    expect(stillUnconfirmed, 'sent again with faults off, yet no reference').toEqual([]);

    const stored = byTitle(await admin.incidents.all());
    const lost: string[] = [];
    const duplicated: string[] = [];
    const withoutReporter: string[] = [];
    const wrongReference: string[] = [];
    for (const s of submissions) {
      const rows = stored.get(s.title) ?? [];
      const outcome = final.get(s.index)!;
      if (rows.length === 0) lost.push(`${s.index}`);
      if (rows.length > 1) duplicated.push(`${s.index}×${rows.length}`);
      for (const row of rows) {
        if (row.reporter?.id !== siteUserIds.get(s.user.upn)) withoutReporter.push(`${s.index}: ${row.reporter?.title ?? 'ingen'}`);
      }
      if (outcome.kind === 'reference' && !rows.some((r) => r.referenceNumber === outcome.reference && r.title === s.title)) {
        wrongReference.push(
          `${s.index}: told ${outcome.reference}, stored ${rows.map((r) => `#${r.id} ${r.referenceNumber ?? '(none)'}`).join(', ')}`,
        );
      }
    }
    // Nothing else was stored either (e.g. under a variant key).
    const strays = [...stored.keys()].filter((t) => t.startsWith('Störningsprov') && !submissions.some((s) => s.title === t));

    const count = (kind: Outcome['kind']) => first.filter((o) => o.kind === kind).length;
    const summary = {
      submitted: SUBMISSIONS,
      users: USERS.length,
      confirmedFirstTime: count('reference'),
      confirmedFirstTimeAsAlreadyReceived: first.filter((o) => o.kind === 'reference' && o.again).length,
      unconfirmedThenConfirmed: resend.filter(
        (s, i) => first[submissions.indexOf(s)]!.kind === 'unconfirmed' && second[i]!.kind === 'reference',
      ).length,
      notStored: notStored.length,
      notStoredThenConfirmed: resend.filter(
        (s, i) => first[submissions.indexOf(s)]!.kind === 'notStored' && second[i]!.kind === 'reference',
      ).length,
      lost: lost.length,
      wrongOrMissingStoredReference: wrongReference.length,
      duplicates: duplicated.length,
      withoutReporter: withoutReporter.length,
      storeRequestsUnderFaults: requestsUnderFaults,
      faultsInjected: injected,
    };
    console.log(`[faults] ${JSON.stringify(summary)}`);

    expect(lost, 'lost').toEqual([]);
    expect(wrongReference, 'the reference a user was given is stored on that incident').toEqual([]);
    expect(duplicated, 'duplicated').toEqual([]);
    expect(withoutReporter, 'without the submitting user as reporter').toEqual([]);
    expect(strays).toEqual([]);
    // Each message was sent once before any resend: nobody may be told "already received" for it.
    expect(summary.confirmedFirstTimeAsAlreadyReceived, 'told "already received" on the first send').toBe(0);
    // The faults really happened, every kind of them.
    for (const [kind, n] of Object.entries(injected)) expect(n, kind).toBeGreaterThan(0);
    expect(injected.status429 + injected.status503 + injected.drop + injected.dropReply).toBeGreaterThan(SUBMISSIONS / 2);
  }, 150_000);

  it('does not hand out a reference number that the store does not hold', async () => {
    // The add succeeds; writing the reference number fails 3 times (one request's retries) or on
    // every attempt (9: three requests' retries).
    connectorFailing = false;
    for (const [offset, times] of [
      [1, 3],
      [2, 9],
    ] as const) {
      const s = submissionFor(SUBMISSIONS + offset);
      site.store.setFaults([{ ...UPDATE, status: 503, retryAfter: 0, times }]);
      const outcome = await submit(s);
      site.store.setFaults([]);
      const again = outcome.kind === 'reference' ? outcome : await submit(s);
      expect(again.kind, `update failing ${times}×`).toBe('reference');
      const rows = (await site.reposAs(ADMIN).incidents.all()).filter((i) => i.title === s.title);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.referenceNumber).toBe(again.kind === 'reference' ? again.reference : 'none');
      if (times === 9) expect(outcome.kind).toBe('unconfirmed');
    }
  });
});
