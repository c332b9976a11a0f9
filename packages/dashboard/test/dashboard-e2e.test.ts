// The console in a real browser (Debian's Chromium, headless, through
// playwright-core) against a real server over a real SQLite file: sign in
// with the operator key, create a key, ingest a conversation through the API
// with it, watch its job reach completed, find a memory, open its
// provenance, delete it and see it gone from search.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newUuidV7 } from '@engram/core';
import { OPERATOR_KEY, startTestServer, type TestServer } from '@engram/server/test-support';
import type { Page } from 'playwright-core';
import { ensureDashboardBuilt } from './support/built-dashboard.js';
import { launchChromium } from './support/chromium.js';

const TRANSCRIPT = [
  { role: 'user', content: 'Hi, I am Mateo and I teach chemistry at a high school in Lisbon.' },
  { role: 'assistant', content: 'Hello Mateo, nice to meet you.' },
  { role: 'user', content: 'I am allergic to shellfish, so never suggest shrimp or crab.' },
  { role: 'assistant', content: 'Understood, no shellfish.' },
];

/** The form controls of the page with no accessible name (no label, no aria-label, no button text). */
const UNNAMED_CONTROLS = `[...document.querySelectorAll('input, select, textarea, button')]
  .filter((element) => !((element.labels?.length ?? 0) > 0 || element.getAttribute('aria-label') ||
    (element.tagName === 'BUTTON' && element.textContent.trim())))
  .map((element) => element.outerHTML.slice(0, 80))`;

describe('dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let instanceId: string;
  const offsite: string[] = [];

  before(async () => {
    ensureDashboardBuilt();
    server = await startTestServer({ operatorKey: OPERATOR_KEY });
    instanceId = (await server.createInstance('b2c')).instanceId;
    browser = await launchChromium();
    page = await browser.context.newPage();
    // Any request to another origin is a defect (no CDN fonts or scripts): record and refuse it.
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('serves the console at /dashboard and redirects / there', async () => {
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/dashboard/');
    const response = await page.goto(`${server.url}/dashboard`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  });

  it('refuses a wrong key, then signs in with the operator key', async () => {
    await page.getByLabel('Operator key').fill('not-the-operator-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('not accepted').waitFor();
    await page.getByLabel('Operator key').fill(OPERATOR_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
  });

  it('creates a key, ingests a conversation with it, and watches its job complete', async () => {
    await page.getByRole('button', { name: 'Create key' }).click();
    const apiKey = (await page.getByTestId('new-api-key').textContent())?.trim() ?? '';
    assert.match(apiKey, /^synap_/);
    const ingested = await fetch(`${server.url}/v1/conversations/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversation_id: 'support-call-7', user_id: 'mateo', transcript: TRANSCRIPT }),
    });
    assert.equal(ingested.status, 200);
    const { ingestion_id: jobId } = (await ingested.json()) as { ingestion_id: string };

    await page.getByRole('link', { name: 'Ingestion jobs' }).click();
    const row = page.locator(`tr[data-job-id="${jobId}"]`);
    await row.waitFor();
    // The page polls; the row turns completed without a reload.
    await page.locator(`tr[data-job-id="${jobId}"][data-status="completed"]`).waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? '', /completed/);
  });

  it('shows a failed job with its error and retries it', async () => {
    const jobId = newUuidV7();
    // A payload no handler accepts: the worker really fails it.
    await server.server.services.store.jobs.enqueue({
      jobId,
      instanceId,
      kind: 'ingest-document',
      serialKey: `${instanceId}/broken`,
      payload: { documentId: 'broken' },
      queuedAt: new Date().toISOString(),
    });
    server.server.services.workers.wake();
    const row = page.locator(`tr[data-job-id="${jobId}"][data-status="failed"]`);
    await row.waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? '', /unreadable ingestion job payload/);
    const retried = page.waitForResponse((response) => response.url().endsWith(`/jobs/${jobId}/retry`));
    await row.getByRole('button', { name: `Retry job ${jobId}` }).click();
    const answer = await retried;
    assert.equal(answer.status(), 200);
    assert.equal(((await answer.json()) as { attempts: number }).attempts, 0);
  });

  it('finds the memory, shows its provenance, deletes it and no longer finds it', async () => {
    await page.getByRole('link', { name: 'Memories' }).click();
    const owner = page.getByLabel('User');
    await owner.locator('option', { hasText: 'mateo' }).waitFor({ state: 'attached' });
    assert.match((await owner.locator('option:checked').textContent()) ?? '', /^mateo/);
    const search = async () => {
      await page.getByLabel('Search').fill('shellfish allergy');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('heading', { name: /results \(fast/ }).waitFor();
    };
    await search();
    const hit = page
      .getByRole('list', { name: 'Memories found' })
      .getByRole('button', { name: /shellfish/i })
      .first();
    await hit.waitFor();
    const content = (await hit.locator('.hit-content').textContent()) ?? '';
    await hit.click();
    await page.getByRole('button', { name: 'Show provenance' }).click();
    const marked = page.getByRole('list', { name: 'Source document' }).locator('mark');
    await marked.first().waitFor();
    assert.match((await marked.allTextContents()).join('\n'), /allergic to shellfish/);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByText('Pick a memory to see').waitFor();
    await search();
    const remaining = await page
      .getByRole('list', { name: 'Memories found' })
      .locator('.hit-content')
      .allTextContents();
    assert.ok(!remaining.includes(content), `"${content}" is still found: ${JSON.stringify(remaining)}`);
    const stored = await server.server.services.store.memoryAdmin.listMemories({
      instanceId,
      validity: 'all',
      now: new Date().toISOString(),
      limit: 100,
    });
    assert.ok(!stored.memories.some((memory) => memory.content === content), 'deleted in the store too');
  });

  it('draws the graph with nodes that a keyboard can open', async () => {
    await page.getByRole('link', { name: 'Entity graph' }).click();
    const node = page.getByRole('button', { name: /^Entity: Mateo/ }).first();
    await node.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Mateo/, level: 2 }).waitFor();
    assert.equal(await node.getAttribute('aria-pressed'), 'true');
  });

  it('names every form control, on every page', async () => {
    for (const link of [
      'Instances',
      'Memories',
      'Entity graph',
      'Ingestion jobs',
      'Conversations',
      'Configuration',
      'Webhooks',
    ]) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link === 'Memories' ? 'Memories' : link, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      // Runs in the page (a string, so this Node-typed file needs no DOM types).
      const unnamed = (await page.evaluate(UNNAMED_CONTROLS)) as string[];
      assert.deepEqual(unnamed, [], link);
    }
  });

  it('folds to one column with a menu button on a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const nav = page.getByRole('navigation', { name: 'Console pages' });
    assert.equal(await nav.isVisible(), false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Memories' }).click();
    await page.getByRole('heading', { name: 'Memories', level: 1 }).waitFor();
    const overflow = (await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    )) as number;
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('loaded nothing from another origin', () => {
    assert.deepEqual(offsite, []);
  });
});
