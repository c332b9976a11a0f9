import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EmbeddingModel, EngramError, embedTexts, isEngramError } from '../src/index.js';

type Step = 'ok' | EngramError | Error | ((values: readonly string[]) => Float32Array[]);

/**
 * A fake of the EmbeddingModel port: each call takes the next scripted step
 * (default 'ok'); 'ok' embeds text `t` as [t.length, first char code].
 */
function scriptedModel(steps: Step[] = [], maxBatchSize = 3) {
  const calls: { values: readonly string[]; abortSignal: AbortSignal | undefined }[] = [];
  const model: EmbeddingModel = {
    provider: 'fake',
    modelId: 'fake-2d',
    dimensions: 2,
    maxBatchSize,
    async doEmbed({ values, abortSignal }) {
      calls.push({ values, abortSignal });
      const step = steps.shift() ?? 'ok';
      if (step instanceof Error) throw step;
      if (typeof step === 'function') return { embeddings: step(values) };
      return { embeddings: values.map((value) => Float32Array.of(value.length, value.charCodeAt(0))) };
    },
  };
  return { model, calls };
}

const rateLimited = () =>
  new EngramError('PROVIDER_FAILED', 'fake embeddings request failed with HTTP 429', { retryable: true });
const badRequest = () =>
  new EngramError('PROVIDER_FAILED', 'fake embeddings request failed with HTTP 400', { retryable: false });
/** The error's cause chain, outermost first. */
const causes = (error: unknown): unknown[] =>
  error instanceof Error && error.cause !== undefined ? [error.cause, ...causes(error.cause)] : [];
const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'g'];

describe('embedTexts', () => {
  it('splits into maxBatchSize batches and returns vectors in input order', async () => {
    const { model, calls } = scriptedModel();
    const vectors = await embedTexts(model, texts);
    assert.deepEqual(
      calls.map((call) => call.values),
      [['a', 'bb', 'ccc'], ['dddd', 'eeeee', 'ffffff'], ['g']],
    );
    assert.deepEqual(
      vectors.map((vector) => Array.from(vector)),
      texts.map((text) => [text.length, text.charCodeAt(0)]),
    );
  });

  it('returns [] for no texts without calling the model', async () => {
    const { model, calls } = scriptedModel();
    assert.deepEqual(await embedTexts(model, []), []);
    assert.equal(calls.length, 0);
  });

  it('retries retryable errors with backoff and keeps the order', async () => {
    const { model, calls } = scriptedModel(['ok', rateLimited(), rateLimited(), 'ok', 'ok']);
    const vectors = await embedTexts(model, texts, { baseDelayMs: 1 });
    assert.equal(calls.length, 5);
    assert.deepEqual(calls[1]?.values, calls[3]?.values, 'the failed batch is sent again');
    assert.deepEqual(
      vectors.map((vector) => vector[0]),
      texts.map((text) => text.length),
    );
  });

  it('gives up after maxAttempts with the last error and the attempt count', async () => {
    const { model, calls } = scriptedModel([rateLimited(), rateLimited(), rateLimited(), 'ok']);
    await assert.rejects(embedTexts(model, texts, { baseDelayMs: 1, maxAttempts: 3 }), (error) => {
      assert.ok(isEngramError(error, 'PROVIDER_FAILED'));
      assert.equal(error.retryable, true);
      assert.equal(error.details['attempts'], 3);
      return true;
    });
    assert.equal(calls.length, 3);
  });

  it('does not retry non-retryable errors or errors that are not EngramErrors', async () => {
    const first = scriptedModel([badRequest()]);
    await assert.rejects(embedTexts(first.model, texts, { baseDelayMs: 1 }), (error) => {
      return isEngramError(error, 'PROVIDER_FAILED') && !error.retryable && error.details['attempts'] === 1;
    });
    assert.equal(first.calls.length, 1);

    const second = scriptedModel([new TypeError('adapter bug')]);
    await assert.rejects(embedTexts(second.model, texts, { baseDelayMs: 1 }), (error) => {
      return (
        isEngramError(error, 'PROVIDER_FAILED') &&
        !error.retryable &&
        causes(error).some((cause) => cause instanceof TypeError)
      );
    });
    assert.equal(second.calls.length, 1);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    const slow = new EngramError('PROVIDER_FAILED', 'rate limited', {
      retryable: true,
      retryAfterSeconds: 3600,
    });
    const { model, calls } = scriptedModel([slow]);
    const vectors = await embedTexts(model, ['a'], { maxDelayMs: 1 });
    assert.equal(vectors.length, 1);
    assert.equal(calls.length, 2);
  });

  it('passes the signal to the model, stops before calling when aborted, and cuts a backoff short', async () => {
    const controller = new AbortController();
    const { model, calls } = scriptedModel();
    await embedTexts(model, ['a'], { abortSignal: controller.signal });
    assert.equal(calls[0]?.abortSignal, controller.signal);

    controller.abort();
    const aborted = (error: unknown) =>
      isEngramError(error, 'PROVIDER_FAILED') && !error.retryable && error.details['reason'] === 'aborted';
    await assert.rejects(embedTexts(model, ['a'], { abortSignal: controller.signal }), aborted);
    assert.equal(calls.length, 1);

    const later = new AbortController();
    const failing = scriptedModel([rateLimited()]);
    const pending = embedTexts(failing.model, ['a'], { abortSignal: later.signal, baseDelayMs: 3_600_000 });
    setImmediate(() => later.abort());
    await assert.rejects(pending, aborted);
    assert.equal(failing.calls.length, 1);
  });

  it('rejects vectors of the wrong count or length without retrying', async () => {
    const tooFew = scriptedModel([(values) => values.slice(1).map(() => new Float32Array(2))]);
    await assert.rejects(embedTexts(tooFew.model, ['a', 'b']), (error) => {
      return (
        isEngramError(error, 'PROVIDER_FAILED') && !error.retryable && error.details['receivedCount'] === 1
      );
    });
    const tooShort = scriptedModel([(values) => values.map(() => new Float32Array(1))]);
    await assert.rejects(embedTexts(tooShort.model, ['a']), (error) => {
      return isEngramError(error, 'PROVIDER_FAILED') && error.details['receivedDimensions'] === 1;
    });
    assert.equal(tooFew.calls.length + tooShort.calls.length, 2);
  });
});
