import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botAuthFromEnv, isLoopbackHost, startBot, type BotData, type RunningBot } from '../../src/bot/index.js';
import { findElement, invokeActivity, post } from './helpers.js';

const fakeData: BotData = {
  searchSystems: async () => [],
  systemChoices: async () => [],
  report: async () => {
    throw new Error('should not be called');
  },
};

describe('production mode', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({
      mode: 'production',
      port: 0,
      botAuth: {
        clientId: '11111111-2222-3333-4444-555555555555',
        tenantId: '66666666-7777-8888-9999-000000000000',
        clientSecret: 'not-used-offline',
      },
      data: async () => fakeData,
      log: () => undefined,
    });
  });
  afterAll(() => bot?.close());

  it('refuses requests without a Bot Framework token (401)', async () => {
    const res = await post(
      bot.url,
      invokeActivity('composeExtension/query', { commandId: 'findSystem', parameters: [{ name: 'searchText', value: 'a' }] }),
    );
    expect(res.status).toBe(401);
  });

  it('refuses a token that is not a valid Entra-signed JWT (401)', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`;
    const res = await post(bot.url, invokeActivity('composeExtension/query', { commandId: 'findSystem' }), {
      Authorization: `Bearer ${unsigned}`,
    });
    expect(res.status).toBe(401);
  });

  it('answers health probes without authentication', async () => {
    const res = await fetch(bot.url.replace('/api/messages', '/healthz'));
    expect(await res.json()).toEqual({ status: 'ok', mode: 'production' });
  });
});

describe('when SharePoint cannot be reached', () => {
  it('answers with a Swedish error card and an error code', async () => {
    const bot = await startBot({ mode: 'local', port: 0, localStoreUrl: 'http://127.0.0.1:9', log: () => undefined });
    try {
      const res = await post(
        bot.url,
        invokeActivity('composeExtension/fetchTask', { commandId: 'reportIncident', commandContext: 'compose' }),
      );
      expect(res.status).toBe(200);
      const card = res.body.task.value.card.content;
      expect(res.body.task.value.title).toBe('Något gick fel');
      expect(findElement(card, 'errorMessage')!.text).toBe('Det gick inte att nå SharePoint. Kontrollera nätverket och försök igen.');
      expect(findElement(card, 'correlationId')!.text).toMatch(/^Felkod: [0-9a-f]{8}$/);
      const search = await post(
        bot.url,
        invokeActivity(
          'composeExtension/query',
          { commandId: 'findSystem', parameters: [{ name: 'searchText', value: 'x' }] },
          { locale: 'en-US' },
        ),
      );
      expect(search.body.composeExtension.type).toBe('message');
      expect(search.body.composeExtension.text).toMatch(/Error code: [0-9a-f]{8}$/);
    } finally {
      await bot.close();
    }
  });
});

describe('start-up guards', () => {
  it('refuses local mode (unauthenticated) on a non-loopback address, in Swedish', async () => {
    await expect(startBot({ mode: 'local', host: '0.0.0.0', port: 0, data: async () => fakeData, log: () => undefined })).rejects.toThrow(
      /Lokalt läge .* får därför bara lyssna på den egna datorn/,
    );
  });

  it('refuses local mode against a non-local store', async () => {
    await expect(
      startBot({ mode: 'local', port: 0, localStoreUrl: 'https://kommun.sharepoint.com', log: () => undefined }),
    ).rejects.toThrow(/lokala SharePoint-tjänsten/);
  });

  it('refuses production without bot credentials, naming the variables', () => {
    expect(() => botAuthFromEnv({})).toThrow(/BOT_ID och ENTRA_TENANT_ID/);
    expect(() => botAuthFromEnv({ BOT_ID: 'x', ENTRA_TENANT_ID: 'y' })).toThrow(
      /BOT_CERT_KEY_PATH .* BOT_CLIENT_SECRET .* BOT_MANAGED_IDENTITY_CLIENT_ID/,
    );
    expect(botAuthFromEnv({ BOT_ID: 'x', ENTRA_TENANT_ID: 'y', BOT_CLIENT_SECRET: 's' })).toMatchObject({
      clientId: 'x',
      tenantId: 'y',
      clientSecret: 's',
    });
  });

  it('refuses production without SharePoint certificate settings', async () => {
    await expect(
      startBot({
        mode: 'production',
        port: 0,
        env: { SP_SITE_URL: 'https://kommun.sharepoint.com/sites/systemkoll' },
        botAuth: { clientId: 'a', tenantId: 'b', clientSecret: 'c' },
        log: () => undefined,
      }),
    ).rejects.toThrow(/SharePoint kräver certifikatinloggning/);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', 'example.com', '::'].some(isLoopbackHost)).toBe(false);
  });
});

describe('local mode stays on this machine', () => {
  it('refuses a SharePoint site that is not on loopback, since it would receive unsigned tokens', async () => {
    await expect(
      startBot({ mode: 'local', port: 0, siteUrl: 'https://kommun.sharepoint.com/sites/systemkoll', log: () => undefined, env: {} }),
    ).rejects.toThrow(/osignerade token/);
    await expect(
      startBot({ mode: 'local', port: 0, log: () => undefined, env: { SP_SITE_URL: 'https://kommun.sharepoint.com/sites/systemkoll' } }),
    ).rejects.toThrow(/osignerade token/);
  });

  it('names a bad setting in Swedish', async () => {
    await expect(startBot({ mode: 'local', port: 0, log: () => undefined, env: { BOT_PORT: 'abc' } })).rejects.toThrow(
      /BOT_PORT måste vara ett portnummer/,
    );
  });
});
