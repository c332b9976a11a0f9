import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractMemories } from '../../../src/extraction/index.js';
import { parseDocument } from '../../../src/parsing/index.js';

function confidenceOf(line: string): number | undefined {
  const document = parseDocument({
    text: `Ana: ${line}\nBen: ok`,
    documentType: 'ai-chat-conversation',
    createdAt: '2024-01-10T12:00:00.000Z',
  });
  return extractMemories(document, { mode: 'fast' })[0]?.confidence;
}

describe('confidence calibration', () => {
  it('rates explicit first-person statements high', () => {
    assert.equal(confidenceOf('I work at a bakery in Porto.'), 0.9);
  });

  it('rates hedged statements lower', () => {
    const hedged = confidenceOf('I think I might work at a bakery in Porto.') ?? 1;
    assert.ok(hedged < 0.7, String(hedged));
  });

  it('rates statements about the other person lower than about oneself', () => {
    const about = confidenceOf('You are a brilliant baker.') ?? 1;
    assert.ok(about < 0.9 && about >= 0.6, String(about));
  });

  it('makes plain questions no memory at all', () => {
    assert.equal(confidenceOf('What did you do at the weekend?'), undefined);
    assert.equal(confidenceOf('Thanks! Haha, see you!'), undefined);
  });
});
