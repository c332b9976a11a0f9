import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuthenticationError,
  ConflictError,
  ContextNotFoundError,
  EngramClient,
  InsufficientCreditsError,
  InvalidInputError,
  RateLimitError,
  ServiceUnavailableError,
  SynapError,
  SynapPermanentError,
  SynapTransientError,
  TranscriptConflictError,
} from '../src/index.js';
import { API_KEY, CONVERSATION_ID, contextBody, whoamiBody } from './fixtures.js';
import { type ScriptedResponse, withServer } from './scripted-server.js';

/** Sends one fetch against a server answering `response`, retries off, and returns the rejection. */
async function failureOf(response: ScriptedResponse): Promise<SynapError> {
  return withServer([response], async (server) => {
    const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
    const error = await client.conversation.context.fetch({ conversation_id: CONVERSATION_ID }).then(
      () => assert.fail('expected a rejection'),
      (rejection: unknown) => rejection,
    );
    assert.ok(error instanceof SynapError, `expected a SynapError, got ${String(error)}`);
    assert.equal(server.requests.length, 1);
    assert.equal(error.correlationId, server.requests[0]?.headers['x-correlation-id']);
    return error;
  });
}

describe('status → error mapping (spec §2.1)', () => {
  const rows: Array<[number, new (...args: never[]) => SynapError, string]> = [
    [400, InvalidInputError, 'bad mode'],
    [401, AuthenticationError, 'invalid API key'],
    [404, ContextNotFoundError, 'no such conversation'],
    [422, InvalidInputError, 'max_results must be at most 50'],
    [429, RateLimitError, 'slow down'],
    [500, ServiceUnavailableError, 'boom'],
    [502, ServiceUnavailableError, 'bad gateway'],
    [503, ServiceUnavailableError, 'store unavailable'],
  ];
  for (const [status, errorClass, detail] of rows) {
    it(`${status} → ${errorClass.name}`, async () => {
      const error = await failureOf({ status, body: { detail } });
      assert.ok(error instanceof errorClass);
      assert.equal(error.name, errorClass.name);
      assert.equal(error.status, status);
      assert.equal(error.message, detail);
      assert.equal(error.detail, detail);
    });
  }

  it('400 and 401 are permanent; 429 and 5xx are transient and retryable', async () => {
    assert.ok((await failureOf({ status: 400, body: { detail: 'x' } })) instanceof SynapPermanentError);
    assert.ok((await failureOf({ status: 401, body: { detail: 'x' } })) instanceof SynapPermanentError);
    const rateLimited = await failureOf({ status: 429, body: { detail: 'x' } });
    assert.ok(rateLimited instanceof SynapTransientError && rateLimited.retryable);
    const unavailable = await failureOf({ status: 503, body: { detail: 'x' } });
    assert.ok(unavailable instanceof SynapTransientError && unavailable.retryable);
  });

  it('402 reads the credit fields from a structured detail', async () => {
    const detail = {
      code: 'insufficient_credits',
      message: 'not enough',
      balance_credits: 3,
      minimum_required_credits: 10,
      recovery_url: 'https://example.test/top-up',
      redeem_url: 'https://example.test/redeem',
    };
    const error = await failureOf({ status: 402, body: { detail } });
    assert.ok(error instanceof InsufficientCreditsError);
    assert.equal(error.message, 'Insufficient credits');
    assert.equal(error.balanceCredits, 3);
    assert.equal(error.minimumRequiredCredits, 10);
    assert.equal(error.recoveryUrl, 'https://example.test/top-up');
    assert.equal(error.redeemUrl, 'https://example.test/redeem');
  });

  it('402 with a string detail reads the credit fields from the body', async () => {
    const error = await failureOf({ status: 402, body: { detail: 'no credits', balance_credits: 0 } });
    assert.ok(error instanceof InsufficientCreditsError);
    assert.equal(error.message, 'no credits');
    assert.equal(error.balanceCredits, 0);
  });

  it('403 is a non-retryable SynapTransientError "HTTP 403: ..."', async () => {
    const error = await failureOf({ status: 403, body: { detail: 'forbidden' } });
    assert.equal(error.constructor, SynapTransientError);
    assert.equal(error.message, 'HTTP 403: forbidden');
    assert.equal(error.retryable, false);
  });

  it('409 transcript_conflict → TranscriptConflictError with detail.message', async () => {
    const detail = { code: 'transcript_conflict', message: 'a different transcript exists' };
    const error = await failureOf({ status: 409, body: { detail } });
    assert.ok(error instanceof TranscriptConflictError);
    assert.ok(error instanceof ConflictError);
    assert.equal(error.message, 'a different transcript exists');
    assert.deepEqual(error.detail, detail);
  });

  it('409 with another code → ConflictError', async () => {
    const error = await failureOf({
      status: 409,
      body: { detail: { code: 'compaction_in_progress', message: 'already running' } },
    });
    assert.equal(error.constructor, ConflictError);
    assert.equal(error.message, 'already running');
  });

  for (const status of [201, 202]) {
    it(`${status} is not a success: SynapTransientError, not retried`, async () => {
      const error = await failureOf({ status, body: contextBody });
      assert.equal(error.constructor, SynapTransientError);
      assert.match(error.message, new RegExp(`^HTTP ${status}: `));
      assert.equal(error.retryable, false);
    });
  }

  it('a non-JSON error body becomes the message', async () => {
    const error = await failureOf({ status: 502, body: 'upstream connect error' });
    assert.ok(error instanceof ServiceUnavailableError);
    assert.equal(error.message, 'upstream connect error');
    assert.equal(error.detail, 'upstream connect error');
  });

  it('an empty error body gives "HTTP <status>"', async () => {
    const error = await failureOf({ status: 404, body: '' });
    assert.ok(error instanceof ContextNotFoundError);
    assert.equal(error.message, 'HTTP 404');
  });
});

describe('success bodies', () => {
  it('a non-JSON 200 is a SynapError, not a TypeError or SyntaxError', async () => {
    const error = await failureOf({ status: 200, body: '<html>proxy page</html>' });
    assert.equal(error.constructor, SynapError);
    assert.match(error.message, /not JSON/);
    assert.equal(error.retryable, false);
  });

  it('a 200 of the wrong shape is a SynapError naming the path of the problem', async () => {
    const error = await failureOf({ status: 200, body: { ...contextBody, ttl_seconds: 'soon' } });
    assert.equal(error.constructor, SynapError);
    assert.match(error.message, /unexpected shape \(ttl_seconds: /);
  });

  it('a 204 reads as {} and so fails a schema that needs fields', async () => {
    const error = await failureOf({ status: 204 });
    assert.match(error.message, /unexpected shape/);
  });

  it('keeps unknown keys at every depth', async () => {
    const body = { ...whoamiBody, plan: 'free', nested: { extra: true } };
    await withServer([{ status: 200, body }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      assert.deepEqual(await client.whoami(), body);
    });
  });
});
