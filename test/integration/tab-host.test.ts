/**
 * The tab host `npm start` uses: serves the production build and nothing else, answers deep links
 * with index.html, and sends the headers a Teams tab needs.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabInputsHash } from '../../src/server/tab/build.js';
import { fileInside, startTabHost, type RunningTabHost } from '../../src/server/tab/host.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;
let dist: string;
let host: RunningTabHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'systemkoll-tabhost-'));
  dist = join(dir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Systemkoll</title>');
  await writeFile(join(dist, 'redirect.html'), '<!doctype html><title>MSAL</title>');
  await writeFile(join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
  await writeFile(join(dist, '.build-stamp'), 'hash');
  // Beside the build, like the local store's data: must never be served.
  await mkdir(join(dir, '.data'), { recursive: true });
  await writeFile(join(dir, '.data', 'site.sqlite'), 'secret');
  host = await startTabHost({ distDir: dist, connectSources: ['http://127.0.0.1:4300'] });
});
afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${host.url}${path}`, { redirect: 'manual' });

/** A request with the path exactly as given (fetch would normalise `..` away before sending). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${base}/`, { path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('tab host', () => {
  it('answers a deep link with index.html, uncached, with a CSP that lets Teams frame it', async () => {
    const res = await get('/systems/12');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Systemkoll</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://teams.microsoft.com');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4300");
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it('caches content-hashed assets for a year and serves redirect.html without COOP', async () => {
    const asset = await get('/assets/main-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bridge = await get('/redirect.html');
    expect(bridge.status).toBe(200);
    expect(bridge.headers.get('cross-origin-opener-policy')).toBeNull();
  });

  it('serves nothing outside the build: no traversal, no /@fs/, no dotfiles, missing assets are 404', async () => {
    for (const path of [
      '/../.data/site.sqlite',
      '/%2e%2e/.data/site.sqlite',
      '/@fs' + dir + '/.data/site.sqlite',
      '/.build-stamp',
      '/assets/missing.js',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('secret');
    }
    for (const path of [
      '/../.data/site.sqlite',
      '/..%2f.data/site.sqlite',
      '/assets/../../.data/site.sqlite',
      '/%2e%2e%2f.data%2fsite.sqlite',
    ]) {
      const res = await rawGet(host.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('secret');
    }
    expect(fileInside(dist, '/../x')).toBeNull();
    expect(fileInside(dist, '/%00')).toBeNull();
  });

  it('refuses writes', async () => {
    const res = await fetch(`${host.url}/index.html`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});

describe('tab build stamp', () => {
  it('changes when a source, a .env file or a VITE_* setting changes, not for .env.example', async () => {
    const root = join(dir, 'repo');
    await mkdir(join(root, 'src', 'app'), { recursive: true });
    await writeFile(join(root, 'src', 'app', 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'vite.config.ts'), 'export default {}');
    const env = { VITE_SYSTEMKOLL_MODE: 'local' };
    const first = await tabInputsHash(root, env);
    expect(await tabInputsHash(root, env)).toBe(first);
    await writeFile(join(root, '.env.example'), 'VITE_X=1');
    expect(await tabInputsHash(root, env)).toBe(first);
    await writeFile(join(root, '.env.local'), 'VITE_X=1');
    const withEnv = await tabInputsHash(root, env);
    expect(withEnv).not.toBe(first);
    await writeFile(join(root, 'src', 'app', 'index.html'), '<!doctype html><title>x</title>');
    const edited = await tabInputsHash(root, env);
    expect(edited).not.toBe(withEnv);
    expect(await tabInputsHash(root, { VITE_SYSTEMKOLL_MODE: 'production' })).not.toBe(edited);
  });
});

describe('npm run dev (Vite dev server)', () => {
  it('serves no file outside src, manifest and node_modules through /@fs/, and never the store data', async () => {
    const dataDir = join(repoRoot, '.data');
    await mkdir(dataDir, { recursive: true });
    const secret = join(dataDir, `tab-host-test-${process.pid}.sqlite`);
    await writeFile(secret, 'secret');
    const server = await createServer({
      configFile: join(repoRoot, 'vite.config.ts'),
      logLevel: 'silent',
      server: { port: 0, strictPort: false, hmr: false, ws: false, watch: null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      await server.listen();
      const address = server.httpServer!.address() as AddressInfo;
      const base = `http://127.0.0.1:${address.port}`;
      for (const file of [secret, join(repoRoot, 'package.json'), join(repoRoot, '.env.example')]) {
        const res = await rawGet(base, `/@fs${file}`);
        expect(res.status, file).toBe(403);
        expect(res.body, file).not.toContain('secret');
      }
      expect((await rawGet(base, `/@fs${join(repoRoot, 'src', 'app', 'index.html')}`)).status).toBe(200);
    } finally {
      await server.close();
      await rm(secret, { force: true });
    }
  });
});
