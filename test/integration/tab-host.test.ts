/**
 * The tab host `npm start` uses: serves the production build and nothing else, answers deep links
 * with index.html, and sends the headers a Teams tab needs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileInside, startTabHost, type RunningTabHost } from '../../src/server/tab/host.js';

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
    expect(fileInside(dist, '/../x')).toBeNull();
    expect(fileInside(dist, '/%00')).toBeNull();
  });

  it('refuses writes', async () => {
    const res = await fetch(`${host.url}/index.html`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });
});
