/** Retrieval: the pipeline behind the fetch routes, and its stages for reuse and tests. */

export type { QueryHits, SearchIndexes, SearchLimits } from './candidate-search.js';
export { DEFAULT_SEARCH_LIMITS, entitySpecificity, searchQuery } from './candidate-search.js';
export { DIVERSITY_PENALTY, diversify } from './diversify.js';
export type { ExpansionSeed, GraphExpansion, GraphExpansionOptions } from './graph-expansion.js';
export { expandByGraph, expansionScore, GRAPH_EXPANSION } from './graph-expansion.js';
export type { LinearRerankModel } from './learned-rerank.js';
export { LEARNED_RERANK, rerankByLearnedModel, rerankLogit } from './learned-rerank.js';
export { asksForList } from './list-question.js';
export { decomposeWithLlm } from './llm-query-decomposition.js';
export type { LlmRerankOptions } from './llm-rerank.js';
export { LLM_RERANK, rerankWithLlm } from './llm-rerank.js';
export { listKeyOf, toMemoryItem } from './memory-item.js';
export type { MemoryRetrievalDependencies, RetrievalTuning } from './memory-retrieval-pipeline.js';
export { MemoryRetrievalPipeline } from './memory-retrieval-pipeline.js';
export {
  type FeedbackOptions,
  feedbackTerms,
  PSEUDO_RELEVANCE_FEEDBACK,
} from './pseudo-relevance-feedback.js';
export type { QueryAnalysis } from './query-analysis.js';
export { analyzeQuery } from './query-analysis.js';
export { decomposeQuery, MAX_SUB_QUERIES } from './query-decomposition.js';
export type { PlannedQuery } from './query-plan.js';
export { planQueries, SUB_QUERY_WEIGHT } from './query-plan.js';
export { queryTerms, stemTerm, wordTokens } from './query-terms.js';
export type { WeightedRanking } from './rank-fusion.js';
export { fuseRankings, RANK_FUSION } from './rank-fusion.js';
export type { RankedCandidate } from './ranked-candidate.js';
export type { PriorContext } from './ranking-priors.js';
export { isOutdated, PRIOR_FACTORS, priorFactor } from './ranking-priors.js';
export { RECENT_RECENCY_WEIGHT, recentCandidates } from './recent-memories.js';
export type { RerankFeature, RerankInput, RerankQuery } from './rerank-features.js';
export { RERANK_FEATURES, rerankFeatureRows } from './rerank-features.js';
export { memoryTypesFor, relevanceOf, selectedListKeys, shapeRankedLists } from './result-shaping.js';
export type { PlannedScope, ScopePlan } from './scope-plan.js';
export { planScopeKeys } from './scope-plan.js';
export { preferNarrowerScope } from './scope-precedence.js';
export type { FusedScore, ScoreNormalization, SignalList } from './score-fusion.js';
export { FUSION_WEIGHTS, fuseScores, signalListsOf } from './score-fusion.js';
export type { DocumentScored, SessionPriorOptions } from './session-prior.js';
export { SESSION_PRIOR, sessionPriorScores } from './session-prior.js';
export type { SoftCoverageOptions } from './soft-coverage-rerank.js';
export { rerankBySoftCoverage, SOFT_COVERAGE } from './soft-coverage-rerank.js';
export type { WeightedQueryWord, WordVectors } from './soft-term-match.js';
export { SoftTermMatcher, wordVectorsOf } from './soft-term-match.js';
export type { TimeConstraint } from './time-constraints.js';
export { parseTimeConstraints, timeMatches } from './time-constraints.js';
