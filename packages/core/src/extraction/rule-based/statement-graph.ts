import type { ExtractedEntity, ExtractedRelation, IngestMode } from '../../domain/memory.js';
import { findEntities } from './entity-spans.js';
import { extractRelations } from './relation-extractor.js';
import type { StatementAnalysis } from './segment-analyzer.js';

/** Entities and edges of one or more statements. */
export interface StatementGraph {
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
}

/** Who is involved in a segment, for entity typing and edges. */
export interface GraphContext {
  mode: IngestMode;
  speaker: string | undefined;
  addressee: string | undefined;
  participants: readonly string[];
}

const PRONOUN_OBJECT = /^(?:it|that|this|them|those|these|you|him|her|me|us)\b/i;

/**
 * Entities and subject–relation–object edges of a statement. `long-range` finds
 * entity spans, event and group phrases, dates, verb edges, attribute edges
 * (Melanie –has_child→ kids) and preference edges; `fast` keeps only the people
 * the statement is about and no edges.
 */
export function statementGraph(statement: StatementAnalysis, context: GraphContext): StatementGraph {
  const entities: ExtractedEntity[] = [];
  if (context.speaker !== undefined && statement.firstPerson)
    entities.push({ name: context.speaker, type: 'person' });
  if (context.addressee !== undefined && statement.secondPerson)
    entities.push({ name: context.addressee, type: 'person' });
  if (context.mode === 'fast') return { entities, relations: [] };
  entities.push(...findEntities(statement.original, { people: context.participants, phrases: true }));
  for (const date of statement.dates) {
    entities.push({ name: date.replacement.replace(/^(?:on|in) /, ''), type: 'date' });
  }
  const relations: ExtractedRelation[] = [];
  const subject = context.speaker;
  if (subject !== undefined) {
    relations.push(...extractRelations(statement.original, subject));
    for (const attribute of statement.attributes) {
      relations.push({ subject, relation: attribute.relation, object: attribute.value });
    }
    const preference = statement.preference;
    if (preference !== undefined && !PRONOUN_OBJECT.test(preference.object)) {
      const relation =
        preference.polarity === 'negative' ? 'dislikes' : preference.strength >= 0.9 ? 'loves' : 'likes';
      relations.push({ subject, relation, object: preference.object });
    }
  }
  return mergeGraphs([{ entities, relations }]);
}

/** The union of graphs, each entity and edge once (case-insensitive). */
export function mergeGraphs(graphs: readonly StatementGraph[]): StatementGraph {
  const entities = new Map<string, ExtractedEntity>();
  const relations = new Map<string, ExtractedRelation>();
  for (const graph of graphs) {
    for (const entity of graph.entities) {
      const key = entity.name.toLowerCase();
      if (!entities.has(key)) entities.set(key, entity);
    }
    for (const relation of graph.relations) {
      const key = `${relation.subject}|${relation.relation}|${relation.object}`.toLowerCase();
      if (!relations.has(key)) relations.set(key, relation);
    }
  }
  return { entities: [...entities.values()], relations: [...relations.values()] };
}
