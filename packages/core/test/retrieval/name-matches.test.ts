import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameMatches } from '../../src/retrieval/ranking-priors.js';
import { normalizeEntityName } from '../../src/text/entity-name.js';

const matches = (label: string, ...query: string[]) =>
  nameMatches(normalizeEntityName(label), new Set(query));

describe('nameMatches', () => {
  it('matches a name as the query says it, and any of its words', () => {
    assert.ok(matches('Caroline', 'caroline'));
    assert.ok(matches('Caroline Smith', 'caroline'));
    assert.ok(matches('Caroline Smith', 'smith'));
  });

  it('matches handles, nicknames and one letter out', () => {
    assert.ok(matches('sam_k', 'sam'));
    assert.ok(matches('samantha_k', 'sam'));
    assert.ok(matches('tomo_k', 'tom'));
    assert.ok(matches('marco88', 'marco'));
    assert.ok(matches('🌙luna', 'luna'));
    assert.ok(matches('Carolin', 'caroline'));
    assert.ok(matches('jessica', 'jess'));
  });

  it('does not match other people', () => {
    assert.ok(!matches('Melanie', 'caroline'));
    assert.ok(!matches('sam_k', 'samantha'), 'a longer query name is not a nickname of a shorter one');
    assert.ok(!matches('al', 'alice'));
    assert.ok(!matches('Jon', 'jo'), 'two letters are too few to be a nickname');
    assert.ok(!matches('Mark', 'marc'), 'one letter out needs five letters');
    assert.ok(!matches('', 'caroline'));
  });
});
