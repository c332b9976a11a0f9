// The opt-in LLM extractor, chosen by configuration, end to end: a server
// configured with ENGRAM_EXTRACTOR=llm sends the document to an
// OpenAI-compatible endpoint (a local stand-in replaying a recorded reply) and
// stores the memories it returns, with verbatim evidence.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  loadFixture,
  type OpenAIStandInServer,
  startOpenAIStandInServer,
} from '@engram/provider-openai/test-support';
import { ingestAndWait, memoriesOf } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const LINES = [
  'Caroline: I went to an LGBTQ support group yesterday and it was so powerful.',
  "Melanie: That's amazing, Caroline! How did it feel?",
  "Caroline: I felt really accepted. I'm also moving to Boston next month for my new job at Acme.",
  "Melanie: I love pottery, by the way. I'm taking a class this Saturday.",
];

describe('LLM extractor by configuration', () => {
  let llm: OpenAIStandInServer;
  let server: TestServer;

  before(async () => {
    llm = await startOpenAIStandInServer();
    server = await startTestServer({
      extractor: 'llm',
      llmBaseUrl: llm.baseUrl,
      llmModel: 'gpt-4o-mini',
      extractionThreads: 0,
    });
  });
  after(async () => {
    await server.dispose();
    await llm.close();
  });

  it('extracts through the OpenAI-compatible endpoint and keeps evidence verbatim', async () => {
    llm.enqueue('chat', { json: loadFixture('extraction-small-chat.json') });
    const { apiKey } = await server.createInstance();
    const sdk = sdkFor(server.url, apiKey);
    const status = await ingestAndWait(sdk, {
      document: LINES.join('\n'),
      document_created_at: '2024-05-08T14:00:00Z',
      user_id: 'caroline',
    });
    assert.equal(status.status, 'completed');
    assert.equal(llm.requests.length, 1, 'one chat completion for a small document');
    const request = llm.requests[0]?.body as { model: string; response_format?: { type: string } };
    assert.equal(request.model, 'gpt-4o-mini');
    assert.equal(request.response_format?.type, 'json_schema');

    const memories = await memoriesOf(sdk, status.memory_ids);
    const episode = memories.find((memory) => memory.memory_type === 'episode');
    assert.equal(episode?.content, 'Caroline attended an LGBTQ support group on 2024-05-07.');
    assert.deepEqual(episode?.source_evidence, [LINES[0]]);
    const preference = memories.find((memory) => memory.memory_type === 'preference');
    assert.equal(preference?.strength, 0.9);
    for (const memory of memories) {
      assert.ok(memory.confidence >= 0 && memory.confidence <= 1, 'scores clamped into 0..1');
      for (const line of memory.source_evidence as string[]) assert.ok(LINES.includes(line));
    }
    assert.ok(
      !memories.some((memory) => /dog named Rex/.test(String(memory.content))),
      'unknown citations dropped',
    );
  });

  it('fails the ingestion with a clear message when the provider keeps failing', async () => {
    llm.enqueue('chat', { status: 400, json: loadFixture('error-400-invalid-schema.json') });
    const { apiKey } = await server.createInstance();
    const sdk = sdkFor(server.url, apiKey);
    const status = await ingestAndWait(sdk, { document: LINES.join('\n'), user_id: 'caroline' });
    assert.equal(status.status, 'failed');
    assert.match(String(status.error_message), /provider|model|LLM|400/i);
    assert.ok(!String(status.error_message).includes('Caroline'), 'no user content in the error');
  });
});
