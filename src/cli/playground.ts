/**
 * `npm run playground`: Microsoft 365 Agents Playground (a local Teams emulator, offline, no
 * telemetry) against the local bot, with the demo personas from appPackage/.m365agentsplayground.yml.
 * Start the bot first (`npm start` runs store, bot and tab), or pass --with-bot to start store-less
 * bot here against an already running local store.
 *
 * In the Playground: "…" on a message → "Action Command" → commandId `reportIncident`; search
 * with commandId `findSystem`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startBot, type RunningBot } from '../bot/index.js';
import { localStackEnv } from './env.js';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const PLAYGROUND_CONFIG = join(ROOT, 'appPackage', '.m365agentsplayground.yml');

export function playgroundCommand(options: { botPort: number; uiPort: number; openBrowser?: boolean; logFile?: string }): {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
} {
  const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const logFile = options.logFile ?? join(ROOT, '.data', 'm365agentsplayground.log');
  mkdirSync(dirname(logFile), { recursive: true });
  // The Playground appends; start each run with an empty log so failures are this run's.
  writeFileSync(logFile, '');
  return {
    logFile,
    command: process.execPath,
    args: [
      cli,
      '-e',
      `http://127.0.0.1:${options.botPort}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(options.uiPort),
      '--disable-telemetry',
    ],
    env: {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      // The Playground opens a browser unless told otherwise; with --open it does, else the URL is printed.
      TEAMSAPPTESTER_BROWSER: options.openBrowser ? (process.env.TEAMSAPPTESTER_BROWSER ?? '') : 'none',
    },
  };
}

/**
 * Waits until the Playground's UI answers, or its log reports a failed start (it keeps running
 * after e.g. a bad config file, so the exit code alone says nothing).
 */
export async function waitForPlayground(
  uiPort: number,
  logFile: string,
  timeoutMs = 30_000,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    const failed = /error Reason: (.*)/.exec(log);
    if (failed) return { ok: false, reason: failed[1]!.trim() };
    const up = await fetch(`http://127.0.0.1:${uiPort}/`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) {
      // The config file is read when the UI first loads; give it a moment to complain.
      await new Promise((r) => setTimeout(r, 1500));
      const after = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      const late = /error Reason: (.*)/.exec(after);
      return late ? { ok: false, reason: late[1]!.trim() } : { ok: true };
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { ok: false, reason: `inget svar på port ${uiPort} inom ${Math.round(timeoutMs / 1000)} s` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'with-bot': { type: 'boolean', default: false }, open: { type: 'boolean', default: false } } });
  const settings = localStackEnv();
  const botPort = settings.BOT_PORT;
  const uiPort = settings.PLAYGROUND_PORT;
  let bot: RunningBot | undefined;

  const healthy = await fetch(`http://127.0.0.1:${botPort}/healthz`, { signal: AbortSignal.timeout(1500) }).then(
    (r) => r.ok,
    () => false,
  );
  if (!healthy) {
    if (values['with-bot']) {
      bot = await startBot({
        mode: 'local',
        port: botPort,
        host: '127.0.0.1',
        ...(settings.LOCAL_SP_URL ? { localStoreUrl: settings.LOCAL_SP_URL } : {}),
        ...(settings.SP_SITE_URL ? { siteUrl: settings.SP_SITE_URL } : {}),
      });
      console.log(`Startade boten på ${bot.url}.`);
    } else {
      console.warn(
        `Varning: ingen bot svarar på http://127.0.0.1:${botPort}. Starta den med "npm start" (eller kör "npm run playground -- --with-bot" när den lokala lagringen kör).`,
      );
    }
  }

  const { command, args, env, logFile } = playgroundCommand({ botPort, uiPort, openBrowser: values.open });
  console.log(`Startar Microsoft 365 Agents Playground på http://127.0.0.1:${uiPort} …`);
  console.log('  Rapportera incident: "…" på ett meddelande → Action Command → reportIncident');
  console.log('  Hitta system: sök med kommandot findSystem');
  const child = spawn(command, args, { env, stdio: 'inherit' });
  const stop = () => {
    if (!child.killed) child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', async (code) => {
    await bot?.close();
    process.exit(code ?? 0);
  });
  const started = await waitForPlayground(uiPort, logFile);
  if (started.ok) {
    console.log(`Playground kör: öppna http://127.0.0.1:${uiPort} i webbläsaren. Avsluta med Ctrl-C.`);
  } else {
    console.error(`Playground startade inte: ${started.reason} (logg: ${logFile}).`);
    stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main().catch((error: unknown) => {
    console.error(`Playground kunde inte starta: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
