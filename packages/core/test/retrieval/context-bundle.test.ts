import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemoryItem } from '@engram/protocol';
import { contextBundleOf } from '../../src/index.js';

function item(id: string, content: string, extra: Partial<MemoryItem> = {}): MemoryItem {
  return {
    id,
    memory_type: 'fact',
    content,
    confidence: 0.8,
    relevance_score: 0.6,
    scope: 'user',
    entities: [],
    source: 'doc-1',
    source_evidence: [],
    extracted_at: '2026-01-01T00:00:00.000Z',
    metadata: {},
    ...extra,
  };
}

const empty = () => ({ facts: [], preferences: [], episodes: [], emotions: [], temporal_events: [] });

describe('contextBundleOf', () => {
  it('maps every item of every list, in order, to the flat §5 item with "" for none', () => {
    const lists = {
      ...empty(),
      facts: [item('m1', 'Lives in Lyon'), item('m2', 'Has a dog named Rex')],
      temporal_events: [
        item('m3', 'Dentist on 3 March', {
          memory_type: 'temporal_event',
          event_date: '2026-03-03T00:00:00.000Z',
          temporal_category: 'temporal_fact',
          temporal_confidence: 0.7,
          entities: [{ entity_id: 'e1', canonical_name: 'Dentist', type: 'thing' }],
        }),
      ],
    };
    const bundle = contextBundleOf(lists);
    assert.deepEqual(
      bundle.items_by_type.facts.items.map((entry) => entry.item_id),
      ['m1', 'm2'],
    );
    assert.deepEqual(bundle.items_by_type.preferences.items, []);
    assert.deepEqual(bundle.items_by_type.facts.items[0], {
      item_id: 'm1',
      content: 'Lives in Lyon',
      context_type: 'fact',
      source: 'doc-1',
      confidence: 0.8,
      similarity_score: 0.6,
      relevance_score: 0.6,
      scope: 'user',
      entity_id: '',
      event_date: '',
      valid_until: '',
      temporal_category: '',
      temporal_confidence: 0,
    });
    const temporal = bundle.items_by_type.temporal_events.items[0];
    assert.equal(temporal?.event_date, '2026-03-03T00:00:00.000Z');
    assert.equal(temporal?.entity_id, 'e1');
    assert.equal(temporal?.temporal_confidence, 0.7);
    // ceil(13/4) + ceil(19/4) + ceil(18/4)
    assert.equal(bundle.total_tokens, 4 + 5 + 5);
  });

  it('names equal rankings alike and different rankings apart', () => {
    const one = { ...empty(), facts: [item('m1', 'a'), item('m2', 'b')] };
    const same = { ...empty(), facts: [item('m1', 'a'), item('m2', 'b')] };
    const reordered = { ...empty(), facts: [item('m2', 'b'), item('m1', 'a')] };
    const moved = { ...empty(), preferences: [item('m1', 'a'), item('m2', 'b')] };
    const id = contextBundleOf(one).bundle_id;
    assert.match(id, /^bnd_[0-9a-f]{32}$/);
    assert.equal(contextBundleOf(same).bundle_id, id);
    assert.notEqual(contextBundleOf(reordered).bundle_id, id);
    assert.notEqual(contextBundleOf(moved).bundle_id, id);
  });
});
