/**
 * `npm run package -- --mode <name>`: builds the Teams app package from appPackage/ and `.env.<name>`.
 * Fills the `${{VAR}}` placeholders, validates the manifest and the localisation file offline
 * against the schemas bundled with @microsoft/app-manifest, checks the icons, and writes
 * appPackage/build/systemkoll-<name>.zip (flat: manifest.json, color.png, outline.png, en-us.json).
 */
import { parseArgs, parseEnv as utilParseEnv } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AdmZip from 'adm-zip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FILES = ['manifest.json', 'color.png', 'outline.png', 'en-us.json'] as const;
/** Variables that may be present but empty. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export class PackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  – ${p}`).join('\n')}` : message);
    this.name = 'PackageError';
  }
}

/** A .env.<mode> file's variables. */
export function parseEnv(text: string): Record<string, string> {
  // Node's own dotenv parser (quotes, multi-line values, comments, `export`); values stay strings.
  return { ...utilParseEnv(text.replace(/^\uFEFF/, '')) } as Record<string, string>;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** Values the package can work out itself when the env file does not set them. */
export function withDerived(vars: Record<string, string>): Record<string, string> {
  const out = { ...vars };
  if (!out.APP_VERSION) {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: string };
    if (pkg.version) out.APP_VERSION = pkg.version;
  }
  if (out.TAB_URL) out.TAB_URL = out.TAB_URL.replace(/\/+$/, '');
  if (!out.TAB_DOMAIN && hostOf(out.TAB_URL)) out.TAB_DOMAIN = hostOf(out.TAB_URL)!;
  if (!out.BOT_DOMAIN && hostOf(out.BOT_ENDPOINT)) out.BOT_DOMAIN = hostOf(out.BOT_ENDPOINT)!;
  if (out.SP_SITE_URL) {
    try {
      const u = new URL(out.SP_SITE_URL);
      if (!out.SP_ORIGIN) out.SP_ORIGIN = u.origin;
      if (!out.SP_HOST) out.SP_HOST = u.hostname;
    } catch {
      // reported as an invalid URL by the schema or as missing SP_ORIGIN
    }
  }
  return out;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces `${{VAR}}` in every string of a JSON value; collects the names that have no value. */
export function fillPlaceholders<T>(value: T, vars: Record<string, string>, missing: Set<string>): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(PLACEHOLDER, (_m, name: string) => {
        const val = vars[name];
        if (val === undefined || (val === '' && !MAY_BE_EMPTY.has(name))) {
          missing.add(name);
          return '';
        }
        return val;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The bundled JSON schema for a manifest/localisation `$schema` URL (never fetched over the network). */
export function bundledSchema(schemaUrl: string): object {
  const m = /json-schemas\/teams\/(v[\d.]+|vDevPreview)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/.exec(schemaUrl);
  if (!m) throw new PackageError(`Okänt schema: ${schemaUrl}. Använd ett Teams-schema från developer.microsoft.com.`);
  const base = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(base, 'build', 'json-schemas', 'teams', m[1]!, m[2]!);
  if (!existsSync(file)) throw new PackageError(`Schemat ${m[1]} finns inte i @microsoft/app-manifest (${file}).`);
  const schema = JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Record<string, any>;
  return unicodeSafePatterns(schema);
}

/**
 * The bundled localisation schema has patterns such as `\[\b([0-9]|…)\b]` that are valid in plain
 * JavaScript but not with the `u` flag ajv uses ("lone quantifier brackets"). Escaping the lone
 * `]` keeps the meaning and lets the schema compile.
 */
function unicodeSafePatterns(schema: Record<string, any>): Record<string, any> {
  const pp = schema.patternProperties as Record<string, unknown> | undefined;
  if (!pp) return schema;
  const fixed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pp)) {
    let k = key;
    try {
      new RegExp(k, 'u');
    } catch {
      k = k.replace(/\\b\]/g, '\\b\\]');
    }
    fixed[k] = value;
  }
  return { ...schema, patternProperties: fixed };
}

export interface IconCheck {
  file: string;
  width: number;
  height: number;
  problems: string[];
}

/** Teams' icon rules: color 192×192; outline 32×32, white on a transparent background. */
export function checkIcons(dir: string): IconCheck[] {
  const check = (file: string, size: number, outline: boolean): IconCheck => {
    const problems: string[] = [];
    const path = join(dir, file);
    if (!existsSync(path)) return { file, width: 0, height: 0, problems: [`${file} saknas.`] };
    let png: PNG;
    try {
      png = PNG.sync.read(readFileSync(path));
    } catch {
      return { file, width: 0, height: 0, problems: [`${file} är ingen giltig PNG-bild.`] };
    }
    if (png.width !== size || png.height !== size)
      problems.push(`${file} ska vara ${size}×${size} bildpunkter, är ${png.width}×${png.height}.`);
    if (outline) {
      let transparent = 0;
      let coloured = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const a = png.data[i + 3]!;
        if (a === 0) transparent++;
        else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
      }
      if (transparent === 0) problems.push(`${file} ska ha genomskinlig bakgrund.`);
      if (coloured > 0) problems.push(`${file} får bara innehålla vitt (${coloured} bildpunkter har annan färg).`);
    }
    return { file, width: png.width, height: png.height, problems };
  };
  return [check('color.png', 192, false), check('outline.png', 32, true)];
}

export interface PackageOptions {
  /** Mode name: reads `.env.<mode>` and writes `systemkoll-<mode>.zip`. */
  mode: string;
  /** Default `<root>/.env.<mode>`. */
  envFile?: string;
  /** Where manifest.json, en-us.json and the icons are. Default `<root>/appPackage`. */
  sourceDir?: string;
  /** Default `<sourceDir>/build`. */
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, any>;
  localization: Record<string, any>;
  warnings: string[];
}

export async function buildPackage(options: PackageOptions): Promise<PackageResult> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/.test(options.mode)) {
    throw new PackageError(`Ogiltigt läge "${options.mode}": använd bokstäver, siffror, - och _ (t.ex. local, production).`);
  }
  const sourceDir = options.sourceDir ?? join(ROOT, 'appPackage');
  const envFile = options.envFile ?? join(ROOT, `.env.${options.mode}`);
  if (!existsSync(envFile)) {
    throw new PackageError(`Filen ${envFile} finns inte. Kopiera .env.example till .env.${options.mode} och fyll i värdena.`);
  }
  const vars = withDerived(parseEnv(readFileSync(envFile, 'utf8')));

  const missing = new Set<string>();
  const template = JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8')) as Record<string, any>;
  const locTemplate = JSON.parse(readFileSync(join(sourceDir, 'en-us.json'), 'utf8')) as Record<string, any>;
  const manifest = fillPlaceholders(template, vars, missing);
  const localization = fillPlaceholders(locTemplate, vars, missing);
  if (missing.size > 0) {
    throw new PackageError(
      `Miljövariabler saknas eller är tomma i ${envFile}:`,
      [...missing].sort().map((n) => `${n} (se .env.example)`),
    );
  }

  // Teams rejects repeated or empty domains; local mode has tab and bot on the same host.
  if (Array.isArray(manifest.validDomains)) {
    manifest.validDomains = [...new Set((manifest.validDomains as string[]).map((d) => d.trim()).filter(Boolean))];
  }

  const problems: string[] = [];
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as unknown as AppManifest,
    bundledSchema(String(manifest.$schema)) as never,
  );
  problems.push(...schemaErrors.map((e) => `manifest.json: ${e.trim()}`));
  const locErrors = await AppManifestUtils.validateAgainstSchema(
    localization as unknown as AppManifest,
    bundledSchema(String(localization.$schema)) as never,
  );
  problems.push(...locErrors.map((e) => `en-us.json: ${e.trim()}`));
  for (const icon of checkIcons(sourceDir)) problems.push(...icon.problems);
  if (manifest.icons?.color !== 'color.png' || manifest.icons?.outline !== 'outline.png')
    problems.push('manifest.json: icons ska vara color.png och outline.png.');
  const additional = manifest.localizationInfo?.additionalLanguages as { file: string }[] | undefined;
  if (!additional?.some((l) => l.file === 'en-us.json')) problems.push('manifest.json: localizationInfo saknar en-us.json.');
  if (problems.length > 0) throw new PackageError('Appaketet är inte giltigt:', problems);

  const warnings: string[] = [];
  const urls = [manifest.staticTabs?.[0]?.contentUrl, manifest.configurableTabs?.[0]?.configurationUrl].filter(Boolean) as string[];
  if (urls.some((u) => !/^https:\/\//i.test(u))) warnings.push('Flikens adress är inte https – Teams visar bara flikar över https.');

  const outDir = options.outDir ?? join(sourceDir, 'build');
  mkdirSync(outDir, { recursive: true });
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile('color.png', readFileSync(join(sourceDir, 'color.png')));
  zip.addFile('outline.png', readFileSync(join(sourceDir, 'outline.png')));
  zip.addFile('en-us.json', Buffer.from(`${JSON.stringify(localization, null, 2)}\n`, 'utf8'));
  const zipPath = join(outDir, `systemkoll-${options.mode}.zip`);
  writeFileSync(zipPath, zip.toBuffer());
  return { zipPath, manifest, localization, warnings };
}

export function modeFromArgs(argv: string[]): string {
  const { values } = parseArgs({ args: argv, options: { mode: { type: 'string', short: 'm', default: 'local' } }, strict: false });
  return typeof values.mode === 'string' ? values.mode : 'local';
}

async function main(): Promise<void> {
  const mode = modeFromArgs(process.argv.slice(2));
  const result = await buildPackage({ mode });
  for (const w of result.warnings) console.warn(`Varning: ${w}`);
  console.log(`Manifestet är giltigt mot schemat ${result.manifest.manifestVersion} och ikonerna har rätt storlek.`);
  console.log(`Skrev ${result.zipPath}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
