// Ingestion end to end through the SDK against a real server: document types,
// memory types and fields, relative dates, idempotency, dedup, supersession,
// scope resolution, validation and deletion.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextNotFoundError, InvalidInputError } from '@engram/sdk';
import { ingestAndWait, memoriesOf } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { readBody, startTestServer, type TestServer } from './support/test-server.js';

const CREATED_AT = '2023-05-08T13:56:00Z';

describe('ingestion end to end through the SDK', () => {
  let server: TestServer;
  let b2c: { apiKey: string; instanceId: string };
  let b2b: { apiKey: string; instanceId: string };

  before(async () => {
    server = await startTestServer({ maxBatchBodyBytes: 256 * 1024 });
    b2c = await server.createInstance('b2c');
    b2b = await server.createInstance('b2b');
  });
  after(() => server.dispose());

  it('extracts typed memories with fields, evidence and resolved dates from a chat', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const status = await ingestAndWait(sdk, {
      document: [
        'Caroline: I went to a LGBTQ support group yesterday and it was so powerful.',
        'Melanie: I absolutely love pottery, it is my favourite way to relax.',
        'Caroline: I was so happy and thankful for all the support.',
        'Melanie: My daughter has her recital next Friday.',
      ].join('\n'),
      document_type: 'ai-chat-conversation',
      document_created_at: CREATED_AT,
      user_id: 'chat-user',
    });
    assert.equal(status.status, 'completed');
    assert.ok(status.memories_created >= 4, `memories created: ${status.memories_created}`);
    const memories = await memoriesOf(sdk, status.memory_ids);
    const byType = (type: string) => memories.filter((memory) => memory.memory_type === type);

    const episode = byType('episode').find((memory) => /support group/.test(String(memory.content)));
    assert.ok(episode, 'an episode about the support group');
    assert.match(String(episode.content), /^Caroline went/, 'first person rewritten to the speaker');
    assert.equal(
      String(episode.event_date).slice(0, 10),
      '2023-05-07',
      '"yesterday" resolved against the document date',
    );
    assert.deepEqual(episode.source_evidence, [
      'Caroline: I went to a LGBTQ support group yesterday and it was so powerful.',
    ]);
    assert.equal(episode.scope, 'user');

    const preference = byType('preference').find((memory) => /pottery/.test(String(memory.content)));
    assert.ok(preference, 'a preference about pottery');
    assert.ok(typeof preference.category === 'string' && preference.category !== '');
    assert.ok(Number(preference.strength) >= 0.7, 'love is a strong preference');

    const emotion = byType('emotion')[0];
    assert.ok(emotion, 'an emotion');
    assert.ok(typeof emotion.emotion_type === 'string');
    assert.ok(Number(emotion.intensity) > 0 && Number(emotion.intensity) <= 1);

    const dated = memories.filter((memory) => /recital/.test(String(memory.content)) && memory.event_date);
    assert.ok(dated.length > 0, 'the recital carries a date');
    assert.equal(
      String(dated[0]?.event_date).slice(0, 10),
      '2023-05-12',
      '"next Friday" after Monday 8 May 2023',
    );
    for (const memory of memories) {
      assert.ok(memory.confidence >= 0 && memory.confidence <= 1);
      assert.ok((memory.source_evidence as string[]).length > 0, 'every memory cites its source lines');
    }
  });

  it('handles every document type', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const documents: Record<string, string> = {
      document:
        '# Travel profile\n\nJordan prefers aisle seats on long flights. Jordan is allergic to peanuts.',
      email: [
        'From: Dana Smith <dana@example.com>',
        'To: Sam Lee <sam@example.com>',
        'Subject: Launch plan',
        '',
        'Hi Sam, we decided to launch the beta on June 3. Please send the pricing sheet by Friday.',
        '',
        'Thanks, Dana',
      ].join('\n'),
      'meeting-transcript': [
        'Alice: We decided to move the launch to March.',
        'Bob: I will update the roadmap by Thursday.',
        'Alice: Great, action item for Bob then.',
      ].join('\n'),
      pdf: 'Quarterly report. Revenue grew 12 percent in Q3. The team hired four engineers in Berlin.',
      image: 'Receipt from Blue Bottle Coffee, Oakland. Total 14.50 USD paid by card.',
      audio: 'Speaker 1: I moved to Lisbon last year and I work as a nurse.',
    };
    for (const [type, text] of Object.entries(documents)) {
      const status = await ingestAndWait(sdk, {
        document: text,
        document_type: type as 'document',
        document_created_at: CREATED_AT,
        user_id: `doc-${type}`,
      });
      assert.equal(status.status, 'completed', `${type} completed`);
      assert.ok(status.memories_created > 0, `${type} produced memories`);
      const memories = await memoriesOf(sdk, status.memory_ids);
      for (const memory of memories) {
        for (const line of memory.source_evidence as string[]) {
          assert.ok(
            text.includes(line.split(': ').slice(-1)[0]?.slice(0, 20) ?? line),
            `${type}: evidence comes from the text`,
          );
        }
      }
    }
  });

  it('re-ingests idempotently on document_id and re-extracts changed content', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const input = {
      document: 'Priya: I work as a pharmacist in Toronto.\nPriya: I love hiking on weekends.',
      document_id: 'profile-priya',
      document_created_at: CREATED_AT,
      user_id: 'priya',
    };
    const first = await ingestAndWait(sdk, input);
    const second = await ingestAndWait(sdk, input);
    assert.equal(second.document_id, 'profile-priya');
    assert.deepEqual(
      [...second.memory_ids].sort(),
      [...first.memory_ids].sort(),
      'same memories, no duplicates',
    );
    assert.equal(second.memories_created, 0);

    const changed = await ingestAndWait(sdk, { ...input, document: 'Priya: I love hiking on weekends.' });
    const remaining = await memoriesOf(sdk, changed.memory_ids);
    assert.ok(remaining.every((memory) => !/pharmacist/.test(String(memory.content))));
    const dropped = first.memory_ids.filter((id) => !changed.memory_ids.includes(id));
    assert.ok(dropped.length > 0);
    for (const id of dropped) await assert.rejects(sdk.memories.get(id), ContextNotFoundError);
  });

  it('merges a near-duplicate into the existing memory instead of adding a row', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const first = await ingestAndWait(sdk, {
      document: 'Omar: I have two cats named Luna and Milo.',
      document_created_at: CREATED_AT,
      user_id: 'omar',
    });
    const second = await ingestAndWait(sdk, {
      document: 'Omar: I have two cats named Luna and Milo!',
      document_created_at: '2023-06-01T10:00:00Z',
      user_id: 'omar',
    });
    assert.equal(second.memories_created, 0, 'no new memory for the same statement');
    const merged = await sdk.memories.get(second.memory_ids[0] as string);
    assert.ok(first.memory_ids.includes(merged.memory_id));
    assert.equal(merged.mention_count, 2);
    assert.deepEqual(merged.source_evidence, [
      'Omar: I have two cats named Luna and Milo.',
      'Omar: I have two cats named Luna and Milo!',
    ]);
  });

  it('closes a contradicted memory with valid_until and keeps it for history', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const before = await ingestAndWait(sdk, {
      document: 'Nina: I live in Denver.',
      document_created_at: '2023-01-10T09:00:00Z',
      user_id: 'nina',
    });
    const now = await ingestAndWait(sdk, {
      document: 'Nina: I live in Boston now.',
      document_created_at: '2023-09-01T09:00:00Z',
      user_id: 'nina',
    });
    const old = (await memoriesOf(sdk, before.memory_ids)).find((memory) =>
      /Denver/.test(String(memory.content)),
    );
    const current = (await memoriesOf(sdk, now.memory_ids)).find((memory) =>
      /Boston/.test(String(memory.content)),
    );
    assert.ok(old && current);
    assert.equal(String(old.valid_until).slice(0, 10), '2023-09-01');
    assert.equal(old.superseded_by, current.memory_id);
    assert.equal(current.valid_until, undefined);
  });

  it('resolves scopes per the B2C/B2B table', async () => {
    const consumer = sdkFor(server.url, b2c.apiKey);
    const business = sdkFor(server.url, b2b.apiKey);
    const scopeOf = async (sdk: typeof consumer, ids: { user_id?: string; customer_id?: string }) => {
      const status = await ingestAndWait(sdk, { document: 'Lee: I prefer email over phone calls.', ...ids });
      return (await sdk.memories.get(status.memory_ids[0] as string)).scope;
    };
    assert.equal(await scopeOf(consumer, { user_id: 'u1', customer_id: 'c1' }), 'user');
    assert.equal(await scopeOf(consumer, { user_id: 'u1' }), 'user');
    assert.equal(await scopeOf(consumer, { customer_id: 'c1' }), 'user');
    assert.equal(await scopeOf(consumer, {}), 'client');
    assert.equal(
      await scopeOf(consumer, { user_id: '', customer_id: '' }),
      'client',
      'empty strings are absent',
    );
    assert.equal(await scopeOf(business, { user_id: 'u1', customer_id: 'acme' }), 'user');
    assert.equal(await scopeOf(business, { customer_id: 'acme' }), 'customer');
    assert.equal(await scopeOf(business, {}), 'client');
    await assert.rejects(
      business.memories.create({ document: 'x: y', user_id: 'u1' }),
      (error: unknown) => error instanceof InvalidInputError && /customer_id/.test(error.message),
    );
  });

  it('rejects malformed and oversized documents alone while the rest of a batch succeeds', async () => {
    const headers = { authorization: `Bearer ${b2c.apiKey}`, 'content-type': 'application/json' };
    const response = await fetch(`${server.url}/api/v1/memories/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        fail_fast: false,
        documents: [
          { document: 'Ravi: I play the violin.', user_id: 'ravi' },
          { document: '', user_id: 'ravi' },
          { document: 'x'.repeat(1_000_001), user_id: 'ravi' },
          { document: 'Ravi: I speak Hindi.', user_id: 'ravi', document_type: 'spreadsheet' },
          { document: 'Ravi: I collect stamps.', user_id: 'ravi', document_created_at: 'last tuesday' },
          { document: 'Ravi: I moved to Pune.', user_id: 'ravi' },
        ],
      }),
    });
    // The 1 MB document pushes the body past the 256 KB test limit: the whole request is refused clearly.
    assert.equal(response.status, 400);
    assert.match(String((await readBody(response)).detail), /exceeds the limit/);

    const batch = await fetch(`${server.url}/api/v1/memories/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        fail_fast: false,
        documents: [
          { document: 'Ravi: I play the violin.', user_id: 'ravi' },
          { document: '   ', user_id: 'ravi' },
          { document: 'Ravi: I speak Hindi.', user_id: 'ravi', document_type: 'spreadsheet' },
          { document: 'Ravi: I collect stamps.', user_id: 'ravi', document_created_at: 'last tuesday' },
          { document: 'Ravi: I moved to Pune.', user_id: 'ravi' },
        ],
      }),
    });
    assert.equal(batch.status, 200);
    const body = await readBody(batch);
    assert.equal(body.total, 5);
    assert.equal(body.succeeded, 2);
    assert.equal(body.failed, 3);
    const [violin, blank, type, date, pune] = body.results;
    assert.equal(violin.status, 'queued');
    assert.equal(pune.status, 'queued');
    assert.match(blank.error_message, /must not be empty/);
    assert.match(type.error_message, /document_type/);
    assert.match(date.error_message, /document_created_at/);
    for (const row of body.results) {
      assert.match(row.ingestion_id, /^[0-9a-f-]{36}$/);
      assert.ok(row.queued_at);
    }

    const failFast = await fetch(`${server.url}/api/v1/memories/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ fail_fast: true, documents: [{ document: 'ok: fine' }, { document: '' }] }),
    });
    assert.equal(failFast.status, 422);
    assert.match(String((await readBody(failFast)).detail), /fail_fast/);
  });

  it('uploads text files and rejects binary ones', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const created = await sdk.memories.createFromFile({
      file: new TextEncoder().encode('Zoe: I am training for the Berlin marathon in September.'),
      filename: 'notes.txt',
      user_id: 'zoe',
      document_type: 'ai-chat-conversation',
    });
    const done = await sdk.memories.waitForCompletion(created.ingestion_id, { pollIntervalSeconds: 0.02 });
    assert.equal(done.status, 'completed');
    assert.ok((done.memories_created ?? 0) > 0);
    await assert.rejects(
      sdk.memories.createFromFile({
        file: new Uint8Array([0xff, 0xfe, 0x00, 0x81]),
        filename: 'x.bin',
        user_id: 'zoe',
      }),
      (error: unknown) => error instanceof InvalidInputError && /UTF-8/.test(error.message),
    );
  });

  it('updates with each merge strategy and deletes permanently', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const status = await ingestAndWait(sdk, { document: 'Kai: I drive a blue Subaru.', user_id: 'kai' });
    const id = status.memory_ids[0] as string;
    const replaced = await sdk.memories.update(id, {
      document: 'Kai drives a red Tesla.',
      merge_strategy: 'replace',
    });
    assert.equal(replaced.content, 'Kai drives a red Tesla.');
    const appended = await sdk.memories.update(id, { document: 'It is electric.', merge_strategy: 'append' });
    assert.equal(appended.content, 'Kai drives a red Tesla. It is electric.');
    const merged = await sdk.memories.update(id, { document: 'It is electric. Kai bought it in 2022.' });
    assert.equal(merged.content, 'Kai drives a red Tesla. It is electric. Kai bought it in 2022.');

    const deleted = await sdk.memories.delete(id);
    assert.equal(deleted.memory_id, id);
    assert.ok(deleted.deleted_at);
    await assert.rejects(sdk.memories.get(id), ContextNotFoundError);
    await assert.rejects(sdk.memories.delete(id), ContextNotFoundError);
  });

  it("never lets one instance read, change or delete another instance's memories", async () => {
    const owner = sdkFor(server.url, b2c.apiKey);
    const stranger = sdkFor(server.url, b2b.apiKey);
    const status = await ingestAndWait(owner, { document: 'Ana: My PIN hint is my cat.', user_id: 'ana' });
    const id = status.memory_ids[0] as string;
    await assert.rejects(stranger.memories.get(id), ContextNotFoundError);
    await assert.rejects(
      stranger.memories.update(id, { document: 'hacked', merge_strategy: 'replace' }),
      ContextNotFoundError,
    );
    await assert.rejects(stranger.memories.delete(id), ContextNotFoundError);
    await assert.rejects(stranger.memories.status(status.ingestion_id), ContextNotFoundError);
    assert.match(String((await owner.memories.get(id)).content), /cat/);
  });

  it('ingests transcripts once, answers duplicates and refuses conflicts', async () => {
    const sdk = sdkFor(server.url, b2c.apiKey);
    const transcript = 'User: I need a vegetarian meal on my flight.\nAgent: Noted, vegetarian meal added.';
    const first = await sdk.conversation.ingestTranscript({
      conversation_id: 'call-42',
      user_id: 'vic',
      transcript,
    });
    assert.equal(first.status, 'queued');
    assert.equal(first.turns_recorded, 2);
    assert.equal(first.external_conversation_id, 'call-42');
    assert.match(first.conversation_id, /^[0-9a-f-]{36}$/);
    const again = await sdk.conversation.ingestTranscript({
      conversation_id: 'call-42',
      user_id: 'vic',
      transcript,
    });
    assert.equal(again.status, 'duplicate');
    assert.equal(again.ingestion_id, first.ingestion_id);
    await assert.rejects(
      sdk.conversation.ingestTranscript({
        conversation_id: 'call-42',
        user_id: 'vic',
        transcript: 'User: something else',
      }),
      (error: unknown) => (error as Error).name === 'TranscriptConflictError',
    );
    const done = await sdk.memories.waitForCompletion(first.ingestion_id, { pollIntervalSeconds: 0.02 });
    assert.equal(done.status, 'completed');
    const memories = await memoriesOf(sdk, done.memory_ids ?? []);
    assert.ok(memories.some((memory) => /vegetarian/.test(String(memory.content))));
    const prompt = await sdk.conversation.context.getContextForPrompt({
      conversation_id: first.conversation_id,
    });
    assert.ok(prompt.total_message_count >= 2, 'the turns were recorded on the conversation');
  });
});
