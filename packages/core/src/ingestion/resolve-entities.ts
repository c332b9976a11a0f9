import type { EntityType } from '../domain/memory.js';
import type { EntityEdge, StoredEntity } from '../domain/stored-memory.js';
import { newUuidV7 } from '../ids/identifiers.js';
import type { GraphStore } from '../ports/memory-store.js';
import { normalizeEntityName } from '../text/entity-name.js';
import type { MemoryCandidate } from './memory-candidates.js';

/** Entities and edges one ingestion adds or updates, and each memory's links. */
export interface EntityResolution {
  entities: StoredEntity[];
  edges: EntityEdge[];
  linksOf: Map<MemoryCandidate, string[]>;
}

/** Shortest nickname matched against a longer name ("Mel" → "Melanie"). */
const MIN_NICKNAME_LENGTH = 3;

/**
 * Links each mention to one canonical entity within the memory's scope, never
 * across scopes: exact name or alias first; then, for people, a unique
 * first-name or nickname-prefix match ("Mel" → "Melanie", "Melanie" →
 * "Melanie Smith"). Ambiguous matches create no link rather than a wrong one.
 * New mentions become new entities; relations become edges between entities.
 */
export async function resolveEntities(
  candidates: readonly MemoryCandidate[],
  graph: GraphStore,
): Promise<EntityResolution> {
  const changed = new Map<string, StoredEntity>();
  const linksOf = new Map<MemoryCandidate, string[]>();
  const edges: EntityEdge[] = [];

  // Per scope: the entities this ingestion can resolve to, under each of their normalised names, built once.
  const namesByScope = mentionedNames(candidates);
  const indexes = new Map<string, { byName: Map<string, StoredEntity>; people: StoredEntity[] }>();
  const indexOf = async (scopeKey: string) => {
    let index = indexes.get(scopeKey);
    if (!index) {
      index = { byName: new Map(), people: [] };
      for (const entity of await resolvableEntities(graph, scopeKey, namesByScope.get(scopeKey) ?? []))
        addToIndex(index, entity);
      indexes.set(scopeKey, index);
    }
    return index;
  };

  const resolve = async (
    scopeKey: string,
    name: string,
    type: EntityType,
  ): Promise<StoredEntity | undefined> => {
    const normalized = normalizeEntityName(name);
    if (normalized.length < 2) return undefined;
    const index = await indexOf(scopeKey);
    let entity = index.byName.get(normalized);
    if (!entity && type === 'person') {
      const matches = index.people.filter((e) =>
        personNamesMatch(normalizeEntityName(e.canonicalName), normalized),
      );
      if (matches.length === 1) entity = matches[0];
    }
    if (!entity) {
      entity = {
        entityId: newUuidV7(),
        scopeKey,
        canonicalName: name.trim(),
        type,
        aliases: [],
        mentionCount: 0,
      };
      addToIndex(index, entity);
    } else if (!index.byName.has(normalized)) {
      entity.aliases.push(name.trim());
      // The longest form of a person's name reads best as the canonical one.
      if (type === 'person' && name.trim().length > entity.canonicalName.length) {
        entity.aliases.push(entity.canonicalName);
        entity.aliases = entity.aliases.filter((alias) => alias !== name.trim());
        entity.canonicalName = name.trim();
      }
      index.byName.set(normalized, entity);
    }
    entity.mentionCount += 1;
    changed.set(entity.entityId, entity);
    return entity;
  };

  for (const candidate of candidates) {
    const scopeKey = candidate.memory.owner.scopeKey;
    const ids = new Set<string>();
    const byName = new Map<string, StoredEntity>();
    for (const mention of candidate.extracted.entities) {
      const entity = await resolve(scopeKey, mention.name, mention.type);
      if (entity) {
        ids.add(entity.entityId);
        byName.set(normalizeEntityName(mention.name), entity);
      }
    }
    for (const relation of candidate.extracted.relations) {
      const subject =
        byName.get(normalizeEntityName(relation.subject)) ??
        (await resolve(scopeKey, relation.subject, 'person'));
      const object =
        byName.get(normalizeEntityName(relation.object)) ??
        (await resolve(scopeKey, relation.object, 'thing'));
      if (!subject || !object || subject.entityId === object.entityId) continue;
      ids.add(subject.entityId);
      ids.add(object.entityId);
      edges.push({
        edgeId: newUuidV7(),
        scopeKey,
        subjectEntityId: subject.entityId,
        relation: relation.relation,
        objectEntityId: object.entityId,
        memoryId: candidate.memory.memoryId,
      });
    }
    linksOf.set(candidate, [...ids]);
  }
  return { entities: [...changed.values()], edges, linksOf };
}

/** Per scope key, the normalised names the candidates' mentions and relations use. */
function mentionedNames(candidates: readonly MemoryCandidate[]): Map<string, string[]> {
  const names = new Map<string, Set<string>>();
  for (const candidate of candidates) {
    const scopeKey = candidate.memory.owner.scopeKey;
    let scopeNames = names.get(scopeKey);
    if (scopeNames === undefined) {
      scopeNames = new Set();
      names.set(scopeKey, scopeNames);
    }
    const { entities, relations } = candidate.extracted;
    for (const name of [
      ...entities.map((mention) => mention.name),
      ...relations.flatMap((relation) => [relation.subject, relation.object]),
    ]) {
      const normalized = normalizeEntityName(name);
      if (normalized.length >= 2) scopeNames.add(normalized);
    }
  }
  return new Map([...names].map(([scopeKey, scopeNames]) => [scopeKey, [...scopeNames]]));
}

/**
 * What resolution in `scopeKey` can match: the entities named by `names`
 * (exact name or alias) and every person (nickname and first-name matches),
 * in `listEntities`'s order, so the index holds what the whole list would
 * give for these names. Every entity of the scope when the store cannot
 * list people alone.
 */
async function resolvableEntities(
  graph: GraphStore,
  scopeKey: string,
  names: readonly string[],
): Promise<StoredEntity[]> {
  if (graph.listPeople === undefined) return graph.listEntities(scopeKey);
  const [named, people] = await Promise.all([
    names.length === 0 ? [] : graph.findEntities([scopeKey], names),
    graph.listPeople(scopeKey),
  ]);
  const byId = new Map<string, StoredEntity>();
  for (const entity of [...named, ...people]) byId.set(entity.entityId, entity);
  return [...byId.values()].sort(
    (left, right) =>
      right.mentionCount - left.mentionCount ||
      (left.entityId < right.entityId ? -1 : left.entityId > right.entityId ? 1 : 0),
  );
}

/** "mel" ~ "melanie", "melanie" ~ "melanie smith": one name's first token is a prefix of the other's. */
function personNamesMatch(known: string, mention: string): boolean {
  const knownFirst = known.split(' ')[0] ?? '';
  const mentionFirst = mention.split(' ')[0] ?? '';
  if (knownFirst === mentionFirst) return known.includes(' ') !== mention.includes(' ') || known === mention;
  const [short, long] =
    mentionFirst.length < knownFirst.length ? [mentionFirst, knownFirst] : [knownFirst, mentionFirst];
  return (
    short.length >= MIN_NICKNAME_LENGTH &&
    long.startsWith(short) &&
    !known.includes(' ') &&
    !mention.includes(' ')
  );
}

function addToIndex(
  index: { byName: Map<string, StoredEntity>; people: StoredEntity[] },
  entity: StoredEntity,
): void {
  for (const name of [entity.canonicalName, ...entity.aliases]) {
    const key = normalizeEntityName(name);
    if (!index.byName.has(key)) index.byName.set(key, entity);
  }
  if (entity.type === 'person') index.people.push(entity);
}
