/**
 * The invoke pipeline around our handlers: no outside call per invoke (the SDK would otherwise ask
 * token.botframework.com for a user token before every activity), and the deadline answers with a
 * Swedish error card when the data never comes.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotData, type RunningBot } from '../../src/bot/index.js';
import { findElement, invokeActivity, post } from './helpers.js';

const systems = [{ id: 1, title: 'Procapita' }] as Awaited<ReturnType<BotData['systemChoices']>>;
const quickData: BotData = {
  searchSystems: async () => systems,
  systemChoices: async () => systems,
  reporter: async () => null,
  reportIncident: async () => {
    throw new Error('not used');
  },
};

let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('per-invoke work', () => {
  it('makes no outbound HTTP request (no Bot Framework token lookup) while answering invokes', async () => {
    bot = await startBot({ mode: 'local', port: 0, data: async () => quickData, log: () => undefined, env: {} });
    const hosts: string[] = [];
    // Every request through Node's http/https modules (the SDK's HTTP client uses them) is announced here.
    const onRequest = (message: unknown) => {
      const request = (message as { request: { host?: string; getHeader(name: string): unknown } }).request;
      hosts.push(String(request.host ?? request.getHeader('host')));
    };
    subscribe('http.client.request.start', onRequest);
    try {
      for (const [name, value] of [
        ['composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'compose' }],
        ['composeExtension/query', { commandId: 'findSystem', parameters: [{ name: 'searchText', value: 'Proc' }] }],
      ] as const) {
        const res = await post(bot.url, invokeActivity(name, value));
        expect(res.status).toBe(200);
      }
    } finally {
      unsubscribe('http.client.request.start', onRequest);
    }
    expect(hosts.filter((h) => !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(h))).toEqual([]);
  });

  it('answers within its deadline with a Swedish error card and an error code when SharePoint never answers', async () => {
    const hanging: BotData = { ...quickData, systemChoices: () => new Promise(() => undefined) };
    const lines: string[] = [];
    bot = await startBot({ mode: 'local', port: 0, data: async () => hanging, invokeTimeoutMs: 200, log: (l) => lines.push(l), env: {} });
    const res = await post(
      bot.url,
      invokeActivity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'compose' }),
    );
    expect(res.status).toBe(200);
    const card = res.body.task.value.card.content;
    expect(findElement(card, 'errorMessage')!.text).toBe('SharePoint svarade inte i tid.');
    const code = /Felkod: ([0-9a-f]{8})$/.exec(findElement(card, 'correlationId')!.text)![1]!;
    // The log line carries the same code, so support can find the technical detail.
    expect(lines.some((l) => l.includes(code) && l.includes('Rapportera incident (öppna)'))).toBe(true);
  });
});
