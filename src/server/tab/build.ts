/**
 * Builds the tab with Vite when its inputs changed since the last build: the sources, the schema,
 * the build configuration, the lock file, the .env files and the VITE_* settings the build bakes in. A stamp
 * file in the output directory records what the build was made from.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'vite';

const INPUTS = ['src/app', 'src/features', 'src/shared', 'src/domain', 'manifest', 'vite.config.ts', 'package-lock.json'];
/** The .env files Vite reads VITE_* from (.env, .env.local, .env.<mode>, .env.<mode>.local); not the example. */
const ENV_FILE = /^\.env(\..+)?$/;
const STAMP = '.build-stamp';

async function* files(path: string): AsyncGenerator<string> {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isFile()) {
    yield path;
    return;
  }
  for (const entry of (await readdir(path)).sort()) yield* files(join(path, entry));
}

/** A hash of everything the build depends on. */
export async function tabInputsHash(repoRoot: string, viteEnv: Record<string, string>): Promise<string> {
  const hash = createHash('sha256');
  const envFiles = (await readdir(repoRoot)).filter((name) => ENV_FILE.test(name) && name !== '.env.example').sort();
  for (const input of [...INPUTS, ...envFiles]) {
    for await (const file of files(join(repoRoot, input))) {
      hash
        .update(relative(repoRoot, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  for (const key of Object.keys(viteEnv).sort()) hash.update(`${key}=${viteEnv[key]}\0`);
  return hash.digest('hex');
}

/**
 * Builds into `outDir` unless the stamp says it is current. `viteEnv` (VITE_* settings) is set in
 * process.env for the build, which is where Vite reads it.
 */
export async function ensureTabBuild(options: {
  repoRoot: string;
  outDir: string;
  viteEnv: Record<string, string>;
  log?: (line: string) => void;
}): Promise<{ built: boolean }> {
  const wanted = await tabInputsHash(options.repoRoot, options.viteEnv);
  const have = await readFile(join(options.outDir, STAMP), 'utf8').catch(() => '');
  if (have.trim() === wanted) return { built: false };
  options.log?.('Bygger fliken (produktionsbygge) …');
  Object.assign(process.env, options.viteEnv);
  await build({
    configFile: join(options.repoRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: options.outDir, emptyOutDir: true },
  });
  await writeFile(join(options.outDir, STAMP), `${wanted}\n`);
  return { built: true };
}
