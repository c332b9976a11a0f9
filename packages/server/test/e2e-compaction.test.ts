// Compaction end to end through the TypeScript SDK against real servers on
// ephemeral ports over real SQLite files: E9–E12, levels, formats, styles,
// versions, staleness, triggers and tenant isolation (issue 5).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CompactionScheduler, systemClock } from '@engram/core';
import {
  ConflictError,
  ContextNotFoundError,
  type EngramClient,
  InvalidConversationIdError,
  InvalidInputError,
} from '@engram/sdk';
import { sdkFor } from './support/sdk-client.js';
import { readBody, SHARED_MODEL_CACHE, startTestServer, type TestServer } from './support/test-server.js';

type Instance = { apiKey: string; instanceId: string; clientId: string };

const TURNS: [string, string][] = [
  ['user', 'Alice: Hi Bob, I am planning the Lisbon offsite for our team of 12 people.'],
  ['assistant', 'Bob: Great. Which dates are you considering for the offsite?'],
  ['user', 'Alice: We decided on April 15 to April 18. The budget is 9,000 euros in total.'],
  ['assistant', 'Bob: Noted. Do you have preferences for the hotel?'],
  ['user', "Alice: I prefer boutique hotels near Alfama. I don't like big chain hotels."],
  ['assistant', 'Bob: Understood. Are there any dietary restrictions in the team?'],
  [
    'user',
    'Alice: Two people are vegetarian and Maria is allergic to peanuts, so the caterer must avoid nuts.',
  ],
  ['assistant', 'Bob: I will book Casa Amora for dinner on April 16. Should we add a boat tour?'],
];

async function record(sdk: EngramClient, conversationId: string, turns = TURNS): Promise<void> {
  const response = await sdk.conversation.recordMessagesBatch(
    turns.map(([role, content]) => ({
      conversation_id: conversationId,
      role: role as 'user',
      content,
      user_id: 'alice',
    })),
  );
  assert.equal(response.succeeded, turns.length);
}

/** Polls E12 until the conversation's compaction is no longer in progress. */
async function settle(sdk: EngramClient, conversationId: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await sdk.conversation.context.getCompactionStatus({ conversation_id: conversationId });
    if (status.status !== 'in_progress') return status;
    if (Date.now() > deadline) throw new Error('compaction did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function compactAndWait(
  sdk: EngramClient,
  input: Parameters<EngramClient['conversation']['context']['compact']>[0],
) {
  const trigger = await sdk.conversation.context.compact(input);
  const status = await settle(sdk, input.conversation_id);
  assert.equal(
    status.status,
    'completed',
    `compaction ended ${status.status}: ${status.error_message ?? ''}`,
  );
  return { trigger, status };
}

describe('compaction end to end through the SDK', () => {
  let server: TestServer;
  let a: Instance;
  let b: Instance;
  let sdk: EngramClient;

  before(async () => {
    server = await startTestServer({ modelCacheDir: SHARED_MODEL_CACHE, jobPollMs: 20 });
    a = await server.createInstance('b2c');
    b = await server.createInstance('b2c');
    sdk = sdkFor(server.url, a.apiKey);
  });
  after(() => server.dispose());

  /** A raw request, for inputs the SDK refuses to send. */
  async function raw(path: string, init: RequestInit = {}) {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${a.apiKey}`, 'content-type': 'application/json' },
    });
    return { status: response.status, body: await readBody(response) };
  }

  it('answers a conversation without compaction: E11 null, status none, prompt = the messages', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId, TURNS.slice(0, 2));
    assert.equal(await sdk.conversation.context.getCompacted({ conversation_id: conversationId }), null);
    const status = await sdk.conversation.context.getCompactionStatus({ conversation_id: conversationId });
    assert.equal(status.status, 'none');
    assert.equal(status.compaction_id, null);
    const prompt = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.available, true);
    assert.equal(prompt.is_stale, false);
    assert.equal(prompt.compaction_id, null);
    assert.equal(prompt.compacted_message_count, 0);
    assert.equal(prompt.recent_message_count, 2);
    assert.match(prompt.formatted_context ?? '', /^## Recent Turns \(2\)/);
    assert.doesNotMatch(prompt.formatted_context ?? '', /## Summary/);

    const cold = randomUUID();
    assert.equal(
      (await sdk.conversation.context.getCompactionStatus({ conversation_id: cold })).status,
      'none',
    );
    await assert.rejects(sdk.conversation.context.compact({ conversation_id: cold }), ContextNotFoundError);
  });

  it('compacts, then serves every format with valid levels and object-valued extractions', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId);
    const { trigger, status } = await compactAndWait(sdk, {
      conversation_id: conversationId,
      strategy: 'balanced',
    });
    assert.equal(trigger.status, 'in_progress');
    assert.equal(trigger.trigger_type, 'manual_api');
    assert.equal(trigger.previous_context, null);
    assert.equal(trigger.previous_compaction_id, null);
    assert.ok((trigger.estimated_completion_seconds ?? 0) >= 1);
    assert.equal(status.compaction_id, trigger.compaction_id, 'the job id becomes the compaction id');
    assert.equal(status.latest_version, 1);
    assert.ok((status.compression_ratio ?? 0) > 0);
    assert.ok(status.validation_score !== null && status.validation_score !== undefined);

    const texts = new Map<string, string>();
    for (const format of ['structured', 'narrative', 'injection'] as const) {
      const compacted = await sdk.conversation.context.getCompacted({
        conversation_id: conversationId,
        format,
      });
      assert.ok(compacted);
      assert.equal(compacted.strategy_used, 'balanced');
      assert.equal(compacted.level_applied, 'balanced');
      assert.equal(compacted.version, 1);
      assert.equal(compacted.compaction_id, trigger.compaction_id);
      assert.equal(compacted.compacted_context, compacted.formatted_context);
      assert.ok((compacted.original_token_count ?? 0) > (compacted.compacted_token_count ?? 0));
      for (const list of [compacted.facts, compacted.decisions, compacted.preferences]) {
        assert.ok(Array.isArray(list));
        for (const item of list ?? []) assert.equal(typeof item.content, 'string');
      }
      assert.ok((compacted.decisions ?? []).length > 0, 'the decision on the dates is extracted');
      assert.equal(typeof compacted.current_state, 'object');
      assert.equal((compacted.metadata as { compaction_applied?: string }).compaction_applied, 'balanced');
      texts.set(format, compacted.formatted_context ?? '');
    }
    assert.match(texts.get('structured') ?? '', /^## Summary/);
    assert.match(texts.get('injection') ?? '', /^<conversation_memory>[\s\S]*<\/conversation_memory>$/);
    assert.equal(new Set(texts.values()).size, 3, 'each format renders differently');
  });

  it('runs every level and alias; strategy_used always echoes a valid level', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId);
    const expected = {
      low: 'conservative',
      medium: 'balanced',
      high: 'aggressive',
      conservative: 'conservative',
      balanced: 'balanced',
      aggressive: 'aggressive',
    } as const;
    for (const [strategy, level] of Object.entries(expected)) {
      await compactAndWait(sdk, {
        conversation_id: conversationId,
        strategy: strategy as 'low',
        force: true,
      });
      const compacted = await sdk.conversation.context.getCompacted({ conversation_id: conversationId });
      assert.equal(compacted?.strategy_used, strategy);
      assert.equal(compacted?.level_applied, level);
    }
    // The Python SDK's alias parameter, and adaptive: a short chat is compacted conservatively.
    await compactAndWait(sdk, { conversation_id: conversationId, compaction_level: 'adaptive', force: true });
    const adaptive = await sdk.conversation.context.getCompacted({ conversation_id: conversationId });
    assert.equal(adaptive?.strategy_used, 'adaptive');
    assert.equal(adaptive?.level_applied, 'conservative');
    await compactAndWait(sdk, { conversation_id: conversationId, force: true, target_tokens: 40 });
    const targeted = await sdk.conversation.context.getCompacted({ conversation_id: conversationId });
    assert.equal(targeted?.strategy_used, 'adaptive', 'no strategy means adaptive');
    assert.ok((targeted?.compacted_token_count ?? 0) <= 40);
    assert.equal(targeted?.version, 8);
  });

  it('keeps numbered versions, builds on the previous one, and goes stale on new messages', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId, TURNS.slice(0, 4));
    const first = await compactAndWait(sdk, { conversation_id: conversationId });
    // Nothing new and no force: the latest compaction stands, nothing is queued.
    const unchanged = await sdk.conversation.context.compact({ conversation_id: conversationId });
    assert.equal(unchanged.status, 'completed');
    assert.equal(unchanged.compaction_id, first.trigger.compaction_id);

    await record(sdk, conversationId, TURNS.slice(4));
    const stale = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(stale.is_stale, true);
    assert.equal(stale.compaction_id, first.trigger.compaction_id);
    assert.equal(stale.compacted_message_count, 4);
    assert.equal(stale.total_message_count, 8);
    assert.deepEqual(
      stale.recent_messages.map((message) => message.content),
      TURNS.slice(4).map(([, content]) => content),
    );
    for (const message of stale.recent_messages) {
      assert.ok(message.role && message.content && message.timestamp && message.message_id);
    }
    assert.ok((stale.compaction_age_seconds ?? -1) >= 0);
    assert.ok(stale.compression_ratio !== null && stale.validation_score !== null);
    assert.match(stale.formatted_context ?? '', /## Summary[\s\S]*## Recent Turns \(4\)[\s\S]*Casa Amora/);
    for (const style of ['narrative', 'bullet_points'] as const) {
      const styled = await sdk.conversation.context.getContextForPrompt({
        conversation_id: conversationId,
        style,
      });
      assert.equal(styled.style, style);
      assert.match(styled.formatted_context ?? '', /Lisbon/, 'the compacted part is rendered');
      assert.match(styled.formatted_context ?? '', /Casa Amora/, 'the turns after the cutoff are rendered');
    }
    assert.match(
      (
        await sdk.conversation.context.getContextForPrompt({
          conversation_id: conversationId,
          style: 'narrative',
        })
      ).formatted_context ?? '',
      /Recent exchanges:/,
    );

    const second = await compactAndWait(sdk, { conversation_id: conversationId });
    assert.equal(second.trigger.previous_compaction_id, first.trigger.compaction_id);
    assert.match(String(second.trigger.previous_context), /## Summary/);
    assert.ok((second.trigger.previous_context_age_seconds ?? -1) >= 0);
    assert.equal(second.status.latest_version, 2);
    const fresh = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(fresh.is_stale, false);
    assert.equal(fresh.recent_message_count, 0);
    assert.equal(fresh.compacted_message_count, 8);

    const v1 = await sdk.conversation.context.getCompacted({ conversation_id: conversationId, version: 1 });
    const v2 = await sdk.conversation.context.getCompacted({ conversation_id: conversationId, version: 2 });
    assert.equal(v1?.compaction_id, first.trigger.compaction_id);
    assert.equal(v2?.compaction_id, second.trigger.compaction_id);
    assert.doesNotMatch(v1?.formatted_context ?? '', /Casa Amora/);
    assert.match(v2?.formatted_context ?? '', /Casa Amora/);
    assert.equal(
      await sdk.conversation.context.getCompacted({ conversation_id: conversationId, version: 9 }),
      null,
    );
  });

  it('carries the latest compaction in conversation_context of a conversation fetch', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId, TURNS.slice(0, 6));
    const { trigger } = await compactAndWait(sdk, { conversation_id: conversationId });
    await record(sdk, conversationId, TURNS.slice(6));
    const fetched = await sdk.conversation.context.fetch({ conversation_id: conversationId });
    const context = fetched.conversation_context;
    assert.ok(context);
    assert.equal(context.compaction_id, trigger.compaction_id);
    assert.ok(context.compacted_at);
    assert.match(context.summary ?? '', /Alice/);
    assert.ok(Array.isArray(context.current_state.participants));
    for (const [category, items] of Object.entries(context.key_extractions)) {
      assert.ok(Array.isArray(items), `${category} is a list`);
      for (const item of items) assert.equal(typeof item, 'object');
    }
    assert.deepEqual(
      context.recent_turns.map((turn) => turn.content),
      TURNS.slice(6).map(([, content]) => content),
      'recent turns are the ones after the cutoff',
    );
  });

  it('rejects bad levels, formats, styles, numbers and ids with a clear detail', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId, TURNS.slice(0, 2));
    // The SDK refuses before sending ...
    await assert.rejects(
      sdk.conversation.context.compact({ conversation_id: conversationId, strategy: 'extreme' as 'low' }),
      InvalidInputError,
    );
    await assert.rejects(
      sdk.conversation.context.compact({ conversation_id: 'not-a-uuid' }),
      InvalidConversationIdError,
    );
    await assert.rejects(
      sdk.conversation.context.getCompacted({
        conversation_id: conversationId,
        format: 'pdf' as 'narrative',
      }),
      InvalidInputError,
    );
    // ... and the server refuses too, for clients that do not check.
    const checks: [string, RequestInit, RegExp][] = [
      [
        '/v1/conversations/compact',
        { method: 'POST', body: JSON.stringify({ conversation_id: conversationId, strategy: 'extreme' }) },
        /strategy must be one of low, medium, high, conservative, balanced, aggressive, adaptive/,
      ],
      [
        '/v1/conversations/compact',
        { method: 'POST', body: JSON.stringify({ conversation_id: conversationId, target_tokens: -5 }) },
        /target_tokens must be a positive integer/,
      ],
      [
        '/v1/conversations/compact',
        {
          method: 'POST',
          body: JSON.stringify({
            conversation_id: conversationId,
            strategy: 'low',
            compaction_level: 'high',
          }),
        },
        /aliases/,
      ],
      [
        '/v1/conversations/compact',
        { method: 'POST', body: JSON.stringify({ conversation_id: 'abc' }) },
        /UUID/,
      ],
      [
        `/v1/conversations/${conversationId}/compacted?format=pdf`,
        {},
        /format must be one of structured, narrative, injection/,
      ],
      [
        `/v1/conversations/${conversationId}/compacted?version=-1`,
        {},
        /version must be a non-negative integer/,
      ],
      [`/v1/conversations/${conversationId}/context-for-prompt?style=fancy`, {}, /style/],
      ['/v1/conversations/abc/compacted', {}, /conversation_id must be a UUID/],
      ['/v1/conversations/abc/compaction/status', {}, /conversation_id must be a UUID/],
    ];
    for (const [path, init, detail] of checks) {
      const { status, body } = await raw(path, init);
      assert.equal(status, 422, `${path} answers 422`);
      assert.equal(typeof body.detail, 'string');
      assert.match(body.detail, detail);
    }
    // Upper case and nulls are what sdk.py sends; both are accepted.
    const accepted = await raw('/v1/conversations/compact', {
      method: 'POST',
      body: JSON.stringify({
        conversation_id: conversationId,
        strategy: ' Medium ',
        target_tokens: null,
        force: null,
      }),
    });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.strategy, 'medium');
    await settle(sdk, conversationId);
  });

  it('keeps compactions private to their instance', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId);
    await compactAndWait(sdk, { conversation_id: conversationId });
    const other = sdkFor(server.url, b.apiKey);
    assert.equal(await other.conversation.context.getCompacted({ conversation_id: conversationId }), null);
    assert.equal(
      (await other.conversation.context.getCompactionStatus({ conversation_id: conversationId })).status,
      'none',
    );
    const prompt = await other.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.available, false);
    assert.equal(prompt.formatted_context, null);
    await assert.rejects(
      other.conversation.context.compact({ conversation_id: conversationId }),
      ContextNotFoundError,
    );
    const fetched = await other.conversation.context.fetch({ conversation_id: conversationId });
    assert.equal(fetched.conversation_context ?? null, null);
  });

  it('compacts past the per-instance threshold after recording, and not when it is 0', async () => {
    const tiny = await server.createInstance('b2c');
    const off = await server.createInstance('b2c');
    await server.server.services.compactionSettings.setThresholdTokens(tiny.instanceId, 60);
    await server.server.services.compactionSettings.setThresholdTokens(off.instanceId, 0);
    const conversationId = randomUUID();
    const tinySdk = sdkFor(server.url, tiny.apiKey);
    // One short turn stays under the budget: nothing is queued.
    await record(tinySdk, conversationId, TURNS.slice(0, 1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(
      (await tinySdk.conversation.context.getCompactionStatus({ conversation_id: conversationId })).status,
      'none',
    );
    await record(tinySdk, conversationId, TURNS.slice(1));
    await record(sdkFor(server.url, off.apiKey), conversationId);
    const deadline = Date.now() + 5_000;
    let status = await tinySdk.conversation.context.getCompactionStatus({ conversation_id: conversationId });
    while (status.status !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await tinySdk.conversation.context.getCompactionStatus({ conversation_id: conversationId });
    }
    assert.equal(status.status, 'completed');
    assert.equal(status.trigger_type, 'threshold');
    const offSdk = sdkFor(server.url, off.apiKey);
    assert.equal(
      (await offSdk.conversation.context.getCompactionStatus({ conversation_id: conversationId })).status,
      'none',
    );
  });

  it('compacts idle conversations on schedule', async () => {
    const conversationId = randomUUID();
    await record(sdk, conversationId, TURNS.slice(0, 3));
    const { services } = server.server;
    // A clock an hour ahead makes the conversation idle for the scheduler, over the real store.
    const scheduler = new CompactionScheduler({
      compactions: services.store.compactions,
      service: services.compaction,
      clock: { now: () => new Date(systemClock.now().getTime() + 3_600_000) },
      logger: services.logger,
      intervalSeconds: 600,
    });
    assert.ok((await scheduler.runOnce()) >= 1);
    const status = await settle(sdk, conversationId);
    assert.equal(status.status, 'completed');
    assert.equal(status.trigger_type, 'scheduled');
  });
});

describe('compaction while a job is pending (API-only server, no workers)', () => {
  let server: TestServer;
  let instance: Instance;

  before(async () => {
    server = await startTestServer({ workerConcurrency: 0 });
    instance = await server.createInstance('b2c');
  });
  after(() => server.dispose());

  it('answers 409 compaction_in_progress and reports in_progress', async () => {
    const sdk = sdkFor(server.url, instance.apiKey);
    const conversationId = randomUUID();
    await record(sdk, conversationId);
    const first = await sdk.conversation.context.compact({ conversation_id: conversationId });
    assert.equal(first.status, 'in_progress');
    const conflict = await sdk.conversation.context
      .compact({ conversation_id: conversationId, force: true })
      .then(
        () => assert.fail('a second compaction must be refused'),
        (error: unknown) => error,
      );
    assert.ok(conflict instanceof ConflictError);
    assert.deepEqual(
      { code: (conflict.detail as Record<string, unknown>).code },
      { code: 'compaction_in_progress' },
    );
    const status = await sdk.conversation.context.getCompactionStatus({ conversation_id: conversationId });
    assert.equal(status.status, 'in_progress');
    assert.equal(status.compaction_id, first.compaction_id);
    assert.equal(status.trigger_type, 'manual_api');
    assert.equal(await sdk.conversation.context.getCompacted({ conversation_id: conversationId }), null);
    // The transcript-ingest hook answers false instead of throwing.
    assert.equal(
      await server.server.services.compaction.requestCompaction(
        { instanceId: instance.instanceId },
        conversationId,
      ),
      false,
    );
  });
});
