import type { KeyExtractionCategory, KeyExtractionItem, KeyExtractions } from './compaction-types.js';
import type { SentenceUnit } from './sentence-units.js';

// Cue phrases, matched on the sentence as said. Apostrophes are normalised to ' first.
const DECISION_CUES = [
  /\b(?:we|i)(?: have|'ve)? (?:decided|agreed|chose|chosen|settled on|opted)\b/i,
  /\b(?:decided|agreed) (?:to|on|that)\b/i,
  /\blet's (?!see\b|hope\b|talk\b|catch\b|chat\b)\w+/i,
  // Commitments; "I'll always remember", "I'll be ok" and "I'll never forget" are not.
  /\b(?:i'll|i will|we'll|we will|i'm going to|i am going to|we're going to|we are going to|i'm gonna)\b(?! (?:always|never|be|have|remember|forget|miss|love|admit|bet|probably|think)\b)/i,
  /\b(?:deadline|due (?:by|on|date)|going with|go with|the plan is|final decision|it's a deal)\b/i,
];
const PREFERENCE_CUES = [
  /\bi (?:really |absolutely |truly |just |also )?(?:love|like|enjoy|prefer|adore|hate|dislike|can't stand)\b/i,
  /\bmy (?:favou?rite|go-to)\b/i,
  /\bi'd (?:rather|prefer)\b/i,
  /\bi'm (?:a (?:big |huge )?fan of|into|passionate about|not a fan of)\b/i,
  /\bi (?:don't|do not) (?:really )?(?:like|enjoy|care for)\b/i,
  /\bplease (?:always|never|don't|do not)\b/i,
  /\b(?:prefer|preferably|rather than)\b/i,
];
const CONSTRAINT_CUES = [
  /\b(?:must|mustn't|have to|has to|required|requirement|not allowed|no more than|at most|at least)\b/i,
  /\b(?:can't|cannot|can not|unable to)\b/i,
  /\b(?:budget|deadline|maximum|minimum|allergic|limit(?:ed)? to)\b/i,
  /\b(?:can|could|may|should) only\b|\bonly (?:have|has|had|want|eat|use|accept|allow|work|available|on|after|before|if|\d|\$)/i,
  /^(?:please )?(?:don't|do not|never)\b/i,
];
const FACT_CUES =
  /\b(?:i am|i'm|i work|i live|i have|i've|i was|i went|i started|i got|i grew up|i joined|i moved|my \w+ (?:is|are|was|were))\b/i;

/** Bit flags of the categories a sentence matches. */
export const CUE_DECISION = 1;
/** See {@link CUE_DECISION}. */
export const CUE_PREFERENCE = 2;
/** See {@link CUE_DECISION}. */
export const CUE_CONSTRAINT = 4;
/** See {@link CUE_DECISION}. */
export const CUE_FACT = 8;

/**
 * Which categories a sentence belongs to, as bit flags; a sentence may fall
 * in several ("I must book the flight by Friday, let's do it" is a decision
 * and a constraint). Questions and sentences with fewer than two content
 * terms match nothing: "Let's go!" carries no decision worth keeping.
 */
export function classifyUnit(unit: SentenceUnit): number {
  if (unit.isQuestion || new Set(unit.terms).size < 2) return 0;
  const text = unit.text.replace(/[’‘]/g, "'");
  let flags = 0;
  if (DECISION_CUES.some((cue) => cue.test(text))) flags |= CUE_DECISION;
  if (PREFERENCE_CUES.some((cue) => cue.test(text))) flags |= CUE_PREFERENCE;
  if (CONSTRAINT_CUES.some((cue) => cue.test(text))) flags |= CUE_CONSTRAINT;
  const signals = unit.signals;
  const informative = signals.entities.length + signals.numbers.length > 0 || signals.hasDate;
  if (new Set(unit.terms).size >= 3 && (informative || FACT_CUES.test(text))) flags |= CUE_FACT;
  return flags;
}

const FLAG_BY_CATEGORY: Readonly<Record<KeyExtractionCategory, number>> = {
  facts: CUE_FACT,
  decisions: CUE_DECISION,
  preferences: CUE_PREFERENCE,
  constraints: CUE_CONSTRAINT,
};

/**
 * Key extractions of `units` (those not from a previous compaction): per
 * category, the `maxPerCategory` matching sentences ranked by salience with
 * a recency tie-break, returned oldest first. Facts skip sentences already
 * listed as a decision, preference or constraint, so nothing is listed twice.
 */
export function extractKeyItems(
  units: readonly SentenceUnit[],
  flags: Uint8Array,
  salience: Float64Array,
  maxPerCategory: number,
): KeyExtractions {
  const pick = (category: KeyExtractionCategory): KeyExtractionItem[] => {
    const flag = FLAG_BY_CATEGORY[category];
    const candidates = units.filter((unit) => {
      const unitFlags = flags[unit.index] ?? 0;
      if (unit.fromPrevious || (unitFlags & flag) === 0) return false;
      return category !== 'facts' || (unitFlags & (CUE_DECISION | CUE_PREFERENCE | CUE_CONSTRAINT)) === 0;
    });
    const count = units.length;
    const rank = (unit: SentenceUnit) =>
      (salience[unit.index] ?? 0) * (0.8 + (0.4 * unit.index) / Math.max(count, 1));
    return candidates
      .sort((left, right) => rank(right) - rank(left))
      .slice(0, maxPerCategory)
      .sort((left, right) => left.index - right.index)
      .map(toItem);
  };
  return {
    facts: pick('facts'),
    decisions: pick('decisions'),
    preferences: pick('preferences'),
    constraints: pick('constraints'),
  };
}

/** A unit as a wire item. */
export function toItem(unit: SentenceUnit): KeyExtractionItem {
  return {
    content: unit.displayText,
    speaker: unit.speaker,
    message_id: unit.messageId,
    timestamp: unit.recordedAt,
  };
}

/**
 * Previous extractions followed by new ones, duplicates (same content,
 * case- and space-insensitive) dropped; past `maxPerCategory` the oldest go,
 * since decisions, preferences and constraints are superseded over time.
 */
export function mergeKeyExtractions(
  previous: KeyExtractions | undefined,
  next: KeyExtractions,
  maxPerCategory: number,
): KeyExtractions {
  if (previous === undefined) return next;
  const merge = (older: KeyExtractionItem[], newer: KeyExtractionItem[]) => {
    const seen = new Set<string>();
    const merged: KeyExtractionItem[] = [];
    for (const item of [...older, ...newer]) {
      const key = item.content.toLowerCase().replace(/\s+/g, ' ').trim();
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(item);
    }
    return merged.slice(Math.max(0, merged.length - maxPerCategory));
  };
  return {
    facts: merge(previous.facts, next.facts),
    decisions: merge(previous.decisions, next.decisions),
    preferences: merge(previous.preferences, next.preferences),
    constraints: merge(previous.constraints, next.constraints),
  };
}
