// Export and import through real servers over real SQLite files: a round
// trip into an empty instance answers fetches exactly as the source did,
// repeating an import changes nothing, and a malformed line is refused with
// its line number and nothing written.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { admin, OPERATOR_KEY } from './support/admin-client.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { type JsonBody, readBody, startTestServer, type TestServer } from './support/test-server.js';

const BIN = fileURLToPath(new URL('../bin/engram.js', import.meta.url));
const CREATED_AT = '2023-05-08T13:56:00Z';
const CHATS: Record<string, string> = {
  u1: [
    'Caroline: I went to a LGBTQ support group yesterday and it was so powerful.',
    'Caroline: I absolutely love hiking in the mountains with my dog Max.',
    'Caroline: I work as a counselor at the Riverside clinic.',
    'Caroline: My sister Anna is visiting next Friday.',
  ].join('\n'),
  u2: [
    'Melanie: I absolutely love pottery, it is my favourite way to relax.',
    'Melanie: My daughter has her recital next Friday.',
    'Melanie: I moved to Lisbon last year for a job at Acme.',
  ].join('\n'),
};
const QUERIES: [string, string][] = [
  ['u1', 'support group'],
  ['u1', 'what does Caroline do for work'],
  ['u1', 'dog hiking'],
  ['u2', 'pottery'],
  ['u2', 'where does Melanie live'],
  ['u2', 'recital'],
];

async function fetchUser(
  server: TestServer,
  apiKey: string,
  userId: string,
  query: string,
): Promise<JsonBody> {
  const response = await fetch(`${server.url}/v1/context/user/fetch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: userId, search_query: [query], max_results: 20 }),
  });
  assert.equal(response.status, 200);
  return readBody(response);
}

/**
 * The ranked lists without per-request metadata. Within one server, a copy
 * doubles every term's count over the whole full-text table, which BM25
 * folds into every score (as FTS5's bm25 does): there only content and
 * order are compared, not ids and scores.
 */
function rankedLists(body: JsonBody, withIds: boolean) {
  const keys = ['facts', 'preferences', 'episodes', 'emotions', 'temporal_events'];
  return Object.fromEntries(
    keys.map((key) => [
      key,
      (body[key] as JsonBody[]).map((item) => ({
        ...(withIds && { id: item.id }),
        content: item.content,
        // Six places: the recency prior moves with the clock between the two fetches (by about 1e-12).
        ...(withIds && { score: Number(item.relevance_score.toFixed(6)) }),
        entities: (item.entities as JsonBody[]).map((entity) => entity.canonical_name),
        evidence: item.source_evidence,
      })),
    ]),
  );
}

async function exportText(server: TestServer, instanceId: string, query = ''): Promise<string> {
  const response = await fetch(`${server.url}/admin/v1/instances/${instanceId}/export${query}`, {
    headers: { authorization: `Bearer ${OPERATOR_KEY}` },
  });
  assert.equal(response.status, 200);
  assert.match(String(response.headers.get('content-type')), /ndjson/);
  return response.text();
}

async function importText(server: TestServer, instanceId: string, text: string) {
  const response = await fetch(`${server.url}/admin/v1/instances/${instanceId}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/x-ndjson' },
    body: text,
  });
  return { status: response.status, body: await readBody(response) };
}

describe('export and import', () => {
  let source: TestServer;
  let target: TestServer;
  let src: { apiKey: string; instanceId: string };
  let archive: string;
  const expected = new Map<string, JsonBody>();

  before(async () => {
    source = await startTestServer({ operatorKey: OPERATOR_KEY });
    target = await startTestServer({ operatorKey: OPERATOR_KEY });
    src = await source.createInstance('b2c');
    const sdk = sdkFor(source.url, src.apiKey);
    for (const [userId, document] of Object.entries(CHATS)) {
      await ingestAndWait(sdk, {
        document,
        document_type: 'ai-chat-conversation',
        document_created_at: CREATED_AT,
        user_id: userId,
      });
    }
    const conversationId = randomUUID();
    for (const content of ['Hello there', 'I prefer tea to coffee']) {
      await sdk.conversation.recordMessage({
        conversation_id: conversationId,
        role: 'user',
        content,
        user_id: 'u1',
        customer_id: '',
      });
    }
    await admin(source.url, 'POST', `/instances/${src.instanceId}/config`, {
      document: { retrieval: { default_max_results: 7 } },
      author: 'alice',
    });
    for (const [userId, query] of QUERIES) {
      expected.set(`${userId}:${query}`, await fetchUser(source, src.apiKey, userId, query));
    }
    archive = await exportText(source, src.instanceId);
  });
  after(async () => {
    await source.dispose();
    await target.dispose();
  });

  it('writes a header, the configuration, every kind of record and an end record with counts', () => {
    const records = archive
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonBody);
    assert.equal(records[0]?.type, 'header');
    assert.equal(records[0]?.instanceId, src.instanceId);
    assert.equal(records.at(-1)?.type, 'end');
    const kinds = new Set(records.map((record) => record.type));
    for (const kind of ['config', 'document', 'entity', 'memory', 'conversation', 'message'])
      assert.ok(kinds.has(kind), kind);
    assert.equal(
      records.find((record) => record.type === 'config')?.document.retrieval.default_max_results,
      7,
    );
    const counts = records.at(-1)?.counts as Record<string, number>;
    assert.equal(counts.memory, records.filter((record) => record.type === 'memory').length);
  });

  it('a round trip into an empty instance on another server answers every fetch exactly as the source', async () => {
    const dst = await target.createInstance('b2c');
    const imported = await importText(target, dst.instanceId, archive);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.ok(imported.body.imported.memory > 0);
    for (const [userId, query] of QUERIES) {
      const after = await fetchUser(target, dst.apiKey, userId, query);
      assert.deepEqual(
        rankedLists(after, true),
        rankedLists(expected.get(`${userId}:${query}`) as JsonBody, true),
        query,
      );
    }
    const config = await admin(target.url, 'GET', `/instances/${dst.instanceId}/config`);
    assert.equal(config.body.document.retrieval.default_max_results, 7);
    // The same archive again: nothing new, same answers.
    const again = await importText(target, dst.instanceId, archive);
    assert.equal(again.status, 200);
    assert.equal(again.body.imported.memory ?? 0, 0);
    assert.equal(again.body.skipped.memory, imported.body.imported.memory);
    assert.equal(again.body.imported.config ?? 0, 0, 'no new configuration version');
    assert.equal(again.body.skipped.message, 2);
    const listed = await admin(target.url, 'GET', `/instances/${dst.instanceId}/memories?limit=500`);
    assert.equal(listed.body.memories.length, imported.body.imported.memory);
  });

  it('into another instance of the same server, ids are re-derived and answers keep their content and order', async () => {
    const copy = await source.createInstance('b2c');
    const first = await importText(source, copy.instanceId, archive);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await importText(source, copy.instanceId, archive);
    assert.equal(again.body.imported.memory ?? 0, 0, 'idempotent with derived ids too');
    for (const [userId, query] of QUERIES) {
      const after = await fetchUser(source, copy.apiKey, userId, query);
      assert.deepEqual(
        rankedLists(after, false),
        rankedLists(expected.get(`${userId}:${query}`) as JsonBody, false),
        query,
      );
    }
    // The source instance is untouched.
    const original = await fetchUser(source, src.apiKey, 'u1', 'support group');
    assert.deepEqual(
      rankedLists(original, true),
      rankedLists(expected.get('u1:support group') as JsonBody, true),
    );
  });

  it('a malformed line is refused with its number and nothing is written', async () => {
    const dst = await target.createInstance('b2c');
    const lines = archive.trim().split('\n');
    const broken = [...lines];
    broken[4] = '{"type":"memory","memoryId":"x"';
    const malformed = await importText(target, dst.instanceId, `${broken.join('\n')}\n`);
    assert.equal(malformed.status, 422);
    assert.match(String(malformed.body.detail), /^line 5: not valid JSON/);
    const invalid = [...lines];
    invalid[6] = JSON.stringify({ ...JSON.parse(lines[6] as string), type: 'memory', confidence: 3 });
    const refused = await importText(target, dst.instanceId, invalid.join('\n'));
    assert.equal(refused.status, 422);
    assert.match(String(refused.body.detail), /^line 7: /);
    const truncated = await importText(target, dst.instanceId, lines.slice(0, -3).join('\n'));
    assert.equal(truncated.status, 422);
    assert.match(String(truncated.body.detail), /truncated/);
    const listed = await admin(target.url, 'GET', `/instances/${dst.instanceId}/memories`);
    assert.equal(listed.body.memories.length, 0);
    assert.equal((await admin(target.url, 'GET', `/instances/${dst.instanceId}/config`)).body.version, 0);
  });

  it('an archive over the import limit is refused, declared or streamed, and nothing is written', async () => {
    const small = await startTestServer({ operatorKey: OPERATOR_KEY, maxImportBytes: 4_096 });
    try {
      assert.ok(Buffer.byteLength(archive) > 4_096, 'the archive is larger than the limit');
      const dst = await small.createInstance('b2c');
      const declared = await importText(small, dst.instanceId, archive);
      assert.equal(declared.status, 400);
      assert.match(String(declared.body.detail), /exceeds the limit of 4096 bytes/);
      // No Content-Length: the body is cut off while it streams in.
      const bytes = new TextEncoder().encode(archive);
      const streamed = await fetch(`${small.url}/admin/v1/instances/${dst.instanceId}/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/x-ndjson' },
        body: new ReadableStream({
          start(controller) {
            for (let offset = 0; offset < bytes.length; offset += 1_024) {
              controller.enqueue(bytes.subarray(offset, offset + 1_024));
            }
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      const body = await readBody(streamed);
      assert.equal(streamed.status, 400, JSON.stringify(body));
      assert.match(String(body.detail), /exceeds the import limit of 4096 bytes/);
      const listed = await admin(small.url, 'GET', `/instances/${dst.instanceId}/memories`);
      assert.equal(listed.body.memories.length, 0);
      const under = archive.split('\n').slice(0, 2).join('\n');
      assert.equal(
        (await importText(small, dst.instanceId, under)).status,
        422,
        'a small archive is read (and found truncated)',
      );
    } finally {
      await small.dispose();
    }
  });

  it('exports one user only with --user', async () => {
    const text = await exportText(source, src.instanceId, '?user_id=u2');
    const memories = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonBody)
      .filter((r) => r.type === 'memory');
    assert.ok(memories.length > 0);
    assert.ok(memories.every((memory) => memory.owner.userId === 'u2'));
  });

  it('engram import and export as processes: a bad file names its line, a good one round-trips', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, ...target.cliEnv };
    const dst = await target.createInstance('b2c');
    const bad = join(target.dataDir, 'bad.jsonl');
    const lines = archive.trim().split('\n');
    writeFileSync(bad, [...lines.slice(0, 3), 'not json', ...lines.slice(3)].join('\n'));
    await assert.rejects(
      run(process.execPath, [BIN, 'import', bad, '--instance', dst.instanceId], { env }),
      (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /line 4: not valid JSON/);
        return true;
      },
    );
    const good = join(target.dataDir, 'good.jsonl');
    writeFileSync(good, archive);
    const { stdout, stderr } = await run(
      process.execPath,
      [BIN, 'import', good, '--instance', dst.instanceId, '--json'],
      { env },
    );
    assert.ok(JSON.parse(stdout).imported.memory > 0);
    // Not a terminal: plain progress lines, no bar escape codes.
    assert.match(stderr, /^import: reading \d+\/\d+ bytes$/m);
    assert.match(stderr, /^import: writing \d+ records$/m);
    assert.match(stderr, /^import: done \d+ records$/m);
    assert.equal(stderr.includes('\u001b['), false);
    const exported = await run(process.execPath, [BIN, 'export', '--instance', dst.instanceId], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const count = (text: string) =>
      text.split('\n').filter((line) => line.includes('"type":"memory"')).length;
    assert.equal(count(exported.stdout), count(archive));
  });
});
