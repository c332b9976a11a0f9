// Retrieval end to end through the SDK: scope rules over HTTP, cold scopes,
// profiles and summary mode, and deletion that no query can undo.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ContextNotFoundError, InvalidInputError } from '@engram/sdk';
import { allItems } from './support/context-items.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('retrieval end to end through the SDK', () => {
  let server: TestServer;
  let b2b: { apiKey: string };
  let b2c: { apiKey: string };

  before(async () => {
    server = await startTestServer();
    b2b = await server.createInstance('b2b');
    b2c = await server.createInstance('b2c');
    const sdk = sdkFor(server.url, b2b.apiKey);
    await ingestAndWait(sdk, {
      document: 'Ivy: I am allergic to shellfish.',
      user_id: 'ivy',
      customer_id: 'acme',
    });
    await ingestAndWait(sdk, {
      document: 'Acme standard: invoices are paid within 30 days.',
      customer_id: 'acme',
      document_type: 'document',
    });
    await ingestAndWait(sdk, {
      document: 'Globex standard: invoices are paid within 60 days.',
      customer_id: 'globex',
      document_type: 'document',
    });
    await ingestAndWait(sdk, {
      document: 'Support hours are 9 to 5 on weekdays.',
      document_type: 'document',
    });
  });
  after(() => server.dispose());

  it('applies the scope rules: user sees user+customer+client, customer never sees users, client only client', async () => {
    const sdk = sdkFor(server.url, b2b.apiKey);
    const query = ['shellfish allergy invoices paid days support hours'];
    const user = allItems(
      await sdk.user.context.fetch({
        user_id: 'ivy',
        customer_id: 'acme',
        search_query: query,
        max_results: 50,
      }),
    );
    const userText = user.map((item) => item.content).join(' | ');
    assert.match(userText, /shellfish/);
    assert.match(userText, /30 days/);
    assert.match(userText, /Support hours/);
    assert.doesNotMatch(userText, /60 days/, 'another customer is never visible');
    assert.deepEqual(new Set(user.map((item) => item.scope)), new Set(['user', 'customer', 'client']));

    const customer = allItems(
      await sdk.customer.context.fetch({ customer_id: 'acme', search_query: query, max_results: 50 }),
    );
    const customerText = customer.map((item) => item.content).join(' | ');
    assert.doesNotMatch(customerText, /shellfish/, 'customer fetch never returns user memories');
    assert.match(customerText, /30 days/);
    assert.match(customerText, /Support hours/, 'client context is included by default');
    const withoutClient = allItems(
      await sdk.customer.context.fetch({
        customer_id: 'acme',
        search_query: query,
        include_client_context: false,
      }),
    );
    assert.ok(withoutClient.every((item) => item.scope === 'customer'));

    const client = allItems(await sdk.client.context.fetch({ search_query: query, max_results: 50 }));
    assert.deepEqual(new Set(client.map((item) => item.scope)), new Set(['client']));
    for (const item of [...user, ...customer, ...client]) {
      assert.ok(item.relevance_score >= 0 && item.relevance_score <= 1);
      assert.ok(item.source_evidence.length > 0);
    }
  });

  it('answers cold scopes with empty lists and validates parameters', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const cold = await sdk.user.context.fetch({ user_id: 'nobody', search_query: ['anything'] });
    assert.equal(allItems(cold).length, 0);
    assert.equal(cold.metadata.total_results, 0);
    await assert.rejects(sdk.user.context.fetch({ user_id: 'x', max_results: 0 }), InvalidInputError);
    const raw = await fetch(`${server.url}/v1/context/client/fetch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b2c.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ types: ['gossip'], max_results: 51, mode: 'slow' }),
    });
    assert.equal(raw.status, 422);
    const detail = String(((await raw.json()) as { detail: string }).detail);
    assert.match(detail, /types/);
    assert.match(detail, /max_results/);
    assert.match(detail, /mode/);
    const summaryElsewhere = await fetch(`${server.url}/v1/context/customer/fetch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b2c.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: 'c', context_mode: 'conversation-summary' }),
    });
    assert.equal(summaryElsewhere.status, 422);
  });

  it('serves a profile and the conversation-summary mode', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    await assert.rejects(sdk.user.getProfile({ user_id: 'pat' }), ContextNotFoundError);
    await ingestAndWait(sdk, { document: 'Pat: I live in Seattle and I work as a nurse.', user_id: 'pat' });
    const profile = await sdk.user.getProfile({ user_id: 'pat' });
    const profileText = JSON.stringify(profile);
    assert.match(profileText, /Seattle|nurse/);

    const conversationId = randomUUID();
    await sdk.conversation.recordMessage({
      conversation_id: conversationId,
      role: 'user',
      content: 'Hi, it is Pat.',
      user_id: 'pat',
    });
    const summary = await sdk.user.context.fetch({
      user_id: 'pat',
      context_mode: 'conversation-summary',
      last_n_conversations: 3,
    });
    assert.equal(summary.conversations?.length, 1);
    const [latest] = (summary.conversations ?? []) as { conversation_id: string }[];
    assert.equal(latest?.conversation_id, conversationId);
    assert.ok(summary.profile, 'the profile comes along by default');
  });

  it('deletes permanently: no query in any mode finds the memory again', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const status = await ingestAndWait(sdk, {
      document: 'Quinn: My locker code is tangerine-42.',
      user_id: 'quinn',
    });
    const id = status.memory_ids[0] as string;
    const queries = [['locker code tangerine'], ['Quinn'], null];
    for (const mode of ['fast', 'accurate'] as const) {
      const found = allItems(
        await sdk.user.context.fetch({ user_id: 'quinn', search_query: queries[0], mode }),
      );
      assert.ok(
        found.some((item) => item.id === id),
        `found before deletion (${mode})`,
      );
    }
    await sdk.memories.delete(id);
    for (const mode of ['fast', 'accurate'] as const) {
      for (const search_query of queries) {
        const response = await sdk.user.context.fetch({
          user_id: 'quinn',
          search_query,
          mode,
          max_results: 50,
        });
        assert.ok(
          !JSON.stringify(response).includes('tangerine'),
          `gone for ${mode} ${JSON.stringify(search_query)}`,
        );
      }
    }
    const graphWalk = await sdk.fetch({ user_id: 'quinn', search_query: ['Quinn locker'], mode: 'accurate' });
    assert.ok(!JSON.stringify(graphWalk).includes('tangerine'));
    await assert.rejects(sdk.memories.get(id), ContextNotFoundError);
  });
});
