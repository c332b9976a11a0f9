import { RANK_FUSION, SOFT_COVERAGE } from '../../packages/core/src/retrieval/index.js';
import type { EvaluationSetting } from './evaluation-settings.js';

/** One stage switched off, and the modes whose ranking it can change. */
export interface Ablation extends EvaluationSetting {
  modes: readonly ('fast' | 'accurate')[];
}

const BOTH = ['fast', 'accurate'] as const;
const ACCURATE = ['accurate'] as const;

/**
 * The ablation table of `evaluate-retrieval.ts --ablate`: the defaults, then
 * each retrieval stage off on its own (everything else at its default).
 * Stages of ingestion (speaker labels, evidence context, the raw-turn net)
 * need a store ingested without them and are not listed here. A stage that
 * only `accurate` runs is not scored in `fast`, whose ranking it cannot move.
 */
export const ABLATIONS: readonly Ablation[] = [
  { label: 'all stages (defaults)', modes: BOTH },
  {
    label: 'no vector signal',
    modes: BOTH,
    tuning: { fusionWeights: { text: 0.6, vector: 0, entity: 0.1 } },
  },
  {
    label: 'no entity signal',
    modes: BOTH,
    tuning: { fusionWeights: { text: 0.6, vector: 0.3, entity: 0 } },
  },
  {
    label: 'no person prior',
    modes: BOTH,
    constants: { PRIOR_FACTORS: { personSubject: 1, personMention: 1 } },
  },
  {
    label: 'no date priors',
    modes: BOTH,
    constants: {
      PRIOR_FACTORS: { whenExplicitDate: 1, whenDocumentDate: 1, timeEventMatch: 1, timeDocumentMatch: 1 },
    },
  },
  { label: 'no session prior', modes: BOTH, constants: { SESSION_PRIOR: { weight: 0 } } },
  {
    label: 'no soft coverage (fast)',
    modes: BOTH,
    tuning: { softCoverage: { ...SOFT_COVERAGE, weight: 0 } },
  },
  { label: 'no query decomposition', modes: ACCURATE, tuning: { decomposition: false } },
  {
    label: 'no pseudo-relevance feedback',
    modes: ACCURATE,
    constants: { PSEUDO_RELEVANCE_FEEDBACK: { documents: 0 } },
  },
  { label: 'no graph expansion', modes: ACCURATE, constants: { GRAPH_EXPANSION: { seedCount: 0 } } },
  { label: 'no learned re-rank', modes: ACCURATE, tuning: { learnedRerank: false } },
  {
    label: 'no fusion with fast',
    modes: ACCURATE,
    tuning: { rankFusion: { ...RANK_FUSION, fastWeight: 0 } },
  },
  { label: 'no diversity step', modes: ACCURATE, tuning: { diversityPenalty: 0 } },
];
