/** An emotion word's reading: the emotion and its base intensity 0..1. */
export interface EmotionReading {
  emotionType: string;
  intensity: number;
}

const ENTRIES: ReadonlyArray<[string, number, string]> = [
  [
    'happy',
    0.6,
    'happy glad joyful cheerful pleased content delighted:0.8 overjoyed:0.9 ecstatic:0.95 elated:0.9 blissful:0.85',
  ],
  ['excited', 0.7, 'excited thrilled:0.85 pumped stoked psyched eager hyped giddy'],
  ['proud', 0.7, 'proud accomplished fulfilled'],
  ['grateful', 0.7, 'grateful thankful appreciative blessed'],
  ['loved', 0.65, 'loved accepted supported welcomed cherished valued understood'],
  ['inspired', 0.65, 'inspired motivated empowered determined encouraged energized'],
  ['hopeful', 0.55, 'hopeful optimistic'],
  ['calm', 0.5, 'calm peaceful relaxed serene rested refreshed'],
  ['relieved', 0.6, 'relieved'],
  ['surprised', 0.6, 'surprised shocked:0.8 amazed stunned astonished'],
  [
    'sad',
    0.6,
    'sad unhappy down blue depressed:0.85 heartbroken:0.9 miserable:0.85 devastated:0.95 gloomy upset grieving:0.85 crushed:0.85 hurt',
  ],
  ['lonely', 0.6, 'lonely isolated alone'],
  ['disappointed', 0.6, 'disappointed bummed letdown'],
  ['frustrated', 0.6, 'frustrated annoyed irritated aggravated stuck'],
  ['angry', 0.7, 'angry mad furious:0.9 livid:0.9 outraged:0.9 pissed enraged:0.9'],
  [
    'anxious',
    0.6,
    'anxious nervous worried stressed tense uneasy scared afraid frightened terrified:0.9 panicked:0.85 overwhelmed:0.7 swamped:0.55 apprehensive',
  ],
  ['confused', 0.55, 'confused puzzled unsure uncertain baffled lost'],
  ['tired', 0.55, 'tired exhausted:0.75 drained worn exhausted burnt'],
  ['embarrassed', 0.6, 'embarrassed ashamed humiliated:0.85 awkward'],
  ['guilty', 0.6, 'guilty'],
  ['jealous', 0.6, 'jealous envious'],
  ['bored', 0.5, 'bored'],
  ['nostalgic', 0.55, 'nostalgic sentimental'],
];

/** Nouns of feeling ("relief", "joy"): they need a feeling verb nearby ("brings me joy"). */
const NOUNS: ReadonlyArray<[string, string]> = [
  ['happy', 'joy happiness delight'],
  ['excited', 'excitement anticipation'],
  ['proud', 'pride'],
  ['grateful', 'gratitude'],
  ['relieved', 'relief'],
  ['sad', 'sadness grief sorrow heartbreak'],
  ['lonely', 'loneliness'],
  ['disappointed', 'disappointment'],
  ['frustrated', 'frustration'],
  ['angry', 'anger rage'],
  ['anxious', 'anxiety stress fear worry panic'],
  ['confused', 'confusion'],
  ['nostalgic', 'nostalgia'],
  ['calm', 'peace calmness'],
];

const WORDS = new Map<string, EmotionReading>();
const NOUN_WORDS = new Map<string, EmotionReading>();
for (const [emotionType, words] of NOUNS) {
  for (const word of words.split(' ')) NOUN_WORDS.set(word, { emotionType, intensity: 0.6 });
}
for (const [emotionType, base, words] of ENTRIES) {
  for (const entry of words.split(' ')) {
    const [word = '', own] = entry.split(':');
    WORDS.set(word, { emotionType, intensity: own === undefined ? base : Number(own) });
  }
}

/** Multi-word cues, matched on lower-case text. */
export const EMOTION_PHRASES: ReadonlyArray<[RegExp, EmotionReading]> = [
  [/\bcan(?:'|’)?t wait\b|\bcannot wait\b/, { emotionType: 'excited', intensity: 0.8 }],
  [/\blooking forward to\b/, { emotionType: 'excited', intensity: 0.6 }],
  [/\bover the moon\b|\bon cloud nine\b/, { emotionType: 'happy', intensity: 0.9 }],
  [/\bfed up\b/, { emotionType: 'frustrated', intensity: 0.75 }],
  [
    /\bstressed out\b|\bfreaking out\b|\bfreaked out\b|\bon edge\b/,
    { emotionType: 'anxious', intensity: 0.75 },
  ],
  [/\bburn(?:ed|t) out\b|\bworn out\b/, { emotionType: 'tired', intensity: 0.75 }],
  [/\bbroke my heart\b|\bin tears\b|\bcried\b/, { emotionType: 'sad', intensity: 0.8 }],
  [/\bmeans? (?:so much|a lot|the world) to\b/, { emotionType: 'grateful', intensity: 0.7 }],
  [/\b(?:i|we) (?:really )?appreciate\b/, { emotionType: 'grateful', intensity: 0.6 }],
  [/\bmade (?:me|us) (?:feel )?(?:so )?(?:happy|smile)\b/, { emotionType: 'happy', intensity: 0.7 }],
  [/\bat peace\b/, { emotionType: 'calm', intensity: 0.6 }],
];

/** The emotion a single lower-case adjective or participle expresses ("happy", "stressed"). */
export function emotionOfWord(word: string): EmotionReading | undefined {
  return WORDS.get(word);
}

/** The emotion a lower-case noun of feeling names ("joy", "relief"). */
export function emotionOfNoun(word: string): EmotionReading | undefined {
  return NOUN_WORDS.get(word);
}
