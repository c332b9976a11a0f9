import type { FetchRequest, MemoryListKey } from '@engram/protocol';
import { embedTexts } from '../embedding/embed-texts.js';
import type { ChatModel } from '../ports/chat-model.js';
import type { Clock } from '../ports/clock.js';
import type { EmbeddingModel } from '../ports/embedding-model.js';
import type { GraphStore, MemoryStore, TextIndex, VectorIndex } from '../ports/memory-store.js';
import type { CandidateCache } from './candidate-cache.js';
import { type CandidateVersions, loadCandidates, readCandidateVersions } from './candidate-loader.js';
import { DEFAULT_SEARCH_LIMITS, type QueryHits, type SearchLimits, searchQuery } from './candidate-search.js';
import { DIVERSITY_PENALTY, diversify } from './diversify.js';
import type { FetchTarget } from './fetch-scope.js';
import {
  expandByGraph,
  expansionScore,
  GRAPH_EXPANSION,
  type GraphExpansionOptions,
} from './graph-expansion.js';
import { rerankByLearnedModel } from './learned-rerank.js';
import { LLM_RERANK, rerankWithLlm } from './llm-rerank.js';
import { emptyRankedLists, type MemoryRetrieval, type RankedLists } from './memory-retrieval.js';
import { feedbackTerms, PSEUDO_RELEVANCE_FEEDBACK } from './pseudo-relevance-feedback.js';
import { analyzeQuery, type QueryAnalysis } from './query-analysis.js';
import { type PlannedQuery, planQueries } from './query-plan.js';
import { priorContextOf, scoreQueryCandidates } from './query-scoring.js';
import { fuseRankings, RANK_FUSION } from './rank-fusion.js';
import type { RankedCandidate } from './ranked-candidate.js';
import { priorFactor } from './ranking-priors.js';
import { recentCandidates } from './recent-memories.js';
import type { RerankInput } from './rerank-features.js';
import { inSelectedLists, memoryTypesFor, selectedListKeys, shapeRankedLists } from './result-shaping.js';
import { planScopeKeys, type ScopePlan } from './scope-plan.js';
import { preferNarrowerScope } from './scope-precedence.js';
import { FUSION_WEIGHTS, type FusedScore, fuseScores, signalListsOf } from './score-fusion.js';
import { rerankBySoftCoverage, SOFT_COVERAGE, type SoftCoverageOptions } from './soft-coverage-rerank.js';
import { type WordVectors, wordVectorsOf } from './soft-term-match.js';

/** What the retrieval pipeline reads from. */
export interface MemoryRetrievalDependencies {
  memories: MemoryStore;
  vectors: VectorIndex;
  text: TextIndex;
  graph: GraphStore;
  /** Resolved once per fetch that has a query (the model may load lazily). */
  embedder: () => Promise<EmbeddingModel>;
  /** Enables LLM query decomposition in accurate mode; rule-based without it. */
  chatModel?: ChatModel;
  /**
   * Enables LLM re-ranking of the best candidates in accurate mode, after
   * the learned re-rank (see rerankWithLlm); without it the learned re-rank alone.
   */
  rerankChatModel?: ChatModel;
  clock: Clock;
  /**
   * Candidates kept across fetches (see CandidateCache); absent, every fetch
   * reads its candidates from the store.
   */
  candidateCache?: CandidateCache;
  /** Overrides of the ranking constants, for benchmarks; production leaves it out. */
  tuning?: Partial<RetrievalTuning>;
}

/** The pipeline's knobs. */
export interface RetrievalTuning {
  fusionWeights: { text: number; vector: number; entity: number };
  /**
   * Fused candidates of each query loaded for scoring (at least
   * max_results). The session prior needs each session's matches in view,
   * and it lifts weak matches of a strong session from deep in the fused
   * list. Past 100 the recall gained no longer paid for the rows loaded (one
   * batched read, priced per row), so 100 (measurements: docs/decisions/0044).
   * Small requests load fewer: see {@link candidatePoolFor}.
   */
  candidatePool: number;
  /** Hits each signal may contribute per query. */
  searchLimits: SearchLimits;
  expansion: GraphExpansionOptions;
  diversityPenalty: number;
  /** How `accurate` fuses its re-ranked order with `fast`'s (see {@link fuseRankings}). */
  rankFusion: { k: number; fastWeight: number };
  /** `fast`'s soft-coverage re-sort (see {@link rerankBySoftCoverage}); weight 0 turns it off. */
  softCoverage: SoftCoverageOptions;
  /** Stage switches for ablations: `accurate`'s query decomposition and learned re-rank (both on by default). */
  decomposition: boolean;
  learnedRerank: boolean;
}

const DEFAULT_TUNING: RetrievalTuning = {
  fusionWeights: FUSION_WEIGHTS,
  candidatePool: 100,
  searchLimits: DEFAULT_SEARCH_LIMITS,
  expansion: GRAPH_EXPANSION,
  diversityPenalty: DIVERSITY_PENALTY,
  rankFusion: RANK_FUSION,
  softCoverage: SOFT_COVERAGE,
  decomposition: true,
  learnedRerank: true,
};

/** One searched query: its plan entry, analysis, hits and fused scores. */
interface SearchedQuery {
  planned: PlannedQuery;
  analysis: QueryAnalysis;
  hits: QueryHits;
  fused: FusedScore[];
  /** The candidate versions read beside this query's search (shared by the queries searched together). */
  versions: CandidateVersions | undefined;
}

/**
 * The retrieval pipeline behind the four fetch routes:
 * plan scopes and queries → search (BM25, vectors, entities) → fuse (weighted
 * scores) and apply priors → [fast: soft-coverage re-sort of the best (soft-coverage-rerank.ts)]
 * → [accurate: pseudo-relevance feedback → expand over the entity graph →
 * re-rank with the learned model (learned-rerank.ts) → [LLM re-rank] → fuse with `fast`'s order
 * (rank-fusion.ts) → diversify] → shape the typed lists.
 * Reads only the scope keys {@link planScopeKeys} allows; a cold scope gives
 * empty lists. `fast` never calls an LLM; `accurate` calls the chat model,
 * when one is given, to decompose queries, and the re-rank chat model, when
 * one is given, to re-order its best candidates; it carries on without
 * either if they fail.
 */
export class MemoryRetrievalPipeline implements MemoryRetrieval {
  private readonly tuning: RetrievalTuning;

  constructor(private readonly dependencies: MemoryRetrievalDependencies) {
    const tuning = dependencies.tuning ?? {};
    // One level deep, so an override of one fusion weight keeps the others.
    this.tuning = {
      ...DEFAULT_TUNING,
      ...tuning,
      fusionWeights: { ...DEFAULT_TUNING.fusionWeights, ...tuning.fusionWeights },
      expansion: { ...DEFAULT_TUNING.expansion, ...tuning.expansion },
      searchLimits: { ...DEFAULT_TUNING.searchLimits, ...tuning.searchLimits },
      rankFusion: { ...DEFAULT_TUNING.rankFusion, ...tuning.rankFusion },
      softCoverage: { ...DEFAULT_TUNING.softCoverage, ...tuning.softCoverage },
    };
  }

  async retrieve(
    target: FetchTarget,
    request: FetchRequest,
    abortSignal?: AbortSignal,
  ): Promise<RankedLists> {
    const planned = rankablePlan(target, request);
    if (planned === undefined) return emptyRankedLists();
    const { plan, lists } = planned;
    const maxResults = request.max_results;
    const now = this.dependencies.clock.now();
    const queries = request.search_query;
    if (queries.length === 0) {
      const recent = await recentCandidates(
        this.dependencies,
        plan.scopeKeys,
        memoryTypesFor(lists),
        maxResults,
        now.getTime(),
      );
      const kept = preferNarrowerScope(recent, plan).filter((candidate) => inSelectedLists(candidate, lists));
      return shapeRankedLists(kept, maxResults);
    }

    const { ranked, rerank, fastOrder } = await this.rank(plan, lists, request, now, abortSignal);
    if (rerank === undefined) return shapeRankedLists(ranked, maxResults);
    let reranked = rerankByLearnedModel(rerank);
    const judge = this.dependencies.rerankChatModel;
    if (judge !== undefined) {
      const questions = rerank.queries.map((query) => query.analysis.text);
      reranked = await rerankWithLlm(judge, questions, reranked, LLM_RERANK, abortSignal);
    }
    const { fastWeight, k } = this.tuning.rankFusion;
    const fused = fuseRankings(
      [
        { ranking: reranked, weight: 1 - fastWeight },
        { ranking: fastOrder, weight: fastWeight },
      ],
      k,
    );
    return shapeRankedLists(diversify(fused, maxResults, this.tuning.diversityPenalty), maxResults);
  }

  /**
   * What the `accurate` re-ranker reads for `request` (its candidate pool
   * and queries), or undefined when the request is not re-ranked (`fast`,
   * precision "medium", no query, nothing in scope). For fitting the
   * re-ranking model offline on exactly the pool it will see.
   */
  async rerankInputFor(
    target: FetchTarget,
    request: FetchRequest,
    abortSignal?: AbortSignal,
  ): Promise<RerankInput | undefined> {
    const planned = rankablePlan(target, request);
    if (planned === undefined || request.search_query.length === 0) return undefined;
    const now = this.dependencies.clock.now();
    const { rerank } = await this.rank(planned.plan, planned.lists, request, now, abortSignal);
    return rerank;
  }

  /**
   * Search, fuse and score a request with queries; in `accurate` mode also
   * feedback and graph expansion. Returns the ranking in scope and selected
   * lists, and, when the request is re-ranked, the re-ranker's input (the
   * first `pool` candidates).
   */
  private async rank(
    plan: ScopePlan,
    lists: ReadonlySet<MemoryListKey>,
    request: FetchRequest,
    now: Date,
    abortSignal: AbortSignal | undefined,
  ): Promise<{ ranked: RankedCandidate[]; rerank: RerankInput | undefined; fastOrder: RankedCandidate[] }> {
    const accurate = request.mode === 'accurate';
    const planned = await planQueries(
      request.search_query,
      accurate && this.tuning.decomposition,
      this.dependencies.chatModel,
      abortSignal,
    );
    const searched = await this.search(plan, planned, now, abortSignal);
    const pool = candidatePoolFor(request.max_results, this.tuning.candidatePool);
    const loaded = await loadCandidates(
      this.dependencies,
      plan.scopeKeys,
      topIds(searched, pool),
      searched[0]?.versions,
    );
    let ranked = this.scoreAndMerge(searched, loaded, now.getTime());
    abortSignal?.throwIfAborted();
    const inView = (candidates: RankedCandidate[]) =>
      preferNarrowerScope(candidates, plan).filter((candidate) => inSelectedLists(candidate, lists));
    const wordVectors = wordVectorsOf(await this.dependencies.embedder());
    if (!accurate) {
      ranked = inView(this.withSoftCoverage(searched, ranked, wordVectors));
      return { ranked, rerank: undefined, fastOrder: ranked };
    }
    const fastOrder = inView(
      this.withSoftCoverage(searched, this.fastOrder(searched, loaded, pool, now.getTime()), wordVectors),
    );
    ranked = await this.withFeedback(plan, searched, loaded, ranked, now, pool, abortSignal);
    ranked = inView(await this.expand(plan, searched, ranked, now.getTime()));
    if (request.precision_level === 'medium' || !this.tuning.learnedRerank)
      return { ranked, rerank: undefined, fastOrder };
    const rerank: RerankInput = {
      candidates: ranked.slice(0, pool),
      queries: searched
        .filter((query) => query.planned.original)
        .map((query) => ({ analysis: query.analysis, fused: query.fused, entities: query.hits.entities })),
      queryEntityIds: new Set(
        searched.flatMap((query) => query.hits.entities.map((entity) => entity.entityId)),
      ),
      wordVectors,
      now: now.getTime(),
    };
    return { ranked, rerank, fastOrder };
  }

  /** `fast`'s semantic re-sort of its best candidates ({@link rerankBySoftCoverage}) over the caller's queries. */
  private withSoftCoverage(
    searched: readonly SearchedQuery[],
    ranked: readonly RankedCandidate[],
    wordVectors: WordVectors | undefined,
  ): RankedCandidate[] {
    const terms = searched.filter((query) => query.planned.original).map((query) => query.analysis.terms);
    return rerankBySoftCoverage(ranked, terms, wordVectors, this.tuning.softCoverage);
  }

  /**
   * The ranking `fast` gives the same request, from what accurate already
   * searched and loaded: the caller's own queries only, over exactly the
   * candidates `fast` would load (each original query's best `pool`).
   */
  private fastOrder(
    searched: readonly SearchedQuery[],
    loaded: ReadonlyMap<string, RankedCandidate>,
    pool: number,
    now: number,
  ): RankedCandidate[] {
    const originals = searched.filter((query) => query.planned.original);
    const ids = new Set(topIds(originals, pool));
    const fastLoaded = new Map([...loaded].filter(([memoryId]) => ids.has(memoryId)));
    return this.scoreAndMerge(originals, fastLoaded, now);
  }

  /** Embeds every planned query in one batch and searches them in parallel. */
  private async search(
    plan: ScopePlan,
    planned: readonly PlannedQuery[],
    now: Date,
    abortSignal: AbortSignal | undefined,
  ): Promise<SearchedQuery[]> {
    const model = await this.dependencies.embedder();
    const embeddings = await embedTexts(
      model,
      planned.map((query) => query.text),
      { abortSignal },
    );
    const limits = this.tuning.searchLimits;
    // In the same synchronous run as the searches' first reads (see readCandidateVersions).
    const versions = readCandidateVersions(this.dependencies, plan.scopeKeys);
    return Promise.all(
      planned.map(async (query, index) => {
        const analysis = analyzeQuery(query.text, now);
        const hits = await searchQuery(
          this.dependencies,
          plan.scopeKeys,
          analysis,
          embeddings[index],
          limits,
        );
        const fused = fuseScores(signalListsOf(hits, this.tuning.fusionWeights));
        return { planned: query, analysis, hits, fused, versions };
      }),
    );
  }

  /**
   * Pseudo-relevance feedback (accurate): the first original query, widened
   * with words of its best matches ({@link feedbackTerms}), is searched as one
   * more query at a lower weight, its new candidates loaded, and every
   * query's scores merged again. The ranking as it was when there is nothing
   * to add.
   */
  private async withFeedback(
    plan: ScopePlan,
    searched: readonly SearchedQuery[],
    loaded: ReadonlyMap<string, RankedCandidate>,
    ranked: RankedCandidate[],
    now: Date,
    pool: number,
    abortSignal: AbortSignal | undefined,
  ): Promise<RankedCandidate[]> {
    const first = searched.find((query) => query.planned.original);
    const options = PSEUDO_RELEVANCE_FEEDBACK;
    if (first === undefined || options.documents <= 0) return ranked;
    const terms = feedbackTerms(ranked.slice(0, pool), first.analysis.terms, options);
    if (terms.length === 0) return ranked;
    // A separator, so no entity-name n-gram spans the question and the added words.
    const text = `${first.planned.text}; ${terms.join(' ')}`;
    const [widened] = await this.search(
      plan,
      [{ text, weight: options.weight, original: false }],
      now,
      abortSignal,
    );
    if (widened === undefined) return ranked;
    const fresh = topIds([widened], pool).filter((memoryId) => !loaded.has(memoryId));
    const more = await loadCandidates(this.dependencies, plan.scopeKeys, fresh, widened.versions);
    return this.scoreAndMerge([...searched, widened], new Map([...loaded, ...more]), now.getTime());
  }

  /** Each query's prior-adjusted scores, merged by the best (weighted) score per memory; best first. */
  private scoreAndMerge(
    searched: readonly SearchedQuery[],
    loaded: ReadonlyMap<string, RankedCandidate>,
    now: number,
  ): RankedCandidate[] {
    const merged = new Map<string, number>();
    for (const query of searched) {
      const context = priorContextOf(query.analysis, query.hits.entities, now);
      for (const [memoryId, score] of scoreQueryCandidates(query.fused, loaded, context)) {
        const weighted = score * query.planned.weight;
        if (weighted > (merged.get(memoryId) ?? 0)) merged.set(memoryId, weighted);
      }
    }
    return sortByScore(
      [...merged].map(([memoryId, score]) => ({ ...(loaded.get(memoryId) as RankedCandidate), score })),
    );
  }

  /**
   * Graph expansion (accurate): memories reached over entities of the best
   * hits score below them and join the ranking, with the first query's priors.
   */
  private async expand(
    plan: ScopePlan,
    searched: readonly SearchedQuery[],
    ranked: RankedCandidate[],
    now: number,
  ): Promise<RankedCandidate[]> {
    const queryEntityIds = [
      ...new Set(searched.flatMap((query) => query.hits.entities.map((entity) => entity.entityId))),
    ];
    const expansion = await expandByGraph(
      this.dependencies.graph,
      plan.scopeKeys,
      ranked.map((candidate) => ({
        memoryId: candidate.memory.memoryId,
        score: candidate.score,
        links: candidate.links,
      })),
      queryEntityIds,
      ranked,
      this.tuning.expansion,
    );
    const known = new Map(ranked.map((candidate) => [candidate.memory.memoryId, candidate]));
    const fresh = expansion.memoryIds.filter((memoryId) => !known.has(memoryId));
    const loaded = await loadCandidates(this.dependencies, plan.scopeKeys, fresh, searched[0]?.versions);
    const first = searched[0];
    if (first === undefined) return ranked;
    const context = priorContextOf(first.analysis, first.hits.entities, now);
    const reached = [...loaded.values()]
      .map((candidate) => ({
        ...candidate,
        score:
          expansionScore(candidate.links, expansion.entityScores) *
          priorFactor(candidate.memory, candidate.links, context),
      }))
      .filter((candidate) => candidate.score > 0);
    return sortByScore([...ranked, ...reached]);
  }
}

/**
 * The scope plan and selected lists of a request, or undefined when it can
 * find nothing: no scope to read, no list selected, or no result wanted.
 */
function rankablePlan(
  target: FetchTarget,
  request: FetchRequest,
): { plan: ScopePlan; lists: ReadonlySet<MemoryListKey> } | undefined {
  const plan = planScopeKeys(target);
  const lists = selectedListKeys(request.types);
  if (plan.scopeKeys.length === 0 || lists.size === 0 || request.max_results <= 0) return undefined;
  return { plan, lists };
}

/** Candidates loaded per requested result below the pool's cap, and the fewest loaded. */
const CANDIDATES_PER_RESULT = 7;
const MIN_CANDIDATE_POOL = 70;

/**
 * Fused candidates to load for `maxResults` results: seven per result, at
 * least 70, at most `candidatePool`, never fewer than `maxResults`. Loading
 * is the costliest read of a fetch, so the default `max_results` 10 loads 70
 * rather than 100, for a recall cost within noise (docs/decisions/0044).
 * From 15 results up the full pool is loaded.
 */
export function candidatePoolFor(maxResults: number, candidatePool: number): number {
  const scaled = Math.max(MIN_CANDIDATE_POOL, CANDIDATES_PER_RESULT * maxResults);
  return Math.max(maxResults, Math.min(candidatePool, scaled));
}

/** Union of each query's best `pool` fused memory ids, originals' first. */
function topIds(searched: readonly SearchedQuery[], pool: number): string[] {
  const ids = new Set<string>();
  for (const query of searched) for (const entry of query.fused.slice(0, pool)) ids.add(entry.memoryId);
  return [...ids];
}

function sortByScore(candidates: RankedCandidate[]): RankedCandidate[] {
  return candidates.sort(
    (left, right) => right.score - left.score || (left.memory.memoryId < right.memory.memoryId ? -1 : 1),
  );
}
