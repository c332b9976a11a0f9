// The extraction cursor on a real SQLite file: it starts at 0, moves only
// by compare-and-set, and survives reopening the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteEngramStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'engram-sqlite-cursors-'));
const AT = '2026-01-01T00:00:00.000Z';

describe('sqlite: conversation extraction cursors', () => {
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('moves only from where it stands, per instance and conversation, and persists', async () => {
    const path = join(directory, 'cursors.db');
    const store = SqliteEngramStore.open(path);
    const cursors = store.conversationExtractions;
    assert.equal(await cursors.extractedThrough('inst_a', 'conv'), 0);
    assert.equal(await cursors.advance('inst_a', 'conv', 0, 3, AT), true);
    assert.equal(await cursors.advance('inst_a', 'conv', 0, 5, AT), false, 'a writer that read 0 loses');
    assert.equal(await cursors.advance('inst_a', 'conv', 3, 5, AT), true);
    assert.equal(await cursors.advance('inst_a', 'conv', 3, 9, AT), false);
    assert.equal(await cursors.extractedThrough('inst_b', 'conv'), 0, 'another instance has its own');
    await store.close();
    const reopened = SqliteEngramStore.open(path);
    assert.equal(await reopened.conversationExtractions.extractedThrough('inst_a', 'conv'), 5);
    await reopened.close();
  });
});
