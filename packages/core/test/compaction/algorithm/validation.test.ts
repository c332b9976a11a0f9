import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPACTION_LEVEL_PROFILES, compactConversation } from '../../../src/compaction/algorithm/index.js';
import { classifyUnit } from '../../../src/compaction/algorithm/key-extractions.js';
import { collectKeyFacts, validateKeyFacts } from '../../../src/compaction/algorithm/key-fact-validation.js';
import { toSentenceUnits, toSourceMessages } from '../../../src/compaction/algorithm/sentence-units.js';
import { longChatTurns, NOW, toStoredMessages } from './fixtures.js';

function factsOf(turns: { speaker: string; text: string }[]) {
  const units = toSentenceUnits(toSourceMessages(toStoredMessages(turns)));
  return collectKeyFacts(units, Uint8Array.from(units, classifyUnit));
}

describe('validation score', () => {
  const facts = factsOf([
    { speaker: 'Ann', text: 'I heard that Priya moved to Oslo in March 2021.' },
    { speaker: 'Ben', text: 'Priya pays 1,200 dollars rent there.' },
  ]);

  it('collects names (sentence-initial ones too, once seen mid-sentence), numbers and dates, not the participants', () => {
    assert.deepEqual([...facts.atoms.keys()].sort(), [
      'd:2021',
      'd:march',
      'e:oslo',
      'e:priya',
      'n:1200',
      'n:2021',
    ]);
    assert.equal(facts.atoms.get('e:priya'), 1 + Math.log(2), 'a recurring name weighs more');
  });

  it('is 1 when every key fact is still there, whatever the wording', () => {
    assert.equal(validateKeyFacts(facts, 'Priya: Oslo since March 2021, rent $1,200.').score, 1);
  });

  it('is the weighted share of key facts found', () => {
    // Priya weighs 1 + ln 2, the five others 1: losing the city and the rent loses 2 of 5 + ln 2.
    const total = 6 + Math.log(2);
    assert.equal(validateKeyFacts(facts, 'Priya moved in March 2021.').score, (total - 2) / total);
    assert.equal(validateKeyFacts(facts, 'They talked about housing.').score, 0);
  });

  it('counts a decision as kept when most of its content words survive', () => {
    const withDecision = factsOf([
      { speaker: 'Ann', text: 'We decided to hold the launch party in the harbour warehouse.' },
      { speaker: 'Ben', text: 'Fine by me.' },
    ]);
    assert.equal(withDecision.decisions.length, 1);
    assert.equal(
      validateKeyFacts(withDecision, 'Ann: decided: launch party at the harbour warehouse.').score,
      1,
    );
    assert.equal(validateKeyFacts(withDecision, 'Ann: a party.').score, 0);
  });

  it('falls as compaction gets more aggressive, and passes each level threshold on a dense chat', () => {
    const messages = toStoredMessages(longChatTurns());
    const scores = (['conservative', 'balanced', 'aggressive'] as const).map((level) => {
      const result = compactConversation({ messages, level, now: NOW });
      assert.equal(
        result.validationPassed,
        result.validationScore >= COMPACTION_LEVEL_PROFILES[level].validationThreshold,
      );
      assert.ok(result.validationPassed, `${level} scored ${result.validationScore}`);
      assert.equal(result.qualityWarning, false);
      return result.validationScore;
    });
    assert.ok(scores[0]! > scores[1]! && scores[1]! > scores[2]!, scores.join(' > '));
  });

  it('is 1 when the target keeps everything, and flags a quality warning when far too little is kept', () => {
    const messages = toStoredMessages(longChatTurns(3));
    const whole = compactConversation({ messages, level: 'conservative', targetTokens: 100_000, now: NOW });
    assert.equal(whole.validationScore, 1);
    const starved = compactConversation({ messages, level: 'conservative', targetTokens: 30, now: NOW });
    assert.ok(starved.validationScore < 0.3);
    assert.equal(starved.validationPassed, false);
    assert.equal(starved.qualityWarning, true);
    assert.deepEqual(starved.warnings, ['validation score below the conservative threshold']);
  });
});
