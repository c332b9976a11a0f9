// Screenshots of every console page at 1280×800 into docs/images/, over a
// server seeded through the public API (a transcript, documents, a config
// change, a webhook whose receiver is down, one broken job).
// Usage: npm run screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newUuidV7 } from '@engram/core';
import { admin, OPERATOR_KEY, startTestServer } from '@engram/server/test-support';
import type { Page } from 'playwright-core';
import { ensureDashboardBuilt } from '../test/support/built-dashboard.js';
import { launchChromium } from '../test/support/chromium.js';

const out = new URL('../../../docs/images/', import.meta.url).pathname;

const TRANSCRIPT = [
  { role: 'user', content: 'Hi, I am Mateo Silva and I teach chemistry at Escola Camões in Lisbon.' },
  { role: 'assistant', content: 'Hello Mateo! How can I help with your classes today?' },
  { role: 'user', content: 'My wife Ana works at Lisbon Oceanarium and she loves scuba diving.' },
  { role: 'assistant', content: 'That sounds like a wonderful job for a diver.' },
  { role: 'user', content: 'I am allergic to shellfish, so never suggest shrimp or crab recipes.' },
  { role: 'assistant', content: 'Noted: no shellfish in any suggestion.' },
  { role: 'user', content: 'Next Friday I have a parent-teacher meeting at 6 pm.' },
  { role: 'assistant', content: 'I will remind you on Friday afternoon.' },
  { role: 'user', content: 'I prefer short answers with bullet points.' },
];

const DOCUMENTS = [
  'Mateo: I adopted a beagle named Pimenta last spring.\nMateo: Pimenta hates the rain.',
  'Mateo: I feel anxious about the chemistry olympiad next month.\nMateo: My student Rita qualified for it.',
  'Mateo: I moved from Porto to Lisbon in 2019.\nMateo: My brother Tiago still lives in Porto.',
];

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(out, `dashboard-${name}.png`) });
  console.log(`docs/images/dashboard-${name}.png`);
}

async function main() {
  ensureDashboardBuilt();
  mkdirSync(out, { recursive: true });
  const server = await startTestServer({ operatorKey: OPERATOR_KEY, webhookRetryBaseMs: 50 });
  const { instanceId, apiKey } = await server.createInstance('b2c');
  await admin(server.url, 'POST', '/instances', { name: 'support-bot-b2b', relationship: 'b2b' });
  const call = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.json() as Promise<Record<string, string>>);
  await admin(server.url, 'POST', `/instances/${instanceId}/webhooks`, {
    url: 'http://127.0.0.1:9/engram-hooks',
    events: ['memory.deleted', 'ingestion.completed'],
    description: 'receiver that is down',
  });
  const ingested = await call('/v1/conversations/ingest', {
    conversation_id: 'support-call-7',
    user_id: 'mateo',
    transcript: TRANSCRIPT,
  });
  for (const document of DOCUMENTS) await call('/api/v1/memories/create', { document, user_id: 'mateo' });
  await call('/api/v1/memories/create', {
    document: 'Lea: I run marathons and live in Lyon.',
    user_id: 'lea',
  });
  await admin(server.url, 'POST', `/instances/${instanceId}/config`, {
    text: 'retrieval:\n  default_mode: accurate\ncompaction:\n  threshold_tokens: 4000\n',
    author: 'ops@example.com',
  });
  const services = server.server.services;
  await services.store.jobs.enqueue({
    jobId: newUuidV7(),
    instanceId,
    kind: 'ingest-document',
    serialKey: `${instanceId}/broken`,
    payload: { documentId: 'broken-upload' },
    queuedAt: new Date().toISOString(),
  });
  services.workers.wake();
  while ((await services.store.jobs.countPending()) > 0)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const compacted = async () =>
    (await admin(server.url, 'GET', `/instances/${instanceId}/conversations/${ingested.conversation_id}`))
      .body.compactions.length > 0;
  while (!(await compacted())) await new Promise((resolve) => setTimeout(resolve, 50));

  const browser = await launchChromium({ width: 1280, height: 800 });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/dashboard/`);
    await shot(page, 'sign-in');
    await page.getByLabel('Operator key').fill(OPERATOR_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Instances', level: 1 }).waitFor();
    await shot(page, 'instances');

    await page.goto(`${server.url}/dashboard/#/memories/${instanceId}`);
    await page.getByLabel('Search').fill('shellfish allergy');
    await page.getByLabel('accurate').check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('list', { name: 'Memories found' }).getByRole('button').first().click();
    await page.getByRole('button', { name: 'Show provenance' }).click();
    await page.getByRole('list', { name: 'Source document' }).waitFor();
    await shot(page, 'memories');

    await page.goto(`${server.url}/dashboard/#/graph/${instanceId}`);
    const node = page.locator('svg.graph g.node').first();
    await node.waitFor();
    await node.click();
    await shot(page, 'graph');

    await page.goto(`${server.url}/dashboard/#/jobs/${instanceId}`);
    await page.locator('tr[data-status="failed"]').first().waitFor();
    await shot(page, 'jobs');

    await page.goto(`${server.url}/dashboard/#/conversations/${instanceId}`);
    await page.getByRole('heading', { name: /Raw turns/ }).waitFor();
    await page.locator('pre.compacted').waitFor();
    await shot(page, 'conversations');

    await page.goto(`${server.url}/dashboard/#/config/${instanceId}`);
    await page.locator('table.diff').waitFor();
    await shot(page, 'config');

    await page.goto(`${server.url}/dashboard/#/webhooks/${instanceId}`);
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await shot(page, 'webhooks');
  } finally {
    await browser.close();
    await server.dispose();
  }
}

await main();
