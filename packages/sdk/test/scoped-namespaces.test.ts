import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConflictError,
  ContextNotFoundError,
  EngramClient,
  type FetchLike,
  InvalidConversationIdError,
  InvalidInputError,
  TranscriptConflictError,
} from '../src/index.js';
import { API_KEY, CONVERSATION_ID, contextBody, FAST_RETRY, INGESTION_ID } from './fixtures.js';
import { withServer } from './scripted-server.js';

function offlineClient(): EngramClient {
  const fetch: FetchLike = () => assert.fail('no request may be sent');
  return new EngramClient({ apiKey: API_KEY, fetch });
}

const bodies = (requests: Array<{ body: string }>) =>
  requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);

describe('user, customer and client fetch', () => {
  it('user.context.fetch always sends user_id, customer_id and conversation_id', async () => {
    await withServer([{ status: 200, body: contextBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.user.context.fetch({ user_id: 'alice', search_query: ['coffee', 'tea'] });
      await client.user.context.fetch({
        user_id: 'alice',
        customer_id: 'acme',
        conversation_id: 'not-a-uuid-is-fine-here',
        precision_level: 'medium',
        // Ignored outside summary mode: never sent.
        include_profile: false,
        last_n_conversations: 3,
      });
      assert.equal(server.requests[0]?.url, '/v1/context/user/fetch');
      assert.deepEqual(bodies(server.requests), [
        {
          user_id: 'alice',
          customer_id: null,
          conversation_id: null,
          search_query: ['coffee', 'tea'],
          max_results: 10,
          types: ['all'],
          mode: 'fast',
        },
        {
          user_id: 'alice',
          customer_id: 'acme',
          conversation_id: 'not-a-uuid-is-fine-here',
          search_query: null,
          max_results: 10,
          types: ['all'],
          mode: 'fast',
          precision_level: 'medium',
        },
      ]);
    });
  });

  it('user.context.fetch sends the summary-mode fields, with defaults, only in summary mode', async () => {
    const summary = { ...contextBody, profile: { overview: 'Regular' }, conversations: [] };
    await withServer([{ status: 200, body: summary }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.user.context.fetch({
        user_id: 'alice',
        context_mode: 'conversation-summary',
      });
      assert.deepEqual(response.profile, { overview: 'Regular' });
      await client.user.context.fetch({
        user_id: 'alice',
        context_mode: 'conversation-summary',
        include_profile: false,
        last_n_conversations: 0,
      });
      const [first, second] = bodies(server.requests);
      assert.equal(first?.['context_mode'], 'conversation-summary');
      assert.equal(first?.['include_profile'], true);
      assert.equal(first?.['last_n_conversations'], 1);
      assert.equal(second?.['include_profile'], false);
      assert.equal(second?.['last_n_conversations'], 0);
    });
  });

  it('customer.context.fetch and client.context.fetch post to their routes', async () => {
    await withServer([{ status: 200, body: contextBody }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.customer.context.fetch({
        customer_id: 'acme',
        include_client_context: false,
        max_results: 3,
      });
      await client.client.context.fetch({ types: ['facts'], mode: 'accurate' });
      await client.client.context.fetch();
      assert.deepEqual(
        server.requests.map((request) => request.url),
        ['/v1/context/customer/fetch', '/v1/context/client/fetch', '/v1/context/client/fetch'],
      );
      assert.deepEqual(bodies(server.requests), [
        {
          customer_id: 'acme',
          conversation_id: null,
          search_query: null,
          max_results: 3,
          types: ['all'],
          mode: 'fast',
          include_client_context: false,
        },
        { conversation_id: null, search_query: null, max_results: 10, types: ['facts'], mode: 'accurate' },
        { conversation_id: null, search_query: null, max_results: 10, types: ['all'], mode: 'fast' },
      ]);
    });
  });

  it('user.getProfile GETs with customer_id in the query and unwraps {profile}', async () => {
    const profile = { attributes: { name: { value: 'Alice', confidence: 0.9 } }, overview: 'Regular caller' };
    await withServer(
      [
        { status: 200, body: { profile } },
        { status: 200, body: profile },
      ],
      async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
        assert.deepEqual(
          await client.user.getProfile({ user_id: 'alice smith', customer_id: 'acme' }),
          profile,
        );
        assert.deepEqual(
          await client.user.getProfile({ user_id: 'alice' }),
          profile,
          'unwrapped form accepted',
        );
        assert.deepEqual(
          server.requests.map((request) => [request.method, request.url]),
          [
            ['GET', '/v1/users/alice%20smith/profile?customer_id=acme'],
            ['GET', '/v1/users/alice/profile'],
          ],
        );
      },
    );
  });

  it('validates before sending', async () => {
    const client = offlineClient();
    const userCases: unknown[] = [
      {},
      { user_id: '' },
      { user_id: 'a', context_mode: 'summary' },
      { user_id: 'a', last_n_conversations: 21 },
      { user_id: 'a', last_n_conversations: -1 },
      { user_id: 'a', mode: 'slow' },
      { user_id: 'a', max_results: 51 },
      { user_id: 'a', types: ['gossip'] },
    ];
    for (const input of userCases) {
      await assert.rejects(
        client.user.context.fetch(input as never),
        InvalidInputError,
        JSON.stringify(input),
      );
    }
    await assert.rejects(client.customer.context.fetch({} as never), InvalidInputError);
    await assert.rejects(client.client.context.fetch({ precision_level: 'low' } as never), InvalidInputError);
    await assert.rejects(client.user.getProfile({ user_id: '' }), InvalidInputError);
  });
});

describe('conversation.ingestTranscript', () => {
  const ingested = {
    conversation_id: CONVERSATION_ID,
    external_conversation_id: 'call-42',
    ingestion_id: INGESTION_ID,
    status: 'queued',
    turns_recorded: 2,
    summary_status: 'in_progress',
    queued_at: '2025-01-01T00:00:00.000Z',
  };

  it('posts the transcript with only the given optional fields; any conversation_id goes', async () => {
    await withServer([{ status: 200, body: ingested }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const response = await client.conversation.ingestTranscript({
        conversation_id: 'call-42',
        user_id: 'alice',
        transcript: [
          {
            role: 'user',
            content: 'Hi',
            timestamp: new Date('2025-01-01T00:00:00.000Z'),
            speaker: 'SPEAKER_1',
          },
          { role: 'assistant', content: 'Hello', channel: 'voice' },
        ],
        conversation_type: 'support',
        started_at: '2025-01-01T00:00:00Z',
      });
      assert.equal(response.ingestion_id, INGESTION_ID);
      await client.conversation.ingestTranscript({
        conversation_id: 'call-43',
        user_id: 'bob',
        transcript: 'A: hi',
      });
      assert.equal(server.requests[0]?.url, '/v1/conversations/ingest');
      assert.deepEqual(bodies(server.requests), [
        {
          conversation_id: 'call-42',
          user_id: 'alice',
          transcript: [
            { role: 'user', content: 'Hi', timestamp: '2025-01-01T00:00:00.000Z', speaker: 'SPEAKER_1' },
            { role: 'assistant', content: 'Hello', channel: 'voice' },
          ],
          conversation_type: 'support',
          started_at: '2025-01-01T00:00:00Z',
        },
        { conversation_id: 'call-43', user_id: 'bob', transcript: 'A: hi' },
      ]);
    });
  });

  it('is a write: not repeated after a 5xx; a 409 transcript_conflict is typed', async () => {
    const conflict = { detail: { code: 'transcript_conflict', message: 'different transcript' } };
    await withServer(
      [
        { status: 500, body: { detail: 'x' } },
        { status: 409, body: conflict },
      ],
      async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
        const input = { conversation_id: 'c', user_id: 'u', transcript: 'A: hi' };
        await assert.rejects(client.conversation.ingestTranscript(input));
        assert.equal(server.requests.length, 1);
        await assert.rejects(client.conversation.ingestTranscript(input), TranscriptConflictError);
      },
    );
  });

  it('validates before sending', async () => {
    const client = offlineClient();
    const cases: unknown[] = [
      { user_id: 'u', transcript: 'x' },
      { conversation_id: 'c', transcript: 'x' },
      { conversation_id: 'c', user_id: 'u', transcript: '  ' },
      { conversation_id: 'c', user_id: 'u', transcript: [] },
      { conversation_id: 'c', user_id: 'u', transcript: [{ role: 'system', content: 'x' }] },
      { conversation_id: 'c', user_id: 'u', transcript: [{ role: 'user' }] },
      { conversation_id: 'c', user_id: 'u', transcript: 'x', metadata: 'm' },
    ];
    for (const input of cases) {
      await assert.rejects(
        client.conversation.ingestTranscript(input as never),
        InvalidInputError,
        JSON.stringify(input),
      );
    }
  });
});

describe('conversation.context compaction', () => {
  const trigger = { compaction_id: 'cmp-1', conversation_id: CONVERSATION_ID, status: 'in_progress' };
  const compacted = { strategy_used: 'balanced', formatted_context: 'Summary...', compaction_id: 'cmp-1' };
  const status = { conversation_id: CONVERSATION_ID, status: 'completed', latest_version: 2 };

  it('compact posts {conversation_id, strategy, target_tokens, force} with nulls', async () => {
    await withServer([{ status: 200, body: trigger }], async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      await client.conversation.context.compact({ conversation_id: CONVERSATION_ID });
      await client.conversation.context.compact({
        conversation_id: CONVERSATION_ID,
        compaction_level: 'aggressive',
        target_tokens: 500,
        force: true,
      });
      assert.equal(server.requests[0]?.url, '/v1/conversations/compact');
      assert.deepEqual(bodies(server.requests), [
        { conversation_id: CONVERSATION_ID, strategy: null, target_tokens: null, force: false },
        { conversation_id: CONVERSATION_ID, strategy: 'aggressive', target_tokens: 500, force: true },
      ]);
    });
  });

  it('compact is not retried after a 5xx, and a 409 is a ConflictError', async () => {
    await withServer(
      [
        { status: 503, body: { detail: 'x' } },
        { status: 409, body: { detail: 'running' } },
      ],
      async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl, retry: FAST_RETRY });
        await assert.rejects(client.conversation.context.compact({ conversation_id: CONVERSATION_ID }));
        assert.equal(server.requests.length, 1);
        await assert.rejects(
          client.conversation.context.compact({ conversation_id: CONVERSATION_ID }),
          ConflictError,
        );
      },
    );
  });

  it('getCompacted sends format and version, and resolves null on 404', async () => {
    const script = [
      { status: 200, body: compacted },
      { status: 200, body: compacted },
      { status: 404, body: { detail: 'no compaction yet' } },
    ];
    await withServer(script, async (server) => {
      const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
      const context = client.conversation.context;
      assert.equal(
        (await context.getCompacted({ conversation_id: CONVERSATION_ID }))?.strategy_used,
        'balanced',
      );
      await context.getCompacted({ conversation_id: CONVERSATION_ID, format: 'injection', version: 2 });
      assert.equal(await context.getCompacted({ conversation_id: CONVERSATION_ID }), null);
      assert.deepEqual(
        server.requests.map((request) => request.url),
        [
          `/v1/conversations/${CONVERSATION_ID}/compacted?format=structured`,
          `/v1/conversations/${CONVERSATION_ID}/compacted?format=injection&version=2`,
          `/v1/conversations/${CONVERSATION_ID}/compacted?format=structured`,
        ],
      );
    });
  });

  it('getCompacted rejects other errors, and a strategy_used outside the seven levels', async () => {
    await withServer(
      [
        { status: 401, body: { detail: 'bad key' } },
        { status: 200, body: { strategy_used: 'x' } },
      ],
      async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
        await assert.rejects(
          client.conversation.context.getCompacted({ conversation_id: CONVERSATION_ID }),
          /bad key/,
        );
        await assert.rejects(
          client.conversation.context.getCompacted({ conversation_id: CONVERSATION_ID }),
          /unexpected shape/,
        );
      },
    );
  });

  it('getCompactionStatus GETs …/compaction/status; 404 stays an error there', async () => {
    await withServer(
      [
        { status: 200, body: status },
        { status: 404, body: { detail: 'x' } },
      ],
      async (server) => {
        const client = new EngramClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
        const response = await client.conversation.context.getCompactionStatus({
          conversation_id: CONVERSATION_ID,
        });
        assert.equal(response.status, 'completed');
        assert.equal(server.requests[0]?.url, `/v1/conversations/${CONVERSATION_ID}/compaction/status`);
        await assert.rejects(
          client.conversation.context.getCompactionStatus({ conversation_id: CONVERSATION_ID }),
          ContextNotFoundError,
        );
      },
    );
  });

  it('validates strategy, format, version and the conversation id before sending', async () => {
    const context = offlineClient().conversation.context;
    const id = CONVERSATION_ID;
    await assert.rejects(context.compact({ conversation_id: 'x' }), InvalidConversationIdError);
    await assert.rejects(
      context.compact({ conversation_id: id, strategy: 'extreme' } as never),
      InvalidInputError,
    );
    await assert.rejects(
      context.compact({ conversation_id: id, compaction_level: 'tiny' } as never),
      InvalidInputError,
    );
    await assert.rejects(
      context.compact({ conversation_id: id, strategy: 'low', compaction_level: 'high' }),
      InvalidInputError,
    );
    await assert.rejects(context.compact({ conversation_id: id, target_tokens: 0 }), InvalidInputError);
    await assert.rejects(
      context.getCompacted({ conversation_id: id, format: 'bullet_points' } as never),
      InvalidInputError,
    );
    await assert.rejects(context.getCompacted({ conversation_id: id, version: 1.5 }), InvalidInputError);
    await assert.rejects(context.getCompacted({ conversation_id: 'x' }), InvalidConversationIdError);
    await assert.rejects(context.getCompactionStatus({ conversation_id: 'x' }), InvalidConversationIdError);
  });
});
