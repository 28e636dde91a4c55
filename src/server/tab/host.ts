/**
 * Serves a production build of the tab (dist/tab) the way it should be hosted: only files inside
 * the build directory, deep links answered with index.html (SPA fallback), long caching for the
 * content-hashed assets and none for the HTML, and security headers fit for a Teams tab
 * (frame-ancestors for the Teams and Microsoft 365 hosts). redirect.html, MSAL's popup bridge, is
 * served without Cross-Origin-Opener-Policy; no page sets one.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where Teams, Outlook and the Microsoft 365 app may frame the tab. */
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
];

export interface TabHostOptions {
  /** The Vite build output (contains index.html). */
  distDir: string;
  port?: number;
  host?: string;
  /** Origins the tab fetches from besides itself (the SharePoint site, the local store, Entra). */
  connectSources: string[];
}

export interface RunningTabHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function contentSecurityPolicy(connectSources: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The file a request path names inside `root`, or null when it would leave it. */
export function fileInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  // No dotfiles (e.g. the build stamp) and nothing under a dot-directory.
  if (
    full
      .slice(root.length)
      .split(sep)
      .some((part) => part.startsWith('.'))
  )
    return null;
  return full;
}

export async function startTabHost(options: TabHostOptions): Promise<RunningTabHost> {
  const root = resolve(options.distDir);
  const csp = contentSecurityPolicy(options.connectSources);
  const index = join(root, 'index.html');
  await stat(index).catch(() => {
    throw new Error(`Fliken är inte byggd: ${index} saknas. Kör "npm run build".`);
  });

  const send = async (req: IncomingMessage, res: ServerResponse, file: string, status = 200): Promise<void> => {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    const hashedAsset = /[\\/]assets[\\/]/.test(file.slice(root.length));
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      ...(isHtml ? { 'Content-Security-Policy': csp } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Metoden stöds inte.');
        return;
      }
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const file = fileInside(root, path);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('Hittades inte.');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) return send(req, res, file);
      // A deep link such as /systems/12 is a route of the app; a missing asset is a real 404.
      if (!extname(path)) return send(req, res, index);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('Hittades inte.');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Serverfel.');
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
