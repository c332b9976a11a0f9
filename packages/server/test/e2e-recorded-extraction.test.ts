// Background extraction of turns recorded with record_message, through a real
// server over a real SQLite file: idle and size triggers, a trigger that
// survives a restart, re-runs that never duplicate, and the switch off.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ExtractConversationHandler, queueExtraction } from '@engram/core';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

type Sdk = ReturnType<typeof sdkFor>;

interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

const TURNS: readonly Turn[] = [
  { role: 'user', content: 'I work as a nurse at the city hospital.' },
  { role: 'assistant', content: 'That sounds demanding. How long have you been there?' },
  { role: 'user', content: 'Eight years now, and I love pottery on weekends.' },
];

async function record(sdk: Sdk, conversationId: string, userId: string, turns: readonly Turn[]) {
  for (const turn of turns) {
    await sdk.conversation.recordMessage({ conversation_id: conversationId, user_id: userId, ...turn });
  }
}

async function setRecordedMessages(
  server: TestServer,
  instanceId: string,
  settings: Record<string, unknown>,
) {
  const stored = await admin(server.url, 'POST', `/instances/${instanceId}/config`, {
    document: { extraction: { recorded_messages: settings } },
    author: 'test',
  });
  assert.equal(stored.status, 200, JSON.stringify(stored.body));
}

async function memoriesOf(server: TestServer, instanceId: string, userId: string) {
  const listed = await admin(
    server.url,
    'GET',
    `/instances/${instanceId}/memories?user_id=${userId}&limit=100`,
  );
  assert.equal(listed.status, 200);
  return listed.body.memories as { memory_id: string; content: string; source_document_id: string }[];
}

async function waitForMemories(server: TestServer, instanceId: string, userId: string, atLeast: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const memories = await memoriesOf(server, instanceId, userId);
    if (memories.length >= atLeast) return memories;
    if (Date.now() > deadline) assert.fail(`${memories.length} memories of ${userId}, wanted ${atLeast}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForIdleQueue(server: TestServer) {
  while ((await server.server.services.store.jobs.countPending()) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('background extraction of recorded messages', () => {
  let server: TestServer;
  let instance: { apiKey: string; instanceId: string };
  let sdk: Sdk;

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY, retentionSweepMs: 0 });
    instance = await server.createInstance('b2c');
    sdk = sdkFor(server.url, instance.apiKey);
  });
  after(() => server.dispose());

  it('is on by default, with idle and size thresholds in the document', async () => {
    const current = await admin(server.url, 'GET', `/instances/${instance.instanceId}/config`);
    assert.deepEqual(current.body.document.extraction.recorded_messages, {
      enabled: true,
      idle_seconds: 300,
      max_pending_turns: 40,
    });
    const bad = await admin(server.url, 'POST', `/instances/${instance.instanceId}/config`, {
      document: { extraction: { recorded_messages: { idle_seconds: 0 } } },
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body.detail, /extraction\.recorded_messages\.idle_seconds/);
  });

  it('turns recorded with record_message alone become memories once the conversation is idle; only new turns are extracted later', async () => {
    await setRecordedMessages(server, instance.instanceId, { idle_seconds: 1, max_pending_turns: 100 });
    const conversationId = randomUUID();
    await record(sdk, conversationId, 'idle-user', TURNS);
    const first = await waitForMemories(server, instance.instanceId, 'idle-user', 1);
    assert.ok(
      first.some((memory) => /nurse/.test(memory.content)),
      JSON.stringify(first),
    );
    assert.ok(first.every((memory) => memory.source_document_id === `conversation:${conversationId}:1-3`));

    await record(sdk, conversationId, 'idle-user', [
      { role: 'user', content: 'My daughter has her piano recital next Friday.' },
    ]);
    const second = await waitForMemories(server, instance.instanceId, 'idle-user', first.length + 1);
    await waitForIdleQueue(server);
    const final = await memoriesOf(server, instance.instanceId, 'idle-user');
    const ids = new Set(final.map((memory) => memory.memory_id));
    for (const memory of first)
      assert.ok(ids.has(memory.memory_id), 'earlier memories are kept as they were');
    const added = final.filter((memory) => !first.some((old) => old.memory_id === memory.memory_id));
    assert.ok(added.length >= 1 && second.length === final.length);
    // Only the new turn was handed to ingestion: its document covers turn 4 alone.
    assert.ok(added.every((memory) => memory.source_document_id === `conversation:${conversationId}:4-4`));
    assert.ok(added.some((memory) => /recital/.test(memory.content)));
  });

  it('a re-run of the trigger never duplicates memories', async () => {
    const before = await memoriesOf(server, instance.instanceId, 'idle-user');
    const conversation = (
      await server.server.services.store.conversations.listConversationsOfUser(
        instance.instanceId,
        'idle-user',
        1,
      )
    )[0];
    assert.ok(conversation);
    for (const mark of ['again-1', 'again-2']) {
      await queueExtraction(server.server.services.store.jobs, {
        instanceId: instance.instanceId,
        conversationId: conversation.conversationId,
        trigger: 'size',
        mark,
        runAt: new Date().toISOString(),
      });
    }
    server.server.services.workers.wake();
    await waitForIdleQueue(server);
    const afterRuns = await memoriesOf(server, instance.instanceId, 'idle-user');
    assert.deepEqual(
      afterRuns.map((memory) => memory.memory_id).sort(),
      before.map((memory) => memory.memory_id).sort(),
    );
  });

  it('a run interrupted between queueing the ingestion and moving the cursor queues nothing twice', async () => {
    const services = server.server.services;
    const conversationId = randomUUID();
    await setRecordedMessages(server, instance.instanceId, { idle_seconds: 3600, max_pending_turns: 100 });
    await record(sdk, conversationId, 'crash-user', TURNS);
    const handler = new ExtractConversationHandler({
      conversations: services.store.conversations,
      cursors: services.store.conversationExtractions,
      jobs: services.store.jobs,
      tenancy: services.store.tenancy,
      configs: services.instanceConfig,
      clock: services.clock,
      wake: () => {},
    });
    const job = {
      jobId: randomUUID(),
      instanceId: instance.instanceId,
      kind: 'extract-conversation' as const,
      serialKey: 'test',
      status: 'processing' as const,
      payload: { conversationId, trigger: 'size' },
      result: {},
      attempts: 1,
      errorMessage: undefined,
      queuedAt: new Date().toISOString(),
      startedAt: undefined,
      completedAt: undefined,
    };
    const first = await handler.handle(job);
    assert.equal(first.result.extractedThrough, 3);
    // The crash: the cursor never moved although the ingestion job was queued.
    const cursors = services.store.conversationExtractions;
    assert.ok(await cursors.advance(instance.instanceId, conversationId, 3, 0, new Date().toISOString()));
    const second = await handler.handle(job);
    assert.equal(second.result.ingestionId, first.result.ingestionId);
    assert.equal(await cursors.extractedThrough(instance.instanceId, conversationId), 3);
    services.workers.wake();
    await waitForIdleQueue(server);
    const memories = await memoriesOf(server, instance.instanceId, 'crash-user');
    assert.ok(memories.length > 0);
    assert.equal(new Set(memories.map((memory) => memory.content)).size, memories.length);
  });

  it('a size trigger extracts at once, without waiting for the conversation to go idle', async () => {
    await setRecordedMessages(server, instance.instanceId, { idle_seconds: 3600, max_pending_turns: 3 });
    await record(sdk, randomUUID(), 'size-user', TURNS);
    const memories = await waitForMemories(server, instance.instanceId, 'size-user', 1);
    assert.ok(memories.some((memory) => /nurse/.test(memory.content)));
  });

  it('the idle trigger is durable: turns recorded just before a restart are extracted after it', async () => {
    await setRecordedMessages(server, instance.instanceId, { idle_seconds: 2, max_pending_turns: 100 });
    await record(sdk, randomUUID(), 'restart-user', TURNS);
    // Let the trigger's deferred write land, then stop before the conversation goes idle.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.restart();
    sdk = sdkFor(server.url, instance.apiKey);
    const memories = await waitForMemories(server, instance.instanceId, 'restart-user', 1);
    assert.ok(memories.some((memory) => /nurse/.test(memory.content)));
  });

  it('off restores the light path: recorded turns stay turns', async () => {
    await setRecordedMessages(server, instance.instanceId, {
      enabled: false,
      idle_seconds: 1,
      max_pending_turns: 1,
    });
    await record(sdk, randomUUID(), 'light-user', TURNS);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await waitForIdleQueue(server);
    assert.equal((await memoriesOf(server, instance.instanceId, 'light-user')).length, 0);
  });
});
