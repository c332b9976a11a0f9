import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeEntityName } from '../../src/text/entity-name.js';

describe('normalizeEntityName (the one rule core and every store compare names by)', () => {
  it('folds accents, case, possessives and punctuation', () => {
    const cases: [name: string, normalized: string][] = [
      ['Café Lumière', 'cafe lumiere'],
      ["Caroline's", 'caroline'],
      ['Caroline’s dog', 'caroline dog'],
      ["O'Brien", 'o brien'],
      ['  St.  Louis!! ', 'st louis'],
      ['LGBTQ+ support-group', 'lgbtq support group'],
    ];
    for (const [name, normalized] of cases) assert.equal(normalizeEntityName(name), normalized, name);
  });

  it('is idempotent, so a store may apply it again to names it is given', () => {
    for (const name of ['Café', "McDonald's", 'José Álvarez-Ruiz', 'St. Louis', '', '東京 タワー']) {
      const once = normalizeEntityName(name);
      assert.equal(normalizeEntityName(once), once, name);
    }
  });
});
