import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playgroundCommand, waitForPlayground } from '../../src/cli/playground.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm run playground', () => {
  it('starts the Agents Playground offline with our config and serves its UI', async () => {
    const uiPort = await freePort();
    const logFile = join(mkdtempSync(join(tmpdir(), 'systemkoll-playground-')), 'playground.log');
    const { command, args, env } = playgroundCommand({ botPort: 3978, uiPort, logFile });
    expect(args).toEqual(expect.arrayContaining(['-c', 'msteams', '--disable-telemetry', '-e', 'http://127.0.0.1:3978/api/messages']));
    child = spawn(command, args, { env, stdio: 'ignore' });
    const started = await waitForPlayground(uiPort, logFile, 45_000);
    expect(started).toEqual({ ok: true });
    const res = await fetch(`http://127.0.0.1:${uiPort}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<html/i);
  }, 60_000);
});
