/** The bot's configuration: read once with zod, every problem named in Swedish. */
import { describe, expect, it } from 'vitest';
import { botAuthFrom, readBotEnv } from '../../src/bot/index.js';

describe('readBotEnv', () => {
  it('names every bad variable at once, in Swedish', () => {
    let message = '';
    try {
      readBotEnv({ SYSTEMKOLL_MODE: 'test', BOT_PORT: 'abc', SP_SITE_URL: 'kommun', BOT_INVOKE_TIMEOUT_MS: '50' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Boten kan inte starta: /);
    for (const name of ['SYSTEMKOLL_MODE', 'BOT_PORT', 'SP_SITE_URL', 'BOT_INVOKE_TIMEOUT_MS']) expect(message).toContain(name);
  });

  it('defaults to local mode and treats blank values as unset', () => {
    expect(readBotEnv({ BOT_ID: '  ', BOT_PORT: '3979' })).toMatchObject({ SYSTEMKOLL_MODE: 'local', BOT_ID: undefined, BOT_PORT: 3979 });
  });

  it('takes the Bot Framework certificate from the parsed configuration', () => {
    const config = readBotEnv({ BOT_ID: 'app', ENTRA_TENANT_ID: 'tenant', BOT_CERT_KEY: 'not a key', BOT_CERT_THUMBPRINT_SHA256: 'ab' });
    expect(() => botAuthFrom(config)).toThrow(/BOT_CERT_KEY_PATH pekar inte på en PEM-kodad privat nyckel/);
  });
});
