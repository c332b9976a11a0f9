import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { Hono } from 'hono';
import type { EngramVariables } from './register-routes.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Same-origin only: the console loads no font, script or style from anywhere
 * else, and talks to no other server than the one that served it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A built asset name: letters, digits, dots, dashes and underscores only, so no path can escape. */
const ASSET_NAME = /^[\w.-]+$/;

/** Where the built console is: the `dist` folder of `@engram/dashboard`, if it is installed. */
export function defaultDashboardDirectory(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@engram/dashboard/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

/**
 * Serves the console at `/dashboard` (and redirects `/` there). Nothing is
 * read at start: the folder is located and each file read on its first
 * request, then kept in memory, so the console adds no start-up work, and
 * its routes are plain static paths that the API's routes never pass through.
 */
export function mountDashboard(
  app: Hono<{ Variables: EngramVariables }>,
  locate: () => string | undefined = defaultDashboardDirectory,
): void {
  let directory: string | undefined | null = null;
  const files = new Map<string, Promise<Buffer | undefined>>();
  const read = (name: string): Promise<Buffer | undefined> => {
    if (directory === null) directory = locate();
    const root = directory;
    if (root === undefined) return Promise.resolve(undefined);
    let file = files.get(name);
    if (!file) {
      file = readFile(join(root, name)).catch(() => undefined);
      // Only hits are kept: a file built after start is found on the next request.
      void file.then((found) => found === undefined && files.delete(name));
      files.set(name, file);
    }
    return file;
  };
  const send = async (name: string, immutable: boolean) => {
    const body = await read(name);
    if (!body) return undefined;
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        // Hashed asset names change with their content; the page itself is revalidated.
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      },
    });
  };
  const page = async () =>
    (await send('index.html', false)) ??
    new Response(
      JSON.stringify({
        detail: 'the dashboard is not built: run `npm run build -w @engram/dashboard` (npm install does it)',
      }),
      { status: 404, headers: { 'content-type': 'application/json' } },
    );
  app.get('/', (c) => c.redirect('/dashboard/', 302));
  app.get('/dashboard', (c) => c.redirect('/dashboard/', 301));
  app.get('/dashboard/', page);
  app.get('/dashboard/assets/:name', async (c) => {
    const name = c.req.param('name');
    const found = ASSET_NAME.test(name) ? await send(`assets/${name}`, true) : undefined;
    return found ?? c.json({ detail: `no dashboard asset ${name}`, code: 'NOT_FOUND' }, 404);
  });
  app.get('/dashboard/favicon.svg', async (c) => (await send('favicon.svg', false)) ?? c.body(null, 404));
}
