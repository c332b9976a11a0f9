import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangeTranscript, exchangeTurns } from '../../src/index.js';

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

describe('exchangeTurns', () => {
  it('keeps the reply and the user messages since the previous reply, dropping earlier history', () => {
    assert.deepEqual(exchangeTurns([user('a'), assistant('b'), user('c'), user('d'), assistant('e')]), [
      user('c'),
      user('d'),
      assistant('e'),
    ]);
    assert.deepEqual(exchangeTurns([user('first'), assistant('reply')]), [user('first'), assistant('reply')]);
  });

  it('keeps trailing user messages when no reply ends the list, and drops blank messages first', () => {
    assert.deepEqual(exchangeTurns([assistant('hi'), user('x'), user('  ')]), [user('x')]);
    assert.deepEqual(exchangeTurns([user('q'), assistant('  '), assistant(' a ')]), [
      user('q'),
      assistant('a'),
    ]);
    assert.deepEqual(exchangeTurns([user(' '), assistant('')]), []);
  });

  it('renders one speaker-labelled line a turn', () => {
    assert.equal(
      exchangeTranscript([user('I moved\nto Lyon.'), assistant('Welcome to Lyon!')]),
      'User: I moved to Lyon.\nAssistant: Welcome to Lyon!',
    );
  });
});
