// Serving the built console: nothing is read until the first request, pages
// and hashed assets get their types, cache rules and a same-origin CSP, no
// path escapes the assets folder, and ENGRAM_DASHBOARD=false removes it all.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Hono } from 'hono';
import { mountDashboard } from '../src/http/dashboard-assets.js';
import type { EngramVariables } from '../src/http/register-routes.js';
import { startTestServer } from './support/test-server.js';

describe('dashboard assets', () => {
  const root = mkdtempSync(join(tmpdir(), 'engram-dashboard-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the web');
  after(() => rmSync(root, { recursive: true, force: true }));

  let located = 0;
  const app = new Hono<{ Variables: EngramVariables }>();
  mountDashboard(app, () => {
    located++;
    return dist;
  });

  it('reads nothing at start', () => {
    assert.equal(located, 0);
  });

  it('serves the page and hashed assets with their headers', async () => {
    const page = await app.request('/dashboard/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'.*connect-src 'self'/);
    assert.match(await page.text(), /console/);
    const script = await app.request('/dashboard/assets/index-abc123.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(located, 1, 'the folder is located once');
  });

  it('redirects / and /dashboard to /dashboard/', async () => {
    const rootPage = await app.request('/');
    assert.equal(rootPage.status, 302);
    assert.equal(rootPage.headers.get('location'), '/dashboard/');
    assert.equal((await app.request('/dashboard')).headers.get('location'), '/dashboard/');
  });

  it('lets no path leave the assets folder', async () => {
    for (const path of [
      '/dashboard/assets/..%2F..%2Fsecret.txt',
      '/dashboard/assets/%2e%2e%2fsecret.txt',
      '/dashboard/assets/../../secret.txt',
      '/dashboard/assets/missing.js',
    ]) {
      const response = await app.request(path);
      assert.notEqual(response.status, 200, path);
      assert.doesNotMatch(await response.text(), /not for the web/, path);
    }
  });

  it('answers 404 with a detail when the console is not built', async () => {
    const bare = new Hono<{ Variables: EngramVariables }>();
    mountDashboard(bare, () => undefined);
    const response = await bare.request('/dashboard/');
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { detail: string }).detail, /not built/);
  });

  it('is absent when ENGRAM_DASHBOARD is false', async () => {
    const server = await startTestServer({ dashboard: false, workerConcurrency: 0 });
    try {
      assert.equal((await fetch(`${server.url}/dashboard/`)).status, 404);
      assert.equal((await fetch(`${server.url}/`, { redirect: 'manual' })).status, 404);
    } finally {
      await server.dispose();
    }
  });
});
