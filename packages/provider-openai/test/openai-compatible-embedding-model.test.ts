import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type EmbeddingModel, EngramError, embedTexts, isEngramError } from '@engram/core';
import { createOpenAICompatibleEmbeddingModel } from '../src/index.js';
import { loadFixture } from './support/load-fixture.js';
import { type OpenAIStandInServer, startOpenAIStandInServer } from './support/openai-stand-in-server.js';

const API_KEY = 'sk-test-secret-5678';
const SECRET_TEXT = 'my bank PIN is 9911';

/** Asserts a PROVIDER_FAILED error with the given retryability and that nothing sensitive leaked into it. */
function providerFailure(retryable: boolean, check: (error: EngramError) => void = () => {}) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof EngramError, String(error));
    assert.equal(error.code, 'PROVIDER_FAILED');
    assert.equal(error.retryable, retryable, error.message);
    const visible = `${error.message} ${JSON.stringify(error.details)}`;
    for (const secret of [API_KEY, '9911', 'sk-test', '127.0.0.1'])
      assert.ok(!visible.includes(secret), secret);
    check(error);
    return true;
  };
}

const norm = (vector: Float32Array) => Math.hypot(...vector);

describe('createOpenAICompatibleEmbeddingModel', () => {
  let server: OpenAIStandInServer;
  let model: EmbeddingModel;

  before(async () => {
    server = await startOpenAIStandInServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    model = createOpenAICompatibleEmbeddingModel({
      baseUrl: `${server.baseUrl}/`,
      apiKey: API_KEY,
      model: 'text-embedding-3-small',
      dimensions: 4,
      headers: { 'OpenAI-Project': 'proj_engram', Authorization: 'Bearer overridden' },
    });
  });

  it('posts {model, input} and returns unit vectors of a recorded OpenAI response', async () => {
    server.enqueue('embeddings', { json: loadFixture('embeddings-openai-success.json') });
    const { embeddings } = await model.doEmbed({ values: ['first text', SECRET_TEXT] });
    assert.equal(model.provider, 'openai-compatible');
    assert.equal(model.modelId, 'text-embedding-3-small');
    assert.equal(model.dimensions, 4);
    assert.equal(model.maxBatchSize, 64);
    assert.equal(embeddings.length, 2);
    for (const embedding of embeddings) assert.ok(Math.abs(norm(embedding) - 1) < 1e-6);
    assert.ok(embeddings[0]![2]! > 0 && embeddings[1]![3]! > 0, 'rows stay with their index');

    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/v1/embeddings');
    assert.equal(request?.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(request?.headers['openai-project'], 'proj_engram');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(request?.body, { model: 'text-embedding-3-small', input: ['first text', SECRET_TEXT] });
  });

  it('orders a response by index (vLLM answering out of order)', async () => {
    server.enqueue('embeddings', { json: loadFixture('embeddings-vllm-out-of-order.json') });
    const { embeddings } = await model.doEmbed({ values: ['zero', 'one', 'two'] });
    assert.deepEqual(
      embeddings.map((embedding) => Array.from(embedding)),
      [
        [1, 0, 0, 0],
        [0, -1, 0, 0],
        [0, 0, 0.6000000238418579, 0.800000011920929],
      ],
    );
  });

  it('reads an Ollama response, base64 floats and a response without indexes', async () => {
    server.enqueue('embeddings', { json: loadFixture('embeddings-ollama-success.json') });
    const ollama = await model.doEmbed({ values: ['hello'] });
    assert.deepEqual(Array.from(ollama.embeddings[0]!), [Math.fround(0.6), 0, Math.fround(0.8), 0]);

    const base64 = Buffer.from(Float32Array.of(0, 3, 0, 4).buffer).toString('base64');
    server.enqueue('embeddings', { json: { data: [{ embedding: base64 }, { embedding: [0, 0, 0, 2] }] } });
    const mixed = await model.doEmbed({ values: ['a', 'b'] });
    assert.deepEqual(
      mixed.embeddings.map((embedding) => Array.from(embedding)),
      [
        [0, Math.fround(0.6), 0, Math.fround(0.8)],
        [0, 0, 0, 1],
      ],
    );
  });

  it('does not send blank texts and returns zero vectors for them', async () => {
    server.enqueue('embeddings', { json: loadFixture('embeddings-ollama-success.json') });
    const { embeddings } = await model.doEmbed({ values: ['', 'hello', '   '] });
    assert.deepEqual(server.requests[0]?.body, { model: 'text-embedding-3-small', input: ['hello'] });
    assert.deepEqual(Array.from(embeddings[0]!), [0, 0, 0, 0]);
    assert.ok(Math.abs(norm(embeddings[1]!) - 1) < 1e-6);
    assert.deepEqual(Array.from(embeddings[2]!), [0, 0, 0, 0]);

    const allBlank = await model.doEmbed({ values: [''] });
    assert.deepEqual(Array.from(allBlank.embeddings[0]!), [0, 0, 0, 0]);
    assert.equal(server.requests.length, 1, 'no request when every text is blank');
  });

  it('maps 429 to a retryable failure with Retry-After', async () => {
    server.enqueue('embeddings', {
      status: 429,
      json: loadFixture('error-429-rate-limit.json'),
      headers: { 'retry-after': '20' },
    });
    await assert.rejects(
      model.doEmbed({ values: [SECRET_TEXT] }),
      providerFailure(true, (error) => {
        assert.equal(error.retryAfterSeconds, 20);
        assert.equal(error.details['status'], 429);
        assert.equal(error.details['errorCode'], 'rate_limit_exceeded');
      }),
    );
  });

  it('maps 500 to retryable and 400 to not retryable', async () => {
    server.enqueue('embeddings', { status: 500, json: loadFixture('error-500-server.json') });
    await assert.rejects(model.doEmbed({ values: [SECRET_TEXT] }), providerFailure(true));
    server.enqueue('embeddings', {
      status: 400,
      json: loadFixture('embeddings-error-400-invalid-input.json'),
    });
    await assert.rejects(
      model.doEmbed({ values: [SECRET_TEXT] }),
      providerFailure(false, (error) => assert.equal(error.details['errorType'], 'invalid_request_error')),
    );
  });

  it('rejects malformed bodies, wrong counts, bad indexes and wrong lengths without retry', async () => {
    const cases = [
      { body: '<html>502 Bad Gateway</html>' },
      { json: { object: 'list', embeddings: [] } },
      { json: { data: [{ index: 0, embedding: [1, 0, 0, 0] }] } },
      {
        json: {
          data: [
            { index: 0, embedding: [1, 0, 0, 0] },
            { index: 0, embedding: [0, 1, 0, 0] },
          ],
        },
      },
      {
        json: {
          data: [
            { index: 0, embedding: [1, 0, 0] },
            { index: 1, embedding: [0, 1, 0] },
          ],
        },
      },
    ];
    for (const canned of cases) {
      server.enqueue('embeddings', canned);
      await assert.rejects(model.doEmbed({ values: ['a', SECRET_TEXT] }), providerFailure(false));
    }
  });

  it('maps a dropped connection and a timeout to retryable failures', async () => {
    server.enqueue('embeddings', { dropConnection: true });
    await assert.rejects(
      model.doEmbed({ values: [SECRET_TEXT] }),
      providerFailure(true, (error) => assert.equal(error.details['reason'], 'network')),
    );
    const impatient = createOpenAICompatibleEmbeddingModel({
      baseUrl: server.baseUrl,
      model: 'nomic-embed-text',
      dimensions: 4,
      timeoutMs: 50,
    });
    server.enqueue('embeddings', { delayMs: 2_000, json: loadFixture('embeddings-ollama-success.json') });
    await assert.rejects(
      impatient.doEmbed({ values: [SECRET_TEXT] }),
      providerFailure(true, (error) => assert.equal(error.details['reason'], 'timeout')),
    );
  });

  it('sends dimensions only when asked, and refuses more texts than maxBatchSize', async () => {
    const shortened = createOpenAICompatibleEmbeddingModel({
      baseUrl: server.baseUrl,
      model: 'text-embedding-3-large',
      dimensions: 4,
      maxBatchSize: 2,
      requestDimensions: true,
    });
    server.enqueue('embeddings', { json: loadFixture('embeddings-ollama-success.json') });
    await shortened.doEmbed({ values: ['hello'] });
    assert.deepEqual(server.requests[0]?.body, {
      model: 'text-embedding-3-large',
      input: ['hello'],
      dimensions: 4,
    });
    assert.equal(server.requests[0]?.headers.authorization, undefined);
    await assert.rejects(shortened.doEmbed({ values: ['a', 'b', 'c'] }), (error) =>
      isEngramError(error, 'INTERNAL'),
    );
    assert.throws(
      () => createOpenAICompatibleEmbeddingModel({ baseUrl: server.baseUrl, model: 'm', dimensions: 0 }),
      (error) => isEngramError(error, 'INVALID_INPUT'),
    );
  });

  it("works under core's embedTexts: batches by maxBatchSize and retries a 429", async () => {
    const batched = createOpenAICompatibleEmbeddingModel({
      baseUrl: server.baseUrl,
      model: 'BAAI/bge-small-en-v1.5',
      dimensions: 4,
      maxBatchSize: 3,
    });
    server.enqueue(
      'embeddings',
      { status: 429, json: loadFixture('error-429-rate-limit.json'), headers: { 'retry-after': '0' } },
      { json: loadFixture('embeddings-vllm-out-of-order.json') },
      { json: loadFixture('embeddings-ollama-success.json') },
    );
    const vectors = await embedTexts(batched, ['zero', 'one', 'two', 'three'], { baseDelayMs: 1 });
    assert.equal(vectors.length, 4);
    assert.deepEqual(Array.from(vectors[0]!), [1, 0, 0, 0]);
    assert.deepEqual(
      server.requests.map((request) => (request.body as { input: string[] }).input),
      [['zero', 'one', 'two'], ['zero', 'one', 'two'], ['three']],
    );
  });
});
