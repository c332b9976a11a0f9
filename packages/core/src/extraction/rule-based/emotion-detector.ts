import { EMOTION_PHRASES, type EmotionReading, emotionOfNoun, emotionOfWord } from './emotion-lexicon.js';

/** An emotion a sentence expresses, and who feels it. */
export interface EmotionSignal {
  emotionType: string;
  /** 0..1 after intensifiers and hedges. */
  intensity: number;
  /** Whose emotion: the speaker ("I was so happy") or the addressee ("you must be proud"). */
  experiencer: 'speaker' | 'addressee';
  /** The cue as written, to find the trigger after it. */
  cue: string;
}

const BOOSTERS =
  /\b(?:so|really|very|super|extremely|incredibly|totally|absolutely|truly|beyond|insanely|deeply|crazy)\s+$/;
const DAMPENERS = /\b(?:a bit|a little|kinda|kind of|sort of|slightly|somewhat|a tad|mildly)\s+$/;
const NEGATION = /\b(?:not|never|n't|no longer|hardly)\s+(?:\w+\s+)?$/;
const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|me|my|we|we're|us|our)\b/;
const SECOND_PERSON = /\b(?:you|you're|you've|your)\b/;
const WORD = /[a-z]+/g;
const FEELING_VERB =
  /\b(?:feel|feels|feeling|felt|full of|filled with|brings? me|brought me|gives? me|gave me|so much|such|sense of|tears of|overwhelmed with|mix of)\b/;
const LINKED =
  /\b(?:am|'m|is|'s|are|'re|was|were|be|been|being|feel|feels|felt|feeling|get|gets|got|getting|become|became|seem|seems|seemed|look|looks|looked|sound|sounds|me|us|you|him|her|them|and|or|but|so|too|stay|stayed|keep|kept)\s+(?:(?:so|really|very|super|extremely|incredibly|totally|absolutely|truly|a bit|a little|kinda|kind of|sort of|slightly|somewhat|pretty|quite|more|most|less|even|also|just|still|now|all|deeply|genuinely|beyond|that|this)\s+){0,3}$/;

function clamp(value: number): number {
  return Math.round(Math.min(1, Math.max(0.1, value)) * 100) / 100;
}

function adjust(reading: EmotionReading, before: string, exclaimed: boolean): number {
  let intensity = reading.intensity;
  if (BOOSTERS.test(before)) intensity += 0.15;
  if (/\b(?:so|really|very) (?:so|really|very) $/.test(before)) intensity += 0.1;
  if (DAMPENERS.test(before)) intensity -= 0.25;
  if (exclaimed) intensity += 0.05;
  return clamp(intensity);
}

/**
 * Emotions a sentence expresses about the speaker (first person) or the
 * addressee ("you must be so proud"), from the emotion lexicon: at most two,
 * distinct types, negated cues ("not happy") skipped. Third-person sentences
 * yield none: "the stories were inspiring" describes the stories.
 * Expects the sentence before person rewriting.
 */
export function detectEmotions(sentence: string): EmotionSignal[] {
  const lower = sentence.toLowerCase().replace(/’/g, "'");
  const firstPerson = FIRST_PERSON.test(lower);
  const experiencer = firstPerson ? 'speaker' : SECOND_PERSON.test(lower) ? 'addressee' : undefined;
  if (experiencer === undefined) return [];
  const exclaimed = lower.includes('!');
  const found: EmotionSignal[] = [];
  const add = (
    reading: EmotionReading,
    cue: string,
    index: number,
    who: EmotionSignal['experiencer'] = experiencer,
  ): void => {
    if (found.length >= 2 || found.some((signal) => signal.emotionType === reading.emotionType)) return;
    const before = lower.slice(Math.max(0, index - 24), index);
    if (NEGATION.test(before)) return;
    found.push({
      emotionType: reading.emotionType,
      intensity: adjust(reading, before, exclaimed),
      experiencer: who,
      cue,
    });
  };
  for (const [pattern, reading] of EMOTION_PHRASES) {
    const match = pattern.exec(lower);
    if (match === null) continue;
    // "means a lot to you" is the addressee's feeling, whoever says it.
    const object = /^\s*(me|us|you)\b/.exec(lower.slice(match.index + match[0].length))?.[1];
    if (/ to$/.test(match[0]) && object === undefined) continue;
    const who: EmotionSignal['experiencer'] =
      object === undefined ? experiencer : object === 'you' ? 'addressee' : 'speaker';
    add(reading, match[0], match.index, who);
  }
  WORD.lastIndex = 0;
  for (let match = WORD.exec(lower); match !== null; match = WORD.exec(lower)) {
    const before = lower.slice(Math.max(0, match.index - 48), match.index);
    // A word is a feeling only when linked to someone: "I'm so happy", "made me feel
    // accepted", "happy and thankful"; "the more chill people" is not.
    const adjective = emotionOfWord(match[0]);
    if (adjective !== undefined && LINKED.test(before)) add(adjective, match[0], match.index);
    const noun = emotionOfNoun(match[0]);
    if (noun !== undefined && FEELING_VERB.test(lower)) add(noun, match[0], match.index);
  }
  return found;
}

const TRIGGER =
  /^\s*(?:about|because|that|when|for|with|to|at|of|by|since|after|seeing|hearing|over|from)\b[^.!?;]*/i;

/**
 * What triggered an emotion: the clause after the cue when it starts with
 * "about / because / for / to / when ...", else the clauses before the cue's clause,
 * else `fallback`. Works on the rewritten
 * sentence so the context stands alone.
 */
export function emotionContext(rewritten: string, cue: string, fallback: string): string {
  const index = rewritten.toLowerCase().indexOf(cue);
  if (index < 0) return fallback;
  const trigger = TRIGGER.exec(rewritten.slice(index + cue.length));
  if (trigger !== null && trigger[0].trim().split(/\s+/).length >= 2) return trigger[0].trim();
  // "I hate waiting in lines, it makes me so frustrated": the cause is the clause before.
  const clauses = rewritten.slice(0, index).split(/\s*[,;:–—]\s*|\s+-\s+/);
  const before = clauses.slice(0, -1).join(', ').trim();
  return before.split(/\s+/).length >= 3 ? before : fallback;
}
