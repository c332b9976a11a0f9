// Operator listing and history of memories through a real server over a
// real SQLite file: cursor pages that never repeat or skip, filters, and a
// supersession chain.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { type JsonBody, startTestServer, type TestServer } from './support/test-server.js';

describe('memory admin', () => {
  let server: TestServer;
  let instance: { apiKey: string; instanceId: string };
  let old: string;
  let current: string;

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY });
    instance = await server.createInstance('b2c');
    const sdk = sdkFor(server.url, instance.apiKey);
    const first = await ingestAndWait(sdk, {
      document: 'Nina: I live in Denver.',
      document_created_at: '2023-01-10T09:00:00Z',
      user_id: 'nina',
    });
    const second = await ingestAndWait(sdk, {
      document: 'Nina: I live in Boston now.',
      document_created_at: '2023-09-01T09:00:00Z',
      user_id: 'nina',
    });
    await ingestAndWait(sdk, {
      document: [
        'Omar: I absolutely love pottery.',
        'Omar: I work as a nurse at the city hospital.',
        'Omar: My daughter has her recital next Friday.',
        'Omar: I adopted a cat named Luna.',
      ].join('\n'),
      document_type: 'ai-chat-conversation',
      user_id: 'omar',
    });
    old = first.memory_ids[0] as string;
    current = second.memory_ids[0] as string;
  });
  after(() => server.dispose());

  const list = (query: string) =>
    admin(server.url, 'GET', `/instances/${instance.instanceId}/memories${query}`);

  it('pages with a cursor, newest first, without repeats or gaps', async () => {
    const all = (await list('?limit=500')).body.memories as JsonBody[];
    assert.ok(all.length >= 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.memories.length <= 2);
      seen.push(...page.body.memories.map((memory: JsonBody) => memory.memory_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.map((memory) => memory.memory_id),
    );
    assert.equal((await list('?cursor=bogus')).status, 422);
  });

  it('filters by user, type, time range and validity', async () => {
    const omar = (await list('?user_id=omar')).body.memories as JsonBody[];
    assert.ok(omar.length > 0 && omar.every((memory) => memory.user_id === 'omar'));
    const preferences = (await list('?types=preference')).body.memories as JsonBody[];
    assert.ok(preferences.length > 0 && preferences.every((memory) => memory.memory_type === 'preference'));
    const superseded = (await list('?validity=superseded')).body.memories as JsonBody[];
    assert.deepEqual(
      superseded.map((memory) => memory.memory_id),
      [old],
    );
    const currentOnes = (await list('?validity=current&user_id=nina')).body.memories as JsonBody[];
    assert.deepEqual(
      currentOnes.map((memory) => memory.memory_id),
      [current],
    );
    const future = (await list('?from=2999-01-01T00:00:00Z')).body.memories as JsonBody[];
    assert.equal(future.length, 0);
    const past = (await list('?to=2000-01-01T00:00:00Z')).body.memories as JsonBody[];
    assert.equal(past.length, 0);
    assert.equal((await list('?types=facts')).status, 422);
    assert.equal((await list('?from=yesterday')).status, 422);
  });

  it("shows a memory's supersession chain, oldest first, from either end", async () => {
    for (const id of [old, current]) {
      const history = await admin(
        server.url,
        'GET',
        `/instances/${instance.instanceId}/memories/${id}/history`,
      );
      assert.equal(history.status, 200);
      assert.deepEqual(
        history.body.versions.map((version: JsonBody) => [
          version.memory_id,
          version.status,
          version.is_requested,
        ]),
        [
          [old, 'superseded', id === old],
          [current, 'current', id === current],
        ],
      );
    }
    const missing = await admin(server.url, 'GET', `/instances/${instance.instanceId}/memories/nope/history`);
    assert.equal(missing.status, 404);
  });

  it('never shows another instance its memories', async () => {
    const other = await server.createInstance('b2c');
    const listed = await admin(server.url, 'GET', `/instances/${other.instanceId}/memories`);
    assert.equal(listed.body.memories.length, 0);
    const history = await admin(server.url, 'GET', `/instances/${other.instanceId}/memories/${old}/history`);
    assert.equal(history.status, 404);
  });
});
