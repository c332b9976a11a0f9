import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type ChatMessage, type ChatModel, EngramError, generateJson } from '@engram/core';
import { z } from 'zod';
import { createOpenAICompatibleChatModel } from '../src/openai-compatible-chat-model.js';
import { loadFixture } from './support/load-fixture.js';
import { type OpenAIStandInServer, startOpenAIStandInServer } from './support/openai-stand-in-server.js';

// core's generateJson through the real adapter and a real socket: retries, re-asks and parsing.

const answerSchema = z.object({ answer: z.string() });
const messages: ChatMessage[] = [
  { role: 'system', content: 'Reply with JSON.' },
  { role: 'user', content: 'What is the capital of France?' },
];
const options = { messages, schema: answerSchema, jsonSchemaName: 'answer', initialRetryDelayMs: 1 };

function sentMessages(server: OpenAIStandInServer, requestIndex: number): ChatMessage[] {
  const body = server.requests[requestIndex]?.body as { messages?: ChatMessage[] } | undefined;
  return body?.messages ?? [];
}

describe('generateJson over the OpenAI-compatible adapter', () => {
  let server: OpenAIStandInServer;
  let model: ChatModel;

  before(async () => {
    server = await startOpenAIStandInServer();
    model = createOpenAICompatibleChatModel({
      baseUrl: server.baseUrl,
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
    });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    assert.equal(server.pending('chat'), 0, 'a previous test left queued responses');
  });

  it('sends the zod schema as strict JSON Schema and returns the parsed value', async () => {
    server.enqueue('chat', { json: loadFixture('chat-completion-success.json') });
    const result = await generateJson(model, options);
    assert.deepEqual(result, {
      value: { answer: 'Paris' },
      usage: { promptTokens: 31, completionTokens: 7 },
      attempts: 1,
    });
    const body = server.requests[0]?.body as { response_format: unknown };
    assert.deepEqual(body.response_format, {
      type: 'json_schema',
      json_schema: {
        name: 'answer',
        strict: true,
        schema: {
          type: 'object',
          properties: { answer: { type: 'string' } },
          required: ['answer'],
          additionalProperties: false,
        },
      },
    });
  });

  it('strips ```json fences and surrounding prose', async () => {
    server.enqueue('chat', { json: loadFixture('chat-completion-fenced-json.json') });
    const result = await generateJson(model, options);
    assert.deepEqual(result.value, { answer: 'Paris' });
    assert.equal(result.attempts, 1);
  });

  it('re-asks once when the reply holds no JSON, echoing the reply and the problem', async () => {
    server.enqueue(
      'chat',
      { json: loadFixture('chat-completion-prose.json') },
      { json: loadFixture('chat-completion-success.json') },
    );
    const result = await generateJson(model, options);
    assert.deepEqual(result.value, { answer: 'Paris' });
    assert.equal(result.attempts, 2);
    assert.deepEqual(result.usage, { promptTokens: 48 + 31, completionTokens: 9 + 7 });
    const second = sentMessages(server, 1);
    assert.deepEqual(second.slice(0, 2), messages);
    assert.deepEqual(second[2], { role: 'assistant', content: 'The capital of France is Paris.' });
    assert.equal(second[3]?.role, 'user');
    assert.match(second[3]?.content ?? '', /no valid JSON/);
  });

  it('re-asks only once, then fails without quoting the reply', async () => {
    server.enqueue(
      'chat',
      { json: loadFixture('chat-completion-prose.json') },
      { json: loadFixture('chat-completion-prose.json') },
    );
    await assert.rejects(generateJson(model, { ...options, maxAttempts: 5 }), (error) => {
      assert.ok(error instanceof EngramError);
      assert.equal(error.code, 'PROVIDER_FAILED');
      assert.equal(error.retryable, false);
      assert.equal(error.details.reason, 'no-json');
      assert.equal(error.details.attempts, 2);
      assert.ok(!`${error.message}${JSON.stringify(error.details)}`.includes('Paris'));
      return true;
    });
    assert.equal(server.requests.length, 2);
  });

  it('lists schema problems by path when the JSON does not match', async () => {
    const numberSchema = z.object({ answer: z.number() });
    server.enqueue(
      'chat',
      { json: loadFixture('chat-completion-success.json') },
      { json: loadFixture('chat-completion-success.json') },
    );
    await assert.rejects(generateJson(model, { ...options, schema: numberSchema }), (error) => {
      assert.ok(error instanceof EngramError);
      assert.equal(error.details.reason, 'schema-mismatch');
      assert.deepEqual(error.details.issues, ['answer: invalid_type']);
      return true;
    });
    const reask = sentMessages(server, 1).at(-1);
    assert.match(reask?.content ?? '', /answer: /);
  });

  it('retries 429 (honouring Retry-After) and 500, then succeeds', async () => {
    server.enqueue(
      'chat',
      { status: 429, json: loadFixture('error-429-rate-limit.json'), headers: { 'retry-after': '0' } },
      { status: 500, json: loadFixture('error-500-server.json') },
      { json: loadFixture('chat-completion-success.json') },
    );
    const result = await generateJson(model, options);
    assert.deepEqual(result.value, { answer: 'Paris' });
    assert.equal(result.attempts, 3);
    assert.equal(server.requests.length, 3);
  });

  it('does not retry a 400', async () => {
    server.enqueue('chat', { status: 400, json: loadFixture('error-400-invalid-schema.json') });
    await assert.rejects(generateJson(model, options), (error) => {
      assert.ok(error instanceof EngramError);
      assert.equal(error.retryable, false);
      assert.equal(error.details.status, 400);
      assert.equal(error.details.attempts, 1);
      return true;
    });
    assert.equal(server.requests.length, 1);
  });

  it('throws a retryable PROVIDER_FAILED when every attempt fails', async () => {
    const failure = { status: 500, json: loadFixture('error-500-server.json') };
    server.enqueue('chat', failure, failure, failure);
    await assert.rejects(generateJson(model, options), (error) => {
      assert.ok(error instanceof EngramError);
      assert.equal(error.code, 'PROVIDER_FAILED');
      assert.equal(error.retryable, true);
      assert.equal(error.details.attempts, 3);
      return true;
    });
    assert.equal(server.requests.length, 3);
  });

  it('stops retrying once the caller aborts', async () => {
    const controller = new AbortController();
    server.enqueue('chat', { status: 500, json: loadFixture('error-500-server.json') });
    const pending = generateJson(model, {
      ...options,
      initialRetryDelayMs: 5_000,
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error) => {
      assert.ok(error instanceof EngramError);
      assert.equal(error.details.reason, 'aborted');
      assert.equal(error.retryable, false);
      return true;
    });
    assert.equal(server.requests.length, 1);
  });
});
