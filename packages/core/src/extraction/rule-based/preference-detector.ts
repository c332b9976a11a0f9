import { preferenceCategory } from './preference-categories.js';

/** A liking or disliking the speaker states. */
export interface PreferenceSignal {
  /** "food", "music", "travel", ... or "general". */
  category: string;
  /** 0..1 from the cue: love/hate 0.9, like/prefer 0.7, "kind of like" 0.4. */
  strength: number;
  polarity: 'positive' | 'negative';
  /** The verb or phrase that carries it ("love", "not a fan of"). */
  cue: string;
  /** What is liked ("that painting", "hiking"), trimmed to its clause. */
  object: string;
}

const SOFTENERS = /\b(?:kinda|kind of|sort of|sorta|a bit|a little|somewhat|sometimes|occasionally)\b/;
const BOOSTERS = /\b(?:really|absolutely|totally|truly|so much|a lot|definitely)\b/;
const ADVERBS = String.raw`(?:(?:really|absolutely|totally|truly|just|also|still|do|kinda|kind of|sort of|sorta|definitely|especially|always|genuinely|honestly|seriously)\s+)*`;
const PATTERNS: ReadonlyArray<[RegExp, 'verb' | 'phrase' | 'negative' | 'rather']> = [
  [
    new RegExp(
      String.raw`\b(?:i|we)\s+${ADVERBS}(love|loved|adore|hate|hated|detest|despise|like|liked|enjoy|enjoyed|prefer|dislike|fancy|dig)\s+(.+)`,
      'i',
    ),
    'verb',
  ],
  [
    /\b(?:i'm|i am|we're|we are)\s+(?:(?:really|so|totally|super|a|huge|big|such a)\s+)*(into|obsessed with|passionate about|fond of|fan of|big fan of|huge fan of|keen on|crazy about|addicted to|not into|not a fan of|not big on)\s+(.+)/i,
    'phrase',
  ],
  [
    /\b(?:i|we)\s+(?:really\s+|just\s+)?(can't stand|cannot stand|don't like|do not like|don't really like|don't enjoy|don't care for|never liked)\s+(.+)/i,
    'negative',
  ],
  [/\b(?:i|we)\s+(?:would|'d)\s+(rather)\s+(.+)/i, 'rather'],
];
const STRONG =
  /^(?:love|loved|adore|hate|hated|detest|despise|obsessed with|passionate about|crazy about|addicted to|can't stand|cannot stand|big fan of|huge fan of)$/;
const NEGATIVE = /^(?:hate|hated|detest|despise|dislike|not into|not a fan of|not big on)$/;
const CLAUSE_END =
  /\s*(?:[,.;!?:)]|\s-\s|\b(?:because|but|since|though|although|when|while|so that|which|and i|and we|and my|and it|as well)\b).*$/i;
const PRONOUN_OBJECT = /^(?:it|that|this|them|those|these|you|him|her)$/i;

/**
 * Finds a first-person preference ("I love hiking", "I'm really into jazz", "I
 * can't stand crowds", "my favourite food is sushi") with its category and cue
 * strength. Wishes ("I'd love to") are not preferences. Expects the sentence
 * before person rewriting; returns undefined when there is none.
 */
export function detectPreference(sentence: string): PreferenceSignal | undefined {
  const text = sentence.replace(/’/g, "'");
  const lower = text.toLowerCase();
  const favourite =
    /\bmy\s+(?:all[- ]time\s+)?favou?rite\s+([a-z][a-z ]{0,25}?)\s+(?:is|are|was|has to be|would be)\s+([^,.!?;]+)/i.exec(
      text,
    );
  if (favourite !== null) {
    const object = (favourite[2] ?? '').trim();
    return {
      category: preferenceCategory(`${favourite[1] ?? ''} ${object}`.toLowerCase(), lower),
      strength: 0.9,
      polarity: 'positive',
      cue: 'favourite',
      object,
    };
  }
  for (const [pattern, kind] of PATTERNS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const cue = (match[1] ?? '').toLowerCase();
    let object = (match[2] ?? '')
      .replace(CLAUSE_END, '')
      .replace(/\s+(?:so much|a lot|too|as well)$/i, '')
      .trim();
    if (/^to\s+/i.test(object)) object = object.slice(3);
    object = object.replace(/^(?:my|our|your|the|a|an|this|that|these|those)\s+/i, '');
    if (object === '' || /^(?:to|that|it's|if)$/i.test(object)) continue;
    const head = lower.slice(0, match.index + match[0].length - (match[2] ?? '').length);
    let strength = STRONG.test(cue) ? 0.9 : 0.7;
    if (kind === 'negative' && !STRONG.test(cue)) strength = 0.7;
    if (SOFTENERS.test(head)) strength = 0.4;
    else if (BOOSTERS.test(head) && strength < 0.9) strength = 0.8;
    const polarity = kind === 'negative' || NEGATIVE.test(cue) ? 'negative' : 'positive';
    const words = object.split(/\s+/).slice(0, 8).join(' ');
    return {
      category: preferenceCategory(PRONOUN_OBJECT.test(words) ? '' : words.toLowerCase(), lower),
      strength,
      polarity,
      cue,
      object: words,
    };
  }
  return undefined;
}
