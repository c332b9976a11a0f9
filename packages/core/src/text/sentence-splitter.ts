import { compromiseTwo } from './compromise-two.js';

/**
 * The one compromise internal used here. compromise types `methods()` as `object`,
 * so the shape is declared locally. Only the splitter runs, not the tagger: a full
 * compromise parse costs hundreds of times more per chat turn (docs/decisions/0044).
 */
interface CompromiseTokenizer {
  one: { tokenize: { splitSentences(text: string, world: object): string[] } };
}

let splitter: { tokenizer: CompromiseTokenizer['one']['tokenize']; world: object } | undefined;
/** compromise's splitter and world, on first use (see compromise-two.ts). */
function compromiseSplitter(): { tokenizer: CompromiseTokenizer['one']['tokenize']; world: object } {
  if (splitter === undefined) {
    const nlp = compromiseTwo();
    splitter = { tokenizer: (nlp.methods() as CompromiseTokenizer).one.tokenize, world: nlp.world() };
  }
  return splitter;
}

/** A sentence and where it sits in the text it came from. */
export interface SentenceSpan {
  /** The sentence, trimmed, exactly as written. */
  text: string;
  /** Offset of `text` in the source string. */
  start: number;
  /** Offset just past `text`. */
  end: number;
}

/**
 * Splits text into sentences with compromise's rule-based splitter (which keeps
 * abbreviations, decimals, ellipses and quotes together and breaks at newlines).
 * Returns trimmed sentences with their offsets, in order; blank text gives [].
 * Deterministic and never throws.
 */
export function splitSentenceSpans(text: string): SentenceSpan[] {
  if (text.trim() === '') return [];
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  const { tokenizer, world } = compromiseSplitter();
  for (const piece of tokenizer.splitSentences(text, world)) {
    const sentence = piece.trim();
    if (sentence === '') continue;
    const found = text.indexOf(sentence, cursor);
    const start = found < 0 ? cursor : found;
    spans.push({ text: sentence, start, end: start + sentence.length });
    cursor = start + sentence.length;
  }
  return spans;
}

/** {@link splitSentenceSpans} without offsets. */
export function splitSentences(text: string): string[] {
  return splitSentenceSpans(text).map((span) => span.text);
}
