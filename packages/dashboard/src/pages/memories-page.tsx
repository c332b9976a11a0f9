import { useEffect, useState } from 'preact/hooks';
import { api, queryOf } from '../api.js';
import { OwnerPicker, ownerValue, parseOwner } from '../components/owner-picker.js';
import { Badge, ConfirmButton, ErrorNote, Fields, Panel, Score, useLoad, When } from '../components/ui.js';
import type { ConversationSummary, InstanceRecord, MemoryDetail, Owner, SearchHit } from '../types.js';

interface Hit {
  id: string;
  memory_type: string;
  content: string;
  score: number | undefined;
}

/**
 * The memory browser: pick a customer, user or conversation; search it in
 * fast or accurate mode (hits with their scores), or list it newest first;
 * open a memory for its fields, entities and highlighted source lines; edit
 * or delete it.
 */
export function MemoriesPage({ instance }: { instance: InstanceRecord }) {
  const base = `/instances/${instance.instance_id}`;
  const b2c = instance.relationship === 'b2c';
  const owners = useLoad(() => api<{ owners: Owner[] }>('GET', base).then((body) => body.owners), [base]);
  const [owner, setOwner] = useState('');
  const [conversation, setConversation] = useState('');
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<'fast' | 'accurate'>('fast');
  const [hits, setHits] = useState<{ hits: Hit[]; took?: number; searched: boolean } | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const firstOwner = owners.data?.[0];
  useEffect(() => {
    if (!owner && firstOwner) setOwner(ownerValue(firstOwner));
  }, [firstOwner, owner]);
  const people = owner ? parseOwner(owner) : undefined;
  const conversations = useLoad(
    () =>
      people?.user_id
        ? api<{ conversations: ConversationSummary[] }>(
            'GET',
            `${base}/conversations${queryOf({ user_id: people.user_id })}`,
          ).then((body) => body.conversations)
        : Promise.resolve([]),
    [base, owner],
  );

  const run = async (event?: Event) => {
    event?.preventDefault();
    if (!people) return;
    setError(undefined);
    try {
      const ids = {
        ...(people.user_id !== null && { user_id: people.user_id }),
        ...(people.customer_id !== null && { customer_id: people.customer_id }),
      };
      if (query.trim() === '') {
        const listed = await api<{ memories: (MemoryDetail & { memory_id: string })[] }>(
          'GET',
          `${base}/memories${queryOf({ ...ids, conversation_id: conversation || undefined, validity: 'current', limit: 100 })}`,
        );
        setHits({
          searched: false,
          hits: listed.memories.map((memory) => ({
            id: memory.memory_id,
            memory_type: memory.memory_type,
            content: memory.content,
            score: undefined,
          })),
        });
        return;
      }
      const scope = conversation ? 'conversation' : people.user_id !== null ? 'user' : 'customer';
      const found = await api<{ results: SearchHit[]; query_time_ms: number }>(
        'POST',
        `${base}/memories/search`,
        {
          scope,
          ...ids,
          ...(conversation && { conversation_id: conversation }),
          query,
          mode,
        },
      );
      setHits({
        searched: true,
        took: found.query_time_ms,
        hits: found.results.map((hit) => ({
          id: hit.id,
          memory_type: hit.memory_type,
          content: hit.content,
          score: hit.relevance_score,
        })),
      });
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div class="split">
      <div>
        <Panel id="memory-search" title="Find memories">
          <form class="search-form" onSubmit={run}>
            <label for="owner">{b2c ? 'User' : 'Customer › user'}</label>
            <OwnerPicker
              id="owner"
              owners={owners.data ?? []}
              b2c={b2c}
              value={owner}
              onChange={(value) => {
                setOwner(value);
                setConversation('');
              }}
            />
            <label for="conversation">Conversation</label>
            <select
              id="conversation"
              value={conversation}
              onChange={(event) => setConversation(event.currentTarget.value)}
            >
              <option value="">All of the {people?.user_id !== null ? 'user' : 'customer'}'s memories</option>
              {(conversations.data ?? []).map((item) => (
                <option key={item.conversation_id} value={item.conversation_id}>
                  {item.conversation_id.slice(0, 8)}… ({item.message_count} turns)
                </option>
              ))}
            </select>
            <label for="query">Search</label>
            <input
              id="query"
              type="search"
              placeholder="e.g. allergies (empty: list newest first)"
              value={query}
              onInput={(event) => setQuery(event.currentTarget.value)}
            />
            <fieldset class="modes">
              <legend>Mode</legend>
              {(['fast', 'accurate'] as const).map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name="mode"
                    value={value}
                    checked={mode === value}
                    onChange={() => setMode(value)}
                  />
                  {value}
                </label>
              ))}
            </fieldset>
            <button type="submit" class="primary" disabled={!people}>
              {query.trim() ? 'Search' : 'List'}
            </button>
          </form>
          <ErrorNote error={error ?? owners.error} />
        </Panel>
        {hits && (
          <Panel
            id="memory-results"
            title={
              hits.searched
                ? `${hits.hits.length} results (${mode}, ${hits.took?.toFixed(1)} ms)`
                : `${hits.hits.length} memories, newest first`
            }
          >
            {hits.hits.length === 0 && <p class="muted">Nothing found.</p>}
            <ol class="hits" aria-label="Memories found">
              {hits.hits.map((hit) => (
                <li key={hit.id}>
                  <button
                    type="button"
                    class={hit.id === selected ? 'hit selected' : 'hit'}
                    aria-pressed={hit.id === selected}
                    onClick={() => setSelected(hit.id)}
                  >
                    <span class="hit-head">
                      <Badge tone={hit.memory_type}>{hit.memory_type}</Badge>
                      {hit.score !== undefined && <Score value={hit.score} />}
                    </span>
                    <span class="hit-content">{hit.content}</span>
                  </button>
                </li>
              ))}
            </ol>
          </Panel>
        )}
      </div>
      <div>
        {selected ? (
          <MemoryPanel
            key={selected}
            base={base}
            memoryId={selected}
            onDeleted={() => {
              setSelected(undefined);
              void run();
            }}
            onEdited={() => void run()}
          />
        ) : (
          <Panel id="memory-detail" title="Memory">
            <p class="muted">Pick a memory to see its fields, entities and source.</p>
          </Panel>
        )}
      </div>
    </div>
  );
}

const TYPE_FIELDS = [
  'category',
  'subcategory',
  'strength',
  'emotion_type',
  'intensity',
  'context',
  'summary',
  'occurred_at',
  'significance',
  'participants',
  'event_date',
  'temporal_category',
] as const;

function MemoryPanel(props: { base: string; memoryId: string; onDeleted: () => void; onEdited: () => void }) {
  const memory = useLoad(
    () => api<MemoryDetail>('GET', `${props.base}/memories/${props.memoryId}`),
    [props.memoryId],
  );
  const [editing, setEditing] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const m = memory.data;
  if (!m) {
    return (
      <Panel id="memory-detail" title="Memory">
        {memory.loading ? <p aria-busy="true">Loading…</p> : <ErrorNote error={memory.error} />}
      </Panel>
    );
  }
  const save = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('PATCH', `${props.base}/memories/${m.memory_id}`, {
        document: editing,
        merge_strategy: 'replace',
      });
      setEditing(undefined);
      memory.reload();
      props.onEdited();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async () => {
    setError(undefined);
    try {
      await api('DELETE', `${props.base}/memories/${m.memory_id}`);
      props.onDeleted();
    } catch (caught) {
      setError(caught);
    }
  };
  const typed = TYPE_FIELDS.filter((field) => m[field] !== undefined && m[field] !== null).map(
    (field) => [field.replace(/_/g, ' '), formatValue(m[field])] as [string, string],
  );
  return (
    <Panel
      id="memory-detail"
      title={
        <>
          <Badge tone={m.memory_type}>{m.memory_type}</Badge> Memory
        </>
      }
      actions={
        <>
          <button type="button" onClick={() => setEditing(m.content)}>
            Edit
          </button>
          <ConfirmButton label="Delete" confirmLabel="Delete for good" onConfirm={remove} />
        </>
      }
    >
      {editing === undefined ? (
        <p class="memory-content">{m.content}</p>
      ) : (
        <form onSubmit={save} class="edit-form">
          <label for="memory-edit">Content</label>
          <textarea
            id="memory-edit"
            rows={4}
            value={editing}
            onInput={(event) => setEditing(event.currentTarget.value)}
          />
          <div class="row">
            <button type="submit" class="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
      <Fields
        entries={[
          ['validity', <Badge tone={m.validity === 'current' ? 'good' : 'bad'}>{m.validity}</Badge>],
          ['valid until', m.valid_until ? <When at={m.valid_until} /> : 'open'],
          ['superseded by', m.superseded_by ? <span class="mono">{m.superseded_by}</span> : null],
          ['confidence', m.confidence.toFixed(2)],
          [
            'scope',
            `${m.scope}${m.user_id ? ` · ${m.user_id}` : m.customer_id ? ` · ${m.customer_id}` : ''}`,
          ],
          ...typed,
          ['extracted', <When at={m.created_at} />],
          ['id', <span class="mono">{m.memory_id}</span>],
        ]}
      />
      <h3>Entities</h3>
      {m.entities.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="chips">
          {m.entities.map((entity) => (
            <li key={entity.entity_id}>
              {entity.canonical_name} <span class="muted">({entity.type})</span>
            </li>
          ))}
        </ul>
      )}
      <Provenance memory={m} />
    </Panel>
  );
}

function Provenance({ memory }: { memory: MemoryDetail }) {
  const [open, setOpen] = useState(false);
  const source = memory.provenance;
  return (
    <section class="provenance" aria-labelledby="provenance-title">
      <h3 id="provenance-title">
        <button
          type="button"
          class="link"
          aria-expanded={open}
          aria-controls="provenance-lines"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'} provenance
        </button>
      </h3>
      {open && (
        <div id="provenance-lines">
          {source ? (
            <>
              <p class="muted">
                {source.document_type} <span class="mono">{source.document_id}</span> ·{' '}
                <When at={source.document_created_at} /> · evidence lines highlighted
              </p>
              <ol class="source-lines" aria-label="Source document">
                {source.lines.map((line) => (
                  <li key={line.number} value={line.number} class={line.evidence ? 'evidence' : undefined}>
                    {line.evidence ? <mark>{line.text}</mark> : line.text || '\u00a0'}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <ul>
              {memory.source_evidence.map((line) => (
                <li key={line}>
                  <mark>{line}</mark>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
