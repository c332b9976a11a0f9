// Erasure that erases: after deleting every memory of a document (and after
// erasing a user), a unique token is in none of the database files, the WAL
// included; the ingestion status lists no deleted id; and re-sending the
// document id is a new ingestion, not a resurrection of the old memories.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { EngramClient } from '@engram/sdk';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** Occurrences of `token` (any case) in the data directory's database files. */
function occurrences(dataDir: string, token: string): Record<string, number> {
  const found: Record<string, number> = {};
  const needle = token.toLowerCase();
  for (const name of readdirSync(dataDir).filter((file) => file.startsWith('engram.db'))) {
    const text = readFileSync(join(dataDir, name)).toString('latin1').toLowerCase();
    found[name] = text.split(needle).length - 1;
  }
  return found;
}

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

/** Polls until `token` is in no file (the purge runs about a second after an erasure). */
async function waitUntilGone(dataDir: string, token: string): Promise<Record<string, number>> {
  let counts = occurrences(dataDir, token);
  for (let attempt = 0; attempt < 100 && total(counts) > 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    counts = occurrences(dataDir, token);
  }
  return counts;
}

describe('erasure', () => {
  let server: TestServer;
  let sdk: EngramClient;
  let instanceId: string;

  before(async () => {
    server = await startTestServer({ operatorKey: OPERATOR_KEY });
    const created = await server.createInstance();
    instanceId = created.instanceId;
    sdk = sdkFor(server.url, created.apiKey);
    // A neighbour whose data must survive every erasure below.
    await ingestAndWait(sdk, { document: 'User: I love hiking in the Alps.', user_id: 'neighbour' });
  });
  after(() => server.dispose());

  it('deleting every memory of a document removes its text from every table and file', async () => {
    const token = 'Qwzortlebrook';
    const document = `User: My cat ${token} sleeps all day. ${token} was adopted in Lisbon and eats tuna.`;
    const ingested = await ingestAndWait(sdk, { document, document_id: 'doc-erase', user_id: 'erase-user' });
    assert.equal(ingested.status, 'completed');
    assert.ok(ingested.memory_ids.length > 0);
    assert.ok(total(occurrences(server.dataDir, token)) > 0, 'the token is in the files before erasure');

    for (const memoryId of ingested.memory_ids) await sdk.memories.delete(memoryId);
    const status = await sdk.memories.status(ingested.ingestion_id);
    assert.deepEqual(status.memory_ids ?? [], [], 'the status lists no deleted id');
    const counts = await waitUntilGone(server.dataDir, token);
    assert.equal(total(counts), 0, `token left in ${JSON.stringify(counts)}`);

    const fetched = await sdk.user.context.fetch({ user_id: 'erase-user' });
    assert.equal(JSON.stringify(fetched).includes(token), false);
    const neighbour = await sdk.user.context.fetch({ user_id: 'neighbour' });
    assert.ok(JSON.stringify(neighbour).includes('hiking'), 'other users keep their memories');
  });

  it('re-sending an erased document id is a new ingestion with new memories', async () => {
    const again = await ingestAndWait(sdk, {
      document: 'User: My cat Qwzortlebrook sleeps all day.',
      document_id: 'doc-erase',
      user_id: 'erase-user',
    });
    assert.equal(again.status, 'completed');
    assert.ok(again.memory_ids.length > 0);
    const first = await sdk.memories.get(again.memory_ids[0] as string);
    assert.equal(first.source_document_id, 'doc-erase');
  });

  it('erasing a user removes their documents, conversations and messages from every file', async () => {
    const token = 'Vexmarrowlind';
    await ingestAndWait(sdk, { document: `User: I drive a ${token} truck.`, user_id: 'gone-user' });
    const conversationId = crypto.randomUUID();
    await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: `My truck is a ${token}.`,
      user_id: 'gone-user',
    });
    assert.ok(total(occurrences(server.dataDir, token)) > 0);
    const report = await server.server.services.erasure.eraseSubject(instanceId, { userId: 'gone-user' });
    assert.equal(report.conversations, 1);
    assert.ok(report.documents >= 1 && report.memories >= 1, JSON.stringify(report));
    const counts = await waitUntilGone(server.dataDir, token);
    assert.equal(total(counts), 0, `token left in ${JSON.stringify(counts)}`);
    const neighbour = await sdk.user.context.fetch({ user_id: 'neighbour' });
    assert.ok(JSON.stringify(neighbour).includes('hiking'));
  });

  it('the admin route erases a user: no row, no file copy, no search hit, no cached result', async () => {
    const token = 'Plomvaderquist';
    await ingestAndWait(sdk, {
      document: `User: I sail a boat named ${token} every summer.`,
      user_id: 'admin-gone',
    });
    const conversationId = crypto.randomUUID();
    await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: `The ${token} needs new sails.`,
      user_id: 'admin-gone',
    });
    const query = { user_id: 'admin-gone', search_query: [token] };
    // Fetched once so a cached result exists to be dropped.
    assert.ok(JSON.stringify(await sdk.user.context.fetch(query)).includes(token));
    const path = `/instances/${instanceId}/users/admin-gone`;
    assert.equal(
      (await admin(server.url, 'DELETE', path, undefined, 'not-the-operator-key-at-all')).status,
      401,
    );
    assert.equal(
      (await admin(server.url, 'DELETE', '/instances/no-such-instance/users/admin-gone')).status,
      404,
    );
    const erased = await admin(server.url, 'DELETE', path);
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.equal(erased.body.conversations_erased, 1);
    assert.ok(erased.body.memories_erased >= 1 && erased.body.documents_erased >= 1);

    assert.equal(JSON.stringify(await sdk.user.context.fetch(query)).includes(token), false);
    const listed = await admin(server.url, 'GET', `/instances/${instanceId}/memories?user_id=admin-gone`);
    assert.deepEqual(listed.body.memories, []);
    const turns = await sdk.conversation.context.getContextForPrompt({ conversation_id: conversationId });
    assert.deepEqual(turns.recent_messages, []);
    const counts = await waitUntilGone(server.dataDir, token);
    assert.equal(total(counts), 0, `token left in ${JSON.stringify(counts)}`);
    const again = await admin(server.url, 'DELETE', path);
    assert.equal(again.body.memories_erased, 0, 'idempotent');
    assert.ok(JSON.stringify(await sdk.user.context.fetch({ user_id: 'neighbour' })).includes('hiking'));
  });

  it('the admin route erases a customer with every user under it on a B2B instance', async () => {
    const b2b = await server.createInstance('b2b');
    const client = sdkFor(server.url, b2b.apiKey);
    for (const [user, customer] of [
      ['ann', 'acme'],
      ['bob', 'acme'],
      ['cid', 'globex'],
    ] as const) {
      await ingestAndWait(client, {
        document: `User: I manage the ${customer} account.`,
        user_id: user,
        customer_id: customer,
      });
    }
    const erased = await admin(server.url, 'DELETE', `/instances/${b2b.instanceId}/customers/acme`);
    assert.equal(erased.status, 200);
    assert.ok(erased.body.memories_erased >= 2);
    const left = await admin(server.url, 'GET', `/instances/${b2b.instanceId}/memories?limit=100`);
    const owners = new Set(
      (left.body.memories as { customer_id: string }[]).map((memory) => memory.customer_id),
    );
    assert.deepEqual(owners, new Set(['globex']));
  });
});
