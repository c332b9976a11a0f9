// Drives the runner's ingestion and query stages over a real socket against a
// small stand-in that speaks the E15/E18/E4 wire shapes, to check what the
// harness sends and how it reads answers. The real server is exercised by
// `npm run bench:locomo` itself.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseLocomo } from './locomo-dataset.js';
import { parseRunArguments } from './run-arguments.js';
import { ingestSamples } from './server-ingestion.js';
import { evaluateMode } from './server-queries.js';
import { syntheticLocomoJson } from './synthetic-locomo-fixture.js';
import { wordTokens } from './text-tokens.js';

interface Ingestion {
  readonly userId: string;
  readonly lines: string[];
  polls: number;
}

const API_KEY = 'test-key';
const ingestions = new Map<string, Ingestion>();
const created: { documentId: string; body: Record<string, unknown>; previousDone: boolean }[] = [];

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text) as Record<string, unknown>;
}

/** Every stored line of a user as a fact, scored by word overlap with the query; one list holds episodes. */
function answerFetch(body: Record<string, unknown>): unknown {
  const query = new Set(wordTokens((body['search_query'] as string[])[0]!));
  const lines = [...ingestions.values()]
    .filter((ingestion) => ingestion.userId === body['user_id'])
    .flatMap((ingestion) => ingestion.lines);
  const scored = lines.map((line) => ({
    line,
    score: wordTokens(line).filter((word) => query.has(word)).length / Math.max(1, query.size),
  }));
  const facts = scored
    .filter((_, index) => index % 2 === 0)
    .map(({ line, score }) => ({
      id: randomUUID(),
      content: line,
      relevance_score: score,
      source_evidence: [line],
    }));
  const episodes = scored
    .filter((_, index) => index % 2 === 1)
    .map(({ line, score }) => ({
      id: randomUUID(),
      summary: line,
      relevance_score: score,
      source_evidence: [line],
    }));
  const lists = { facts, preferences: [], episodes, emotions: [], temporal_events: [] };
  return { ...lists, context: lists, ttl_seconds: 300 };
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.headers.authorization !== `Bearer ${API_KEY}`)
    return send(response, 401, { detail: 'bad key' });
  const url = request.url ?? '';
  if (request.method === 'POST' && url === '/api/v1/memories/create') {
    const body = await readBody(request);
    const userId = body['user_id'] as string;
    const previousDone = [...ingestions.values()]
      .filter((ingestion) => ingestion.userId === userId)
      .every((ingestion) => ingestion.polls >= 2);
    created.push({ documentId: body['document_id'] as string, body, previousDone });
    const id = randomUUID();
    ingestions.set(id, { userId, lines: (body['document'] as string).split('\n'), polls: 0 });
    return send(response, 200, {
      ingestion_id: id,
      document_id: body['document_id'],
      status: 'queued',
      queued_at: new Date().toISOString(),
    });
  }
  const status = /^\/api\/v1\/memories\/status\/(.+)$/.exec(url);
  if (request.method === 'GET' && status) {
    const ingestion = ingestions.get(status[1]!);
    if (!ingestion) return send(response, 404, { detail: 'unknown ingestion' });
    ingestion.polls++;
    const done = ingestion.polls >= 2;
    return send(response, 200, {
      ingestion_id: status[1],
      document_id: 'x',
      status: done ? 'completed' : 'processing',
      queued_at: new Date().toISOString(),
      memories_created: done ? ingestion.lines.length : 0,
      memory_ids: [],
    });
  }
  if (request.method === 'POST' && url === '/v1/context/user/fetch') {
    const body = await readBody(request);
    if (body['mode'] === 'accurate') return send(response, 500, { detail: 'not built yet' });
    return send(response, 200, answerFetch(body));
  }
  send(response, 404, { detail: 'no route' });
}

describe('ingestion and queries over HTTP', () => {
  let server: Server;
  let baseUrl: string;
  const samples = parseLocomo(syntheticLocomoJson());

  before(async () => {
    server = createServer((request, response) => void handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('ingests each sample session by session, chronologically, waiting for completion', async () => {
    const sessions = await ingestSamples({ baseUrl, apiKey: API_KEY }, samples, {
      concurrency: 2,
      pollIntervalMs: 1,
      timeoutMs: 5_000,
    });
    assert.deepEqual(
      sessions.map((session) => [session.documentId, session.status, session.memoriesCreated]),
      [
        ['syn-1-s1', 'completed', 3],
        ['syn-1-s2', 'completed', 3],
        ['syn-2-s1', 'completed', 2],
      ],
    );
    const first = created.find((entry) => entry.documentId === 'syn-1-s1')!;
    assert.deepEqual(first.body, {
      document:
        'Ana: Hi Ben! I started painting sunsets at the lake.\n' +
        'Ben: Nice. I went hiking in the Alps with my sister.\n' +
        'Ana: See you!',
      document_type: 'ai-chat-conversation',
      document_id: 'syn-1-s1',
      document_created_at: '2023-05-08T13:56:00.000Z',
      user_id: 'syn-1',
      customer_id: null,
      mode: 'long-range',
      metadata: {},
    });
    assert.ok(created.every((entry) => entry.previousDone));
  });

  it('queries every scorable question, merges the typed lists by relevance and maps evidence', async () => {
    const evaluation = await evaluateMode({ baseUrl, apiKey: API_KEY }, samples, 'fast', 3);
    assert.equal(evaluation.outcomes.length, 5);
    assert.equal(evaluation.failures, 0);
    assert.equal(evaluation.latency.count, 5);
    for (const outcome of evaluation.outcomes) assert.equal(outcome.mappedSourceLines, outcome.sourceLines);
    const singleHop = evaluation.rows.find((row) => row.label === '4')!;
    assert.equal(singleHop.n, 2);
    assert.equal(singleHop.recallAt5, 1);
    assert.equal(singleHop.answerRecall, 1);
  });

  it('counts failed fetches and scores them as empty results', async () => {
    const evaluation = await evaluateMode({ baseUrl, apiKey: API_KEY }, samples, 'accurate', 2);
    assert.equal(evaluation.failures, 5);
    assert.match(evaluation.outcomes[0]!.error!, /context\/user\/fetch answered HTTP 500/);
    assert.equal(evaluation.rows.find((row) => row.label === '1-4')!.recallAt20, 0);
  });

  it('rejects a wrong key with a clear error', async () => {
    await assert.rejects(
      ingestSamples({ baseUrl, apiKey: 'wrong' }, samples.slice(1), {
        concurrency: 1,
        pollIntervalMs: 1,
        timeoutMs: 1_000,
      }),
      /memories\/create answered HTTP 401/,
    );
  });
});

describe('parseRunArguments', () => {
  it('applies defaults and reads every option', () => {
    const defaults = parseRunArguments([]);
    assert.deepEqual(defaults.modes, ['fast', 'accurate']);
    assert.equal(defaults.concurrency, 4);
    assert.match(defaults.path, /shared\/datasets\/locomo\/locomo10\.json$/);
    const given = parseRunArguments([
      'data.json',
      '--base-url',
      'http://127.0.0.1:9/',
      '--api-key',
      'k',
      '--modes',
      'accurate',
      '--samples',
      '2',
      '--concurrency',
      '8',
    ]);
    assert.deepEqual(
      [given.path, given.baseUrl, given.apiKey, given.modes, given.samples, given.concurrency],
      ['data.json', 'http://127.0.0.1:9', 'k', ['accurate'], 2, 8],
    );
  });

  it('rejects bad values with the option named', () => {
    assert.throws(() => parseRunArguments(['--modes', 'slow']), /--modes/);
    assert.throws(() => parseRunArguments(['--samples', '0']), /--samples must be a positive integer/);
    assert.throws(() => parseRunArguments(['--base-url', 'http://x']), /go together/);
    assert.throws(() => parseRunArguments(['--bogus']), /usage/);
  });
});
