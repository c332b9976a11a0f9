// The operator routes behind the dashboard, through a real server over a real
// SQLite file: instances with key prefixes and usage, key creation and
// revocation, scored search in both modes, a memory's provenance, edit and
// delete, a user's entity graph, jobs with retry, conversations with their
// compactions; and that one instance's path never reaches another's rows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newUuidV7 } from '@engram/core';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { sdkFor } from './support/sdk-client.js';
import { type JsonBody, startTestServer, type TestServer } from './support/test-server.js';

const TRANSCRIPT = [
  { role: 'user', content: 'My name is Priya and I work as a pediatric nurse in Seattle.' },
  { role: 'assistant', content: 'Nice to meet you, Priya.' },
  { role: 'user', content: 'My sister Anika lives in Portland and she loves rock climbing.' },
  { role: 'assistant', content: 'Rock climbing sounds fun.' },
  { role: 'user', content: 'I am allergic to peanuts, so please never suggest peanut snacks.' },
] as const;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('console routes', () => {
  let server: TestServer;
  let instanceId: string;
  let apiKey: string;
  let conversationId: string;
  let other: { instanceId: string; apiKey: string };

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY });
    const created = await admin(server.url, 'POST', '/instances', { name: 'console', relationship: 'b2c' });
    assert.equal(created.status, 200);
    instanceId = created.body.instance_id;
    apiKey = created.body.api_key;
    other = await server.createInstance('b2c');
    const ingested = await sdkFor(server.url, apiKey).conversation.ingestTranscript({
      conversation_id: 'call-1',
      user_id: 'priya',
      transcript: [...TRANSCRIPT],
    });
    conversationId = ingested.conversation_id;
    await sdkFor(server.url, apiKey).memories.waitForCompletion(ingested.ingestion_id, {
      pollIntervalSeconds: 0.02,
    });
    await sdkFor(server.url, other.apiKey).memories.waitForCompletion(
      (
        await sdkFor(server.url, other.apiKey).memories.create({
          document: 'Priya: I am allergic to peanuts and I live in Seattle.',
          user_id: 'priya',
        })
      ).ingestion_id,
      { pollIntervalSeconds: 0.02 },
    );
  });
  after(() => server.dispose());

  const path = (suffix: string) => `/instances/${instanceId}${suffix}`;

  it('refuses instance keys and missing keys, and validates bodies', async () => {
    assert.equal((await admin(server.url, 'GET', '/instances', undefined, apiKey)).status, 401);
    assert.equal((await admin(server.url, 'GET', '/instances', undefined, 'nope')).status, 401);
    const bad = await admin(server.url, 'POST', '/instances', { name: '', relationship: 'b2x' });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.detail);
    assert.equal((await admin(server.url, 'POST', path('/memories/search'), { scope: 'user' })).status, 422);
    assert.equal((await admin(server.url, 'GET', '/instances/inst_missing')).status, 404);
  });

  it('lists instances with key prefixes and usage; creates and revokes keys', async () => {
    const listed = (await admin(server.url, 'GET', '/instances')).body.instances as JsonBody[];
    const mine = listed.find((instance) => instance.instance_id === instanceId) as JsonBody;
    assert.equal(mine.relationship, 'b2c');
    assert.deepEqual(
      mine.keys.map((key: JsonBody) => key.key_prefix),
      [apiKey.slice(0, 14)],
    );
    assert.ok(!JSON.stringify(listed).includes(apiKey), 'a listing never holds a whole key');
    assert.ok(mine.usage.memories > 0);
    assert.equal(mine.usage.conversations, 1);
    assert.equal(mine.usage.messages, TRANSCRIPT.length);
    assert.equal(mine.usage.users, 1);
    assert.ok((mine.usage.jobs.completed ?? 0) >= 1);

    const key = await admin(server.url, 'POST', path('/keys'));
    assert.equal(key.status, 200);
    assert.match(key.body.api_key, /^synap_/);
    const sdk = sdkFor(server.url, key.body.api_key);
    await sdk.memories.status(
      (await sdk.memories.create({ document: 'x: hello', user_id: 'k' })).ingestion_id,
    );
    const detail = await admin(server.url, 'GET', path(''));
    const record = detail.body.keys.find((k: JsonBody) => k.key_prefix === key.body.key_prefix);
    assert.ok(
      detail.body.owners.some((owner: JsonBody) => owner.user_id === 'priya' && owner.conversations === 1),
    );
    // Another instance's path cannot revoke this instance's key.
    assert.equal(
      (await admin(server.url, 'DELETE', `/instances/${other.instanceId}/keys/${record.key_id}`)).status,
      404,
    );
    const revoked = await admin(server.url, 'DELETE', path(`/keys/${record.key_id}`));
    assert.equal(revoked.status, 200);
    const refused = await fetch(`${server.url}/api/v1/memories/status/${newUuidV7()}`, {
      headers: { authorization: `Bearer ${key.body.api_key}` },
    });
    assert.equal(refused.status, 401);
    assert.equal((await admin(server.url, 'DELETE', path(`/keys/${record.key_id}`))).status, 404);
  });

  it('searches a user in fast and accurate mode with scores, best first', async () => {
    for (const mode of ['fast', 'accurate']) {
      const found = await admin(server.url, 'POST', path('/memories/search'), {
        scope: 'user',
        user_id: 'priya',
        query: 'peanut allergy',
        mode,
      });
      assert.equal(found.status, 200, JSON.stringify(found.body));
      const results = found.body.results as JsonBody[];
      assert.ok(results.length > 0, mode);
      assert.match(results[0]?.content, /peanut/i, mode);
      const scores = results.map((result) => result.relevance_score as number);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      assert.ok(scores.every((score) => score >= 0 && score <= 1));
    }
  });

  it('shows a memory with its provenance lines marked, edits it and deletes it', async () => {
    const found = await admin(server.url, 'POST', path('/memories/search'), {
      scope: 'user',
      user_id: 'priya',
      query: 'peanut allergy',
    });
    const id = found.body.results[0].id as string;
    const detail = await admin(server.url, 'GET', path(`/memories/${id}`));
    assert.equal(detail.status, 200);
    assert.equal(detail.body.validity, 'current');
    assert.equal(detail.body.user_id, 'priya');
    const marked = (detail.body.provenance.lines as JsonBody[]).filter((line) => line.evidence);
    assert.ok(marked.length > 0);
    assert.ok(
      marked.every((line) => /peanut/i.test(line.text)),
      JSON.stringify(marked),
    );
    // The other instance cannot read it through its own path.
    assert.equal(
      (await admin(server.url, 'GET', `/instances/${other.instanceId}/memories/${id}`)).status,
      404,
    );

    const edited = await admin(server.url, 'PATCH', path(`/memories/${id}`), {
      document: 'Priya is allergic to peanuts and tree nuts.',
      merge_strategy: 'replace',
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.content, 'Priya is allergic to peanuts and tree nuts.');

    assert.equal((await admin(server.url, 'DELETE', path(`/memories/${id}`))).status, 200);
    assert.equal((await admin(server.url, 'GET', path(`/memories/${id}`))).status, 404);
    const again = await admin(server.url, 'POST', path('/memories/search'), {
      scope: 'user',
      user_id: 'priya',
      query: 'peanut allergy',
    });
    assert.ok(!again.body.results.some((result: JsonBody) => result.id === id));
  });

  it("draws a user's entity graph from their own scope only", async () => {
    const graph = await admin(server.url, 'GET', path('/graph?user_id=priya'));
    assert.equal(graph.status, 200);
    const names = (graph.body.entities as JsonBody[]).map((entity) => entity.canonical_name);
    assert.ok(names.length > 0, JSON.stringify(graph.body));
    const ids = new Set((graph.body.entities as JsonBody[]).map((entity) => entity.entity_id));
    assert.ok(
      (graph.body.edges as JsonBody[]).every(
        (edge) => ids.has(edge.subject_entity_id) && ids.has(edge.object_entity_id),
      ),
    );
    const otherGraph = await admin(server.url, 'GET', `/instances/${other.instanceId}/graph?user_id=priya`);
    const otherIds = (otherGraph.body.entities as JsonBody[]).map((entity) => entity.entity_id);
    assert.ok(otherIds.every((entityId) => !ids.has(entityId)));
    assert.equal((await admin(server.url, 'GET', path('/graph'))).status, 422);
  });

  it('lists jobs with their errors and retries a failed one', async () => {
    const jobs = await admin(server.url, 'GET', path('/jobs'));
    assert.equal(jobs.status, 200);
    const completed = (jobs.body.jobs as JsonBody[]).find((job) => job.status === 'completed') as JsonBody;
    assert.ok(completed && !('text' in completed));
    assert.equal((await admin(server.url, 'POST', path(`/jobs/${completed.job_id}/retry`))).status, 409);
    assert.equal((await admin(server.url, 'POST', path(`/jobs/${newUuidV7()}/retry`))).status, 404);

    // A job whose payload no handler accepts fails for real in the worker.
    const jobId = newUuidV7();
    await server.server.services.store.jobs.enqueue({
      jobId,
      instanceId,
      kind: 'ingest-document',
      serialKey: `${instanceId}/broken`,
      payload: { documentId: 'broken' },
      queuedAt: new Date().toISOString(),
    });
    server.server.services.workers.wake();
    const failed = await until(async () => {
      const listed = await admin(server.url, 'GET', path('/jobs?status=failed'));
      return (listed.body.jobs as JsonBody[]).find((job) => job.job_id === jobId);
    }, 'the broken job to fail');
    assert.ok(failed.error, 'a failed job carries its error');
    assert.equal(
      (await admin(server.url, 'POST', `/instances/${other.instanceId}/jobs/${jobId}/retry`)).status,
      404,
    );
    const retried = await admin(server.url, 'POST', path(`/jobs/${jobId}/retry`));
    assert.equal(retried.status, 200);
    assert.equal(retried.body.status, 'queued');
    assert.equal(retried.body.attempts, 0);
    const failedAgain = await until(async () => {
      const job = await server.server.services.store.jobs.get(instanceId, jobId);
      return job?.status === 'failed' ? job : undefined;
    }, 'the retried job to run again');
    assert.ok(failedAgain.attempts >= 1);
  });

  it('shows a conversation with its raw turns and compaction versions', async () => {
    const listed = await admin(server.url, 'GET', path('/conversations?user_id=priya'));
    assert.deepEqual(
      listed.body.conversations.map((conversation: JsonBody) => conversation.conversation_id),
      [conversationId],
    );
    const compacted = await until(async () => {
      const shown = await admin(server.url, 'GET', path(`/conversations/${conversationId}`));
      return shown.body.compactions.length > 0 ? shown.body : undefined;
    }, 'the transcript compaction');
    assert.deepEqual(
      compacted.turns.map((turn: JsonBody) => turn.content),
      TRANSCRIPT.map((turn) => turn.content),
    );
    assert.equal(compacted.compactions[0].version, 1);
    const context = compacted.compactions[0].compacted_context as string;
    assert.ok(
      TRANSCRIPT.some((turn) => context.includes(turn.content)),
      context,
    );
    assert.equal(
      (await admin(server.url, 'GET', `/instances/${other.instanceId}/conversations/${conversationId}`))
        .status,
      404,
    );
  });

  it('documents every console route in /openapi.json', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as JsonBody;
    for (const route of [
      '/admin/v1/instances',
      '/admin/v1/instances/{instance_id}/keys/{key_id}',
      '/admin/v1/instances/{instance_id}/memories/search',
      '/admin/v1/instances/{instance_id}/graph',
      '/admin/v1/instances/{instance_id}/jobs/{job_id}/retry',
      '/admin/v1/instances/{instance_id}/conversations/{conversation_id}',
    ]) {
      assert.ok(document.paths[route], route);
    }
  });
});
