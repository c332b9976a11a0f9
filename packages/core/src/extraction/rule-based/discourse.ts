import { hasLexiconTag, isPastTenseVerb } from '../../text/lexicon.js';
import { emotionOfWord } from './emotion-lexicon.js';

const INTERJECTION =
  /^(?:wow+|whoa|woah|oh+|ah+|aw+|haha\w*|hehe\w*|lol|lmao|yeah|yea|yep|yup|yes|no|nope|well|hey+|hi|hello|omg|ok|okay|um+|uh+|hmm+|gosh|cool|great|awesome|nice|sure|totally|exactly|absolutely|definitely|thanks|thank you|oh my|oh wow|oh no|man|dude|honestly|so|anyway|anyways|btw|by the way|true|right|agreed|indeed|ha|yay|phew|ugh|alright|all right|gotcha|sounds good|of course|haha yeah|check it out|check this out|look|guess what|you know what|fun fact|i hear ya|i hear you|i know right|i get it|i totally get it)\s*(?:[,!.…~-]+|\s-\s)\s*/i;
const LEADING_WORD = /^([\p{L}']+(?:\s+[\p{L}']+)?)\s*[,!…~]+\s*/u;
const PHATIC_WHOLE =
  /^(?:(?:i'm |i am |we're )?(?:so |really |very |super )*(?:happy|glad|proud|excited|thrilled|stoked) for (?:you|them|him|her)|(?:glad|sorry|sad|happy) to hear (?:that|it|about that)|(?:that|this|it)(?:'s| is| was| sounds| looks)? (?:so |really |very |super |pretty )*\w+|good luck(?: with (?:that|it|everything))?|take care(?: of yourself)?|talk (?:to you )?(?:soon|later)|see (?:you|ya)(?: (?:soon|later|then|there|around|next time))?|have a (?:great|good|nice) \w+.*|you too|same here|me too|no worries|no problem|my pleasure|keep it up|you got this|you've got this)[.!?…\s]*$/i;

/** Words that carry no memory on their own: function words, greetings, reactions. */
const FILLER_WORDS = new Set(
  `i me my mine myself we us our you your yours yourself he him his she her it its they them their this that these those
there here what which who whom whose how why when where a an the and or but so if then than too also just really very such
quite pretty totally absolutely definitely truly super much many lot lots all some any one ones is am are was were be been
being do does did done have has had having will would can could should might must may shall get got gets getting go going
gonna wanna to of in on at by for with about from up down out off over into as like not no yes yeah yep yup ok okay sure hi
hey hello bye goodbye thanks thank thx ty welcome wow woah whoa oh ah aw aww haha hahaha lol lmao omg gosh cool nice great
awesome amazing wonderful fantastic sweet lovely good fine glad sorry congrats congratulations see hear talk soon later care
take agree agreed sounds sound seems seem looks look looking fun true exactly right indeed keep luck best wish wishes day
cheers pleasure love loved hope hoping well way anyway btw check thing things stuff something anything everything nothing
know think thought guess mean means meant tell share sharing wait awesome beautiful gorgeous stunning cute adorable
incredible impressive interesting exciting crazy wild tough hard neat rad lovely dear xoxo hugs hug miss don't can't i'm
it's that's you're you've i've i'd i'll we're we've what's there's let's let say said totally def yay ugh hmm um uh
cheers sharing appreciate appreciated pic photo picture same back now still even ever again always never more most
great greatest huge big little bit kinda sorta man dude girl guys bro sense makes make made idea ideas kind sort long
time here's hoping waiting`.split(/\s+/),
);

const ELONGATED_INTERJECTION =
  /^(?:a+w+|w+o+(?:h+o+)*t?|y+a+y+|(?:h+a+)+h*|(?:h+e+)+|l+o+l+|o+h+|o+o+h+|a+h+|u+g+h+|h+m+|u+m+|w+o+w+|y+a+s+|e+e+k+|g+e+e+z+|w+e+l+p+|n+a+h+|y+e+a+h+|y+u+p+|o+k+|y+e+s+|n+o+p+e+)$/;
const SENTENCE_ADVERBS = new Set(
  'actually honestly seriously literally basically probably obviously certainly clearly surely simply anyway anyways'.split(
    ' ',
  ),
);

/** Whether a word adds nothing on its own: function words, reactions, interjections. */
function isFillerWord(word: string): boolean {
  const lower = word.toLowerCase().replace('’', "'");
  return (
    lower.length < 2 ||
    FILLER_WORDS.has(lower) ||
    SENTENCE_ADVERBS.has(lower) ||
    ELONGATED_INTERJECTION.test(lower) ||
    hasLexiconTag(lower, 'Expression')
  );
}

/**
 * Removes leading interjections ("Wow, ", "Haha yeah! ") and vocatives addressed
 * to a participant ("Mel, ", ", Caroline!") so the sentence starts at its content.
 * `names` are participant names; their 3+ letter prefixes ("Mel") count too.
 */
export function stripDiscourse(sentence: string, names: readonly string[]): string {
  let text = sentence.trim();
  for (let guard = 0; guard < 4; guard += 1) {
    const interjection = INTERJECTION.exec(text) ?? LEADING_WORD.exec(text);
    const words = interjection?.[1]?.split(/\s+/);
    const strippable = words === undefined || words.every(isFillerWord);
    if (interjection !== null && strippable && interjection[0].length < text.length) {
      text = text.slice(interjection[0].length);
      continue;
    }
    const vocative =
      /^(?:(?:hey|hi|hello|dear|yo|morning|thanks|thank you)\s+)?([\p{Lu}][\p{L}'-]+)\s*[,!]\s+/iu.exec(text);
    if (
      vocative !== null &&
      isParticipantName(vocative[1] ?? '', names) &&
      vocative[0].length < text.length
    ) {
      text = text.slice(vocative[0].length);
      continue;
    }
    break;
  }
  const trailing = /,\s*([\p{Lu}][\p{L}'-]+)\s*([.!?…]*)$/u.exec(text);
  if (trailing !== null && isParticipantName(trailing[1] ?? '', names)) {
    text = text.slice(0, trailing.index) + (trailing[2] ?? '');
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isParticipantName(word: string, names: readonly string[]): boolean {
  const lower = word.toLowerCase();
  return names.some((name) => {
    const first = (name.split(/\s+/)[0] ?? '').toLowerCase();
    return first === lower || (lower.length >= 3 && first.startsWith(lower));
  });
}

/** Whether a sentence asks something (ends with a question mark, emoji and brackets aside). */
export function isQuestion(sentence: string): boolean {
  return /\?[\s)"”'!?.\p{Extended_Pictographic}]*$/u.test(sentence);
}

/**
 * Whether a sentence is filler: greetings, thanks, reactions ("That's so cool!",
 * "Take care!"), or nothing but function and reaction words. Such sentences are
 * not memories; so are lone vocatives of participant `names`. Expects
 * {@link stripDiscourse} output.
 */
export function isFiller(sentence: string, names: readonly string[] = []): boolean {
  const text = sentence.trim();
  if (PHATIC_WHOLE.test(text)) return true;
  const words = text.match(/[\p{L}][\p{L}'’]*/gu);
  if (words === null) return true;
  // "Thanks for joining!" is manners; "Thanks for the birthday card" still says something.
  if (/^(?:thanks|thank you|thx|ty)\b/i.test(text)) {
    return words.filter((word) => !isFillerWord(word) && !isParticipantName(word, names)).length <= 1;
  }
  // A lone vocative ("Hey Mel!", "Caroline!") is filler too.
  return words.every((word) => isFillerWord(word) || isParticipantName(word, names));
}

const GERUND_SUBJECT =
  /^\w+ing\b[^,.!?]*?\b(?:is|was|are|were|has been|can be|makes?|helps?|sounds?|seems?)\b/i;
const STATE_SUBJECTLESS: Record<string, string> = {
  gonna: "I'm gonna",
  going: "I'm going",
  planning: "I'm planning",
  thinking: "I'm thinking",
  working: "I'm working",
  trying: "I'm trying",
  heading: "I'm heading",
  looking: "I'm looking",
  feeling: "I'm feeling",
  been: "I've been",
  "can't": "I can't",
  cannot: 'I cannot',
};
const VERBS_SUBJECTLESS = new Set(
  'love like hate adore enjoy enjoyed miss missed hope wish need want guess loved liked finished started took made saw met bought tried visited spent learned found signed joined adopted painted went got had just'.split(
    ' ',
  ),
);

/**
 * Chat drops the subject ("Love that painting!", "Gonna check it out", "Just got
 * back from Rome"); this restores "I" so the speaker rewriter can name them.
 * Leaves sentences that already have a subject alone.
 */
export function withImplicitSubject(sentence: string): string {
  const first =
    /^((?:(?:really|totally|just|also|definitely|honestly|so|super|still|kinda|truly)\s+)?)([A-Za-z'’]+)(\s+)?([A-Za-z'’]+)?/i.exec(
      sentence,
    );
  // "Want me to tell you?" drops "Do you", not "I".
  if (first === null || isQuestion(sentence)) return sentence;
  const adverb = first[1] ?? '';
  const word = (first[2] ?? '').toLowerCase().replace('’', "'");
  const next = (first[4] ?? '').toLowerCase();
  const rest = sentence.slice(adverb.length + (first[2] ?? '').length);
  const lowerAdverb = adverb.toLowerCase();
  // "So excited!", "Super proud of her" are the speaker's feelings.
  if (emotionOfWord(word) !== undefined && !/[.!?]\s*\S/.test(rest.trim()))
    return `I'm ${lowerAdverb}${word}${rest}`;
  // "Trying new food is fun" has a gerund for its subject already.
  if (GERUND_SUBJECT.test(sentence)) return sentence;
  // "Been a while" is about time, not the speaker.
  if (word === 'been' && /^(?:a|an|ages|forever|so|too|quite|long|months|weeks|years|days)$/.test(next)) {
    return `It's been${rest}`;
  }
  const state = STATE_SUBJECTLESS[word];
  if (state !== undefined && adverb === '') return `${state}${rest}`;
  if (!VERBS_SUBJECTLESS.has(word)) return sentence;
  // "Like a rockstar" compares rather than likes.
  if (word === 'like' && /^(?:a|an|the|this|that)$/.test(next)) return sentence;
  // "Just a thought" has no verb to take a subject; "Just got back" has.
  if (word === 'just' && !isPastTenseVerb(next) && !VERBS_SUBJECTLESS.has(next)) return sentence;
  return `I ${lowerAdverb}${word}${rest}`;
}
