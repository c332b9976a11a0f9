// The opt-in LLM re-ranker, on whenever an LLM is configured (ENGRAM_LLM_RERANK
// turns it off): an accurate fetch asks the OpenAI-compatible endpoint (a
// local stand-in) to decompose the question, then to pick the most useful of
// its best candidates, and serves them in the model's order. A failing model
// leaves the offline ranking.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type OpenAIStandInServer, startOpenAIStandInServer } from '@engram/provider-openai/test-support';
import type { EngramClient } from '@engram/sdk';
import { allItems } from './support/context-items.js';
import { ingestAndWait } from './support/ingestion-helpers.js';
import { sdkFor } from './support/sdk-client.js';
import { SHARED_MODEL_CACHE, startTestServer, type TestServer } from './support/test-server.js';

/** An OpenAI chat completion whose message is `content`. */
function completion(content: unknown) {
  return {
    json: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_741_570_283,
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: JSON.stringify(content) }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
    },
  };
}

const DOCUMENT = [
  'Ines: I adopted a greyhound called Pixel last spring.',
  'Noah: Nice! What else is new?',
  'Ines: I started pottery classes on Tuesdays, and my sister moved to Porto.',
  'Noah: Do you still run?',
  'Ines: Yes, I run along the river every Sunday with Pixel.',
].join('\n');

describe('LLM re-ranking by configuration', () => {
  let llm: OpenAIStandInServer;
  let withLlm: TestServer;
  let withoutRerank: TestServer;

  before(async () => {
    llm = await startOpenAIStandInServer();
    const settings = {
      llmBaseUrl: llm.baseUrl,
      llmModel: 'gpt-4o-mini',
      fetchCacheEntries: 0,
      modelCacheDir: SHARED_MODEL_CACHE,
    };
    withLlm = await startTestServer(settings);
    withoutRerank = await startTestServer({ ...settings, llmRerank: false });
  });
  after(async () => {
    await withLlm.dispose();
    await withoutRerank.dispose();
    await llm.close();
  });

  async function seeded(server: TestServer): Promise<EngramClient> {
    const sdk = sdkFor(server.url, (await server.createInstance('b2c')).apiKey);
    await ingestAndWait(sdk, {
      document: DOCUMENT,
      user_id: 'ines',
      document_created_at: '2025-05-10T10:00:00Z',
    });
    return sdk;
  }
  const question = {
    user_id: 'ines',
    search_query: ['What does Ines do with Pixel?'],
    mode: 'accurate' as const,
  };

  it('serves the best candidates in the order the model picks', async () => {
    const sdk = await seeded(withLlm);
    const before = llm.requests.length;
    llm.enqueue('chat', completion({ queries: [] }), completion({ relevant: [3, 1] }));
    const response = await sdk.user.context.fetch(question);
    const sent = llm.requests.slice(before);
    assert.equal(sent.length, 2, 'one decomposition, one re-rank');
    const body = sent[1]?.body as { messages: { content: string }[] } | undefined;
    const prompt = body?.messages.at(-1)?.content ?? '';
    assert.match(prompt, /Question: What does Ines do with Pixel\?/);
    const numbered = new Map(
      [...prompt.matchAll(/^\[(\d+)\](?: \(\d{4}-\d{2}-\d{2}\))? (.*)$/gmu)].map((match) => [
        Number(match[1]),
        match[2],
      ]),
    );
    assert.ok(numbered.size >= 3, `the candidates were numbered (${numbered.size})`);
    const ranked = allItems(response).sort((left, right) => right.relevance_score - left.relevance_score);
    assert.equal(ranked[0]?.content, numbered.get(3), "the model's first pick leads");
    assert.equal(ranked[1]?.content, numbered.get(1), 'its second pick follows');
    for (const item of ranked) assert.ok(item.relevance_score >= 0 && item.relevance_score <= 1);
  });

  it('keeps the offline ranking when the model fails, and makes no re-rank call when turned off', async () => {
    const sdk = await seeded(withLlm);
    const offline = await seeded(withoutRerank);
    // Decomposition answers; both re-rank attempts get a server error.
    llm.enqueue('chat', completion({ queries: [] }), { status: 500, json: { error: { message: 'down' } } });
    llm.enqueue('chat', { status: 500, json: { error: { message: 'down' } } });
    const failed = await sdk.user.context.fetch(question);
    assert.equal(llm.pending('chat'), 0);
    const before = llm.requests.length;
    llm.enqueue('chat', completion({ queries: [] }));
    const plain = await offline.user.context.fetch(question);
    assert.equal(llm.requests.length - before, 1, 'only the decomposition call');
    const order = (response: typeof plain) =>
      allItems(response)
        .sort((left, right) => right.relevance_score - left.relevance_score)
        .map((item) => item.content);
    assert.ok(order(failed).length > 0);
    assert.deepEqual(order(failed), order(plain), 'a failed re-rank ranks as the offline re-rank does');
  });
});
