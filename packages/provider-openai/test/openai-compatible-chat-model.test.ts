import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type ChatModel, EngramError } from '@engram/core';
import { createOpenAICompatibleChatModel } from '../src/openai-compatible-chat-model.js';
import { loadFixture } from './support/load-fixture.js';
import { type OpenAIStandInServer, startOpenAIStandInServer } from './support/openai-stand-in-server.js';

const API_KEY = 'sk-test-secret-1234';
const PROMPT = 'What is the capital of France? My secret is 4242.';

/** Asserts a PROVIDER_FAILED error and that nothing sensitive leaked into it. */
function providerFailure(check: (error: EngramError) => void): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof EngramError);
    assert.equal(error.code, 'PROVIDER_FAILED');
    const visible = `${error.message} ${JSON.stringify(error.details)}`;
    for (const secret of [API_KEY, '4242', 'sk-test', '127.0.0.1'])
      assert.ok(!visible.includes(secret), secret);
    check(error);
    return true;
  };
}

describe('createOpenAICompatibleChatModel', () => {
  let server: OpenAIStandInServer;
  let model: ChatModel;

  before(async () => {
    server = await startOpenAIStandInServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    model = createOpenAICompatibleChatModel({
      baseUrl: server.baseUrl,
      apiKey: API_KEY,
      model: 'gpt-4o-mini',
    });
  });

  it('returns the text and token usage of a recorded completion', async () => {
    server.enqueue('chat', { json: loadFixture('chat-completion-success.json') });
    const result = await model.doGenerate({ messages: [{ role: 'user', content: PROMPT }], temperature: 0 });
    assert.deepEqual(result, {
      text: '{"answer":"Paris"}',
      usage: { promptTokens: 31, completionTokens: 7 },
    });
    assert.equal(model.provider, 'openai-compatible');
    assert.equal(model.modelId, 'gpt-4o-mini');
    const [request] = server.requests;
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(request?.body, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: PROMPT }],
      stream: false,
      temperature: 0,
    });
  });

  it('asks for strict json_schema output when a schema is given', async () => {
    server.enqueue('chat', { json: loadFixture('chat-completion-success.json') });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    await model.doGenerate({
      messages: [
        { role: 'system', content: 'Answer in JSON.' },
        { role: 'user', content: PROMPT },
      ],
      jsonSchema: { name: 'answer', schema },
      maxTokens: 64,
    });
    const body = server.requests[0]?.body as Record<string, unknown>;
    assert.deepEqual(body.response_format, {
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: true },
    });
    assert.equal(body.max_tokens, 64);
    assert.equal('temperature' in body, false);
  });

  it('sends no Authorization without a key, keeps custom headers, tolerates a trailing slash', async () => {
    const local = createOpenAICompatibleChatModel({
      baseUrl: `${server.baseUrl}/`,
      model: 'llama3.1:8b',
      headers: { 'x-gateway': 'engram' },
    });
    server.enqueue('chat', { json: loadFixture('chat-completion-fenced-json.json') });
    const result = await local.doGenerate({ messages: [{ role: 'user', content: PROMPT }] });
    assert.match(result.text, /```json/);
    assert.deepEqual(result.usage, { promptTokens: 48, completionTokens: 25 });
    assert.equal(server.requests[0]?.path, '/v1/chat/completions');
    assert.equal(server.requests[0]?.headers.authorization, undefined);
    assert.equal(server.requests[0]?.headers['x-gateway'], 'engram');
  });

  it('marks 429 retryable, with Retry-After and the error code', async () => {
    server.enqueue('chat', {
      status: 429,
      json: loadFixture('error-429-rate-limit.json'),
      headers: { 'retry-after': '20' },
    });
    await assert.rejects(
      model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, true);
        assert.equal(error.retryAfterSeconds, 20);
        assert.equal(error.details.status, 429);
        assert.equal(error.details.errorCode, 'rate_limit_exceeded');
        assert.equal(error.category, 'provider');
      }),
    );
  });

  it('marks 500 retryable', async () => {
    server.enqueue('chat', { status: 500, json: loadFixture('error-500-server.json') });
    await assert.rejects(
      model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, true);
        assert.equal(error.details.status, 500);
        assert.equal(error.details.errorType, 'server_error');
      }),
    );
  });

  it('marks 400 and 401 not retryable and never echoes the provider message', async () => {
    server.enqueue(
      'chat',
      { status: 400, json: loadFixture('error-400-invalid-schema.json') },
      { status: 401, json: loadFixture('error-401-invalid-key.json') },
    );
    await assert.rejects(
      model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, false);
        assert.equal(error.details.errorParam, 'response_format');
      }),
    );
    await assert.rejects(
      model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, false);
        assert.equal(error.details.errorCode, 'invalid_api_key');
      }),
    );
  });

  it('rejects a malformed 200 body as not retryable', async () => {
    server.enqueue(
      'chat',
      { body: '<html><body>Welcome to nginx!</body></html>', headers: { 'content-type': 'text/html' } },
      { json: { object: 'chat.completion', choices: [] } },
    );
    for (let index = 0; index < 2; index++) {
      await assert.rejects(
        model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
        providerFailure((error) => {
          assert.equal(error.retryable, false);
          assert.equal(error.details.reason, 'not a chat completion');
        }),
      );
    }
  });

  it('turns a refusal into a non-retryable failure', async () => {
    server.enqueue('chat', { json: loadFixture('chat-completion-refusal.json') });
    await assert.rejects(
      model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, false);
        assert.equal(error.details.reason, 'refusal');
      }),
    );
  });

  it('times out as a retryable failure', async () => {
    const impatient = createOpenAICompatibleChatModel({
      baseUrl: server.baseUrl,
      model: 'gpt-4o-mini',
      timeoutMs: 50,
    });
    server.enqueue('chat', { json: loadFixture('chat-completion-success.json'), delayMs: 2_000 });
    await assert.rejects(
      impatient.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, true);
        assert.equal(error.details.reason, 'timeout');
        assert.equal(error.details.timeoutMs, 50);
      }),
    );
  });

  it('treats a dropped connection as a retryable network failure', async () => {
    server.enqueue('chat', { dropConnection: true });
    await assert.rejects(
      model.doGenerate({ messages: [{ role: 'user', content: PROMPT }] }),
      providerFailure((error) => {
        assert.equal(error.retryable, true);
        assert.equal(error.details.reason, 'network');
      }),
    );
  });

  it("reports the caller's abort as not retryable", async () => {
    server.enqueue('chat', { json: loadFixture('chat-completion-success.json'), delayMs: 2_000 });
    const controller = new AbortController();
    const pending = model.doGenerate({
      messages: [{ role: 'user', content: PROMPT }],
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(
      pending,
      providerFailure((error) => {
        assert.equal(error.retryable, false);
        assert.equal(error.details.reason, 'aborted');
      }),
    );
  });
});
