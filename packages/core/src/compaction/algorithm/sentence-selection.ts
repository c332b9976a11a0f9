import { CUE_CONSTRAINT, CUE_DECISION, CUE_FACT, CUE_PREFERENCE } from './key-extractions.js';
import { MaxHeap } from './max-heap.js';
import type { TermIndex } from './salience.js';
import type { SentenceUnit } from './sentence-units.js';

/** What {@link selectSentences} chooses from. */
export interface SelectionInput {
  units: readonly SentenceUnit[];
  index: TermIndex;
  salience: Float64Array;
  flags: Uint8Array;
  /** Per unit: its key-fact keys (names, numbers, dates). */
  factKeys: readonly string[][];
  /** Tokens the selected lines may use (the header is already subtracted). */
  budget: number;
  /** Tokens a line costs before its first sentence ("Caroline: " plus the line break). */
  lineOverhead: (unit: SentenceUnit) => number;
  /** Tokens the first line of a new day costs (its date header). */
  dayOverhead: (unit: SentenceUnit) => number;
}

// Weight of a name, number or date not yet covered, relative to one new content term.
const FACT_WEIGHT = 1;
// Flat bonus for decisions, preferences and constraints: they must survive compaction.
const CUE_BONUS = 3;
const FACT_CUE_BONUS = 0.5;
// Keeps already-covered sentences ordered by salience, so spare budget goes to central ones.
const SALIENCE_FLOOR = 0.1;
// Below this much spare budget no sentence fits; stop instead of draining the heap.
const MIN_SENTENCE_TOKENS = 3;

/**
 * Budgeted maximum coverage, solved greedily: repeatedly takes the sentence
 * with the best gain per token, where gain is salience-weighted coverage of
 * content terms and key facts not yet covered, plus a bonus for decisions,
 * preferences and constraints. Coverage makes it redundancy-aware (a
 * sentence repeating what is kept gains little). Gains only shrink as the
 * selection grows, so lazy evaluation over a max-heap is exact and the whole
 * run is O(n log n) re-scorings in practice. Sentences that no longer fit are
 * skipped, smaller ones may still fill the rest. Returns unit indexes in
 * conversation order.
 */
export function selectSentences(input: SelectionInput): number[] {
  const { units, index, salience, flags, budget } = input;
  const coveredTerms = new Uint8Array(index.idf.length);
  const coveredFacts = new Set<string>();
  const openDays = new Set<string>();
  const openMessages = new Set<number>();
  const gain = (position: number): number => {
    const termIds = index.unitTermIds[position]!;
    let fresh = 0;
    for (let term = 0; term < termIds.length; term++) if (coveredTerms[termIds[term]!] === 0) fresh++;
    for (const key of input.factKeys[position]!) if (!coveredFacts.has(key)) fresh += FACT_WEIGHT;
    const unitFlags = flags[position] ?? 0;
    let bonus = 0;
    if ((unitFlags & (CUE_DECISION | CUE_PREFERENCE | CUE_CONSTRAINT)) !== 0) bonus = CUE_BONUS;
    else if ((unitFlags & CUE_FACT) !== 0) bonus = FACT_CUE_BONUS;
    const weight = 0.5 + salience[position]!;
    return weight * fresh + bonus + SALIENCE_FLOOR * salience[position]! * termIds.length;
  };
  const cost = (position: number) => units[position]!.tokens + 2;
  const heap = new MaxHeap();
  for (let position = 0; position < units.length; position++) {
    // "Great." or "Haha!" carry nothing a reader of the history needs, whatever budget is left.
    if (index.unitTermIds[position]!.length === 0 && input.factKeys[position]!.length === 0) continue;
    heap.push(position, gain(position) / cost(position));
  }
  const selected: number[] = [];
  let used = 0;
  while (heap.size > 0) {
    const position = heap.pop()!;
    const ratio = gain(position) / cost(position);
    if (heap.size > 0 && ratio < heap.peekKey()) {
      heap.push(position, ratio);
      continue;
    }
    const unit = units[position]!;
    // Opening a line costs the speaker label; joining an open line costs nothing extra, as BPE folds
    // the separating space into the next word's token.
    let marginal = unit.tokens + (openMessages.has(unit.messageIndex) ? 0 : input.lineOverhead(unit));
    if (!openDays.has(unit.day)) marginal += input.dayOverhead(unit);
    if (used + marginal > budget) {
      if (budget - used < MIN_SENTENCE_TOKENS) break;
      continue;
    }
    used += marginal;
    selected.push(position);
    openMessages.add(unit.messageIndex);
    openDays.add(unit.day);
    for (const term of index.unitTermIds[position]!) coveredTerms[term] = 1;
    for (const key of input.factKeys[position]!) coveredFacts.add(key);
  }
  return selected.sort((left, right) => left - right);
}
