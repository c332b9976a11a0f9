// The README's webhook verification snippet, run as a user would paste it:
// written to a module of its own, imported, and handed a real delivery from a
// real server (and the same delivery tampered with, replayed late, or signed
// with another secret).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { signWebhook } from '@engram/core';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const repository = new URL('../../../', import.meta.url).pathname;
const scratch = join(repository, '.tmp', `readme-webhook-${process.pid}`);

type Verify = (secret: string, header: string, rawBody: string, toleranceSeconds?: number) => boolean;

/** The first `ts` block under the README's "## Webhooks" heading. */
function webhookSnippet(): string {
  const readme = readFileSync(join(repository, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Webhooks\n'));
  const match = /^```ts\n([\s\S]*?)^```$/m.exec(section.slice(0, section.indexOf('\n## ', 1)));
  assert.ok(match?.[1], 'the Webhooks section has a ts block');
  return match[1];
}

describe('README webhook verification snippet', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let verify: Verify;

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY });
    receiver = await startWebhookReceiver();
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, 'verify.ts');
    writeFileSync(file, webhookSnippet());
    verify = ((await import(pathToFileURL(file).href)) as { verifyEngramSignature: Verify })
      .verifyEngramSignature;
  });
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await receiver.close();
    await server.dispose();
  });

  it('accepts a real delivery and refuses it tampered, late or under another secret', async () => {
    const instance = await server.createInstance('b2c');
    const registered = await admin(server.url, 'POST', `/instances/${instance.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['ingestion.completed'],
    });
    const secret = registered.body.secret as string;
    await ingestAndWait(sdkFor(server.url, instance.apiKey), {
      document: 'User: I love pottery.',
      user_id: 'u1',
    });
    await receiver.waitFor((received) => received.length > 0);
    const delivery = receiver.received[0];
    assert.ok(delivery);
    const header = String(delivery.headers['engram-signature']);
    assert.equal(verify(secret, header, delivery.body), true);
    assert.equal(verify(secret, header, `${delivery.body} `), false, 'a changed body');
    assert.equal(verify('whsec_another', header, delivery.body), false, 'another secret');
    const late = Math.floor(Date.now() / 1000) - 600;
    assert.equal(verify(secret, signWebhook(secret, late, delivery.body), delivery.body), false, 'a replay');
    assert.equal(verify(secret, signWebhook(secret, late, delivery.body), delivery.body, 900), true);
  });
});
