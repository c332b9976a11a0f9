import { CUE_DECISION } from './key-extractions.js';
import type { SentenceUnit } from './sentence-units.js';
import { contentTerms, normalizeNumber, words } from './text-analysis.js';

/** The key facts of a set of sentences, each with its weight. */
export interface KeyFactSet {
  /** "e:caroline", "n:2023", "d:may" → weight (1 + ln occurrences). */
  atoms: Map<string, number>;
  /** Decision sentences as their distinct content terms; each weighs {@link DECISION_WEIGHT}. */
  decisions: string[][];
}

/** Weight of one decision; decisions matter more than any single name or number. */
export const DECISION_WEIGHT = 2;
// A decision survives when most of its content words do; exact wording may be trimmed.
const DECISION_PRESENT_SHARE = 0.6;

/** Per unit: the atom keys it carries (entities, numbers, dates), deduplicated. */
export function unitFactKeys(unit: SentenceUnit): string[] {
  const keys = new Set<string>();
  for (const entity of unit.signals.entities) keys.add(`e:${entity}`);
  for (const number of unit.signals.numbers) keys.add(`n:${number}`);
  for (const date of unit.signals.dates) keys.add(`d:${date}`);
  return [...keys];
}

/**
 * Collects the key facts of `units`: names, numbers and dates (weighted
 * 1 + ln of how often they occur, so a recurring name outweighs a passing
 * one) and decision sentences (by cue flag).
 */
export function collectKeyFacts(units: readonly SentenceUnit[], flags: Uint8Array): KeyFactSet {
  const counts = new Map<string, number>();
  const decisions: string[][] = [];
  for (const unit of units) {
    for (const key of unitFactKeys(unit)) counts.set(key, (counts.get(key) ?? 0) + 1);
    if (((flags[unit.index] ?? 0) & CUE_DECISION) !== 0) decisions.push([...new Set(unit.terms)]);
  }
  const atoms = new Map<string, number>();
  for (const [key, count] of counts) atoms.set(key, 1 + Math.log(count));
  return { atoms, decisions };
}

/** Outcome of {@link validateKeyFacts}. */
export interface KeyFactCoverage {
  /** Weighted share found, 0..1; 1 when there was nothing to find. */
  score: number;
  /** Total weight of the facts looked for. */
  totalWeight: number;
}

/**
 * How much of `facts` `compactedText` still carries: a name, number or date
 * is present when the word occurs anywhere in the text (speaker labels and
 * date headers count: they convey it); a decision when at least 60% of its
 * content terms occur. Linear in the text and the fact count.
 */
export function validateKeyFacts(facts: KeyFactSet, compactedText: string): KeyFactCoverage {
  const present = new Set<string>();
  for (const raw of words(compactedText)) {
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    present.add(word);
    if (/\d/.test(word)) present.add(normalizeNumber(word));
  }
  // Numbers keep separators in `words` only partly ("1,200" splits); normalise whole tokens too.
  for (const token of compactedText.match(/[\d$][\d,.$]*/g) ?? []) present.add(normalizeNumber(token));
  const terms = new Set(contentTerms(compactedText));
  let found = 0;
  let total = 0;
  for (const [key, weight] of facts.atoms) {
    total += weight;
    if (present.has(key.slice(2))) found += weight;
  }
  for (const decision of facts.decisions) {
    total += DECISION_WEIGHT;
    const kept = decision.filter((term) => terms.has(term)).length;
    if (kept >= DECISION_PRESENT_SHARE * decision.length) found += DECISION_WEIGHT;
  }
  return { score: total === 0 ? 1 : found / total, totalWeight: total };
}

/**
 * Validation score of a compaction: key-fact coverage of the fresh units,
 * folded with the previous compaction's by token share. Facts the previous
 * one lost stay lost, so its share is its own score times the coverage of
 * what it had kept.
 */
export function compactionValidationScore(
  units: readonly SentenceUnit[],
  flags: Uint8Array,
  compactedContext: string,
  previous: { originalTokenCount: number; validationScore: number } | undefined,
  newTokens: number,
): number {
  const freshFacts = collectKeyFacts(
    units.filter((unit) => !unit.fromPrevious),
    flags,
  );
  const fresh = validateKeyFacts(freshFacts, compactedContext).score;
  if (previous === undefined) return fresh;
  const carried = validateKeyFacts(
    collectKeyFacts(
      units.filter((unit) => unit.fromPrevious),
      flags,
    ),
    compactedContext,
  ).score;
  const total = previous.originalTokenCount + newTokens;
  if (total === 0) return 1;
  return (previous.originalTokenCount * previous.validationScore * carried + newTokens * fresh) / total;
}
