/**
 * The invoke pipeline around our handlers: no outside call per invoke (the SDK would otherwise ask
 * token.botframework.com for a user token before every activity), and the deadline answers with a
 * Swedish error card when the data never comes.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lateInvokeAnswer } from '../../src/bot/handlers.js';
import { startBot, type BotData, type RunningBot } from '../../src/bot/index.js';
import { guardInvokes } from '../../src/bot/invoke.js';
import { findElement, invokeActivity, post } from './helpers.js';

/** Every outbound request through Node's http/https modules (axios, the SDK's client) and fetch (undici). */
function watchOutbound(): { hosts: string[]; stop(): void } {
  const hosts: string[] = [];
  const onHttp = (message: unknown) => {
    const request = (message as { request: { host?: string; getHeader(name: string): unknown } }).request;
    hosts.push(String(request.getHeader('host') ?? request.host));
  };
  const onFetch = (message: unknown) => {
    hosts.push(new URL((message as { request: { origin: string } }).request.origin).host);
  };
  subscribe('http.client.request.start', onHttp);
  subscribe('undici:request:create', onFetch);
  return {
    hosts,
    stop() {
      unsubscribe('http.client.request.start', onHttp);
      unsubscribe('undici:request:create', onFetch);
    },
  };
}

const remote = (hosts: string[]) => hosts.filter((h) => !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(h));

const systems = [{ id: 1, title: 'Procapita' }] as Awaited<ReturnType<BotData['systemChoices']>>;
const quickData: BotData = {
  searchSystems: async () => systems,
  systemChoices: async () => systems,
  report: async () => {
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
    const outbound = watchOutbound();
    try {
      for (const [name, value] of [
        ['composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'compose' }],
        ['composeExtension/query', { commandId: 'findSystem', parameters: [{ name: 'searchText', value: 'Proc' }] }],
      ] as const) {
        const res = await post(bot.url, invokeActivity(name, value));
        expect(res.status).toBe(200);
      }
    } finally {
      outbound.stop();
    }
    // The test's own requests to the bot are the only ones, and they stay on this machine.
    expect(outbound.hosts.length).toBeGreaterThan(0);
    expect(remote(outbound.hosts)).toEqual([]);
    expect(outbound.hosts.some((h) => h.includes('token.botframework.com'))).toBe(false);
  });

  it('with an OAuth connection configured, looks the user token up — but only for half the deadline', async () => {
    // A token service that accepts connections and never answers (offline DNS, a stalled proxy).
    const sockets = new Set<Socket>();
    const tokenService = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => tokenService.listen(0, '127.0.0.1', resolve));
    const tokenUrl = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}`;
    const before = process.env.OAUTH_URL;
    process.env.OAUTH_URL = tokenUrl; // the SDK reads its token service address from here
    const outbound = watchOutbound();
    try {
      bot = await startBot({
        mode: 'local',
        port: 0,
        data: async () => quickData,
        // Generous, so that on a loaded machine the handler still has time after the lookup gives up.
        invokeTimeoutMs: 3000,
        log: () => undefined,
        env: { BOT_OAUTH_CONNECTION: 'graph' },
      });
      const res = await post(
        bot.url,
        invokeActivity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'compose' }),
      );
      expect(res.status).toBe(200);
      // The lookup was made (the watcher above would have seen token.botframework.com the same way) …
      expect(outbound.hosts).toContain(new URL(tokenUrl).host);
      expect(sockets.size).toBe(1);
      // … and given up in time for the handler to answer with the dialog itself.
      expect(res.body.task.value.title).toBe('Rapportera incident');
    } finally {
      outbound.stop();
      if (before === undefined) delete process.env.OAUTH_URL;
      else process.env.OAUTH_URL = before;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tokenService.close(resolve));
    }
  });

  it('answers within its deadline with a Swedish error card and an error code when SharePoint never answers', async () => {
    const hanging: BotData = { ...quickData, systemChoices: () => new Promise(() => undefined) };
    const lines: string[] = [];
    bot = await startBot({ mode: 'local', port: 0, data: async () => hanging, invokeTimeoutMs: 1200, log: (l) => lines.push(l), env: {} });
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

describe('the invoke watchdog', () => {
  it('answers an invoke the SDK never hands to a handler, in the user’s language and the invoke’s shape', async () => {
    const lines: string[] = [];
    const server = createServer();
    guardInvokes(server, { deadlineMs: 150, log: (l) => lines.push(l), lateAnswer: lateInvokeAnswer });
    // Stands in for the SDK: reads the activity like its body parser does, then never answers.
    server.on('request', (req: IncomingMessage & { body?: unknown }) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => (req.body = JSON.parse(raw)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    try {
      const dialog = await post(
        url,
        invokeActivity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'compose' }, { locale: 'en-US' }),
      );
      expect(dialog.status).toBe(200);
      const card = dialog.body.task.value.card.content;
      expect(card.lang).toBe('en');
      expect(findElement(card, 'errorMessage')!.text).toBe('Systemkoll could not answer in time.');
      const code = /Error code: ([0-9a-f]{8})$/.exec(findElement(card, 'correlationId')!.text)![1]!;
      expect(lines.some((l) => l.includes(code) && l.includes('composeExtension/fetchTask'))).toBe(true);

      const search = await post(url, invokeActivity('composeExtension/query', { commandId: 'findSystem', parameters: [] }));
      expect(search.body.composeExtension.type).toBe('message');
      expect(search.body.composeExtension.text).toMatch(/^Systemkoll hann inte svara i tid\. Felkod: [0-9a-f]{8}$/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
