// Webhooks end to end: a real server over a real SQLite file delivers to a
// local HTTP receiver that checks every signature, fails some attempts,
// holds others open, and outlives a SIGKILLed server.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyWebhookSignature, withJobWebhookEvents } from '@engram/core';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { createInstanceByCli, type EngramProcess, serveEngram } from './support/engram-process.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE, startTestServer, type TestServer } from './support/test-server.js';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

const CHAT = 'Melanie: I absolutely love pottery.\nMelanie: I work as a nurse at the city hospital.';

interface Event {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const eventOf = (request: ReceivedWebhook) => JSON.parse(request.body) as Event;
const delivered = (received: ReceivedWebhook[], type: string) =>
  received.filter((request) => request.answered === 200 && eventOf(request).type === type);

/** Every request must carry a valid, fresh signature over its exact body. */
function assertSigned(received: readonly ReceivedWebhook[], secret: string): void {
  for (const request of received) {
    const header = String(request.headers['engram-signature']);
    assert.ok(verifyWebhookSignature(secret, header, request.body, Math.floor(Date.now() / 1000)), header);
    assert.ok(!verifyWebhookSignature(secret, header, `${request.body} `, Math.floor(Date.now() / 1000)));
    assert.ok(!verifyWebhookSignature('whsec_other', header, request.body, Math.floor(Date.now() / 1000)));
    assert.equal(request.headers['engram-event-id'], eventOf(request).id);
  }
}

describe('webhooks', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;

  before(async () => {
    server = await startTestServer({
      operatorKey: OPERATOR_KEY,
      webhookRetryBaseMs: 50,
      webhookTimeoutMs: 2_000,
    });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await server.dispose();
    await receiver.close();
  });

  it('refuses bad registrations with 422', async () => {
    const instance = await server.createInstance('b2c');
    const path = `/instances/${instance.instanceId}/webhooks`;
    const badEvent = await admin(server.url, 'POST', path, {
      url: receiver.url,
      events: ['memory.exploded'],
    });
    assert.equal(badEvent.status, 422);
    assert.match(String(badEvent.body.detail), /events/);
    assert.equal(
      (await admin(server.url, 'POST', path, { url: 'ftp://x', events: ['memory.created'] })).status,
      422,
    );
    assert.equal((await admin(server.url, 'GET', path)).body.endpoints.length, 0);
  });

  it('signs every delivery, retries after 500s, logs attempts and redelivers on request', async () => {
    const instance = await server.createInstance('b2c');
    const registered = await admin(server.url, 'POST', `/instances/${instance.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.created', 'ingestion.completed', 'memory.deleted'],
    });
    assert.equal(registered.status, 200);
    const secret = registered.body.secret as string;
    assert.match(secret, /^whsec_/);
    assert.equal(
      (await admin(server.url, 'GET', `/instances/${instance.instanceId}/webhooks`)).body.endpoints[0].secret,
      undefined,
    );

    // Every event's first two attempts fail.
    const attemptsOf = new Map<string, number>();
    receiver.behaviour = (request) => {
      const id = eventOf(request).id;
      attemptsOf.set(id, (attemptsOf.get(id) ?? 0) + 1);
      return (attemptsOf.get(id) as number) <= 2 ? 500 : 200;
    };
    const sdk = sdkFor(server.url, instance.apiKey);
    const ingestion = await ingestAndWait(sdk, {
      document: CHAT,
      document_type: 'ai-chat-conversation',
      user_id: 'u1',
    });
    await receiver.waitFor((received) => delivered(received, 'ingestion.completed').length === 1);
    await receiver.waitFor(
      (received) => delivered(received, 'memory.created').length === ingestion.memory_ids.length,
    );
    const completed = eventOf(delivered(receiver.received, 'ingestion.completed')[0] as ReceivedWebhook);
    assert.equal(completed.data.ingestion_id, ingestion.ingestion_id);
    assert.deepEqual(
      new Set(
        delivered(receiver.received, 'memory.created').map((request) => eventOf(request).data.memory_id),
      ),
      new Set(ingestion.memory_ids),
    );
    assertSigned(receiver.received, secret);

    const log = await admin(server.url, 'GET', `/instances/${instance.instanceId}/webhooks/deliveries`);
    assert.equal(log.body.deliveries.length, ingestion.memory_ids.length + 1);
    for (const entry of log.body.deliveries) {
      assert.equal(entry.status, 'delivered');
      assert.equal(entry.attempts, 3);
      assert.equal(entry.last_status_code, 200);
    }

    receiver.behaviour = () => 200;
    const first = log.body.deliveries[0];
    const before = receiver.received.length;
    const redelivered = await admin(
      server.url,
      'POST',
      `/instances/${instance.instanceId}/webhooks/deliveries/${first.delivery_id}/redeliver`,
    );
    assert.equal(redelivered.status, 200);
    await receiver.waitFor((received) => received.length > before);
    assert.equal(
      eventOf(receiver.received.at(-1) as ReceivedWebhook).id,
      first.event_id,
      'same idempotency id',
    );
    assertSigned(receiver.received.slice(before), secret);
  });

  it('a job re-run after a crash publishes its events under the same ids, so nothing is queued twice', async () => {
    const instance = await server.createInstance('b2c');
    const registered = await admin(server.url, 'POST', `/instances/${instance.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.created', 'ingestion.completed'],
    });
    assert.equal(registered.status, 200);
    const services = server.server.services;
    const ingestion = await ingestAndWait(sdkFor(server.url, instance.apiKey), {
      document: CHAT,
      user_id: 'u1',
    });
    const deliveries = () =>
      services.store.webhooks.listDeliveries(instance.instanceId, {
        endpointId: registered.body.endpoint_id as string,
        limit: 100,
      });
    const queued = (await deliveries()).length;
    assert.equal(queued, ingestion.memory_ids.length + 1);
    const job = await services.store.jobs.get(instance.instanceId, ingestion.ingestion_id);
    assert.ok(job);
    // The re-run of an idempotent job reports what the first run did; its events are published again.
    const rerun = withJobWebhookEvents(
      { kind: 'ingest-document', handle: async () => ({ status: 'completed', result: job.result }) },
      { outbox: services.webhookOutbox, memories: services.store.memories, maxAttempts: 3 },
    );
    await rerun.handle(job, new AbortController().signal);
    assert.equal((await deliveries()).length, queued);
  });

  it('builds only the events some endpoint subscribes to: none without endpoints, no memory reads without memory events', async () => {
    const services = server.server.services;
    const memoryReads: string[] = [];
    // The real store, with its memory reads counted.
    const memories = new Proxy(services.store.memories, {
      get(target, property, receiver) {
        if (property === 'getMemory')
          return (instanceId: string, memoryId: string) => {
            memoryReads.push(memoryId);
            return target.getMemory(instanceId, memoryId);
          };
        return Reflect.get(target, property, receiver);
      },
    });
    const rerunOf = async (instanceId: string, apiKey: string) => {
      const ingestion = await ingestAndWait(sdkFor(server.url, apiKey), { document: CHAT, user_id: 'u1' });
      const job = await services.store.jobs.get(instanceId, ingestion.ingestion_id);
      assert.ok(job);
      const rerun = withJobWebhookEvents(
        { kind: 'ingest-document', handle: async () => ({ status: 'completed', result: job.result }) },
        { outbox: services.webhookOutbox, memories, maxAttempts: 3 },
      );
      await rerun.handle(job, new AbortController().signal);
      return ingestion;
    };
    const silent = await server.createInstance('b2c');
    const first = await rerunOf(silent.instanceId, silent.apiKey);
    assert.ok(first.memory_ids.length > 0);
    assert.deepEqual(memoryReads, []);

    const completedOnly = await server.createInstance('b2c');
    const registered = await admin(server.url, 'POST', `/instances/${completedOnly.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['ingestion.completed'],
    });
    assert.equal(registered.status, 200);
    const second = await rerunOf(completedOnly.instanceId, completedOnly.apiKey);
    assert.deepEqual(memoryReads, []);
    const queued = await services.store.webhooks.listDeliveries(completedOnly.instanceId, {
      endpointId: registered.body.endpoint_id as string,
      limit: 100,
    });
    // The job's own run and the re-run: one event, one delivery.
    assert.deepEqual(
      queued.map((delivery) => delivery.eventType),
      ['ingestion.completed'],
    );
    assert.ok(second.memory_ids.length > 0);

    await admin(server.url, 'POST', `/instances/${completedOnly.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.created'],
    });
    const third = await rerunOf(completedOnly.instanceId, completedOnly.apiKey);
    assert.deepEqual(memoryReads, third.memory_ids);
  });

  it('a receiver that never answers does not hold up the API', async () => {
    const instance = await server.createInstance('b2c');
    await admin(server.url, 'POST', `/instances/${instance.instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.deleted', 'memory.created'],
    });
    receiver.behaviour = () => 'hold';
    const sdk = sdkFor(server.url, instance.apiKey);
    const before = receiver.received.length;
    const ingestion = await ingestAndWait(sdk, {
      document: CHAT,
      document_type: 'ai-chat-conversation',
      user_id: 'u1',
    });
    await receiver.waitFor((received) => received.length > before);
    // A delivery is held open by the receiver while the API answers writes and reads.
    await sdk.memories.delete(ingestion.memory_ids[0] as string);
    const response = await fetch(`${server.url}/v1/context/user/fetch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${instance.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'u1', search_query: ['pottery'] }),
    });
    assert.equal(response.status, 200);
    assert.ok(
      receiver.received.slice(before).every((request) => request.answered === undefined),
      'still held',
    );
    receiver.behaviour = () => 200;
  });
});

describe('webhooks across a SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'engram-webhook-kill-'));
  const env = {
    ...process.env,
    ENGRAM_DATA_DIR: dataDir,
    ENGRAM_MODEL_CACHE_DIR: SHARED_MODEL_CACHE,
    ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE: 'false',
    ENGRAM_OPERATOR_KEY: OPERATOR_KEY,
    ENGRAM_WEBHOOK_RETRY_BASE_MS: '50',
    // The claim's lease is twice this: a killed delivery is claimed again two seconds later.
    ENGRAM_WEBHOOK_TIMEOUT_MS: '1000',
    ENGRAM_JOB_POLL_MS: '50',
  };
  let receiver: WebhookReceiver;
  let child: ChildProcess | undefined;

  function serve(): Promise<EngramProcess> {
    return serveEngram(env);
  }

  before(async () => {
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    child?.kill('SIGKILL');
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no event when the server is killed mid-delivery', async () => {
    const { api_key: apiKey, instance_id: instanceId } = await createInstanceByCli(env, 'hooks');
    const first = await serve();
    child = first.child;
    const registered = await admin(first.url, 'POST', `/instances/${instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.created', 'ingestion.completed'],
    });
    receiver.behaviour = () => 'hold';
    const ingestion = await ingestAndWait(sdkFor(first.url, apiKey), {
      document: CHAT,
      document_type: 'ai-chat-conversation',
      user_id: 'u1',
    });
    await receiver.waitFor((received) => received.length > 0);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    assert.ok(
      receiver.received.every((request) => request.answered === undefined),
      'nothing was acknowledged',
    );

    receiver.behaviour = () => 200;
    const second = await serve();
    child = second.child;
    const expected = ingestion.memory_ids.length + 1;
    await receiver.waitFor(
      (received) =>
        new Set(received.filter((r) => r.answered === 200).map((r) => eventOf(r).id)).size === expected,
    );
    assertSigned(receiver.received, registered.body.secret as string);
    const ids = new Set(
      delivered(receiver.received, 'memory.created').map((request) => eventOf(request).data.memory_id),
    );
    assert.deepEqual(ids, new Set(ingestion.memory_ids));
    assert.equal(delivered(receiver.received, 'ingestion.completed').length, 1);
  });

  it('loses no memory.updated or memory.deleted of API edits when the server is killed mid-delivery', async () => {
    child?.kill('SIGKILL');
    const { api_key: apiKey, instance_id: instanceId } = await createInstanceByCli(env, 'edits');
    const first = await serve();
    child = first.child;
    const sdk = sdkFor(first.url, apiKey);
    const ingestion = await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' });
    const [edited, erased] = ingestion.memory_ids as [string, string];
    assert.ok(edited && erased);
    const registered = await admin(first.url, 'POST', `/instances/${instanceId}/webhooks`, {
      url: receiver.url,
      events: ['memory.updated', 'memory.deleted'],
    });
    receiver.received.length = 0;
    receiver.behaviour = () => 'hold';
    await sdk.memories.update(edited, {
      document: 'Melanie loves pottery and glazing.',
      merge_strategy: 'replace',
    });
    await sdk.memories.delete(erased);
    await receiver.waitFor((received) => received.length > 0);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    assert.ok(
      receiver.received.every((request) => request.answered === undefined),
      'nothing was acknowledged',
    );

    receiver.behaviour = () => 200;
    const second = await serve();
    child = second.child;
    await receiver.waitFor(
      (received) =>
        delivered(received, 'memory.updated').length > 0 && delivered(received, 'memory.deleted').length > 0,
    );
    assertSigned(receiver.received, registered.body.secret as string);
    assert.deepEqual(
      new Set(
        delivered(receiver.received, 'memory.updated').map((request) => eventOf(request).data.memory_id),
      ),
      new Set([edited]),
    );
    assert.deepEqual(
      new Set(
        delivered(receiver.received, 'memory.deleted').map((request) => eventOf(request).data.memory_id),
      ),
      new Set([erased]),
    );
  });
});
