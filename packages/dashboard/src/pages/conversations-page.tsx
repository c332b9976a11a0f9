import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, Fields, Panel, useLoad, When } from '../components/ui.js';
import type { ConversationDetail, ConversationSummary, InstanceRecord } from '../types.js';

/** Conversations; one opened shows its raw turns beside a compaction version (any of them). */
export function ConversationsPage({ instance }: { instance: InstanceRecord }) {
  const base = `/instances/${instance.instance_id}`;
  const list = useLoad(
    () => api<{ conversations: ConversationSummary[] }>('GET', `${base}/conversations?limit=200`),
    [base],
  );
  const [selected, setSelected] = useState<string | undefined>();
  const first = list.data?.conversations[0]?.conversation_id;
  useEffect(() => {
    if (!selected && first) setSelected(first);
  }, [first, selected]);
  return (
    <div class="split narrow-left">
      <Panel id="conversation-list" title="Conversations">
        <ErrorNote error={list.error} />
        {list.data?.conversations.length === 0 && <p class="muted">No conversations yet.</p>}
        <ul class="pick-list">
          {(list.data?.conversations ?? []).map((conversation) => (
            <li key={conversation.conversation_id}>
              <button
                type="button"
                aria-pressed={conversation.conversation_id === selected}
                class={conversation.conversation_id === selected ? 'selected' : undefined}
                onClick={() => setSelected(conversation.conversation_id)}
              >
                <span class="mono">{conversation.conversation_id.slice(0, 8)}…</span>
                <span>
                  {conversation.user_id ?? conversation.customer_id ?? 'no user'} ·{' '}
                  {conversation.message_count} turns
                </span>
                <When at={conversation.last_message_at} />
              </button>
            </li>
          ))}
        </ul>
      </Panel>
      {selected && <ConversationView key={selected} base={base} conversationId={selected} />}
    </div>
  );
}

function ConversationView({ base, conversationId }: { base: string; conversationId: string }) {
  const detail = useLoad(
    () => api<ConversationDetail>('GET', `${base}/conversations/${conversationId}`),
    [conversationId],
  );
  const [version, setVersion] = useState<number | undefined>();
  const data = detail.data;
  if (!data) return <ErrorNote error={detail.error} />;
  const compaction =
    data.compactions.find((candidate) => candidate.version === version) ?? data.compactions[0];
  return (
    <div class="side-by-side">
      <Panel id="raw-turns" title={`Raw turns (${data.turns.length})`}>
        <ol class="turns">
          {data.turns.map((turn) => (
            <li
              key={turn.sequence}
              class={`turn turn-${turn.role}${compaction && turn.sequence <= compaction.cutoff_sequence ? ' covered' : ''}`}
            >
              <span class="turn-role">
                {turn.role} #{turn.sequence}
              </span>
              <p>{turn.content}</p>
            </li>
          ))}
        </ol>
      </Panel>
      <Panel
        id="compaction"
        title="Compaction"
        actions={
          data.compactions.length > 0 && (
            <label class="inline">
              <span>Version</span>
              <select
                value={compaction?.version}
                onChange={(event) => setVersion(Number(event.currentTarget.value))}
              >
                {data.compactions.map((candidate) => (
                  <option key={candidate.version} value={candidate.version}>
                    v{candidate.version} · {candidate.trigger}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      >
        {!compaction ? (
          <p class="muted">Not compacted yet.</p>
        ) : (
          <>
            <Fields
              entries={[
                ['created', <When at={compaction.created_at} />],
                ['covers turns', `1–${compaction.cutoff_sequence}`],
                ['tokens', `${compaction.original_token_count} → ${compaction.compacted_token_count}`],
                ['ratio', `${compaction.compression_ratio.toFixed(1)}×`],
                [
                  'validation',
                  `${(compaction.validation_score * 100).toFixed(0)}%${compaction.quality_warning ? ' (warning)' : ''}`,
                ],
              ]}
            />
            <h3>Summary</h3>
            <p>{compaction.summary}</p>
            <h3>Compacted context</h3>
            <pre class="compacted">{compaction.compacted_context}</pre>
          </>
        )}
      </Panel>
    </div>
  );
}
