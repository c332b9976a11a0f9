import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuleBasedExtractor } from '../../src/extraction/rule-based/rule-based-extractor.js';
import { analyzeInProcess } from '../../src/ingestion/ingest-document.js';
import { RAW_TURN_CONFIDENCE, withRawTurns } from '../../src/ingestion/raw-turns.js';
import { parseDocument } from '../../src/parsing/index.js';

const CREATED_AT = '2024-03-03T19:42:00.000Z';
const chat = [
  'jess: i got the job at the bakery on kings road',
  'tomo_k: did the vet call you back about miso?',
  'jess: lol',
  'tomo_k: 4:21:09',
  'jess: when are they?',
].join('\n');

async function analyze(text: string) {
  return analyzeInProcess(
    {
      text,
      documentType: 'ai-chat-conversation',
      createdAt: CREATED_AT,
      mode: 'long-range',
      hints: undefined,
    },
    { parse: parseDocument, extractor: new RuleBasedExtractor() },
  );
}

describe('withRawTurns', () => {
  it('gives every informative turn no memory cites a memory of its own words', async () => {
    const memories = await analyze(chat);
    const cited = new Set(memories.flatMap((memory) => memory.sourceEvidence));
    assert.ok(cited.has('jess: i got the job at the bakery on kings road'));
    assert.ok(cited.has('tomo_k: did the vet call you back about miso?'));
    assert.ok(cited.has('tomo_k: 4:21:09'), 'a number is worth finding');
    const question = memories.find((memory) => memory.sourceEvidence[0]?.includes('vet call'));
    assert.equal(question?.content, 'tomo_k: did the vet call you back about miso?');
    assert.equal(question?.subject, 'tomo_k');
    assert.equal(question?.confidence, RAW_TURN_CONFIDENCE);
    assert.deepEqual(question?.sourceEvidence, ['tomo_k: did the vet call you back about miso?']);
  });

  it('leaves filler turns out and adds nothing where the extractor cited every turn', async () => {
    const memories = await analyze(chat);
    const cited = new Set(memories.flatMap((memory) => memory.sourceEvidence));
    assert.ok(!cited.has('jess: lol'));
    assert.ok(!cited.has('jess: when are they?'));
    const document = parseDocument({
      text: chat,
      documentType: 'ai-chat-conversation',
      createdAt: CREATED_AT,
    });
    const all = withRawTurns(document, memories);
    assert.equal(all.length, memories.length);
  });
});

describe('attachment placeholders', () => {
  it('are neither memories nor raw turns; the words around them still count', async () => {
    const memories = await analyze(
      [
        'jess: <Media omitted>',
        'tomo_k: image omitted',
        'jess: [Sticker]',
        'tomo_k: <attached: 00000012-PHOTO-2024-03-03.jpg> look at miso',
      ].join('\n'),
    );
    const cited = memories.flatMap((memory) => memory.sourceEvidence);
    assert.deepEqual([...new Set(cited)], ['tomo_k: <attached: 00000012-PHOTO-2024-03-03.jpg> look at miso']);
    assert.ok(memories.every((memory) => !memory.content.includes('attached')));
  });
});
