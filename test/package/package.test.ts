import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../appPackage/icons.js';
import { buildPackage, bundledSchema, modeFromArgs, PackageError, parseEnv } from '../../src/cli/package.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, '.env.example');

function tempEnv(edit: (text: string) => string = (t) => t): { dir: string; envFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'systemkoll-package-'));
  const envFile = join(dir, '.env.test');
  copyFileSync(EXAMPLE, envFile);
  writeFileSync(envFile, edit(readFileSync(envFile, 'utf8')));
  return { dir, envFile };
}

describe('npm run package', () => {
  let zip: AdmZip;
  let zipPath: string;

  beforeAll(async () => {
    const { dir, envFile } = tempEnv();
    const result = await buildPackage({ mode: 'test', envFile, outDir: dir });
    zipPath = result.zipPath;
    zip = new AdmZip(zipPath);
  });

  it('writes systemkoll-<mode>.zip with a flat root of exactly the four files', () => {
    expect(zipPath.endsWith('systemkoll-test.zip')).toBe(true);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
  });

  it('fills every placeholder and passes the bundled schema offline', async () => {
    const text = zip.readAsText('manifest.json');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, bundledSchema(manifest.$schema) as never)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.24');
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'sv-se',
      additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }],
    });
    expect(manifest.name.short).toBe('Systemkoll (lokal)');
    expect(manifest.staticTabs[0].contentUrl).toBe('https://localhost:5173/tasks');
    expect(manifest.configurableTabs[0].configurationUrl).toBe('https://localhost:5173/config');
    expect(manifest.webApplicationInfo).toEqual({
      id: '7d1e6f3a-2b4c-4d5e-8f90-a1b2c3d4e5f6',
      resource: 'api://localhost/7d1e6f3a-2b4c-4d5e-8f90-a1b2c3d4e5f6',
      nestedAppAuthInfo: [{ redirectUri: 'brk-multihub://localhost', scopes: ['http://127.0.0.1:4300/AllSites.Write'] }],
    });
    const [report, find] = manifest.composeExtensions[0].commands;
    expect(manifest.composeExtensions[0].botId).toBe(manifest.bots[0].botId);
    expect(report).toMatchObject({ id: 'reportIncident', type: 'action', fetchTask: true, context: ['message', 'compose', 'commandBox'] });
    expect(find).toMatchObject({ id: 'findSystem', type: 'query' });
    expect(find.parameters).toHaveLength(1);
    expect(manifest.activities.activityTypes.map((a: { type: string }) => a.type)).toEqual([
      'taskDue',
      'incidentReported',
      'incidentAssigned',
      'legalDeadline',
      'trainingExpiring',
      'incidentEscalated',
      'incidentClosed',
    ]);
    expect(new Set(manifest.validDomains).size).toBe(manifest.validDomains.length);
  });

  it('ships an English localisation that passes its schema and covers every localised string', async () => {
    const loc = JSON.parse(zip.readAsText('en-us.json'));
    expect(await AppManifestUtils.validateAgainstSchema(loc as AppManifest, bundledSchema(loc.$schema) as never)).toEqual([]);
    expect(loc['name.short']).toBe('Systemkoll (lokal)');
    expect(loc['composeExtensions[0].commands[0].title']).toBe('Report incident');
    expect(loc['composeExtensions[0].commands[1].title']).toBe('Find system');
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    for (let i = 0; i < manifest.activities.activityTypes.length; i++)
      expect(loc[`activities.activityTypes[${i}].templateText`]).toBeTruthy();
  });

  it('has icons of the right pixel size; the outline is white on transparent', () => {
    const color = PNG.sync.read(zip.readFile('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(zip.readFile('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const a = outline.data[i + 3]!;
      if (a === 0) transparent++;
      else {
        expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
        if (a === 255) opaque++;
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(opaque).toBeGreaterThan(50);
    // The colour icon is opaque throughout (Teams shows it on any background).
    for (let i = 3; i < color.data.length; i += 4) expect(color.data[i]).toBe(255);
  });

  it('ships the icons the generator draws (appPackage/icons.ts)', () => {
    expect(PNG.sync.read(readFileSync(join(ROOT, 'appPackage/color.png'))).data.equals(colorIcon().data)).toBe(true);
    expect(PNG.sync.read(readFileSync(join(ROOT, 'appPackage/outline.png'))).data.equals(outlineIcon().data)).toBe(true);
  });

  it('fails in Swedish naming every missing or empty variable', async () => {
    const { dir, envFile } = tempEnv((t) =>
      t
        .replace(/^BOT_ID=.*$/m, '')
        .replace(/^TAB_URL=.*$/m, 'TAB_URL=')
        .replace(/^TAB_DOMAIN=.*$/m, ''),
    );
    const attempt = buildPackage({ mode: 'test', envFile, outDir: dir });
    await expect(attempt).rejects.toBeInstanceOf(PackageError);
    await expect(attempt).rejects.toThrow(/Miljövariabler saknas eller är tomma/);
    const error = (await attempt.catch((e: PackageError) => e)) as PackageError;
    expect(error.problems).toEqual(['BOT_ID (se .env.example)', 'TAB_DOMAIN (se .env.example)', 'TAB_URL (se .env.example)']);
  });

  it('reports schema violations instead of writing a broken package', async () => {
    const { dir, envFile } = tempEnv((t) =>
      t.replace(/^TEAMS_APP_ID=.*$/m, 'TEAMS_APP_ID=inte-ett-guid').replace(/^DEVELOPER_NAME=.*$/m, `DEVELOPER_NAME=${'x'.repeat(40)}`),
    );
    const error = (await buildPackage({ mode: 'test', envFile, outDir: dir }).catch((e: PackageError) => e)) as PackageError;
    expect(error).toBeInstanceOf(PackageError);
    expect(error.message).toMatch(/Appaketet är inte giltigt/);
    expect(error.problems.some((p) => p.includes('/id'))).toBe(true);
    expect(error.problems.some((p) => p.includes('/developer/name'))).toBe(true);
  });

  it('refuses a missing env file and odd mode names', async () => {
    await expect(buildPackage({ mode: 'finnsinte', envFile: '/nonexistent/.env.x' })).rejects.toThrow(
      /Kopiera .env.example till .env.finnsinte/,
    );
    await expect(buildPackage({ mode: '../etc' })).rejects.toThrow(/Ogiltigt läge/);
  });
});

describe('env parsing', () => {
  it('reads dotenv-style files', () => {
    const env = parseEnv(
      [
        '# kommentar',
        'A=1',
        'export B = två ',
        'C="rad1\\nrad2" # kommentar',
        "D='ordagrant \\n'",
        'E=värde # kommentar',
        'EMPTY=',
        'MULTI="första',
        'andra"',
        'inte en rad',
      ].join('\n'),
    );
    expect(env).toEqual({ A: '1', B: 'två', C: 'rad1\nrad2', D: 'ordagrant \\n', E: 'värde', EMPTY: '', MULTI: 'första\nandra' });
  });

  it('takes the mode from the command line', () => {
    expect(modeFromArgs(['--mode', 'production'])).toBe('production');
    expect(modeFromArgs(['--mode=test'])).toBe('test');
    expect(modeFromArgs([])).toBe('local');
  });
});
