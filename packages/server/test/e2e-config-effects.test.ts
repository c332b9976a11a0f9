// Configuration fields that change behaviour, through a real server over a real
// SQLite file: the default ingestion mode, ranking (type weights, recency
// half-life), minimum confidence, the per-user limit with both overflow
// policies, and the compaction level and schedule switch.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait, memoriesOf } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { readBody, startTestServer, type TestServer } from './support/test-server.js';

const CHAT = [
  'Melanie: I absolutely love pottery, it is my favourite way to relax.',
  'Melanie: I work as a nurse at the city hospital.',
  'Melanie: What time does the museum open on Sundays?',
].join('\n');

describe('configuration that changes behaviour', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY, retentionSweepMs: 0 });
  });
  after(() => server.dispose());

  async function fresh() {
    const instance = await server.createInstance('b2c');
    return { ...instance, sdk: sdkFor(server.url, instance.apiKey) };
  }

  async function configure(instanceId: string, document: Record<string, unknown>) {
    const stored = await admin(server.url, 'POST', `/instances/${instanceId}/config`, { document });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
  }

  async function fetchAll(apiKey: string, userId: string) {
    const response = await fetch(`${server.url}/v1/context/user/fetch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: userId, search_query: ['pottery nurse museum'], max_results: 50 }),
    });
    assert.equal(response.status, 200);
    const body = await readBody(response);
    return [
      ...body.facts,
      ...body.preferences,
      ...body.episodes,
      ...body.emotions,
      ...body.temporal_events,
    ] as {
      id: string;
      memory_type: string;
      relevance_score: number;
    }[];
  }

  async function adminMemories(instanceId: string, userId: string) {
    const listed = await admin(
      server.url,
      'GET',
      `/instances/${instanceId}/memories?user_id=${userId}&limit=100`,
    );
    assert.equal(listed.status, 200);
    return listed.body.memories as {
      memory_id: string;
      confidence: number;
      source_document_id: string;
      config_version: number | null;
    }[];
  }

  it('default_ingestion_mode applies to memories.create when the request names no mode', async () => {
    const { instanceId, sdk } = await fresh();
    const jobs = server.server.services.store.jobs;
    const unnamed = await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' });
    assert.equal((await jobs.get(instanceId, unnamed.ingestion_id))?.payload.mode, 'long-range');
    await configure(instanceId, { extraction: { default_ingestion_mode: 'fast' } });
    const configured = await ingestAndWait(sdk, { document: CHAT, user_id: 'u2' });
    assert.equal((await jobs.get(instanceId, configured.ingestion_id))?.payload.mode, 'fast');
    const named = await ingestAndWait(sdk, { document: CHAT, user_id: 'u3', mode: 'long-range' });
    assert.equal((await jobs.get(instanceId, named.ingestion_id))?.payload.mode, 'long-range');
  });

  it('each memory records the configuration version that produced it, in memory admin and in the export', async () => {
    const { instanceId, sdk } = await fresh();
    const atDefaults = await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' });
    await configure(instanceId, { extraction: { min_confidence: 0.1 } });
    await configure(instanceId, { extraction: { min_confidence: 0.3 } });
    const atTwo = await ingestAndWait(sdk, {
      document: 'Melanie: I love hiking in the Alps.',
      user_id: 'u2',
    });
    const listed = [...(await adminMemories(instanceId, 'u1')), ...(await adminMemories(instanceId, 'u2'))];
    const versionOf = new Map(listed.map((memory) => [memory.memory_id, memory.config_version]));
    assert.ok(atDefaults.memory_ids.length > 0 && atTwo.memory_ids.length > 0);
    for (const id of atDefaults.memory_ids) assert.equal(versionOf.get(id), 0);
    for (const id of atTwo.memory_ids) assert.equal(versionOf.get(id), 2);
    const response = await fetch(`${server.url}/admin/v1/instances/${instanceId}/export`, {
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    });
    const exported = (await response.text())
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { type: string; memoryId?: string; configVersion?: number })
      .filter((record) => record.type === 'memory');
    assert.equal(exported.length, listed.length);
    for (const record of exported)
      assert.equal(record.configVersion, versionOf.get(record.memoryId as string));
  });

  it('type weights scale one type and recency half-life discounts old memories', async () => {
    const { instanceId, apiKey, sdk } = await fresh();
    await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' });
    const baseline = await fetchAll(apiKey, 'u1');
    assert.ok(
      baseline.some((item) => item.memory_type === 'preference' && item.relevance_score > 0),
      JSON.stringify(baseline),
    );
    await configure(instanceId, { retrieval: { type_weights: { preference: 0 } } });
    const weighted = await fetchAll(apiKey, 'u1');
    for (const item of weighted) {
      const before = baseline.find((old) => old.id === item.id);
      assert.ok(before);
      if (item.memory_type === 'preference') assert.equal(item.relevance_score, 0);
      else assert.equal(item.relevance_score, before.relevance_score);
    }
    // A half-life of under a second: a memory extracted a second ago weighs less than half.
    await configure(instanceId, { retrieval: { type_weights: {}, recency_half_life_days: 0.00001 } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const discounted = await fetchAll(apiKey, 'u1');
    assert.equal(discounted.length, baseline.length);
    for (const item of discounted) {
      const before = baseline.find((old) => old.id === item.id);
      assert.ok(before && item.relevance_score < before.relevance_score * 0.5, JSON.stringify(item));
    }
  });

  it('min_confidence drops extracted memories below it', async () => {
    const { instanceId, sdk } = await fresh();
    const all = await memoriesOf(
      sdk,
      (await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' })).memory_ids,
    );
    assert.ok(
      all.some((memory) => memory.confidence < 0.5),
      'the raw-turn memory sits at 0.2',
    );
    await configure(instanceId, { extraction: { min_confidence: 0.5 } });
    const kept = await memoriesOf(
      sdk,
      (await ingestAndWait(sdk, { document: CHAT, user_id: 'u2' })).memory_ids,
    );
    assert.ok(kept.length > 0 && kept.every((memory) => memory.confidence >= 0.5));
  });

  it('entity_resolution off links no entities', async () => {
    const { instanceId, apiKey, sdk } = await fresh();
    await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' });
    const linked = (await fetchAll(apiKey, 'u1')) as unknown as { entities: unknown[] }[];
    assert.ok(linked.some((item) => item.entities.length > 0));
    await configure(instanceId, { extraction: { entity_resolution: false } });
    await ingestAndWait(sdk, { document: CHAT, user_id: 'u2' });
    const unlinked = (await fetchAll(apiKey, 'u2')) as unknown as { entities: unknown[] }[];
    assert.ok(unlinked.length > 0 && unlinked.every((item) => item.entities.length === 0));
  });

  it('max_memories_per_user with delete_oldest keeps the newest memories', async () => {
    const { instanceId, sdk } = await fresh();
    await ingestAndWait(sdk, { document: 'Melanie: I work as a nurse at the city hospital.', user_id: 'u1' });
    const newer = await ingestAndWait(sdk, {
      document: 'Melanie: I love pottery on weekends.',
      user_id: 'u1',
    });
    assert.ok((await adminMemories(instanceId, 'u1')).length > newer.memory_ids.length);
    await configure(instanceId, { retention: { max_memories_per_user: newer.memory_ids.length } });
    assert.ok((await server.server.services.retention.sweepOnce()) > 0);
    const left = await adminMemories(instanceId, 'u1');
    assert.deepEqual(left.map((memory) => memory.memory_id).sort(), [...newer.memory_ids].sort());
  });

  it('max_memories_per_user with delete_least_confident keeps the most confident memories', async () => {
    const { instanceId, sdk } = await fresh();
    await ingestAndWait(sdk, { document: CHAT, user_id: 'u1' });
    const all = await adminMemories(instanceId, 'u1');
    const lowest = Math.min(...all.map((memory) => memory.confidence));
    const confident = all.filter((memory) => memory.confidence > lowest);
    assert.ok(confident.length > 0 && confident.length < all.length);
    await configure(instanceId, {
      retention: { max_memories_per_user: confident.length, overflow_policy: 'delete_least_confident' },
    });
    await server.server.services.retention.sweepOnce();
    const left = await adminMemories(instanceId, 'u1');
    assert.deepEqual(
      left.map((memory) => memory.memory_id).sort(),
      confident.map((memory) => memory.memory_id).sort(),
    );
  });

  it('compaction.level is the level of compactions that name none', async () => {
    const { instanceId, sdk, apiKey } = await fresh();
    const conversationId = randomUUID();
    await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'I work as a nurse at the city hospital and I love pottery.',
      user_id: 'u1',
    });
    await configure(instanceId, { compaction: { level: 'aggressive' } });
    const response = await fetch(`${server.url}/v1/conversations/compact`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversation_id: conversationId }),
    });
    const body = await readBody(response);
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.strategy, 'aggressive');
  });

  it('compaction.scheduled off leaves an instance out of scheduled compaction', async () => {
    // A server of its own, scheduling every second, so the other cases are never compacted under them.
    const scheduling = await startTestServer({
      operatorKey: OPERATOR_KEY,
      retentionSweepMs: 0,
      compactionScheduleSeconds: 1,
    });
    try {
      const conversations = new Map<string, { apiKey: string; conversationId: string }>();
      for (const name of ['on', 'off']) {
        const instance = await scheduling.createInstance('b2c');
        const conversationId = randomUUID();
        if (name === 'off') {
          const stored = await admin(scheduling.url, 'POST', `/instances/${instance.instanceId}/config`, {
            document: { compaction: { scheduled: false } },
          });
          assert.equal(stored.status, 200);
        }
        await sdkFor(scheduling.url, instance.apiKey).conversation.recordMessage({
          conversation_id: conversationId,
          role: 'user',
          content: 'I work as a nurse at the city hospital.',
          user_id: 'u1',
        });
        conversations.set(name, { apiKey: instance.apiKey, conversationId });
      }
      const status = async (name: string) => {
        const { apiKey, conversationId } = conversations.get(name) as {
          apiKey: string;
          conversationId: string;
        };
        const response = await fetch(
          `${scheduling.url}/v1/conversations/${conversationId}/compaction/status`,
          {
            headers: { authorization: `Bearer ${apiKey}` },
          },
        );
        return (await readBody(response)).status as string;
      };
      const deadline = Date.now() + 20_000;
      while ((await status('on')) !== 'completed') {
        assert.ok(Date.now() < deadline, 'the scheduled instance was compacted');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The schedule ran past the other instance's conversation at least once by now.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal(await status('off'), 'none');
    } finally {
      await scheduling.dispose();
    }
  });
});
