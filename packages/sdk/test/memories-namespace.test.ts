import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ContextNotFoundError,
  EngramClient,
  type FetchLike,
  IngestionTimeoutError,
  InvalidInputError,
  NetworkTimeoutError,
  RequestAbortedError,
  ServiceUnavailableError,
  SynapError,
} from '../src/index.js';
import {
  API_KEY,
  createMemoryResponseBody,
  FAST_RETRY,
  INGESTION_ID,
  MEMORY_ID,
  memoryBody,
  memoryStatusBody,
} from './fixtures.js';
import type { RecordedRequest } from './scripted-server.js';
import { withServer } from './scripted-server.js';

function offlineClient(): EngramClient {
  const fetch: FetchLike = () => assert.fail('no request may be sent');
  return new EngramClient({ apiKey: API_KEY, fetch });
}

/** The multipart form the server received, parsed by the platform's own parser. */
async function formOf(request: RecordedRequest | undefined): Promise<FormData> {
  assert.ok(request);
  const contentType = String(request.headers['content-type']);
  return new Response(request.body, { headers: { 'content-type': contentType } }).formData();
}

describe('memories: wire requests', () => {
  it('create posts every key, unset ones null, with the defaults spelled out', async () => {
    await withServer([{ status: 200, body: createMemoryResponseBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.memories.create({
        document: 'I take my coffee black.',
        user_id: 'alice',
      });
      assert.deepEqual(response, createMemoryResponseBody);
      const [request] = server.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.url, '/api/v1/memories/create');
      assert.deepEqual(JSON.parse(request?.body ?? ''), {
        document: 'I take my coffee black.',
        document_type: 'ai-chat-conversation',
        document_id: null,
        document_created_at: null,
        user_id: 'alice',
        customer_id: null,
        mode: null,
        metadata: null,
      });
    });
  });

  it('create sends given values, a Date as ISO-8601 and a structured document as JSON', async () => {
    await withServer([{ status: 200, body: createMemoryResponseBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.memories.create({
        document: { title: 'Plan', body: 'Ship it' },
        document_type: 'document',
        document_id: 'doc-1',
        document_created_at: new Date('2025-02-03T04:05:06.000Z'),
        customer_id: 'acme',
        mode: 'fast',
        metadata: { source: 'test' },
      });
      assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), {
        document: { title: 'Plan', body: 'Ship it' },
        document_type: 'document',
        document_id: 'doc-1',
        document_created_at: '2025-02-03T04:05:06.000Z',
        user_id: null,
        customer_id: 'acme',
        mode: 'fast',
        metadata: { source: 'test' },
      });
    });
  });

  it('batchCreate posts {documents, fail_fast} with each document in create form', async () => {
    const batch = { batch_id: 'b1', total: 2, succeeded: 2, failed: 0, results: [createMemoryResponseBody] };
    await withServer([{ status: 200, body: batch }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.memories.batchCreate([{ document: 'a' }, { document: 'b', mode: 'fast' }]);
      await client.memories.batchCreate([{ document: 'c' }], { fail_fast: true });
      const [first, second] = server.requests.map(
        (request) => JSON.parse(request.body) as Record<string, unknown>,
      );
      assert.equal(server.requests[0]?.url, '/api/v1/memories/batch');
      assert.equal(first?.['fail_fast'], false);
      assert.equal(second?.['fail_fast'], true);
      const documents = first?.['documents'] as Array<Record<string, unknown>>;
      assert.equal(documents.length, 2);
      assert.deepEqual(Object.keys(documents[0] ?? {}).sort(), [
        'customer_id',
        'document',
        'document_created_at',
        'document_id',
        'document_type',
        'metadata',
        'mode',
        'user_id',
      ]);
      assert.equal(documents[1]?.['mode'], 'fast');
    });
  });

  it('createFromFile sends multipart form fields and the file part, without a JSON content type', async () => {
    await withServer([{ status: 200, body: createMemoryResponseBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.memories.createFromFile({
        user_id: 'alice',
        file: new TextEncoder().encode('meeting notes'),
        filename: 'notes.txt',
        document_type: 'document',
        metadata: { origin: 'upload' },
      });
      const [request] = server.requests;
      assert.equal(request?.url, '/api/v1/memories/upload');
      assert.match(String(request?.headers['content-type']), /^multipart\/form-data; boundary=/);
      const form = await formOf(request);
      assert.equal(form.get('user_id'), 'alice');
      assert.equal(
        form.get('customer_id'),
        '',
        'an absent id is sent empty, which the server reads as absent',
      );
      assert.equal(form.get('relationship_type'), 'b2c');
      assert.equal(form.has('mode'), false, 'no mode: the instance default applies');
      assert.equal(form.get('document_type'), 'document');
      assert.equal(form.get('metadata'), '{"origin":"upload"}');
      assert.equal(form.has('text'), false);
      const file = form.get('file');
      assert.ok(file instanceof Blob);
      assert.equal((file as File).name, 'notes.txt');
      assert.equal(await file.text(), 'meeting notes');
    });
  });

  it('createFromFile sends text instead of a file, and takes a File’s own name', async () => {
    await withServer([{ status: 200, body: createMemoryResponseBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.memories.createFromFile({
        text: 'OCR output',
        relationship_type: 'b2b',
        customer_id: 'acme',
      });
      await client.memories.createFromFile({
        file: new File(['x'], 'scan.pdf', { type: 'application/pdf' }),
      });
      const text = await formOf(server.requests[0]);
      assert.equal(text.get('text'), 'OCR output');
      assert.equal(text.get('relationship_type'), 'b2b');
      assert.equal(text.has('file'), false);
      assert.equal(text.has('metadata'), false);
      const file = (await formOf(server.requests[1])).get('file') as File;
      assert.equal(file.name, 'scan.pdf');
      assert.equal(file.type, 'application/pdf');
    });
  });

  it('status, get, update and delete use their paths and methods', async () => {
    const deleted = { memory_id: MEMORY_ID, deleted_at: '2025-01-02T00:00:00.000Z' };
    const script = [
      { status: 200, body: memoryStatusBody('processing') },
      { status: 200, body: memoryBody },
      { status: 200, body: memoryBody },
      { status: 200, body: deleted },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      assert.equal((await client.memories.status(INGESTION_ID)).status, 'processing');
      assert.equal((await client.memories.get(MEMORY_ID)).memory_id, MEMORY_ID);
      await client.memories.update(MEMORY_ID, { document: 'Black, no sugar.' });
      assert.deepEqual(await client.memories.delete(MEMORY_ID), deleted);
      assert.deepEqual(
        server.requests.map((request) => [request.method, request.url]),
        [
          ['GET', `/api/v1/memories/status/${INGESTION_ID}`],
          ['GET', `/api/v1/memories/${MEMORY_ID}`],
          ['PATCH', `/api/v1/memories/${MEMORY_ID}`],
          ['DELETE', `/api/v1/memories/${MEMORY_ID}`],
        ],
      );
      assert.deepEqual(JSON.parse(server.requests[2]?.body ?? ''), {
        document: 'Black, no sugar.',
        merge_strategy: 'smart-merge',
      });
      assert.equal(server.requests[3]?.body, '');
    });
  });

  it('ids are escaped into the path', async () => {
    await withServer([{ status: 200, body: memoryBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.memories.get('a/b?c');
      assert.equal(server.requests[0]?.url, '/api/v1/memories/a%2Fb%3Fc');
    });
  });

  it('a 204 on delete, or a memory without its required fields, is a SynapError', async () => {
    await withServer([{ status: 204 }, { status: 200, body: { memory_id: MEMORY_ID } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: false });
      await assert.rejects(client.memories.delete(MEMORY_ID), SynapError);
      await assert.rejects(client.memories.get(MEMORY_ID), /unexpected shape/);
    });
  });
});

describe('memories: retries', () => {
  it('creates and uploads are not repeated after a 5xx or a dropped connection', async () => {
    await withServer([{ status: 503, body: { detail: 'down' } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await assert.rejects(client.memories.create({ document: 'x' }), ServiceUnavailableError);
      assert.equal(server.requests.length, 1);
    });
    await withServer([{ status: 0, destroy: true }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await assert.rejects(client.memories.createFromFile({ text: 'x' }), NetworkTimeoutError);
      assert.equal(server.requests.length, 1);
    });
  });

  it('delete and status are idempotent, so a 5xx is retried', async () => {
    const deleted = { memory_id: MEMORY_ID, deleted_at: '2025-01-02T00:00:00.000Z' };
    const script = [
      { status: 503, body: { detail: 'down' } },
      { status: 200, body: deleted },
      { status: 502, body: { detail: 'down' } },
      { status: 200, body: memoryStatusBody('completed') },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
      await client.memories.delete(MEMORY_ID);
      await client.memories.status(INGESTION_ID);
      assert.equal(server.requests.length, 4);
    });
  });
});

describe('memories.waitForCompletion', () => {
  const fast = { pollIntervalSeconds: 0.005, timeoutSeconds: 2 };

  it('polls until a terminal status and resolves with it', async () => {
    const script = [
      { status: 200, body: memoryStatusBody('queued') },
      { status: 200, body: memoryStatusBody('processing') },
      { status: 200, body: memoryStatusBody('partial_success') },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const final = await client.memories.waitForCompletion(INGESTION_ID, fast);
      assert.equal(final.status, 'partial_success');
      assert.equal(server.requests.length, 3);
      assert.ok(
        server.requests.every((request) => request.url === `/api/v1/memories/status/${INGESTION_ID}`),
      );
    });
  });

  it('resolves (does not reject) on failed', async () => {
    await withServer([{ status: 200, body: memoryStatusBody('failed') }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      assert.equal((await client.memories.waitForCompletion(INGESTION_ID, fast)).status, 'failed');
    });
  });

  it('rejects with IngestionTimeoutError once timeoutSeconds pass', async () => {
    await withServer([{ status: 200, body: memoryStatusBody('processing') }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const error = await client.memories
        .waitForCompletion(INGESTION_ID, { pollIntervalSeconds: 0.01, timeoutSeconds: 0.05 })
        .catch((rejection: unknown) => rejection);
      assert.ok(error instanceof IngestionTimeoutError);
      assert.ok(error instanceof SynapError);
      assert.equal(error.ingestionId, INGESTION_ID);
      assert.equal(error.lastStatus, 'processing');
      assert.equal(error.retryable, false);
      assert.ok(server.requests.length >= 2, 'polled more than once');
      assert.ok(server.requests.length <= 8, 'did not poll faster than the interval');
    });
  });

  it('passes poll errors through and stops on abort', async () => {
    await withServer([{ status: 404, body: { detail: 'unknown ingestion' } }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await assert.rejects(client.memories.waitForCompletion(INGESTION_ID, fast), ContextNotFoundError);
    });
    await withServer([{ status: 200, body: memoryStatusBody('processing') }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const controller = new AbortController();
      const pending = client.memories.waitForCompletion(INGESTION_ID, {
        pollIntervalSeconds: 5,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 30);
      await assert.rejects(pending, RequestAbortedError);
      assert.equal(server.requests.length, 1);
    });
  });
});

describe('memories: client-side validation', () => {
  const client = offlineClient();

  it('rejects bad create and batch inputs before sending', async () => {
    const cases: unknown[] = [
      {},
      { document: 42 },
      { document: null },
      { document: 'x', document_type: 'novel' },
      { document: 'x', mode: 'slow' },
      { document: 'x', metadata: [] },
      { document: 'x', document_created_at: new Date('nope') },
    ];
    for (const input of cases) {
      await assert.rejects(client.memories.create(input as never), InvalidInputError, JSON.stringify(input));
    }
    await assert.rejects(client.memories.batchCreate([]), InvalidInputError);
    await assert.rejects(
      client.memories.batchCreate([{ document: 'ok' }, { document: 'x', mode: 'slow' } as never]),
      (error: unknown) => error instanceof InvalidInputError && /documents\[1\]\.mode/.test(error.message),
    );
  });

  it('createFromFile needs exactly one of file and text, and a file name', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const cases: unknown[] = [
      {},
      { text: 'a', file: bytes, filename: 'a.bin' },
      { file: bytes },
      { file: 'not bytes', filename: 'a.txt' },
      { text: 'a', relationship_type: 'b2x' },
    ];
    for (const input of cases) {
      await assert.rejects(client.memories.createFromFile(input as never), InvalidInputError);
    }
  });

  it('rejects blank ids, bad merge strategies and bad wait settings', async () => {
    await assert.rejects(client.memories.status(''), InvalidInputError);
    await assert.rejects(client.memories.get(' '), InvalidInputError);
    await assert.rejects(client.memories.delete(undefined as never), InvalidInputError);
    await assert.rejects(
      client.memories.update(MEMORY_ID, { document: 'x', merge_strategy: 'overwrite' } as never),
      InvalidInputError,
    );
    await assert.rejects(
      client.memories.waitForCompletion(INGESTION_ID, { pollIntervalSeconds: 0 }),
      InvalidInputError,
    );
    await assert.rejects(
      client.memories.waitForCompletion(INGESTION_ID, { timeoutSeconds: -1 }),
      InvalidInputError,
    );
  });
});
