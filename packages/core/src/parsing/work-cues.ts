import * as chrono from 'chrono-node';
import { escapeRegExp } from '../text/escape-regexp.js';
import type { ReferenceTime } from '../text/reference-time.js';

/** Something someone is asked or has promised to do. */
export interface ActionItem {
  /** The sentence as written. */
  text: string;
  /** Who is to do it, when the text says (a name, the speaker for "I'll", the addressee for "can you"). */
  owner: string | undefined;
  /** When it is due, ISO-8601, when the text gives a date ("by Friday"). */
  due: string | undefined;
  segmentIndex: number;
}

/** A decision recorded in a meeting or email. */
export interface Decision {
  text: string;
  /** Who said it, when known. */
  speaker: string | undefined;
  segmentIndex: number;
}

/** Who the people around a sentence are. */
export interface CueContext {
  speaker: string | undefined;
  /** The one person addressed, when there is one. */
  addressee: string | undefined;
  /** Known names, for "Alice will ..." and "Bob to ...". */
  names: readonly string[];
  reference: ReferenceTime;
  segmentIndex: number;
}

const REQUEST =
  /\b(?:please|pls|can you|could you|would you|will you|need you to|make sure|don't forget|do not forget|remember to|todo|to-do|to do:|action item|follow up|asap|deadline|due)\b|\bby (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|eod|cob|end of (?:the )?(?:day|week|month)|next week|\d)/i;
const COMMITMENT =
  /\b(I|we|you)(?:'ll| will| am going to|'m going to| are going to| need to| have to| should)\s+(?!be\b|have been\b)\w+/i;
const DECISION =
  /\b(?:we (?:have |'ve )?decided|decided to|(?:we |all |everyone )?agreed|we agree|let's go with|let us go with|we(?:'ll| will) go with|decision:|the decision is|settled on|final call|going forward,? we)\b/i;

function dueDate(sentence: string, reference: ReferenceTime): string | undefined {
  try {
    const result = chrono.parse(
      sentence,
      { instant: reference.instant, timezone: reference.offsetMinutes },
      { forwardDate: true },
    )[0];
    return result?.start.date().toISOString();
  } catch {
    return undefined;
  }
}

const MAX_NAMES = 50;
const OWNER_PATTERNS = new Map<string, RegExp>();

/** "Alice will ...", "action item: Bob to ...": a cached pattern per name. */
function ownerPattern(name: string): RegExp {
  let pattern = OWNER_PATTERNS.get(name);
  if (pattern === undefined) {
    if (OWNER_PATTERNS.size > 1000) OWNER_PATTERNS.clear();
    pattern = new RegExp(
      `(?:^|action item:?\\s*)${escapeRegExp(name)}\\s+(?:will|to|should|needs to|is going to|'ll)\\b`,
      'i',
    );
    OWNER_PATTERNS.set(name, pattern);
  }
  return pattern;
}

/**
 * Reads an action item from a sentence: requests ("please ...", "can you ...",
 * "TODO", "by Friday"), commitments ("I'll send ...", "Alice will ...", "Bob to
 * review ...") and "action item:" notes, with owner and due date when stated.
 * Returns undefined for anything else.
 */
export function findActionItem(sentence: string, context: CueContext): ActionItem | undefined {
  // Only the first names are tried: a header with thousands of recipients must not cost thousands of patterns.
  const named = context.names.slice(0, MAX_NAMES).find((name) => ownerPattern(name).test(sentence));
  const commitment = COMMITMENT.exec(sentence);
  if (named === undefined && commitment === null && !REQUEST.test(sentence)) return undefined;
  let owner = named;
  if (owner === undefined && commitment !== null) {
    const who = (commitment[1] ?? '').toLowerCase();
    owner = who === 'i' ? context.speaker : who === 'you' ? context.addressee : undefined;
  }
  if (owner === undefined && /\b(?:can|could|would|will) you\b|\bplease\b|\bneed you\b/i.test(sentence))
    owner = context.addressee;
  return {
    text: sentence,
    owner,
    due: dueDate(sentence, context.reference),
    segmentIndex: context.segmentIndex,
  };
}

/** Whether a sentence records a decision ("we decided", "agreed", "let's go with"). */
export function isDecision(sentence: string): boolean {
  return DECISION.test(sentence);
}
