import { hasLexiconTag, isPastTenseVerb } from '../../text/lexicon.js';

/** A past event the sentence narrates. */
export interface EpisodeSignal {
  /** The past verb as written ("went"). */
  verb: string;
  /** 0..1: life events high, outings medium, everyday events low. */
  significance: number;
}

/** Past forms of states and thoughts rather than events. */
const STATIVE = new Set(
  'thought felt knew wanted needed loved liked hoped wished missed meant seemed used was were had been did could would should might must said told guess guessed realized realised figured believed supposed decided wondered'.split(
    ' ',
  ),
);
// Case-sensitive on purpose: a capitalised word is a name, a lower-case one is not a subject.
const SUBJECT = String.raw`(\b(?:[Ii]|[Ww]e|[Hh]e|[Ss]he|[Tt]hey)|\b(?:[Mm]y|[Oo]ur)\s+[a-z]+|\b[A-Z][a-z]+)`;
const ADVERBS = String.raw`(?:\s+(?:just|finally|recently|also|actually|even|already|once|really|totally|both|all|then|eventually|officially|first))*`;
const NOT_SUBJECT =
  /^(?:Super|So|Just|Also|Then|Finally|Really|Totally|Very|Pretty|Even|Still|Already|Once|Today|Yesterday|Recently|Lately|Sometimes|Always|Never|Honestly|Actually|Definitely|Absolutely|Glad|Happy|Sad|Sorry|Thanks|Wow|Yeah|Yes|No|Oh|Well|That|This|It|There|Here|What|How|Why|When|Where|Who|Which|And|But|Or|Because|If|After|Before|Since|While|Now|Looks|Sounds|Seems|Feeling|Being|Getting|You|Your|Hope|Glad|Congrats|Please|Let|Lets)$/;
const PAST_CLAUSE = new RegExp(String.raw`${SUBJECT}${ADVERBS}\s+([a-z]+)\b`, 'g');
const PERFECT = /\b(?:i|we)(?:'ve| have)\s+(?:just|finally|recently|now)\s+([a-z]+)\b/i;
const HAD_EVENT = /\b(?:i|we)\s+had\s+(?:a|an|such a|so much|the best|the time|fun|a blast)\b/i;
const WAS_AT = /\b(?:i|we)\s+(?:was|were)\s+(?:at|in|on|out|away|there|over|\w+ing)\b/i;
const LIFE_EVENT =
  /\b(?:married|wedding|engaged|divorc\w*|born|birth|baby|pregnan\w*|adopt\w*|graduat\w*|degree|diploma|promot\w*|hired|new job|got a job|quit|fired|laid off|lost (?:my|his|her|our) job|retir\w*|moved|new house|bought a (?:house|home|car)|died|passed away|funeral|accident|surgery|hospital|diagnos\w*|cancer|award|won|championship|first time|published|launched|opened|started (?:my|a|our) (?:own )?business|came out|transition\w*)\b/i;
const OUTING =
  /\b(?:trip|vacation|holiday|concert|festival|conference|parade|camping|hike|hiking|race|party|visit\w*|museum|class|workshop|competition|show|performance|game|match|tournament|meetup|meeting|event|group|retreat|exhibition|road trip|beach|park)\b/i;

/**
 * Detects a narrated past event: a subject followed by a simple-past verb ("I went",
 * "my son got", "we painted"), "I had a blast", "I was at ...", or a present perfect
 * with "just/finally". Past states ("I thought", "I was happy") are not events.
 * Expects the sentence before person rewriting; returns undefined otherwise.
 */
export function detectEpisode(sentence: string): EpisodeSignal | undefined {
  const text = sentence.replace(/’/g, "'");
  let verb: string | undefined;
  PAST_CLAUSE.lastIndex = 0;
  for (let match = PAST_CLAUSE.exec(text); match !== null; match = PAST_CLAUSE.exec(text)) {
    const candidate = (match[2] ?? '').toLowerCase();
    // A capitalised "subject" must be a name, not a sentence-initial "Super" or "Totally".
    if (NOT_SUBJECT.test(match[1] ?? '')) continue;
    if (STATIVE.has(candidate) || !isPastTenseVerb(candidate) || hasLexiconTag(candidate, 'Adjective')) {
      // Lexicon adjectives such as "painted" are still events right after "I"/"we".
      if (!(hasLexiconTag(candidate, 'Adjective') && /ed$/.test(candidate) && !STATIVE.has(candidate)))
        continue;
    }
    verb = candidate;
    break;
  }
  if (verb === undefined) verb = PERFECT.exec(text)?.[1]?.toLowerCase();
  if (verb !== undefined && !isPastTenseVerb(verb) && !hasLexiconTag(verb, 'Participle')) verb = undefined;
  if (verb === undefined && HAD_EVENT.test(text)) verb = 'had';
  if (verb === undefined && WAS_AT.test(text)) verb = 'was';
  if (verb === undefined) return undefined;
  const significance = LIFE_EVENT.test(text) ? 0.85 : OUTING.test(text) ? 0.65 : 0.5;
  return { verb, significance };
}
