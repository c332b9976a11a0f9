import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type FuzzCase, fuzzCases, type OpenApiDocument } from './openapi-cases.js';

/** Where and as whom the fuzzer sends. */
export interface FuzzTarget {
  url: string;
  apiKey: string;
}

/** What a fuzz run saw. */
export interface FuzzReport {
  cases: number;
  seed: number;
  seconds: number;
  /** Responses per status code. */
  statuses: Record<string, number>;
  /** Requests answered 5xx (up to 20 kept). */
  serverErrors: { fuzzCase: FuzzCase; status: number; body: string }[];
  serverErrorCount: number;
  /** Requests whose connection failed without an answer (up to 20 kept). */
  dropped: { fuzzCase: FuzzCase; error: string }[];
  droppedCount: number;
  /** fast-check's shrunk counterexample, when a case failed. */
  counterexample?: string;
}

/** Sends one case; resolves with the status and body, or rejects when the connection dropped. */
async function send(target: FuzzTarget, fuzzCase: FuzzCase): Promise<{ status: number; body: string }> {
  const url = new URL(fuzzCase.path, target.url);
  for (const [name, value] of Object.entries(fuzzCase.query)) url.searchParams.set(name, value);
  const headers = new Headers();
  if (fuzzCase.auth === 'valid') headers.set('Authorization', `Bearer ${target.apiKey}`);
  if (fuzzCase.auth === 'wrong') headers.set('Authorization', 'Bearer synap_fuzz_wrong_key');
  let body: RequestInit['body'];
  if (fuzzCase.form !== undefined) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fuzzCase.form)) {
      if (name === 'file') form.set(name, new Blob([value]), 'upload.txt');
      else form.set(name, value);
    }
    body = form;
  } else if (fuzzCase.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = fuzzCase.body;
  }
  const response = await fetch(url, { method: fuzzCase.method, headers, body });
  return { status: response.status, body: await response.text() };
}

/**
 * Sends `cases` requests generated from the OpenAPI document (every route,
 * conforming and hostile values, wrong and missing keys, garbage bodies) one
 * after another, as a fast-check property: no answer is 5xx and no connection
 * drops. Counts every status; on a failure fast-check shrinks it to a minimal
 * request, reported as `counterexample`.
 */
export async function fuzzRoutes(
  target: FuzzTarget,
  document: OpenApiDocument,
  options: { cases: number; seed?: number },
): Promise<FuzzReport> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const report: FuzzReport = {
    cases: 0,
    seed,
    seconds: 0,
    statuses: {},
    serverErrors: [],
    serverErrorCount: 0,
    dropped: [],
    droppedCount: 0,
  };
  const started = performance.now();
  const property = fc.asyncProperty(fuzzCases(document), async (fuzzCase) => {
    report.cases += 1;
    try {
      const { status, body } = await send(target, fuzzCase);
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (status < 500) return true;
      report.serverErrorCount += 1;
      if (report.serverErrors.length < 20)
        report.serverErrors.push({ fuzzCase, status, body: body.slice(0, 300) });
      return false;
    } catch (error) {
      report.droppedCount += 1;
      const cause = (error as Error).cause ?? error;
      if (report.dropped.length < 20) report.dropped.push({ fuzzCase, error: String(cause) });
      return false;
    }
  });
  const outcome = await fc.check(property, { numRuns: options.cases, seed, endOnFailure: false });
  if (outcome.failed && outcome.counterexample) {
    report.counterexample = JSON.stringify(outcome.counterexample[0]).slice(0, 2_000);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/**
 * After the storm: the server answers /health, records and reads back a
 * message, and ingests a document whose memory a fetch then finds. Throws
 * naming the first thing that is wrong.
 */
export async function assertServerCorrect(target: FuzzTarget): Promise<void> {
  const headers = { Authorization: `Bearer ${target.apiKey}`, 'Content-Type': 'application/json' };
  const health = await fetch(new URL('/health', target.url));
  if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
  const conversationId = randomUUID();
  const recorded = await fetch(new URL('/v1/conversations/messages', target.url), {
    method: 'POST',
    headers,
    body: JSON.stringify({ conversation_id: conversationId, role: 'user', content: 'after the fuzz: kiwi' }),
  });
  if (recorded.status !== 200) throw new Error(`recording a message answered ${recorded.status}`);
  const context = await fetch(new URL(`/v1/conversations/${conversationId}/context-for-prompt`, target.url), {
    headers,
  });
  if (!JSON.stringify(await json(context)).includes('kiwi'))
    throw new Error('the recorded message is not read back');
  const userId = `fuzz-check-${randomUUID()}`;
  const created = await json(
    await fetch(new URL('/api/v1/memories/create', target.url), {
      method: 'POST',
      headers,
      body: JSON.stringify({ document: 'User: I play the bassoon every evening.', user_id: userId }),
    }),
  );
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const status = await json(
      await fetch(new URL(`/api/v1/memories/status/${String(created.ingestion_id)}`, target.url), {
        headers,
      }),
    );
    if (status.status === 'completed') break;
    if (status.status === 'failed') throw new Error('the check ingestion failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const fetched = await fetch(new URL('/v1/context/user/fetch', target.url), {
    method: 'POST',
    headers,
    body: JSON.stringify({ user_id: userId, search_query: ['bassoon'] }),
  });
  if (!JSON.stringify(await json(fetched)).includes('bassoon'))
    throw new Error('the ingested memory is not found');
}
