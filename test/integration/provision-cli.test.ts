import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startLocalSharePoint, type LocalSharePoint } from '../../src/server/local-sharepoint/index.js';
import { listKeys, siteSchema } from '../../src/shared/schema/index.js';

const run = promisify(execFile);
let store: LocalSharePoint;
beforeAll(async () => {
  store = await startLocalSharePoint({ port: 0 });
});
afterAll(() => store.close());

async function provision(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/provision.ts', ...args], { encoding: 'utf8' }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('npm run provision', () => {
  it('shows progress and a summary, then reports "inget att ändra" on a second run', async () => {
    const first = await provision('--site', store.siteUrl);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`[1/${listKeys.length}]`);
    expect(first.stdout).toMatch(new RegExp(`Klart: \\d+ ändringar \\(schemaversion – → ${siteSchema.version}\\)`));
    const second = await provision('--site', store.siteUrl);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Klart: inget att ändra.');
  }, 60_000);

  it('explains its usage and refuses a local token for a remote site, in Swedish', async () => {
    const bare = await provision();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Användning: npm run provision');
    const remote = await provision('--site', 'https://kommun.sharepoint.com/sites/systemkoll', '--auth', 'local');
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('Lokala token fungerar bara mot den lokala SharePoint-lagringen');
  }, 60_000);
});
