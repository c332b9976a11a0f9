// Wire-level checks over a real socket with plain fetch: status codes and
// `{"detail": ...}` bodies exactly as the Synap protocol requires.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { readBody, startTestServer, type TestServer } from './support/test-server.js';

describe('HTTP wire rules', () => {
  let server: TestServer;
  let apiKey: string;
  const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    const key = init.key === undefined ? apiKey : init.key;
    if (key !== null) headers.set('Authorization', `Bearer ${key}`);
    headers.set('Content-Type', 'application/json');
    return fetch(`${server.url}${path}`, { ...init, headers });
  };

  before(async () => {
    server = await startTestServer({ maxBodyBytes: 4_096 });
    apiKey = (await server.createInstance()).apiKey;
  });
  after(() => server.dispose());

  it('serves /health without a key', async () => {
    const response = await call('/health', { key: null });
    assert.equal(response.status, 200);
    assert.equal((await readBody(response)).status, 'ok');
  });

  it('answers 401 with a detail string for a missing or wrong key', async () => {
    for (const key of [null, 'synap_wrong', '']) {
      const response = await call('/api/v1/auth/whoami', { key });
      assert.equal(response.status, 401);
      const body = await readBody(response);
      assert.equal(typeof body.detail, 'string');
      assert.ok(!JSON.stringify(body).includes('synap_wrong'), 'the key is never echoed');
    }
  });

  it('ignores empty and foreign X-* identity headers', async () => {
    const response = await call('/api/v1/auth/whoami', {
      headers: { 'X-Instance-ID': '', 'X-Client-ID': 'cli_0000000000000000' },
    });
    assert.equal(response.status, 200);
    const body = await readBody(response);
    assert.match(body.instance_id, /^inst_[0-9a-f]{16}$/);
    assert.match(body.client_id, /^cli_[0-9a-f]{16}$/);
  });

  it('rejects malformed JSON with 400 and schema violations with 422', async () => {
    const malformed = await call('/v1/conversations/messages', {
      method: 'POST',
      body: '{"conversation_id":',
    });
    assert.equal(malformed.status, 400);
    assert.match((await readBody(malformed)).detail, /not valid JSON/);

    const invalid = await call('/v1/conversations/messages', {
      method: 'POST',
      body: JSON.stringify({ conversation_id: 'not-a-uuid', role: 'robot', content: '' }),
    });
    assert.equal(invalid.status, 422);
    const detail = (await readBody(invalid)).detail as string;
    assert.match(detail, /conversation_id: conversation_id must be a UUID/);
    assert.match(detail, /role:/);
    assert.match(detail, /content: content must not be empty/);
  });

  it('rejects a non-UUID conversation id in the path', async () => {
    const response = await call('/v1/conversations/abc/context-for-prompt');
    assert.equal(response.status, 422);
    assert.match((await readBody(response)).detail, /conversation_id must be a UUID/);
  });

  it('rejects an oversized body with 400 and a detail naming the limit', async () => {
    const response = await call('/v1/conversations/messages', {
      method: 'POST',
      body: JSON.stringify({ conversation_id: randomUUID(), role: 'user', content: 'x'.repeat(10_000) }),
    });
    assert.equal(response.status, 400);
    assert.match((await readBody(response)).detail, /exceeds the limit of 4096 bytes/);
  });

  /** Sends `chunks` as a chunked body (no Content-Length) over a raw socket; resolves with status and body. */
  const sendChunked = (path: string, chunks: readonly string[]) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const outgoing = httpRequest(`${server.url}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      });
      outgoing.on('error', reject);
      outgoing.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => {
          text += part;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      });
      for (const chunk of chunks) outgoing.write(chunk);
      outgoing.end();
    });

  it('counts a chunked body without Content-Length against the limit, and answers instead of resetting', async () => {
    const oversized = await sendChunked('/v1/conversations/messages', Array(10).fill('x'.repeat(1_000)));
    assert.equal(oversized.status, 400);
    assert.match(String(oversized.body.detail), /exceeds the limit of 4096 bytes/);
    const message = JSON.stringify({ conversation_id: randomUUID(), role: 'user', content: 'chunked hello' });
    const accepted = await sendChunked('/v1/conversations/messages', [
      message.slice(0, 20),
      message.slice(20),
    ]);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  });

  it('answers 404 with a detail for unknown routes', async () => {
    const response = await call('/v1/nothing-here');
    assert.equal(response.status, 404);
    assert.equal(typeof (await readBody(response)).detail, 'string');
  });

  it('echoes a safe X-Correlation-ID and mints one otherwise', async () => {
    const echoed = await call('/api/v1/auth/whoami', {
      headers: { 'X-Correlation-ID': 'syn_inst_1_2_abcdef' },
    });
    assert.equal(echoed.headers.get('x-correlation-id'), 'syn_inst_1_2_abcdef');
    const minted = await call('/api/v1/auth/whoami', { headers: { 'X-Correlation-ID': 'bad value\n' } });
    assert.match(minted.headers.get('x-correlation-id') ?? '', /^syn_inst_[0-9a-f]{1}_\d+_[0-9a-f]{6}$/);
    // On a POST answered 200, on an error and on an unknown route alike.
    const posted = await call('/v1/conversations/messages', {
      method: 'POST',
      headers: { 'X-Correlation-ID': 'syn_post_1' },
      body: JSON.stringify({ conversation_id: randomUUID(), role: 'user', content: 'hi' }),
    });
    assert.equal(posted.status, 200);
    assert.equal(posted.headers.get('x-correlation-id'), 'syn_post_1');
    const refused = await call('/v1/conversations/messages', { method: 'POST', body: '{' });
    assert.equal(refused.status, 400);
    assert.match(refused.headers.get('x-correlation-id') ?? '', /^syn_inst_[0-9a-f]_\d+_[0-9a-f]{6}$/);
    const unknown = await call('/v1/nothing-here', { key: null });
    assert.match(unknown.headers.get('x-correlation-id') ?? '', /^syn_engram_\d+_[0-9a-f]{6}$/);
  });

  it('serves an OpenAPI document covering every route', async () => {
    const response = await call('/openapi.json', { key: null });
    const document = await readBody(response);
    assert.equal(document.openapi, '3.1.0');
    for (const path of [
      '/v1/conversations/messages',
      '/v1/conversations/messages/batch',
      '/v1/conversations/{conversation_id}/context-for-prompt',
      '/v1/context/conversation/fetch',
      '/api/v1/auth/whoami',
    ]) {
      assert.ok(document.paths[path], `missing ${path}`);
    }
    const body =
      document.paths['/v1/conversations/messages'].post.requestBody.content['application/json'].schema;
    assert.ok(body.properties.conversation_id, 'request schema generated from zod');
  });
});
