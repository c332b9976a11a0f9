import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  type ChatMessage,
  type DocumentSegment,
  EngramError,
  LlmMemoryExtractor,
  type ParsedDocument,
} from '@engram/core';
import { createOpenAICompatibleChatModel } from '../src/openai-compatible-chat-model.js';
import { loadFixture } from './support/load-fixture.js';
import { type OpenAIStandInServer, startOpenAIStandInServer } from './support/openai-stand-in-server.js';

// End to end: core's LlmMemoryExtractor → the OpenAI-compatible adapter → a real socket → recorded replies.
// It lives here because core must not import adapters.

const DOCUMENT_DATE = '2024-05-08T14:00:00.000Z';

function segment(index: number, speaker: string, text: string, timestamp = DOCUMENT_DATE): DocumentSegment {
  return { index, speaker, text, sourceLine: `${speaker}: ${text}`, timestamp };
}

function chat(segments: DocumentSegment[]): ParsedDocument {
  return {
    documentType: 'ai-chat-conversation',
    createdAt: DOCUMENT_DATE,
    segments,
    participants: ['Caroline', 'Melanie'],
    attributes: {},
  };
}

const smallChat = chat([
  segment(0, 'Caroline', 'I went to an LGBTQ support group yesterday and it was so powerful.'),
  segment(1, 'Melanie', "That's amazing, Caroline! How did it feel?"),
  segment(
    2,
    'Caroline',
    "I felt really accepted. I'm also moving to Boston next month for my new job at Acme.",
  ),
  segment(
    3,
    'Melanie',
    "I love pottery, by the way. I'm taking a class this Saturday.",
    '2024-05-08T14:05:00.000Z',
  ),
]);

/** 14 turns of about 630 characters: lines 1–9 fit the default 6,000-character budget, 10–14 do not. */
const longChat = chat(
  [
    'Hey Melanie, long time no see.',
    'I started working as a counselor last month.',
    'That sounds rewarding.',
    'It is, most days.',
    'How are the kids?',
    'They are great, growing fast.',
    'Any plans for the summer?',
    'Not yet, still thinking.',
    'Let me know if you want company.',
    'I will, thanks.',
    'Do you still go camping?',
    'Yes, we love camping with the kids every summer.',
    'My adoption interview is on June 3rd.',
    'Good luck, you will do great.',
  ].map((sentence, index) =>
    segment(
      index,
      index % 2 === 0 ? 'Caroline' : 'Melanie',
      `${sentence} ${'We chatted about the weather for a while. '.repeat(14).trim()}`,
    ),
  ),
);

function userPrompt(server: OpenAIStandInServer, requestIndex: number): string {
  const body = server.requests[requestIndex]?.body as { messages: ChatMessage[] };
  return body.messages.find((message) => message.role === 'user')?.content ?? '';
}

describe('LlmMemoryExtractor through the OpenAI-compatible adapter', () => {
  let server: OpenAIStandInServer;
  let extractor: LlmMemoryExtractor;

  before(async () => {
    server = await startOpenAIStandInServer();
    const model = createOpenAICompatibleChatModel({
      baseUrl: server.baseUrl,
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
    });
    extractor = new LlmMemoryExtractor({ model, initialRetryDelayMs: 1 });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    assert.equal(server.pending('chat'), 0, 'a previous test left queued responses');
  });

  it('is named after the model', () => {
    assert.equal(extractor.name, 'llm:gpt-4o-mini');
  });

  it('sends numbered lines with speakers and dates, and asks for strict JSON', async () => {
    server.enqueue('chat', { json: loadFixture('extraction-small-chat.json') });
    await extractor.extract({ document: smallChat, mode: 'long-range', hints: 'Caroline is the user.' });
    assert.equal(server.requests.length, 1);
    const body = server.requests[0]?.body as Record<string, unknown>;
    assert.equal(body.temperature, 0);
    const format = body.response_format as { json_schema: { name: string; strict: boolean } };
    assert.equal(format.json_schema.name, 'extracted_memories');
    assert.equal(format.json_schema.strict, true);
    const prompt = userPrompt(server, 0);
    assert.match(prompt, /Document date: 2024-05-08T14:00:00\.000Z/);
    assert.match(prompt, /Participants: Caroline, Melanie/);
    assert.match(prompt, /Notes from the caller: Caroline is the user\./);
    assert.match(prompt, /^\[1\] Caroline: I went to an LGBTQ support group yesterday/m);
    assert.match(prompt, /^\[4\] \(2024-05-08T14:05:00\.000Z\) Melanie: I love pottery/m);
  });

  it('maps the reply: verbatim evidence, clamped scores, ISO dates, unknown citations dropped', async () => {
    server.enqueue('chat', { json: loadFixture('extraction-small-chat.json') });
    const memories = await extractor.extract({ document: smallChat, mode: 'long-range' });
    assert.deepEqual(
      memories.map((memory) => memory.type),
      ['episode', 'emotion', 'fact', 'preference', 'temporal_event'],
      'the memory citing only line 99 and the one of unknown type are dropped',
    );
    const [episode, emotion, fact, preference, event] = memories;

    assert.deepEqual(episode?.sourceEvidence, [
      'Caroline: I went to an LGBTQ support group yesterday and it was so powerful.',
    ]);
    assert.deepEqual(episode?.segmentIndexes, [0]);
    assert.equal(episode?.eventDate, '2024-05-07T00:00:00.000Z');
    assert.equal(episode?.occurredAt, '2024-05-07T00:00:00.000Z');
    assert.equal(episode?.summary, 'Caroline attended an LGBTQ support group on 2024-05-07.');
    assert.equal(episode?.significance, 0.8);
    assert.deepEqual(episode?.participants, ['Caroline']);
    assert.deepEqual(episode?.relations, [
      { subject: 'Caroline', relation: 'attended', object: 'LGBTQ support group' },
    ]);

    assert.equal(emotion?.confidence, 1, 'confidence 1.4 is clamped');
    assert.equal(emotion?.intensity, 0, 'intensity -0.2 is clamped');
    assert.equal(emotion?.emotionType, 'accepted');
    assert.deepEqual(emotion?.segmentIndexes, [0, 2]);
    assert.equal(emotion?.sourceEvidence.length, 2);

    assert.deepEqual(fact?.sourceEvidence, [
      "Caroline: I felt really accepted. I'm also moving to Boston next month for my new job at Acme.",
    ]);
    assert.deepEqual(fact?.segmentIndexes, [2], 'line 42 does not exist');
    assert.equal(fact?.eventDate, '2024-06-01T00:00:00.000Z');
    assert.equal(fact?.temporalCategory, 'temporal_fact');
    assert.deepEqual([fact?.subject, fact?.attribute, fact?.value], ['Caroline', 'lives_in', 'Boston']);
    assert.deepEqual(fact?.entities, [
      { name: 'Caroline', type: 'person' },
      { name: 'Boston', type: 'place' },
      { name: 'Acme', type: 'organization' },
    ]);
    assert.equal(fact?.emotionType, undefined, 'type-specific fields stay on their type');

    assert.equal(preference?.category, 'hobbies');
    assert.equal(preference?.strength, 0.9);
    assert.equal(preference?.temporalCategory, 'perpetual');

    assert.equal(event?.eventDate, '2024-05-11T00:00:00.000Z');
    assert.equal(event?.temporalCategory, 'temporal_fact');
    assert.deepEqual(event?.sourceEvidence, [
      "Melanie: I love pottery, by the way. I'm taking a class this Saturday.",
    ]);

    for (const memory of memories) {
      assert.ok(memory.confidence >= 0 && memory.confidence <= 1);
      for (const line of memory.sourceEvidence) {
        assert.ok(
          smallChat.segments.some((segment) => segment.sourceLine === line),
          'evidence is verbatim',
        );
      }
    }
  });

  it('splits a long document into 2 requests and concatenates their memories', async () => {
    server.enqueue(
      'chat',
      { json: loadFixture('extraction-long-chat-chunk-1.json') },
      { json: loadFixture('extraction-long-chat-chunk-2.json') },
    );
    const memories = await extractor.extract({ document: longChat, mode: 'long-range' });
    assert.equal(server.requests.length, 2);
    const [first, second] = [userPrompt(server, 0), userPrompt(server, 1)];
    assert.match(first, /^\[9\] /m);
    assert.doesNotMatch(first, /^\[10\] /m);
    assert.match(second, /^\[10\] /m);
    assert.match(second, /^\[14\] /m);
    assert.doesNotMatch(second, /^\[9\] /m);
    for (const prompt of [first, second]) {
      const lines = prompt.slice(prompt.indexOf('Lines:\n') + 'Lines:\n'.length);
      assert.ok(lines.length <= 6_000, `chunk of ${lines.length} characters`);
    }
    // Chunk 1 cited line 12, which it was never shown: that memory is dropped.
    assert.deepEqual(
      memories.map((memory) => [memory.type, memory.segmentIndexes]),
      [
        ['fact', [1]],
        ['preference', [11]],
        ['temporal_event', [12]],
      ],
    );
    assert.equal(memories[2]?.eventDate, '2024-06-03T00:00:00.000Z');
  });

  it('throws PROVIDER_FAILED when a chunk fails', async () => {
    server.enqueue(
      'chat',
      { json: loadFixture('extraction-long-chat-chunk-1.json') },
      { status: 400, json: loadFixture('error-400-invalid-schema.json') },
    );
    await assert.rejects(extractor.extract({ document: longChat, mode: 'fast' }), (error) => {
      assert.ok(error instanceof EngramError);
      assert.equal(error.code, 'PROVIDER_FAILED');
      assert.equal(error.retryable, false);
      return true;
    });
    assert.equal(server.requests.length, 2);
  });

  it('makes no request for a document without text', async () => {
    const memories = await extractor.extract({
      document: chat([segment(0, 'Caroline', '   ')]),
      mode: 'fast',
    });
    assert.deepEqual(memories, []);
    assert.equal(server.requests.length, 0);
  });
});
