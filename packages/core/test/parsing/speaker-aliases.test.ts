import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from '../../src/parsing/index.js';

function parseChat(text: string) {
  return parseDocument({ text, documentType: 'ai-chat-conversation', createdAt: '2024-05-11T10:00:00.000Z' });
}
const aliasesOf = (text: string) => parseChat(text).attributes['speakerAliases'];

describe('speaker aliases', () => {
  it('learns self-introductions and the names the other person uses', () => {
    const text = [
      "kc_77: hey! it's jake from the climbing wall",
      'Me: oh hi!! amazing thank you jake',
      'kc_77: no worries lena 🙌',
      'Me: btw i love bouldering',
    ].join('\n');
    assert.deepEqual(aliasesOf(text), { kc_77: ['Jake'], Me: ['Lena'] });
  });

  it('reads "yo noor, its kai btw", "Sam here" and "thanks, Sam"', () => {
    assert.deepEqual(aliasesOf('dj-k: yo noor, its kai btw\nnoor_99: hiii'), { 'dj-k': ['Kai'] });
    assert.deepEqual(aliasesOf('jk_99: Sam here, new number\nbo: thanks, Sam!'), { jk_99: ['Sam'] });
  });

  it('takes no adjective, pronoun, contraction, pet or generic "buddy" for a name', () => {
    const text = [
      "Ana: I'm curious! I'm tired, it's raining.",
      'Ben: thanks buddy! This is Oliver, my cat.',
      "Ana: aw, that's adorable. thanks! I'm off",
      'Ben: hey you!',
    ].join('\n');
    assert.equal(aliasesOf(text), undefined);
  });

  it('leaves out names the label already says ("sam" for samantha_k)', () => {
    assert.equal(aliasesOf('samantha_k: sam here\nravi.m: thanks sam!'), undefined);
  });
});
