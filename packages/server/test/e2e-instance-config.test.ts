// Per-instance configuration through a real server over a real SQLite file:
// operator authentication, versions with diff, 422s that store nothing,
// rollback, and settings that change what ingestion keeps and fetch returns.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminRoutes } from '../src/routes/admin/admin-routes.js';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { readBody, startTestServer, type TestServer } from './support/test-server.js';

const CHAT = [
  'Melanie: I absolutely love pottery, it is my favourite way to relax.',
  'Melanie: I work as a nurse at the city hospital.',
  'Melanie: My daughter has her recital next Friday.',
].join('\n');

async function fetchUser(
  server: TestServer,
  apiKey: string,
  userId: string,
  extra: Record<string, unknown> = {},
) {
  const response = await fetch(`${server.url}/v1/context/user/fetch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: userId, search_query: ['pottery nurse recital'], ...extra }),
  });
  assert.equal(response.status, 200);
  return readBody(response);
}

describe('per-instance configuration', () => {
  let server: TestServer;
  let instance: { apiKey: string; instanceId: string };

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY, retentionSweepMs: 0 });
    instance = await server.createInstance('b2c');
  });
  after(() => server.dispose());

  it('OpenAPI documents every admin route under the operator scheme', async () => {
    const document = await readBody(await fetch(`${server.url}/openapi.json`));
    const paths = Object.keys(document.paths).filter((path) => path.startsWith('/admin/v1/'));
    // Every registered operator route, whichever file declares it, is documented with its method.
    const routes = adminRoutes(server.server.services);
    assert.ok(routes.length >= 16);
    for (const route of routes) {
      assert.ok(document.paths[route.path]?.[route.method], `${route.method} ${route.path}`);
    }
    for (const expected of [
      '/admin/v1/instances/{instance_id}/users/{user_id}',
      '/admin/v1/instances/{instance_id}/customers/{customer_id}',
      '/admin/v1/instances/{instance_id}/import',
    ]) {
      assert.ok(paths.includes(expected), expected);
    }
    for (const path of paths) {
      for (const operation of Object.values(document.paths[path]) as { security: unknown }[]) {
        assert.deepEqual(operation.security, [{ operatorAuth: [] }], path);
      }
    }
    assert.ok(document.components.securitySchemes.operatorAuth);
    assert.ok(
      document.paths['/admin/v1/instances/{instance_id}/import'].post.requestBody.content[
        'application/x-ndjson'
      ],
    );
  });

  it('admin routes take the operator key only', async () => {
    const path = `/instances/${instance.instanceId}/config`;
    assert.equal((await admin(server.url, 'GET', path, undefined, 'wrong-key-wrong-key-wrong')).status, 401);
    assert.equal((await admin(server.url, 'GET', path, undefined, instance.apiKey)).status, 401);
    assert.equal((await admin(server.url, 'GET', path)).status, 200);
    assert.equal((await admin(server.url, 'GET', '/instances/no-such-instance/config')).status, 404);
  });

  it('versions every change with author and diff, refuses bad documents whole, and rolls back', async () => {
    const path = `/instances/${instance.instanceId}/config`;
    const initial = await admin(server.url, 'GET', path);
    assert.equal(initial.body.version, 0);
    assert.equal(initial.body.document.retrieval.default_mode, 'fast');

    const yaml = 'retrieval:\n  default_mode: accurate\n  default_max_results: 3\n';
    const set = await admin(server.url, 'POST', path, { text: yaml, author: 'alice' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.version, 1);
    assert.equal(set.body.author, 'alice');
    assert.deepEqual(
      set.body.diff.map((change: { path: string }) => change.path),
      ['retrieval.default_max_results', 'retrieval.default_mode'],
    );

    // Two faults, one valid change beside them: 422 naming both, nothing stored.
    const bad = await admin(server.url, 'POST', path, {
      document: {
        retrieval: { default_mode: 'slow', default_max_results: 5 },
        extraction: { colour: 'red' },
      },
    });
    assert.equal(bad.status, 422);
    assert.match(String(bad.body.detail), /retrieval\.default_mode/);
    assert.match(String(bad.body.detail), /extraction/);
    assert.equal((await admin(server.url, 'GET', path)).body.version, 1);
    assert.equal((await admin(server.url, 'GET', path)).body.document.retrieval.default_max_results, 3);

    const unchanged = await admin(server.url, 'POST', path, { text: yaml });
    assert.equal(unchanged.body.version, 1, 'an identical document stores no version');

    const rolledBack = await admin(server.url, 'POST', `${path}/rollback`, { version: 0, author: 'bob' });
    assert.equal(rolledBack.body.version, 2);
    assert.equal(rolledBack.body.rolled_back_to, 0);
    assert.equal(rolledBack.body.document.retrieval.default_mode, 'fast');
    const history = await admin(server.url, 'GET', `${path}/history`);
    assert.deepEqual(
      history.body.versions.map((version: { version: number }) => version.version),
      [2, 1, 0],
    );
    assert.equal((await admin(server.url, 'GET', `${path}/versions/1`)).body.author, 'alice');
    assert.equal((await admin(server.url, 'POST', `${path}/rollback`, { version: 9 })).status, 404);
  });

  it('the configured compaction threshold becomes the one compaction uses', async () => {
    const other = await server.createInstance('b2c');
    await admin(server.url, 'POST', `/instances/${other.instanceId}/config`, {
      document: { compaction: { threshold_tokens: 0 } },
    });
    const settings = server.server.services.compactionSettings;
    assert.equal(await settings.thresholdTokens(other.instanceId), 0);
    await admin(server.url, 'POST', `/instances/${other.instanceId}/config/rollback`, { version: 0 });
    assert.equal(
      await settings.thresholdTokens(other.instanceId),
      server.server.services.config.compactionThresholdTokens,
    );
  });

  it('applies retrieval defaults: mode and max_results when the request names none, clamped to the limit', async () => {
    const other = await server.createInstance('b2c');
    const sdk = sdkFor(server.url, other.apiKey);
    await ingestAndWait(sdk, { document: CHAT, document_type: 'ai-chat-conversation', user_id: 'u1' });
    const path = `/instances/${other.instanceId}/config`;
    await admin(server.url, 'POST', path, {
      document: { retrieval: { default_mode: 'accurate', default_max_results: 1, max_results_limit: 2 } },
    });
    const defaulted = await fetchUser(server, other.apiKey, 'u1');
    assert.equal(defaulted.metadata.mode, 'accurate');
    assert.ok(defaulted.metadata.total_results <= 1, `total ${defaulted.metadata.total_results}`);
    const explicit = await fetchUser(server, other.apiKey, 'u1', { mode: 'fast', max_results: 50 });
    assert.equal(explicit.metadata.mode, 'fast');
    assert.ok(explicit.metadata.total_results <= 2, 'clamped to max_results_limit');
    assert.ok(explicit.metadata.total_results >= 1);
  });

  it('a disabled memory type is no longer extracted, other types still are', async () => {
    const other = await server.createInstance('b2c');
    const sdk = sdkFor(server.url, other.apiKey);
    const before = await ingestAndWait(sdk, {
      document: CHAT,
      document_type: 'ai-chat-conversation',
      user_id: 'u1',
    });
    assert.ok((await fetchUser(server, other.apiKey, 'u1')).preferences.length > 0, 'preferences before');
    assert.equal(before.status, 'completed');

    const set = await admin(server.url, 'POST', `/instances/${other.instanceId}/config`, {
      document: { extraction: { memory_types: ['fact', 'episode', 'emotion', 'temporal_event'] } },
    });
    assert.equal(set.body.version, 1);
    const after = await ingestAndWait(sdk, {
      document: CHAT,
      document_type: 'ai-chat-conversation',
      user_id: 'u2',
    });
    assert.equal(after.status, 'completed');
    const fetched = await fetchUser(server, other.apiKey, 'u2');
    assert.equal(fetched.preferences.length, 0, 'no preference extracted');
    assert.ok(fetched.facts.length + fetched.temporal_events.length > 0, 'other types still extracted');
  });

  it('a TTL hides expired memories from fetch and the retention sweep deletes them', async () => {
    const other = await server.createInstance('b2c');
    const sdk = sdkFor(server.url, other.apiKey);
    await ingestAndWait(sdk, { document: CHAT, document_type: 'ai-chat-conversation', user_id: 'u1' });
    const beforeTtl = await fetchUser(server, other.apiKey, 'u1', { max_results: 50 });
    assert.ok(beforeTtl.facts.length > 0 && beforeTtl.preferences.length > 0);

    // About 0.9 seconds for facts; preferences keep no TTL.
    await admin(server.url, 'POST', `/instances/${other.instanceId}/config`, {
      document: { retention: { ttl_days: { fact: 0.00001 } } },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const expired = await fetchUser(server, other.apiKey, 'u1', { max_results: 50 });
    assert.equal(expired.facts.length, 0, 'expired facts are not returned');
    assert.equal(expired.preferences.length, beforeTtl.preferences.length, 'other types untouched');

    const deleted = await server.server.services.retention.sweepOnce();
    assert.ok(deleted >= beforeTtl.facts.length, `deleted ${deleted}`);
    const listed = await admin(server.url, 'GET', `/instances/${other.instanceId}/memories?types=fact`);
    assert.equal(listed.body.memories.length, 0, 'no fact row left');
  });
});
