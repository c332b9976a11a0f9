import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  InvalidInputError,
  NetworkTimeoutError,
  RateLimitError,
  ServiceUnavailableError,
  SynapTransientError,
} from '../src/index.js';
import { newCorrelationId } from '../src/transport/correlation-id.js';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfterSeconds,
  resolveRetryPolicy,
  retryDelayMs,
  shouldRetry,
} from '../src/transport/retry-policy.js';

const policy = DEFAULT_RETRY_POLICY;
const unavailable = new ServiceUnavailableError('down');

describe('retry delays', () => {
  it('doubles from baseDelayMs and caps at maxDelayMs, without jitter when random() is 0', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(unavailable, attempt, policy, () => 0));
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('adds at most 25 % jitter', () => {
    assert.equal(
      retryDelayMs(unavailable, 1, policy, () => 0.999_999),
      1_000 + 1_000 * 0.25 * 0.999_999,
    );
    assert.equal(
      retryDelayMs(unavailable, 9, policy, () => 1),
      12_500,
    );
  });

  it('uses a 429 Retry-After exactly, capped at maxDelayMs', () => {
    const twoSeconds = new RateLimitError('slow', { retryAfterSeconds: 2 });
    assert.equal(
      retryDelayMs(twoSeconds, 1, policy, () => 1),
      2_000,
    );
    const long = new RateLimitError('slow', { retryAfterSeconds: 3_600 });
    assert.equal(retryDelayMs(long, 1, policy), 10_000);
    const none = new RateLimitError('slow');
    assert.equal(
      retryDelayMs(none, 2, policy, () => 0),
      2_000,
    );
  });

  it('reads Retry-After as integer seconds only', () => {
    assert.equal(parseRetryAfterSeconds('5'), 5);
    assert.equal(parseRetryAfterSeconds(' 0 '), 0);
    assert.equal(parseRetryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT'), undefined);
    assert.equal(parseRetryAfterSeconds('1.5'), undefined);
    assert.equal(parseRetryAfterSeconds(null), undefined);
  });
});

describe('shouldRetry', () => {
  it('retries retryable errors while attempts remain', () => {
    assert.equal(shouldRetry(unavailable, 1, policy, true), true);
    assert.equal(shouldRetry(unavailable, 3, policy, true), false);
    assert.equal(shouldRetry(new NetworkTimeoutError('t'), 2, policy, true), true);
  });

  it('never retries permanent or non-retryable transient errors', () => {
    assert.equal(shouldRetry(new InvalidInputError('x'), 1, policy, true), false);
    assert.equal(shouldRetry(new SynapTransientError('HTTP 403: x'), 1, policy, true), false);
  });

  it('retries a write only on 429', () => {
    assert.equal(shouldRetry(unavailable, 1, policy, false), false);
    assert.equal(shouldRetry(new NetworkTimeoutError('t'), 1, policy, false), false);
    assert.equal(shouldRetry(new RateLimitError('slow'), 1, policy, false), true);
  });
});

describe('resolveRetryPolicy', () => {
  it('fills defaults, and false means one attempt', () => {
    assert.deepEqual(resolveRetryPolicy(undefined), DEFAULT_RETRY_POLICY);
    assert.deepEqual(resolveRetryPolicy({ maxAttempts: 5 }), { ...DEFAULT_RETRY_POLICY, maxAttempts: 5 });
    assert.equal(resolveRetryPolicy(false).maxAttempts, 1);
    assert.throws(() => resolveRetryPolicy({ baseDelayMs: -1 }), InvalidInputError);
  });
});

describe('correlation id', () => {
  it('is syn_<6 chars of instance id>_<epoch ms>_<6 hex>', () => {
    assert.match(
      newCorrelationId('inst_0123456789abcdef', 1_700_000_000_000),
      /^syn_inst_0_1700000000000_[0-9a-f]{6}$/,
    );
    assert.match(newCorrelationId(undefined), /^syn__\d+_[0-9a-f]{6}$/);
  });
});
