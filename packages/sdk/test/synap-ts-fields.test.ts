// The fields Synap's TypeScript integrations read (spec §5) survive the SDK's
// response validation, and a response that lacks them is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EngramClient, SynapError } from '../src/index.js';
import { API_KEY, CONVERSATION_ID, contextBody, FAST_RETRY } from './fixtures.js';
import { withServer } from './scripted-server.js';

const bundleItem = {
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
};

describe('spec §5 fields in fetch responses', () => {
  it('returns items_by_type, bundle_id, total_tokens and the JSON-string conversation fields', async () => {
    const body = {
      ...contextBody,
      items_by_type: { ...contextBody.items_by_type, facts: { items: [bundleItem] } },
      bundle_id: 'bnd_0123',
      total_tokens: 4,
      conversation_context: {
        conversation_id: CONVERSATION_ID,
        summary: null,
        current_state: { step: 2 },
        key_extractions: {},
        current_state_json: '{"step":2}',
        key_extractions_json: '{}',
        recent_turns: [],
        compaction_id: null,
        compacted_at: null,
      },
    };
    await withServer([{ status: 200, body }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.conversation.context.fetch({ conversation_id: CONVERSATION_ID });
      assert.deepEqual(response.items_by_type.facts.items, [bundleItem]);
      assert.equal(response.bundle_id, 'bnd_0123');
      assert.equal(response.total_tokens, 4);
      assert.deepEqual(JSON.parse(response.conversation_context?.current_state_json ?? ''), { step: 2 });
    });
  });

  it('refuses a fetch response without items_by_type', async () => {
    const { items_by_type: _dropped, ...legacy } = contextBody;
    await withServer([{ status: 200, body: legacy }], async (server) => {
      const client = new EngramClient({
        apiKey: API_KEY,
        baseUrl: server.baseUrl,
        retry: { ...FAST_RETRY, maxAttempts: 1 },
      });
      await assert.rejects(client.user.context.fetch({ user_id: 'alice' }), SynapError);
    });
  });
});
