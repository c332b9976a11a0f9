import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { factFromQuestion } from '../../../src/extraction/rule-based/question-facts.js';

const fact = (question: string) => factFromQuestion(question, 'maya')?.content;

describe('factFromQuestion', () => {
  it('reads what a question presupposes the person has: a qualifier, a named complement or a kind of thing', () => {
    assert.equal(fact("How's your new job at Google?"), 'maya has a new job at Google');
    assert.equal(fact('hows your bike from Decathlon?'), 'maya has a bike from Decathlon');
    assert.equal(fact('did your mom like it?'), 'maya had a mom');
  });

  it('gives nothing for generic nouns, "your" typed for "you\'re" and verb forms', () => {
    for (const question of [
      'How was your weekend?',
      'what are your plans?',
      'your so sweet?',
      'how is your painting going?',
      'what do you think, your honest opinion?',
    ]) {
      assert.equal(fact(question), undefined, question);
    }
  });
});
