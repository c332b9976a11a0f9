import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeEntityName } from '../../src/text/entity-name.js';

describe('normalizeEntityName (the one rule core and every store compare names by)', () => {
  it('folds accents, case, possessives and punctuation', () => {
    assert.equal(normalizeEntityName('Café Lumière'), 'cafe lumiere');
    assert.equal(normalizeEntityName("Caroline's"), 'caroline');
    assert.equal(normalizeEntityName('Caroline’s dog'), 'caroline dog');
    assert.equal(normalizeEntityName("O'Brien"), 'o brien');
    assert.equal(normalizeEntityName('  St.  Louis!! '), 'st louis');
    assert.equal(normalizeEntityName('LGBTQ+ support-group'), 'lgbtq support group');
  });

  it('is idempotent, so a store may apply it again to names it is given', () => {
    for (const name of ['Café', "McDonald's", 'José Álvarez-Ruiz', 'St. Louis', '', '東京 タワー']) {
      const once = normalizeEntityName(name);
      assert.equal(normalizeEntityName(once), once, name);
    }
  });
});
