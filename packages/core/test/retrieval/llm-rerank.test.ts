import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatModel } from '../../src/index.js';
import { LLM_RERANK, type RankedCandidate, rerankWithLlm } from '../../src/retrieval/index.js';
import { storedMemoryOf } from '../../test-support/retrieval/retrieval-fixtures.js';

/** A chat model that answers every request with `reply()` and records the prompts. */
function scripted(reply: () => string): ChatModel & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    provider: 'test',
    modelId: 'scripted',
    prompts,
    async doGenerate(options) {
      prompts.push(options.messages.at(-1)?.content ?? '');
      return { text: reply(), usage: undefined };
    },
  };
}

/** Candidates a..e, best first, with decreasing scores. */
const ranked: RankedCandidate[] = ['a', 'b', 'c', 'd', 'e'].map((id, index) => ({
  memory: storedMemoryOf({
    memoryId: id,
    content: `memory ${id}`,
    eventDate: '2025-05-0%dT00:00:00.000Z'.replace('%d', String(index + 1)),
  }),
  links: [],
  score: 1 - index * 0.1,
}));
const ids = (candidates: readonly RankedCandidate[]) =>
  candidates.map((candidate) => candidate.memory.memoryId);
const options = { ...LLM_RERANK, candidates: 4 };

describe('rerankWithLlm', () => {
  it('moves the picks up within the block, keeps the block’s scores in order, and leaves the rest', async () => {
    const model = scripted(() => '{"relevant": [4, 3]}');
    const reranked = await rerankWithLlm(model, ['Which one?'], ranked, options);
    assert.deepEqual(ids(reranked), ['d', 'c', 'a', 'b', 'e']);
    assert.deepEqual(
      reranked.map((candidate) => candidate.score),
      ranked.map((candidate) => candidate.score),
    );
    assert.match(model.prompts[0] ?? '', /^Question: Which one\?/);
    assert.match(model.prompts[0] ?? '', /\n\[1\] \(2025-05-01\) memory a\n/);
    assert.doesNotMatch(model.prompts[0] ?? '', /memory e/, 'only the block is shown');
  });

  it('blends with the incoming scores: at a low weight a pick passes a close match, not stronger ones', async () => {
    const model = scripted(() => '{"relevant": [4]}');
    // Probabilities a .865, b .835, c .798, d .753; d: 0.95 × .753 + 0.05 = .766 passes c (.95 × .798 = .758).
    const reranked = await rerankWithLlm(model, ['Which one?'], ranked, { ...options, weight: 0.05 });
    assert.deepEqual(ids(reranked), ['a', 'b', 'd', 'c', 'e']);
  });

  it('ignores numbers outside the block and repeats', async () => {
    const model = scripted(() => '{"relevant": [9, 0, 2, 2, -1]}');
    assert.deepEqual(ids(await rerankWithLlm(model, ['q'], ranked, options)), ['b', 'a', 'c', 'd', 'e']);
  });

  it('returns the ranking unchanged when the model fails, answers nonsense, or there is nothing to order', async () => {
    const failing = scripted(() => {
      throw new Error('offline');
    });
    assert.deepEqual(ids(await rerankWithLlm(failing, ['q'], ranked, options)), ids(ranked));
    const nonsense = scripted(() => 'I think the second one');
    assert.deepEqual(ids(await rerankWithLlm(nonsense, ['q'], ranked, options)), ids(ranked));
    const unused = scripted(() => '{"relevant": [1]}');
    assert.deepEqual(ids(await rerankWithLlm(unused, [], ranked, options)), ids(ranked));
    assert.deepEqual(ids(await rerankWithLlm(unused, ['q'], ranked.slice(0, 1), options)), ['a']);
    assert.equal(unused.prompts.length, 0, 'no call without questions or with one candidate');
  });
});
