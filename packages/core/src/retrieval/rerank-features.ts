import type { StoredEntity } from '../domain/stored-memory.js';
import { matchLabelCandidate } from '../parsing/speaker-label.js';
import { normalizeEntityName } from '../text/entity-name.js';
import { memoryWords } from './memory-words.js';
import type { QueryAnalysis } from './query-analysis.js';
import { priorContextOf } from './query-scoring.js';
import { stemTerm } from './query-terms.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { nameMatches, type PriorContext, priorFactor } from './ranking-priors.js';
import type { FusedScore } from './score-fusion.js';
import { documentShares } from './session-prior.js';
import { SoftTermMatcher, type WordVectors } from './soft-term-match.js';
import { timeMatches } from './time-constraints.js';

/**
 * The re-ranker's features, in the order of a feature row. Each is generic
 * (no word lists, no dataset habits): how the indexes scored the memory,
 * what the query and the memory share, the priors, and the memory's shape.
 */
export const RERANK_FEATURES = [
  /** The ranking score so far, divided by the best candidate's. */
  'score',
  /** ln(1 + position) in the ranking so far. */
  'logRank',
  /** This query's normalised BM25, vector and entity scores (0 when that index missed it). */
  'text',
  'vector',
  'entity',
  /** 1 when this query's own search found it (not only feedback or graph expansion). */
  'found',
  /** Query-term coverage, each term weighted by its rarity among the candidates. */
  'coverage',
  /** Share of the query's entities the memory is linked to. */
  'entityOverlap',
  /** The memory has an event date; and that, for a "when" question. */
  'dated',
  'whenDated',
  /** Its event date falls in a time the query names. */
  'timeMatch',
  /** Its subject is a person the query names. */
  'subjectNamed',
  /** ln of its priors' product (confidence, recency, validity, dates, people). */
  'logPrior',
  /** Its session's strength (sum of its best memories' scores) over the strongest session's; and that, for a list question. */
  'session',
  'sessionForList',
  /** ln(1 + words in its content). */
  'logWords',
  /** Evidence lines it cites. */
  'evidenceLines',
  /** ln of the extractions merged into it. */
  'logMentions',
  /** One-hot memory type. */
  'typeFact',
  'typePreference',
  'typeEpisode',
  'typeEmotion',
  'typeTemporalEvent',
  /** A cited line is spoken ("Name: …") by a person the query names. */
  'speakerNamed',
  /** Soft coverage: each query word's best word-vector similarity in the memory (see SoftTermMatcher). */
  'softCoverage',
  /** Answer-type agreement: a "where" question and a memory linked to a place; "who" and a person it does not name; "how many/much/long/often" and a number. */
  'whereHasPlace',
  'whoHasPerson',
  'quantityHasNumber',
] as const;

/** The name of one re-ranking feature. */
export type RerankFeature = (typeof RERANK_FEATURES)[number];

/** One caller query as the re-ranker sees it. */
export interface RerankQuery {
  analysis: QueryAnalysis;
  /** The query's fused index scores (its signals per memory). */
  fused: readonly FusedScore[];
  /** Stored entities it names. */
  entities: readonly StoredEntity[];
}

/** Everything the re-ranker reads for one fetch. */
export interface RerankInput {
  /** The ranking so far, best first (the candidate pool). */
  candidates: readonly RankedCandidate[];
  /** The caller's own queries (not sub-queries or feedback), each scored separately. */
  queries: readonly RerankQuery[];
  /** Entities named by any searched query. */
  queryEntityIds: ReadonlySet<string>;
  /** Word vectors for soft matching; exact matching without them. */
  wordVectors: WordVectors | undefined;
  /** Epoch milliseconds of the fetch. */
  now: number;
}

const TYPE_FEATURE: Record<string, RerankFeature> = {
  fact: 'typeFact',
  preference: 'typePreference',
  episode: 'typeEpisode',
  emotion: 'typeEmotion',
  temporal_event: 'typeTemporalEvent',
};
const FEATURE_INDEX = new Map<RerankFeature, number>(RERANK_FEATURES.map((name, index) => [name, index]));

/**
 * The feature rows of every candidate against every query:
 * `rows[query][candidate]`, each a Float64Array in {@link RERANK_FEATURES}
 * order. Pure apart from the word-vector cache.
 */
export function rerankFeatureRows(input: RerankInput): Float64Array[][] {
  const { candidates } = input;
  const texts = candidates.map((candidate) => memoryWords(candidate.memory));
  // Once per candidate, not per query: the people who spoke its cited lines (cited
  // lines are turns, so a lower-case handle reads as a label here too).
  const speakers = candidates.map((candidate) =>
    candidate.memory.sourceEvidence.flatMap((line) => matchLabelCandidate(line)?.speaker ?? []),
  );
  const top = candidates[0]?.score ?? 0;
  const sessionShares = documentShares(
    candidates.map((candidate) => ({
      memoryId: candidate.memory.memoryId,
      documentId: candidate.memory.sourceDocumentId,
      score: candidate.score,
    })),
  );
  return input.queries.map((query) => {
    const context = priorContextOf(query.analysis, query.entities, input.now);
    const signals = new Map(query.fused.map((entry) => [entry.memoryId, entry.signals]));
    const keys = [...new Set(query.analysis.terms.map(stemTerm))];
    const weights = rarityWeights(keys, texts);
    const asks = answerTypesOf(query.analysis.text);
    const soft = new SoftTermMatcher(
      query.analysis.terms.map((word) => ({
        word,
        key: stemTerm(word),
        weight: weights.get(stemTerm(word)) ?? 0,
      })),
      input.wordVectors,
    );
    return candidates.map((candidate, position) => {
      const row = new Float64Array(RERANK_FEATURES.length);
      const set = (name: RerankFeature, value: number) => {
        row[FEATURE_INDEX.get(name) as number] = value;
      };
      const memory = candidate.memory;
      const text = texts[position] as ReadonlyMap<string, string>;
      const found = signals.get(memory.memoryId);
      const eventTime = memory.eventDate === undefined ? Number.NaN : Date.parse(memory.eventDate);
      const dated = Number.isFinite(eventTime) ? 1 : 0;
      const share = sessionShares.get(memory.sourceDocumentId) ?? 0;
      set('score', top > 0 ? candidate.score / top : 0);
      set('logRank', Math.log1p(position));
      set('text', found?.text ?? 0);
      set('vector', found?.vector ?? 0);
      set('entity', found?.entity ?? 0);
      set('found', found === undefined ? 0 : 1);
      set('coverage', exactCoverage(keys, weights, text));
      set('entityOverlap', entityOverlap(candidate, input.queryEntityIds));
      set('dated', dated);
      set('whenDated', query.analysis.asksWhen ? dated : 0);
      set('timeMatch', query.analysis.times.some((time) => timeMatches(time, eventTime)) ? 1 : 0);
      set('subjectNamed', memory.subject !== undefined && namesPerson(memory.subject, context) ? 1 : 0);
      set('logPrior', Math.log(priorFactor(memory, candidate.links, context)));
      set('session', share);
      set('sessionForList', query.analysis.asksForList ? share : 0);
      set('logWords', Math.log1p(memory.content.split(/\s+/u).filter(Boolean).length));
      set('evidenceLines', memory.sourceEvidence.length);
      set('logMentions', Math.log(Math.max(1, memory.mentionCount)));
      const typeFeature = TYPE_FEATURE[memory.type];
      if (typeFeature !== undefined) set(typeFeature, 1);
      const spokenByNamed = speakers[position]?.some((speaker) => namesPerson(speaker, context)) ?? false;
      set('speakerNamed', spokenByNamed ? 1 : 0);
      set('softCoverage', soft.coverage(text));
      if (asks.where) set('whereHasPlace', candidate.links.some((link) => link.type === 'place') ? 1 : 0);
      if (asks.who) {
        const unnamedPerson = candidate.links.some(
          (link) => link.type === 'person' && !namesPerson(link.canonicalName, context),
        );
        set('whoHasPerson', unnamedPerson ? 1 : 0);
      }
      if (asks.quantity) set('quantityHasNumber', NUMBER_PATTERN.test(memory.content) ? 1 : 0);
      return row;
    });
  });
}

const WHERE_PATTERN = /\bwhere\b|\bwhat (?:city|country|place|town|state)\b/iu;
const WHO_PATTERN = /\bwho(?:m|se)?\b/iu;
const QUANTITY_PATTERN = /\bhow (?:many|much|long|often|old|far)\b/iu;
const NUMBER_PATTERN =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|once|twice|dozen|several|few)\b/iu;

/** Which kind of answer a question asks for, by its question words. */
function answerTypesOf(question: string): { where: boolean; who: boolean; quantity: boolean } {
  return {
    where: WHERE_PATTERN.test(question),
    who: WHO_PATTERN.test(question),
    quantity: QUANTITY_PATTERN.test(question),
  };
}

/** Rarity of each query key among the candidates (an IDF over the pool, smoothed so none is 0). */
function rarityWeights(
  keys: readonly string[],
  texts: readonly ReadonlyMap<string, string>[],
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const key of keys) {
    let frequency = 0;
    for (const text of texts) if (text.has(key)) frequency++;
    weights.set(key, Math.log(1 + (texts.length + 1) / (frequency + 1)));
  }
  return weights;
}

function exactCoverage(
  keys: readonly string[],
  weights: ReadonlyMap<string, number>,
  text: ReadonlyMap<string, string>,
): number {
  let total = 0;
  let found = 0;
  for (const key of keys) {
    const weight = weights.get(key) ?? 0;
    total += weight;
    if (text.has(key)) found += weight;
  }
  return total > 0 ? found / total : 0;
}

function entityOverlap(candidate: RankedCandidate, queryEntityIds: ReadonlySet<string>): number {
  if (queryEntityIds.size === 0) return 0;
  const linked = candidate.links.filter((link) => queryEntityIds.has(link.entityId)).length;
  return Math.min(1, linked / queryEntityIds.size);
}

/** Whether `name` (as written) is a person the query names, as the person prior matches names. */
function namesPerson(name: string, context: PriorContext): boolean {
  return context.names.size > 0 && nameMatches(normalizeEntityName(name), context.names);
}
