import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, queryOf } from '../api.js';
import { forceLayout } from '../components/force-layout.js';
import { OwnerPicker, ownerValue, parseOwner } from '../components/owner-picker.js';
import { ErrorNote, Fields, Panel, useLoad } from '../components/ui.js';
import type { GraphBody, InstanceRecord, MemoryDetail, Owner } from '../types.js';

const WIDTH = 760;
const HEIGHT = 480;

/** A user's entity graph as a picture: nodes (entities) and edges (relations) you can click or tab to. */
export function GraphPage({ instance }: { instance: InstanceRecord }) {
  const base = `/instances/${instance.instance_id}`;
  const owners = useLoad(() => api<{ owners: Owner[] }>('GET', base).then((body) => body.owners), [base]);
  const [owner, setOwner] = useState('');
  const firstUser = owners.data?.find((candidate) => candidate.user_id !== null);
  useEffect(() => {
    if (!owner && firstUser) setOwner(ownerValue(firstUser));
  }, [firstUser, owner]);
  const people = owner ? parseOwner(owner) : undefined;
  const graph = useLoad(
    () =>
      people
        ? api<GraphBody>(
            'GET',
            `${base}/graph${queryOf({ user_id: people.user_id, customer_id: people.customer_id })}`,
          )
        : Promise.resolve<GraphBody>({ entities: [], edges: [] }),
    [base, owner],
  );
  const [selected, setSelected] = useState<{ kind: 'entity' | 'edge'; id: string } | undefined>();
  const data = graph.data ?? { entities: [], edges: [] };
  const layout = useMemo(
    () =>
      forceLayout(
        data.entities.map((entity) => entity.entity_id),
        data.edges.map((edge) => ({ from: edge.subject_entity_id, to: edge.object_entity_id })),
        { width: WIDTH, height: HEIGHT },
      ),
    [data],
  );
  const byId = new Map(data.entities.map((entity) => [entity.entity_id, entity]));
  const maxMentions = Math.max(1, ...data.entities.map((entity) => entity.mention_count));
  const activate = (kind: 'entity' | 'edge', id: string) => (event: KeyboardEvent | MouseEvent) => {
    if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    setSelected({ kind, id });
  };
  return (
    <div class="split wide-left">
      <Panel
        id="graph"
        title="Entities and relations"
        actions={
          <span class="inline">
            <label for="graph-owner">User</label>
            <OwnerPicker
              id="graph-owner"
              owners={owners.data ?? []}
              b2c={instance.relationship === 'b2c'}
              value={owner}
              usersOnly
              onChange={(value) => {
                setOwner(value);
                setSelected(undefined);
              }}
            />
          </span>
        }
      >
        <ErrorNote error={graph.error ?? owners.error} />
        {data.entities.length === 0 ? (
          <p class="muted">{graph.loading ? 'Loading…' : 'No entities for this user yet.'}</p>
        ) : (
          // biome-ignore lint/a11y/useSemanticElements: an SVG drawing has no fieldset; the group names it.
          <svg
            class="graph"
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="group"
            aria-label={`Entity graph: ${data.entities.length} entities, ${data.edges.length} relations`}
          >
            <defs>
              <marker
                id="arrow"
                viewBox="0 0 10 10"
                refX="10"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" class="arrow" />
              </marker>
            </defs>
            {data.edges.map((edge) => {
              const from = layout.get(edge.subject_entity_id);
              const to = layout.get(edge.object_entity_id);
              if (!from || !to) return null;
              const active = selected?.kind === 'edge' && selected.id === edge.edge_id;
              const label = `${byId.get(edge.subject_entity_id)?.canonical_name} ${edge.relation} ${byId.get(edge.object_entity_id)?.canonical_name}`;
              return (
                // biome-ignore lint/a11y/useSemanticElements: SVG shapes cannot be HTML buttons; role, tabindex and keys make them one.
                <g
                  key={edge.edge_id}
                  class={active ? 'edge active' : 'edge'}
                  role="button"
                  tabindex={0}
                  aria-label={`Relation: ${label}`}
                  onClick={activate('edge', edge.edge_id)}
                  onKeyDown={activate('edge', edge.edge_id)}
                >
                  <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} marker-end="url(#arrow)" />
                  <line class="edge-hit" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
                  <text x={(from.x + to.x) / 2} y={(from.y + to.y) / 2 - 4}>
                    {edge.relation}
                  </text>
                </g>
              );
            })}
            {data.entities.map((entity) => {
              const point = layout.get(entity.entity_id);
              if (!point) return null;
              const active = selected?.kind === 'entity' && selected.id === entity.entity_id;
              const r = 7 + 9 * Math.sqrt(entity.mention_count / maxMentions);
              return (
                // biome-ignore lint/a11y/useSemanticElements: SVG shapes cannot be HTML buttons; role, tabindex and keys make them one.
                <g
                  key={entity.entity_id}
                  class={`node node-${entity.type}${active ? ' active' : ''}`}
                  role="button"
                  tabindex={0}
                  aria-label={`Entity: ${entity.canonical_name} (${entity.type}, ${entity.mention_count} mentions)`}
                  aria-pressed={active}
                  onClick={activate('entity', entity.entity_id)}
                  onKeyDown={activate('entity', entity.entity_id)}
                >
                  <circle cx={point.x} cy={point.y} r={r} />
                  <text x={point.x} y={point.y + r + 13}>
                    {entity.canonical_name}
                  </text>
                </g>
              );
            })}
          </svg>
        )}
      </Panel>
      <GraphSelection base={base} data={data} selected={selected} onSelect={setSelected} />
    </div>
  );
}

function GraphSelection(props: {
  base: string;
  data: GraphBody;
  selected: { kind: 'entity' | 'edge'; id: string } | undefined;
  onSelect: (selection: { kind: 'entity' | 'edge'; id: string }) => void;
}) {
  const { data, selected } = props;
  const byId = new Map(data.entities.map((entity) => [entity.entity_id, entity]));
  const edge =
    selected?.kind === 'edge' ? data.edges.find((candidate) => candidate.edge_id === selected.id) : undefined;
  const memory = useLoad(
    () =>
      edge
        ? api<MemoryDetail>('GET', `${props.base}/memories/${edge.memory_id}`)
        : Promise.resolve(undefined),
    [edge?.memory_id],
  );
  if (!selected) {
    return (
      <Panel id="graph-selection" title="Selection">
        <p class="muted">Click or tab to an entity or a relation.</p>
      </Panel>
    );
  }
  if (edge) {
    return (
      <Panel id="graph-selection" title="Relation">
        <p>
          <strong>{byId.get(edge.subject_entity_id)?.canonical_name}</strong> {edge.relation}{' '}
          <strong>{byId.get(edge.object_entity_id)?.canonical_name}</strong>
        </p>
        <h3>Stated by</h3>
        {memory.data ? (
          <p class="memory-content">{memory.data.content}</p>
        ) : (
          <ErrorNote error={memory.error} />
        )}
      </Panel>
    );
  }
  const entity = byId.get(selected.id);
  if (!entity) return null;
  const touching = data.edges.filter(
    (candidate) =>
      candidate.subject_entity_id === entity.entity_id || candidate.object_entity_id === entity.entity_id,
  );
  return (
    <Panel id="graph-selection" title={entity.canonical_name}>
      <Fields
        entries={[
          ['type', entity.type],
          ['mentions', String(entity.mention_count)],
          ['aliases', entity.aliases.length ? entity.aliases.join(', ') : null],
        ]}
      />
      <h3>Relations</h3>
      {touching.length === 0 && <p class="muted">None.</p>}
      <ul class="relations">
        {touching.map((candidate) => (
          <li key={candidate.edge_id}>
            <button
              type="button"
              class="link"
              onClick={() => props.onSelect({ kind: 'edge', id: candidate.edge_id })}
            >
              {byId.get(candidate.subject_entity_id)?.canonical_name} {candidate.relation}{' '}
              {byId.get(candidate.object_entity_id)?.canonical_name}
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
