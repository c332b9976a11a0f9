// Synap's TypeScript integration for the Vercel AI SDK, end to end (spec §5):
// a Vercel AI SDK mock model wrapped by a client written from §5
// (support/synap-vercel-client.ts), against a real `engram serve` process
// whose API key came from a one-time bootstrap token. What one call says
// comes back, as memories, in the next call's prompt; every item the server
// returned reaches the prompt; and Engram's own SDK reads the same §5 fields.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { MEMORY_LIST_KEYS } from '@engram/protocol';
import type { EngramClient } from '@engram/sdk';
import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { ENGRAM_BIN, type EngramProcess, serveEngram } from './support/engram-process.js';
import { sdkFor } from './support/sdk-client.js';
import {
  createSynapLikeClient,
  type ModelPrompt,
  type SynapScopeOptions,
  systemTextOf,
} from './support/synap-vercel-client.js';
import { SHARED_MODEL_CACHE } from './support/test-server.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'engram-vercel-'));
const env = {
  ...process.env,
  ENGRAM_DATA_DIR: dataDir,
  ENGRAM_MODEL_CACHE_DIR: SHARED_MODEL_CACHE,
  ENGRAM_BOOTSTRAP_DEFAULT_INSTANCE: 'false',
  ENGRAM_JOB_POLL_MS: '50',
};

async function engramJson(args: string[]): Promise<Record<string, string>> {
  return JSON.parse((await run(process.execPath, [ENGRAM_BIN, ...args, '--json'], { env })).stdout);
}

/** A first-run key: an operator makes a bootstrap token, the deployment exchanges it. */
async function bootstrapKey(url: string, relationship: 'b2c' | 'b2b'): Promise<string> {
  const instance = await engramJson([
    'instance',
    'create',
    '--name',
    `vercel-${relationship}`,
    '--relationship',
    relationship,
  ]);
  const token = await engramJson(['keys', 'bootstrap-token', '--instance', instance.instance_id as string]);
  const response = await fetch(`${url}/api/v1/keys/bootstrap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bootstrap_token: token.bootstrap_token, instance_id: '' }),
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { api_key: string; instance_id: string };
  assert.equal(body.instance_id, instance.instance_id);
  return body.api_key;
}

/** A mock model that answers `reply` and remembers every prompt it was given. */
function mockModel(reply: string) {
  const prompts: ModelPrompt[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      prompts.push(options.prompt);
      return {
        content: [{ type: 'text', text: reply }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 5, text: 5, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
  return { model, prompts };
}

after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('Synap Vercel AI SDK integration against engram serve', () => {
  let server: EngramProcess;
  let b2cKey: string;
  let sdk: EngramClient;

  before(async () => {
    server = await serveEngram(env);
    b2cKey = await bootstrapKey(server.url, 'b2c');
    sdk = sdkFor(server.url, b2cKey);
  });
  after(() => server.child.kill('SIGTERM'));

  /** One wrapped call; waits for its queued writes to be extracted, as a later request would find them. */
  async function call(scope: SynapScopeOptions, user: string, reply: string) {
    const client = createSynapLikeClient(server.url, b2cKey, scope);
    const { model, prompts } = mockModel(reply);
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware: client.middleware }),
      prompt: user,
    });
    assert.equal(result.text, reply);
    const writes = await client.settled();
    for (const write of writes) {
      if (write.status === 200 && write.body.status === 'queued') {
        const status = await sdk.memories.waitForCompletion(write.body.ingestion_id as string, {
          timeoutSeconds: 60,
          pollIntervalSeconds: 0.05,
        });
        assert.equal(status.status, 'completed');
      }
    }
    return { prompt: prompts[0] as ModelPrompt, context: client.fetches[0], writes };
  }

  it('brings what the user said in one call back into the next prompt, user scope', async () => {
    const first = await call(
      { userId: 'priya' },
      'My name is Priya and I love hiking in the Dolomites.',
      'The Dolomites are beautiful!',
    );
    assert.equal(first.context?.totalTokens, 0, 'a cold user has nothing yet');
    assert.equal(first.writes[0]?.status, 200);
    assert.equal(first.writes[0]?.body.scope, 'user');

    const second = await call(
      { userId: 'priya' },
      'Where should I go hiking this summer?',
      'Try the Alta Via 1.',
    );
    const system = systemTextOf(second.prompt);
    assert.match(system, /Dolomites/);
    const items = MEMORY_LIST_KEYS.flatMap((key) => second.context?.items[key] ?? []);
    assert.ok(items.length > 0);
    for (const item of items) assert.ok(system.includes(item.content), `injected: ${item.content}`);
    assert.match(second.context?.bundleId ?? '', /^bnd_[0-9a-f]{32}$/);
    assert.ok((second.context?.totalTokens ?? 0) > 0);
  });

  it('injects every item the server returned, and Engram’s SDK reads the same §5 fields', async () => {
    const query = { user_id: 'priya', search_query: ['Where should I go hiking this summer?'] };
    const computed = await sdk.user.context.fetch(query);
    const served = await sdk.user.context.fetch(query);
    assert.equal(served.metadata.source, 'cache');
    assert.equal(served.bundle_id, computed.bundle_id, 'a cached ranking keeps its bundle id');
    for (const key of MEMORY_LIST_KEYS) {
      assert.deepEqual(
        computed.items_by_type[key].items.map((item) => [item.item_id, item.content, item.context_type]),
        computed[key].map((item) => [item.id, item.content, item.memory_type]),
        `${key}: the §5 view is the §2 list`,
      );
    }
    const total = MEMORY_LIST_KEYS.flatMap((key) => computed[key]);
    assert.equal(computed.total_tokens, computed.metadata.tokens_used);
    assert.ok(total.length > 0);

    // The client sees the same items and the cache hit.
    const client = createSynapLikeClient(server.url, b2cKey, { userId: 'priya' });
    const { model, prompts } = mockModel('ok');
    await generateText({
      model: wrapLanguageModel({ model, middleware: client.middleware }),
      prompt: 'Where should I go hiking this summer?',
    });
    await client.settled();
    assert.equal(client.fetches[0]?.source, 'cache');
    assert.equal(client.fetches[0]?.bundleId, computed.bundle_id);
    const system = systemTextOf(prompts[0] as ModelPrompt);
    for (const item of total) assert.ok(system.includes(item.content), `injected: ${item.content}`);
  });

  it('records turns on a UUID conversation and brings them back with its memories', async () => {
    const conversationId = randomUUID();
    const scope = { conversationId, userId: 'omar' };
    const first = await call(scope, 'I am allergic to peanuts.', 'Noted, no peanuts.');
    assert.equal(first.writes[0]?.body.turns_recorded, 2);
    const second = await call(scope, 'Suggest a snack for my trip.', 'How about an apple?');
    const system = systemTextOf(second.prompt);
    assert.match(
      system,
      /## Recent Conversation\nuser: I am allergic to peanuts\.\nassistant: Noted, no peanuts\./,
    );
    const remembered = MEMORY_LIST_KEYS.flatMap((key) => second.context?.items[key] ?? []);
    assert.ok(
      remembered.some((item) => /peanuts/.test(item.content) && system.includes(`- ${item.content}`)),
      'the allergy came back as a memory too',
    );
    assert.deepEqual(second.context?.currentState, {});
    assert.equal(second.writes[0]?.body.turns_recorded, 2, 'only the new exchange is recorded');

    const fetched = await sdk.conversation.context.fetch({ conversation_id: conversationId });
    const context = fetched.conversation_context;
    assert.deepEqual(
      context?.recent_turns.map((turn) => turn.content),
      [
        'I am allergic to peanuts.',
        'Noted, no peanuts.',
        'Suggest a snack for my trip.',
        'How about an apple?',
      ],
    );
    assert.deepEqual(JSON.parse(context?.current_state_json ?? ''), context?.current_state);
    assert.deepEqual(JSON.parse(context?.key_extractions_json ?? ''), context?.key_extractions);
  });

  it('answers a non-UUID conversation id with a clear 422, and the call still goes through', async () => {
    const { writes, context } = await call(
      { conversationId: 'conv_abc', userId: 'lena' },
      'Hi there',
      'Hello!',
    );
    assert.equal(
      context,
      null,
      'the conversation fetch is refused; the integration proceeds without context',
    );
    assert.equal(writes.length, 1);
    assert.equal(writes[0]?.status, 422);
    assert.match(writes[0]?.body.detail as string, /conversation_id must be a UUID/);
  });
});

describe('POST /v1/memories/ingest rules', () => {
  let server: EngramProcess;
  let b2cKey: string;
  let b2bKey: string;

  before(async () => {
    server = await serveEngram(env);
    b2cKey = await bootstrapKey(server.url, 'b2c');
    b2bKey = await bootstrapKey(server.url, 'b2b');
  });
  after(() => server.child.kill('SIGTERM'));

  const ingest = async (apiKey: string, body: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/v1/memories/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'vercel_ai_sdk',
        user_id: '',
        customer_id: '',
        conversation_id: '',
        ...body,
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const exchange = [
    { role: 'user', content: 'Our team uses Postgres 16 in production.' },
    { role: 'assistant', content: 'Good to know.' },
  ];

  it('is idempotent per exchange: a re-send keeps one document and records no turn twice', async () => {
    const conversationId = randomUUID();
    const first = await ingest(b2cKey, {
      messages: exchange,
      user_id: 'ana',
      conversation_id: conversationId,
    });
    const again = await ingest(b2cKey, {
      messages: exchange,
      user_id: 'ana',
      conversation_id: conversationId,
    });
    assert.equal(first.status, 200);
    assert.equal(first.body.turns_recorded, 2);
    assert.equal(again.body.turns_recorded, 0);
    assert.equal(again.body.document_id, first.body.document_id);
    const sdk = sdkFor(server.url, b2cKey);
    const done = await Promise.all(
      [first, again].map((write) =>
        sdk.memories.waitForCompletion(write.body.ingestion_id as string, { pollIntervalSeconds: 0.05 }),
      ),
    );
    assert.deepEqual(
      done[1]?.memory_ids?.slice().sort(),
      done[0]?.memory_ids?.slice().sort(),
      'same memories',
    );
    const fetched = await sdk.user.context.fetch({
      user_id: 'ana',
      search_query: ['Postgres'],
      max_results: 50,
    });
    const postgres = MEMORY_LIST_KEYS.flatMap((key) => fetched[key]).filter((item) =>
      /Postgres/.test(item.content),
    );
    assert.equal(new Set(postgres.map((item) => item.content)).size, postgres.length, 'no duplicated memory');
    const prompt = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.equal(prompt.total_message_count, 2);
  });

  it('follows the B2B scope rules and keeps a customer exchange at the customer scope', async () => {
    const lone = await ingest(b2bKey, { messages: exchange, user_id: 'bo' });
    assert.equal(lone.status, 400);
    assert.match(lone.body.detail as string, /customer_id/);
    const user = await ingest(b2bKey, { messages: exchange, user_id: 'bo', customer_id: 'acme' });
    assert.equal(user.body.scope, 'user');
    const customer = await ingest(b2bKey, {
      messages: [
        { role: 'user', content: 'Acme renews its contract every March.' },
        { role: 'assistant', content: 'Thanks.' },
      ],
      customer_id: 'acme',
    });
    assert.equal(customer.body.scope, 'customer');
    const sdk = sdkFor(server.url, b2bKey);
    await sdk.memories.waitForCompletion(customer.body.ingestion_id as string, { pollIntervalSeconds: 0.05 });
    await sdk.memories.waitForCompletion(user.body.ingestion_id as string, { pollIntervalSeconds: 0.05 });
    const fetched = await sdk.customer.context.fetch({
      customer_id: 'acme',
      search_query: ['contract Postgres'],
    });
    const contents = MEMORY_LIST_KEYS.flatMap((key) =>
      fetched.items_by_type[key].items.map((item) => item.content),
    );
    assert.ok(
      contents.some((content) => /March/.test(content)),
      contents.join(' | '),
    );
    assert.ok(
      !contents.some((content) => /Postgres/.test(content)),
      'a customer fetch never shows user memories',
    );
  });

  it('records an ownerless conversation exchange without extracting it, and rejects bad bodies clearly', async () => {
    const conversationId = randomUUID();
    const ownerless = await ingest(b2cKey, { messages: exchange, conversation_id: conversationId });
    assert.equal(ownerless.status, 200);
    assert.deepEqual(
      { status: ownerless.body.status, scope: ownerless.body.scope, turns: ownerless.body.turns_recorded },
      { status: 'skipped', scope: null, turns: 2 },
    );
    assert.equal(ownerless.body.ingestion_id, null);
    const bad = [
      [{ messages: [] }, /messages must hold at least one message/],
      [{ messages: [{ role: 'system', content: 'x' }] }, /role must be "user" or "assistant"/],
      [{ messages: [{ role: 'user', content: '   ' }], user_id: 'x' }, /no message with content/],
      [{ messages: 'hello' }, /messages must be a list/],
    ] as const;
    for (const [body, detail] of bad) {
      const response = await ingest(b2cKey, body);
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.match(response.body.detail as string, detail);
    }
    const unauthenticated = await ingest('synap_wrong', { messages: exchange, user_id: 'x' });
    assert.equal(unauthenticated.status, 401);
  });
});
