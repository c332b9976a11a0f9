import type { ExtractedMemory, IngestMode } from '../../domain/memory.js';
import { QUESTION_FACT_CONFIDENCE } from './confidence.js';
import { emotionContext } from './emotion-detector.js';
import { buildMemory, type MemoryOrigin } from './memory-builder.js';
import type { SegmentAnalysis, StatementAnalysis } from './segment-analyzer.js';
import { type GraphContext, mergeGraphs, type StatementGraph, statementGraph } from './statement-graph.js';

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

function eventDateOf(statements: readonly StatementAnalysis[]) {
  for (const statement of statements) {
    const date = statement.dates.find((candidate) => candidate.bound === 'event');
    if (date !== undefined) return date;
  }
  return undefined;
}

function validUntilOf(statements: readonly StatementAnalysis[]): string | undefined {
  for (const statement of statements) {
    for (const date of statement.dates) {
      if (date.bound === 'until') return date.iso;
      if (date.endIso !== undefined) return date.endIso;
    }
  }
  return undefined;
}

function temporalFields(statements: readonly StatementAnalysis[], dated: boolean) {
  const date = eventDateOf(statements);
  return {
    eventDate: date?.iso,
    validUntil: validUntilOf(statements),
    temporalConfidence: date?.confidence ?? (dated ? 0.3 : 0),
  };
}

function participantsOf(
  graph: StatementGraph,
  speaker: string | undefined,
  content: string,
  names: readonly string[],
) {
  const people = new Set<string>();
  if (speaker !== undefined) people.add(speaker);
  for (const name of names) if (content.includes(name)) people.add(name);
  for (const entity of graph.entities) if (entity.type === 'person') people.add(entity.name);
  return [...people];
}

/** A favourite_X attribute that a statement's preference also expresses. */
function favouriteOf(statement: StatementAnalysis) {
  if (statement.preference === undefined) return undefined;
  return statement.attributes.find((attribute) => attribute.attribute.startsWith('favourite_'));
}

/** The one memory that carries the whole segment: every informative segment gets it. */
function baseMemory(
  analysis: SegmentAnalysis,
  origin: MemoryOrigin,
  graph: StatementGraph,
  names: readonly string[],
) {
  const { statements, captions, speaker } = analysis;
  const captionText = captions.join(' ');
  if (statements.length === 0) {
    const notes = captions.map((caption) => caption.replace(/^\[|\]$/g, '')).join('; ');
    return buildMemory(origin, {
      type: 'fact',
      content: `${speaker ?? 'Someone'} ${notes}`,
      confidence: 0.7,
      subject: speaker,
      entities: graph.entities,
      relations: graph.relations,
    });
  }
  const content = [...statements.map((statement) => statement.content), captionText].join(' ').trim();
  const confidence = round(
    statements.reduce((sum, statement) => sum + statement.confidence, 0) / statements.length,
  );
  const episodes = statements.filter((statement) => statement.episode !== undefined);
  const date = eventDateOf(statements);
  const shared = {
    content,
    confidence,
    subject: speaker,
    entities: graph.entities,
    relations: graph.relations,
  };
  if (episodes.length > 0) {
    const temporal = temporalFields(statements, true);
    const strongestEmotion = Math.max(
      0,
      ...statements.flatMap((s) => s.emotions.map((emotion) => emotion.intensity)),
    );
    const significance =
      Math.max(...episodes.map((statement) => statement.episode?.significance ?? 0.5)) +
      (date === undefined ? 0 : 0.05) +
      (strongestEmotion >= 0.8 ? 0.05 : 0);
    return buildMemory(origin, {
      ...shared,
      ...temporal,
      type: 'episode',
      temporalCategory: 'episode',
      summary: content,
      occurredAt: temporal.eventDate ?? origin.segment.timestamp,
      significance: round(significance),
      participants: participantsOf(graph, speaker, content, names),
    });
  }
  if (date !== undefined) {
    const future = statements.some((statement) => statement.future);
    return buildMemory(origin, {
      ...shared,
      ...temporalFields(statements, false),
      type: 'temporal_event',
      temporalCategory: future ? 'temporal_fact' : 'episode',
    });
  }
  const only = statements.length === 1 && captions.length === 0 ? statements[0] : undefined;
  if (only?.preference !== undefined) {
    const favourite = favouriteOf(only);
    return buildMemory(origin, {
      ...shared,
      type: 'preference',
      category: only.preference.category,
      strength: only.preference.strength,
      attribute: favourite?.attribute,
      value: favourite?.value,
    });
  }
  const attribute = only?.attributes.length === 1 ? only.attributes[0] : undefined;
  return buildMemory(origin, {
    ...shared,
    ...temporalFields(statements, false),
    type: 'fact',
    attribute: attribute?.attribute,
    value: attribute?.value,
    temporalCategory: attribute?.perpetual === true ? 'perpetual' : 'temporal_fact',
  });
}

/** Memories of one statement's own types: preferences, emotions, attribute facts, dated events. */
function typedMemories(
  analysis: SegmentAnalysis,
  origin: MemoryOrigin,
  statement: StatementAnalysis,
  graph: StatementGraph,
  previous: StatementAnalysis | undefined,
  base: ExtractedMemory,
): ExtractedMemory[] {
  const memories: ExtractedMemory[] = [];
  const { speaker, addressee } = analysis;
  const shared = { content: statement.content, entities: graph.entities, relations: graph.relations };
  // The base also carries captions; a statement alone in its segment is the same memory.
  const sameAsBase = analysis.statements.length === 1;
  const preference = statement.preference;
  const favourite = favouriteOf(statement);
  if (preference !== undefined && !(sameAsBase && base.type === 'preference')) {
    memories.push(
      buildMemory(origin, {
        ...shared,
        type: 'preference',
        confidence: statement.confidence,
        subject: speaker,
        category: preference.category,
        strength: preference.strength,
        attribute: favourite?.attribute,
        value: favourite?.value,
      }),
    );
  }
  for (const emotion of statement.emotions) {
    const subject = emotion.experiencer === 'speaker' ? speaker : addressee;
    if (subject === undefined) continue;
    memories.push(
      buildMemory(origin, {
        ...shared,
        type: 'emotion',
        confidence: round(statement.confidence * (emotion.experiencer === 'speaker' ? 1 : 0.85)),
        subject,
        emotionType: emotion.emotionType,
        intensity: emotion.intensity,
        emotionContext: emotionContext(
          statement.content,
          emotion.cue,
          previous?.content ?? statement.content,
        ),
        temporalCategory: 'episode',
        eventDate: eventDateOf([statement])?.iso ?? origin.segment.timestamp,
        temporalConfidence: eventDateOf([statement])?.confidence ?? 0.3,
      }),
    );
  }
  for (const attribute of statement.attributes) {
    // A favourite rides on its preference memory rather than a second copy as a fact.
    if ((sameAsBase && base.attribute === attribute.attribute) || attribute === favourite) continue;
    memories.push(
      buildMemory(origin, {
        ...shared,
        type: 'fact',
        confidence: statement.confidence,
        subject: speaker,
        attribute: attribute.attribute,
        value: attribute.value,
        temporalCategory: attribute.perpetual ? 'perpetual' : 'temporal_fact',
      }),
    );
  }
  const date = eventDateOf([statement]);
  if (date !== undefined && !sameAsBase) {
    memories.push(
      buildMemory(origin, {
        ...shared,
        ...temporalFields([statement], false),
        type: 'temporal_event',
        confidence: statement.confidence,
        subject: speaker,
        temporalCategory: statement.future ? 'temporal_fact' : 'episode',
      }),
    );
  }
  return memories;
}

/** What {@link assembleMemories} needs besides the analysis. */
export interface AssemblyOptions {
  mode: IngestMode;
  participants: readonly string[];
}

/**
 * Turns one analysed segment into memories, all citing the segment's verbatim
 * source line: a base memory carrying every informative statement (episode,
 * temporal event, preference or fact), then typed memories per statement
 * (preferences, emotions, attribute facts, dated events) and facts read off
 * questions. An uninformative segment (greetings, filler, plain questions)
 * gives none.
 */
export function assembleMemories(analysis: SegmentAnalysis, options: AssemblyOptions): ExtractedMemory[] {
  const { statements, captions, questionFacts } = analysis;
  const origin = { segment: analysis.segment };
  const context: GraphContext = {
    mode: options.mode,
    speaker: analysis.speaker,
    addressee: analysis.addressee,
    participants: options.participants,
  };
  const graphs = statements.map((statement) => statementGraph(statement, context));
  const memories: ExtractedMemory[] = [];
  if (statements.length > 0 || captions.length > 0) {
    const base = baseMemory(analysis, origin, mergeGraphs(graphs), options.participants);
    memories.push(base);
    statements.forEach((statement, index) => {
      const graph = graphs[index] ?? { entities: [], relations: [] };
      memories.push(...typedMemories(analysis, origin, statement, graph, statements[index - 1], base));
    });
  }
  for (const fact of questionFacts) {
    memories.push(
      buildMemory(origin, {
        type: 'fact',
        content: fact.content,
        confidence: QUESTION_FACT_CONFIDENCE,
        subject: fact.relation.subject,
        entities: [{ name: fact.relation.subject, type: 'person' }],
        relations: options.mode === 'fast' ? [] : [fact.relation],
      }),
    );
  }
  return memories;
}
