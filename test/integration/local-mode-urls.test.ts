/**
 * Local mode signs SharePoint requests with unsigned tokens, so it refuses to start when
 * LOCAL_SP_URL or SP_SITE_URL points anywhere but this machine — e.g. a production .env left in
 * the shell (SP_SITE_URL=https://kommun.sharepoint.com/sites/…) — with a Swedish sentence naming
 * the variable, instead of starting. The rule is the bot host's own (isLoopbackHost).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isLocalUrl, localStackEnv, requireLocalUrl } from '../../src/cli/env.js';

const remote = [
  'https://kommun.sharepoint.com/sites/systemkoll',
  'http://192.168.1.20:4300',
  'http://0.0.0.0:4300',
  'http://127.0.0.1.evil.example:4300',
  'http://localhost.evil.example',
  'http://evil.example/127.0.0.1',
  'http://127.0.0.1@evil.example',
  'http://[::ffff:c0a8:114]:4300',
];
const local = [
  'http://127.0.0.1:4300',
  'http://127.0.0.1:4300/sites/systemkoll',
  'http://localhost:4300',
  'http://[::1]:4300',
  'http://127.0.0.2',
];

describe('local mode settings (npm start, npm run dev, sharepoint:local, playground)', () => {
  it.each(remote)('refuse %s as SP_SITE_URL or LOCAL_SP_URL, naming the variable in Swedish', (url) => {
    const host = new URL(url).hostname;
    for (const name of ['SP_SITE_URL', 'LOCAL_SP_URL']) {
      expect(() => localStackEnv({ [name]: url })).toThrow(
        `Felaktig inställning: ${name} pekar på ${host}, men lokalt läge skickar osignerade token och använder därför bara den egna datorn (127.0.0.1, ::1 eller localhost).`,
      );
    }
    expect(isLocalUrl(url)).toBe(false);
    expect(() => requireLocalUrl('webbplatsen', url)).toThrow(`Lokalt läge skickar osignerade token`);
  });

  it.each(local)('accept %s on this machine', (url) => {
    expect(localStackEnv({ SP_SITE_URL: url, LOCAL_SP_URL: url })).toMatchObject({ SP_SITE_URL: url, LOCAL_SP_URL: url });
    expect(() => requireLocalUrl('webbplatsen', url)).not.toThrow();
  });

  it('name a URL that is no URL at all once, as before', () => {
    expect(() => localStackEnv({ SP_SITE_URL: 'kommun.sharepoint.com' })).toThrow(
      /^Felaktig inställning: SP_SITE_URL måste vara en webbadress \(http:\/\/ eller https:\/\/\)\.$/,
    );
  });
});

/**
 * The entry points themselves, as `npm start` and `npm run sharepoint:local` run them. LOCAL_SP_PORT
 * is a port already taken: a tool that ignored the setting would fail on that port (EADDRINUSE)
 * instead of hanging, and the test sees that it did not refuse.
 */
describe('local mode entry points refuse a remote site before starting anything', () => {
  const run = promisify(execFile);
  let taken: Server;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'systemkoll-local-urls-'));
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function cli(script: string, env: Record<string, string>) {
    const settings = { ...process.env, LOCAL_SP_PORT: String(port), LOCAL_SP_DATA: dataDir, LOCAL_SP_SEED: 'none', ...env };
    return run(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', env: settings }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  it.each([
    ['npm start', 'src/cli/start.ts', 'Systemkoll kunde inte starta: Felaktig inställning: SP_SITE_URL pekar på kommun.sharepoint.com'],
    [
      'npm run sharepoint:local',
      'src/cli/sharepoint-local.ts',
      'Kunde inte starta den lokala SharePoint-lagringen: Felaktig inställning: SP_SITE_URL pekar på kommun.sharepoint.com',
    ],
  ])(
    '%s',
    async (_name, script, message) => {
      const result = await cli(script, { SP_SITE_URL: 'https://kommun.sharepoint.com/sites/systemkoll' });
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/EADDRINUSE/);
      expect(result.code).toBe(1);
    },
    60_000,
  );

  it('npm start with LOCAL_SP_URL on another machine', async () => {
    const result = await cli('src/cli/start.ts', { LOCAL_SP_URL: 'http://192.168.1.20:4300' });
    expect(result.stderr).toContain('Felaktig inställning: LOCAL_SP_URL pekar på 192.168.1.20');
    expect(result.code).toBe(1);
  }, 60_000);
});
