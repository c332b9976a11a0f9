import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PersonContext, rewritePersons } from '../../../src/extraction/rule-based/speaker-rewriter.js';

const CHAT: PersonContext = { speaker: 'Caroline', addressee: 'Melanie' };

function rewrite(sentence: string, context: PersonContext = CHAT): string {
  return rewritePersons(sentence, context).text;
}

describe('rewritePersons', () => {
  it('names the speaker for "I" and makes the verb agree', () => {
    assert.equal(rewrite('I went to a support group.'), 'Caroline went to a support group.');
    assert.equal(rewrite("I'm swamped with work."), 'Caroline is swamped with work.');
    assert.equal(rewrite('I really love pizza.'), 'Caroline really loves pizza.');
    assert.equal(rewrite("I don't like sushi."), "Caroline doesn't like sushi.");
    assert.equal(rewrite("I've been painting since 2016."), 'Caroline has been painting since 2016.');
    assert.equal(rewrite('i try my best'), 'Caroline tries her best');
  });

  it('uses the name first and a pronoun after it when the gender is known', () => {
    assert.equal(
      rewrite('The group made me feel accepted and gave me courage to embrace myself.'),
      'The group made Caroline feel accepted and gave her courage to embrace herself.',
    );
    assert.equal(rewrite('My kids love it and I do too.'), "Caroline's kids love it and she does too.");
  });

  it('keeps names when a pronoun could mean either person', () => {
    assert.equal(rewrite("I told you I'd help."), 'Caroline told Melanie Caroline would help.');
    assert.equal(
      rewrite("I told you I'd help.", { speaker: 'Caroline', addressee: 'Jon' }),
      'Caroline told Jon she would help.',
    );
  });

  it('rewrites "you" to the addressee as subject, object and possessive', () => {
    assert.equal(rewrite("You're a great painter."), 'Melanie is a great painter.');
    assert.equal(
      rewrite('Your empathy will help the people you work with.'),
      "Melanie's empathy will help the people she works with.",
    );
    assert.equal(rewrite('I made this for you.'), 'Caroline made this for Melanie.');
  });

  it('leaves fixed phrases and generic reflexives alone', () => {
    assert.equal(rewrite('Thank you so much!'), 'Thank you so much!');
    assert.equal(
      rewrite('Painting is a way of expressing yourself.'),
      'Painting is a way of expressing yourself.',
    );
  });

  it('turns "we" into the speaker and others, "our" into the speaker\'s', () => {
    assert.equal(
      rewrite('We went camping with our kids.'),
      'Caroline and others went camping with their kids.',
    );
    assert.equal(rewrite('Our dog is old.'), "Caroline's dog is old.");
  });

  it('leaves pronouns alone without a speaker, and "you" without an addressee', () => {
    assert.equal(rewrite('I love it here.', { speaker: undefined, addressee: undefined }), 'I love it here.');
    assert.equal(
      rewrite('You should come.', { speaker: 'Caroline', addressee: undefined }),
      'You should come.',
    );
  });

  it('reports which persons it rewrote', () => {
    assert.deepEqual(rewritePersons('I like your hat.', CHAT), {
      text: "Caroline likes Melanie's hat.",
      firstPerson: true,
      secondPerson: true,
    });
  });
});
