import type { EntityLink, StoredMemory } from '../domain/stored-memory.js';
import { boundedMemo } from '../text/bounded-memo.js';
import { normalizeEntityName } from '../text/entity-name.js';
import { type TimeConstraint, timeMatches } from './time-constraints.js';

/** What the priors know about the query and the moment of the fetch. */
export interface PriorContext {
  /** Epoch milliseconds of the fetch. */
  now: number;
  /** The query asks "when". */
  asksWhen: boolean;
  /** The query asks for a list or a count (see QueryAnalysis.asksForList). */
  asksForList: boolean;
  /** Times the query mentions. */
  times: readonly TimeConstraint[];
  /** Normalised names of the people or things the query names. */
  names: ReadonlySet<string>;
  /** Ids of stored entities the query names. */
  entityIds: ReadonlySet<string>;
}

/**
 * Multipliers applied to a memory's fused relevance. Mild by design: they
 * reorder close matches, they do not let an unrelated memory overtake a match.
 */
export const PRIOR_FACTORS = {
  /** Superseded or expired memories: ranked below current ones, never dropped. */
  outdated: 0.4,
  /** Confidence c maps to `1 - confidenceSpan + confidenceSpan * c`. */
  confidenceSpan: 0.2,
  /** The freshest memories gain up to this share; half of it is gone after `recencyHalfLifeDays`. */
  recencySpan: 0.05,
  recencyHalfLifeDays: 180,
  /** "When" questions: memories dated by their own text, and those dated only by their document. */
  whenExplicitDate: 1.3,
  whenDocumentDate: 1.08,
  /** The query names a time: the memory's event date, or else its document's date, falls in it. */
  timeEventMatch: 1.35,
  timeDocumentMatch: 1.12,
  /**
   * The query names a person: the memory is about them (subject), or merely
   * mentions them. Strong on purpose: a question about Caroline is answered
   * by what Caroline said or did far more often than by what anyone said
   * near her name (two-fold cross-validated, a plateau from 1.5 to 3;
   * docs/decisions/0044).
   */
  personSubject: 2,
  personMention: 1.08,
} as const;

const DAY_MS = 86_400_000;

/**
 * The product of every prior for one memory (confidence, recency, validity,
 * "when", time match, person match), > 0. Pure.
 */
export function priorFactor(
  memory: StoredMemory,
  links: readonly EntityLink[],
  context: PriorContext,
): number {
  const factors = PRIOR_FACTORS;
  let factor = 1 - factors.confidenceSpan + factors.confidenceSpan * clamp01(memory.confidence);
  const said = Date.parse(memory.sourceDocumentCreatedAt);
  if (Number.isFinite(said)) {
    const ageDays = Math.max(0, (context.now - said) / DAY_MS);
    factor *= 1 - factors.recencySpan + factors.recencySpan * 0.5 ** (ageDays / factors.recencyHalfLifeDays);
  }
  if (isOutdated(memory, context.now)) factor *= factors.outdated;
  const eventTime = memory.eventDate === undefined ? Number.NaN : Date.parse(memory.eventDate);
  if (context.asksWhen && Number.isFinite(eventTime)) {
    factor *= sameDay(eventTime, said) ? factors.whenDocumentDate : factors.whenExplicitDate;
  }
  if (context.times.length > 0) {
    if (context.times.some((time) => timeMatches(time, eventTime))) factor *= factors.timeEventMatch;
    else if (context.times.some((time) => timeMatches(time, said))) factor *= factors.timeDocumentMatch;
  }
  if (context.names.size > 0 || context.entityIds.size > 0) factor *= personFactor(memory, links, context);
  return factor;
}

/** Whether a memory is no longer current: replaced by another, or past its `valid_until`. */
export function isOutdated(memory: StoredMemory, now: number): boolean {
  if (memory.supersededBy !== undefined) return true;
  if (memory.validUntil === undefined) return false;
  const until = Date.parse(memory.validUntil);
  return Number.isFinite(until) && until <= now;
}

function personFactor(memory: StoredMemory, links: readonly EntityLink[], context: PriorContext): number {
  if (memory.subject !== undefined && nameMatches(normalizedNameOf(memory.subject), context.names)) {
    return PRIOR_FACTORS.personSubject;
  }
  for (const link of links) {
    if (context.entityIds.has(link.entityId)) return PRIOR_FACTORS.personMention;
    if (nameMatches(normalizedNameOf(link.canonicalName), context.names)) return PRIOR_FACTORS.personMention;
  }
  return 1;
}

/**
 * Whether a normalised `name` (a speaker label, a subject, an entity) is one
 * the query says. People are named loosely, so a query name matches any word
 * of the name ("caroline" matches "caroline smith"; "sam" matches "sam k",
 * which a handle "sam_k" normalises to), a nickname that begins it ("sam"
 * matches "samantha", "tom" matches "tomo"; three letters at least), and one
 * letter out in a name of five or more ("caroline" matches "carolin"). Digits
 * in a handle are not part of the name ("marco88" is "marco"). Pure.
 */
export function nameMatches(name: string, names: ReadonlySet<string>): boolean {
  if (name === '') return false;
  if (names.has(name)) return true;
  const words = name
    .replace(/\d+/g, ' ')
    .split(' ')
    .filter((word) => word.length >= 2);
  for (const word of words) {
    if (names.has(word)) return true;
    for (const wanted of names) if (looselySame(word, wanted)) return true;
  }
  return false;
}

function looselySame(word: string, wanted: string): boolean {
  if (wanted.length >= 3 && word.length > wanted.length && word.startsWith(wanted)) return true;
  return wanted.length >= 5 && Math.abs(word.length - wanted.length) <= 1 && withinOneEdit(word, wanted);
}

/** Levenshtein distance at most 1, in one pass. */
function withinOneEdit(left: string, right: string): boolean {
  if (left === right) return true;
  const [short, long] = left.length <= right.length ? [left, right] : [right, left];
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < short.length && j < long.length) {
    if (short[i] === long[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (short.length === long.length) i += 1;
    j += 1;
  }
  return edits + (long.length - j) + (short.length - i) <= 1;
}

function sameDay(left: number, right: number): boolean {
  return (
    Number.isFinite(left) &&
    Number.isFinite(right) &&
    Math.floor(left / DAY_MS) === Math.floor(right / DAY_MS)
  );
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

// Subjects and entity names repeat across candidates and fetches; normalising
// one takes a Unicode decomposition and three regular expressions.
const normalizedNameOf = boundedMemo(normalizeEntityName, 10_000);
