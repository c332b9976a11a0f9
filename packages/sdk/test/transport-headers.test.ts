import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngramClient, SynapClient } from '../src/index.js';
import {
  API_KEY,
  CLIENT_ID,
  CONVERSATION_ID,
  contextForPromptBody,
  healthBody,
  INSTANCE_ID,
  recordMessageBody,
  whoamiBody,
} from './fixtures.js';
import { withServer } from './scripted-server.js';

const CORRELATION_ID = /^syn_inst_0_\d{13}_[0-9a-f]{6}$/;

describe('request headers', () => {
  it('sends the key, identity, correlation id and content type on a POST', async () => {
    await withServer([{ status: 200, body: recordMessageBody }], async (server) => {
      const client = new EngramClient({
        apiKey: API_KEY,
        baseUrl: server.baseUrl,
        instanceId: INSTANCE_ID,
        clientId: CLIENT_ID,
      });
      await client.conversation.recordMessage({
        conversation_id: CONVERSATION_ID,
        role: 'user',
        content: 'hi',
      });
      const [request] = server.requests;
      assert.ok(request);
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/v1/conversations/messages');
      assert.equal(request.headers['authorization'], `Bearer ${API_KEY}`);
      assert.equal(request.headers['x-instance-id'], INSTANCE_ID);
      assert.equal(request.headers['x-client-id'], CLIENT_ID);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.match(String(request.headers['x-correlation-id']), CORRELATION_ID);
    });
  });

  it('mints a new correlation id for each logical call', async () => {
    await withServer([{ status: 200, body: healthBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.health();
      await client.health();
      const [first, second] = server.requests.map((request) => request.headers['x-correlation-id']);
      assert.notEqual(first, second);
    });
  });

  it('leaves identity headers out until whoami learns them, then sends them', async () => {
    const script = [
      { status: 200, body: whoamiBody },
      { status: 200, body: contextForPromptBody },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const identity = await client.whoami();
      assert.equal(identity.instance_id, INSTANCE_ID);
      assert.equal(client.instanceId, INSTANCE_ID);
      assert.equal(client.clientId, CLIENT_ID);
      await client.conversation.context.getContextForPrompt({ conversation_id: CONVERSATION_ID });
      const [whoami, prompt] = server.requests;
      assert.equal(whoami?.url, '/api/v1/auth/whoami');
      assert.equal(whoami?.headers['x-instance-id'], undefined);
      assert.equal(whoami?.headers['x-client-id'], undefined);
      assert.match(String(whoami?.headers['x-correlation-id']), /^syn__\d{13}_[0-9a-f]{6}$/);
      assert.equal(prompt?.headers['x-instance-id'], INSTANCE_ID);
      assert.equal(prompt?.headers['x-client-id'], CLIENT_ID);
      assert.equal(prompt?.headers['content-type'], undefined, 'a GET has no body to describe');
    });
  });

  it('sends no credentials to /health', async () => {
    await withServer([{ status: 200, body: healthBody }], async (server) => {
      const client = new SynapClient({ apiKey: API_KEY, baseUrl: server.baseUrl, instanceId: INSTANCE_ID });
      assert.deepEqual(await client.health(), healthBody);
      const [request] = server.requests;
      assert.equal(request?.url, '/health');
      assert.equal(request?.headers['authorization'], undefined);
      assert.equal(request?.headers['x-instance-id'], undefined);
    });
  });

  it('adds caller headers without letting them replace the SDK’s own', async () => {
    await withServer([{ status: 200, body: healthBody }], async (server) => {
      const client = new EngramClient({
        apiKey: API_KEY,
        baseUrl: `${server.baseUrl}/`,
        headers: { 'X-Trace': 'abc', Authorization: 'Bearer other' },
      });
      await client.whoami().catch(() => {});
      const [request] = server.requests;
      assert.equal(request?.headers['x-trace'], 'abc');
      assert.equal(request?.headers['authorization'], `Bearer ${API_KEY}`);
      assert.equal(request?.url, '/api/v1/auth/whoami', 'a trailing slash on baseUrl is dropped');
    });
  });

  it('keeps a path prefix of baseUrl', async () => {
    await withServer([{ status: 200, body: healthBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: `${server.baseUrl}/engram` });
      await client.health().catch(() => {});
      assert.equal(server.requests[0]?.url, '/engram/health');
    });
  });
});
