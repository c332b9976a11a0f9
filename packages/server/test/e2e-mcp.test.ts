// The MCP server through the MCP SDK's own client, over Streamable HTTP at
// /mcp on a real server and over stdio to a real `engram mcp` process.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { httpMcpClient, stdioMcpClient, textOf } from './support/mcp-clients.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const TOOLS = [
  'check_memory_status',
  'context_for_prompt',
  'delete_memory',
  'get_user_profile',
  'list_recent_memories',
  'log_exchange',
  'recall_context',
  'record_message',
];

describe('MCP server', () => {
  let server: TestServer;
  let apiKey: string;
  let otherKey: string;
  const clients: Client[] = [];

  before(async () => {
    server = await startTestServer();
    apiKey = (await server.createInstance('b2c')).apiKey;
    otherKey = (await server.createInstance('b2c')).apiKey;
    // The extraction thread and its models start on a server's first document
    // (decision 0045), which on a busy CI box can take longer than the
    // tool's 12 s wait (Synap's default). These tests are about the tools, so
    // the server takes one document first, in another instance.
    const warmUp = sdkFor(server.url, otherKey);
    const queued = await warmUp.memories.create({
      document: 'Warm-up: the server starts its extraction.',
      user_id: 'warm-up',
    });
    await warmUp.memories.waitForCompletion(queued.ingestion_id, {
      pollIntervalSeconds: 0.05,
      timeoutSeconds: 120,
    });
  });
  after(async () => {
    for (const client of clients) await client.close();
    await server.dispose();
  });

  async function http(key = apiKey) {
    const client = await httpMcpClient(server.url, key);
    clients.push(client);
    return client;
  }

  it('lists Synap’s four tools and Engram’s four over Streamable HTTP', async () => {
    const { tools } = await (await http()).listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), TOOLS);
    const logExchange = tools.find((tool) => tool.name === 'log_exchange');
    assert.deepEqual(logExchange?.inputSchema.required, ['user_message']);
  });

  it('logs an exchange, recalls it at user scope, lists it, checks its status and deletes a memory', async () => {
    const client = await http();
    const logged = await client.callTool({
      name: 'log_exchange',
      arguments: {
        user_message: 'I take my coffee black, no sugar.',
        assistant_message: 'Noted: black coffee.',
        user_id: 'alice',
        wait_for_processing: true,
      },
    });
    assert.ok(!logged.isError, textOf(logged));
    assert.match(textOf(logged), /Stored \(user scope\), status: completed/);
    const ingestionId = /ingestion_id: (\S+)/.exec(textOf(logged))?.[1] as string;

    const status = await client.callTool({
      name: 'check_memory_status',
      arguments: { ingestion_id: ingestionId },
    });
    assert.match(textOf(status), new RegExp(`Ingestion ${ingestionId}: completed, \\d+ memories created`));

    const recalled = await client.callTool({
      name: 'recall_context',
      arguments: { query: 'how does the user take coffee', user_id: 'alice' },
    });
    assert.ok(!recalled.isError);
    assert.match(textOf(recalled), /^- \((fact|preference)\) .*coffee/im);

    const recent = await client.callTool({ name: 'list_recent_memories', arguments: { user_id: 'alice' } });
    assert.match(textOf(recent), /coffee/);

    const otherUser = await client.callTool({
      name: 'recall_context',
      arguments: { query: 'coffee', user_id: 'bob' },
    });
    assert.equal(textOf(otherUser), 'No relevant memories found (user scope).');

    const ids = [...textOf(recent).matchAll(/\[id: (\S+)\]/g)].map((match) => match[1] as string);
    assert.ok(ids.length > 0);
    const deleted = await client.callTool({ name: 'delete_memory', arguments: { memory_id: ids[0] } });
    assert.equal(textOf(deleted), `Deleted memory ${ids[0]}.`);
    const after = await client.callTool({ name: 'list_recent_memories', arguments: { user_id: 'alice' } });
    assert.ok(!textOf(after).includes(ids[0] as string), 'the deleted memory is gone');
  });

  it('records messages and answers context_for_prompt and get_user_profile', async () => {
    const client = await http();
    const conversationId = randomUUID();
    for (const [role, content] of [
      ['user', 'My name is Carol and I live in Lyon.'],
      ['assistant', 'Nice to meet you, Carol.'],
    ]) {
      const recorded = await client.callTool({
        name: 'record_message',
        arguments: { conversation_id: conversationId, role, content, user_id: 'carol' },
      });
      assert.match(textOf(recorded), new RegExp(`^Recorded ${role} message \\S+ in ${conversationId}\\.$`));
    }
    const prompt = await client.callTool({
      name: 'context_for_prompt',
      arguments: { conversation_id: conversationId },
    });
    assert.match(
      textOf(prompt),
      /Recent messages:\nuser: My name is Carol and I live in Lyon\.\nassistant: Nice/,
    );

    const profile = await client.callTool({ name: 'get_user_profile', arguments: { user_id: 'alice' } });
    assert.ok(!profile.isError, textOf(profile));
    assert.equal(typeof JSON.parse(textOf(profile)), 'object');
    const none = await client.callTool({ name: 'get_user_profile', arguments: { user_id: 'nobody' } });
    assert.equal(none.isError, true);
    assert.match(textOf(none), /^ERROR: the memory server answered 404: /);
  });

  it('answers failures as tool errors with clear text and keeps the session', async () => {
    const client = await http();
    const unknownId = randomUUID();
    const unknown = await client.callTool({
      name: 'check_memory_status',
      arguments: { ingestion_id: unknownId },
    });
    assert.equal(unknown.isError, true);
    assert.equal(textOf(unknown), `Unknown ingestion_id: ${unknownId}`);
    const malformed = await client.callTool({
      name: 'check_memory_status',
      arguments: { ingestion_id: 'nope' },
    });
    assert.equal(malformed.isError, true);
    assert.match(textOf(malformed), /^ERROR: the memory server answered 422: .*UUID/);

    const missing = await client.callTool({ name: 'delete_memory', arguments: { memory_id: randomUUID() } });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /^ERROR: the memory server answered 404: /);

    const badRole = await client.callTool({
      name: 'record_message',
      arguments: { conversation_id: randomUUID(), role: 'narrator', content: 'x' },
    });
    assert.equal(badRole.isError, true);
    assert.match(textOf(badRole), /role/);

    const refused = await (await http('synap_not-a-real-key')).callTool({
      name: 'recall_context',
      arguments: { query: 'coffee', user_id: 'alice' },
    });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /^Could not recall memories: the API key was refused/);

    const stillThere = await client.callTool({
      name: 'list_recent_memories',
      arguments: { user_id: 'alice' },
    });
    assert.ok(!stillThere.isError);
  });

  it('keeps tenants apart: another instance’s key recalls nothing of this one', async () => {
    const other = await http(otherKey);
    const recalled = (await other.callTool({
      name: 'recall_context',
      arguments: { query: 'coffee', user_id: 'alice' },
    })) as CallToolResult;
    assert.equal(textOf(recalled), 'No relevant memories found (user scope).');
  });

  it('refuses /mcp without a bearer key with 401 and a detail', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(response.status, 401);
    assert.match(((await response.json()) as { detail: string }).detail, /Bearer/);
  });

  it('serves the same tools over stdio from `engram mcp`, key from ENGRAM_API_KEY or SYNAP_API_KEY', async () => {
    const client = await stdioMcpClient(server.url, { ENGRAM_API_KEY: apiKey });
    clients.push(client);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), TOOLS);
    const recalled = await client.callTool({ name: 'list_recent_memories', arguments: { user_id: 'alice' } });
    assert.match(textOf(recalled), /coffee/);

    const synap = await stdioMcpClient(server.url, { SYNAP_API_KEY: otherKey });
    clients.push(synap);
    const empty = await synap.callTool({ name: 'list_recent_memories', arguments: { user_id: 'alice' } });
    assert.equal(textOf(empty), 'No memories yet (user scope).');
    const failed = await synap.callTool({ name: 'check_memory_status', arguments: { ingestion_id: 'nope' } });
    assert.equal(failed.isError, true);
    const afterFailure = await synap.callTool({ name: 'list_recent_memories', arguments: {} });
    assert.equal(textOf(afterFailure), 'No memories yet (client scope).');
  });
});
