import type { DocumentSegment } from '../domain/memory.js';
import { lexiconTags } from '../text/lexicon.js';

/**
 * The names people go by in a chat, learned from the chat itself: what a
 * speaker calls themselves ("it's jake from the climbing wall", "sam here")
 * and, in a two-person chat, what the other person calls them ("thanks,
 * Sam", "no worries lena 🙌"). Why: handles rarely say the name a question
 * will use (`+447700900123` is Jake, `dj-k` is Kai), and nothing else in the
 * document ties the two together.
 */

// No apostrophe: "That's" and "I'm" are not names.
const NAME = String.raw`(\p{L}[\p{L}-]{1,19})`;
// "it's jake from…", "this is Priya", "I'm Sam btw": the name ends the message or is followed by a connective;
// "this is Oliver, my cat" introduces someone else.
const AFTER_NAME = String.raw`(?=\s*(?:$|[!.)\p{Extended_Pictographic}]|\s+(?:here|from|btw|again|by the way)\b|,\s*(?!(?:my|our|his|her|their|the|a|an)\b)))`;
const SELF_INTRODUCTION = new RegExp(
  String.raw`(?:(?:^|,\s*)(?:(?:hey|hi|hello|yo)[,!]?\s+)?(?:it'?s|it’s|it is|this is)|(?:^|[\s,.!?])(?:i'?m|i’m|i am|my name is|call me))\s+${NAME}${AFTER_NAME}`,
  'giu',
);
const NAME_HERE = new RegExp(String.raw`^(?:(?:hey|hi|hello|yo)[,!]?\s+)?${NAME}\s+here\b`, 'iu');
// A greeting, thanks or reaction and then a name ending the clause: "hey sam!", "thanks, Sam", "congrats sam!!!".
const GREETED = new RegExp(
  String.raw`(?:^|[\s,.!?])(?:hey+|hi+|hello|hiya|heya|yo|thanks|thank you|thank u|thx|ty|morning|good morning|night|good night|congrats|congratulations|love you|miss you|no worries|sorry|bye|cheers|aw+),?\s+${NAME}(?=$|[,.!?)\p{Extended_Pictographic}]|\s+\p{Extended_Pictographic})`,
  'giu',
);
const NAME_TAGS = new Set(['FirstName', 'FemaleName', 'MaleName']);
// Pronouns and the words people call anyone by ("thanks buddy!") are no one's name.
const NOT_NAMES = new Set(
  'me you u ya him her them us it all guys everyone everybody buddy bud dude man bro mate pal babe hun girl friend dear love sis sweetie'.split(
    ' ',
  ),
);

/** A word that may be a name: a known given name, or (`unknownOk`) a word the lexicon does not know. */
function nameLike(word: string, unknownOk: boolean): boolean {
  if (NOT_NAMES.has(word.toLowerCase())) return false;
  const tags = lexiconTags(word);
  if (tags.some((tag) => NAME_TAGS.has(tag))) return true;
  return unknownOk && tags.length === 0;
}

/** The name in its display form ("sam" → "Sam"). */
function display(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Whether `name` is what the label already says ("sam" of "samantha_k", "ravi" of "ravi.m"). */
function labelSays(label: string, name: string): boolean {
  const wanted = name.toLowerCase();
  return label
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some(
      (word) => word !== '' && (word === wanted || (word.length > wanted.length && word.startsWith(wanted))),
    );
}

function selfNames(text: string): string[] {
  const names = [...text.matchAll(SELF_INTRODUCTION)].map((match) => match[1] ?? '');
  const here = NAME_HERE.exec(text)?.[1];
  if (here !== undefined) names.push(here);
  return names.filter((name) => nameLike(name, writtenAsName(text, name)));
}

/**
 * Whether a word the lexicon does not know may be a name where it stands:
 * written with a capital, or in a message written all in lower case (a
 * writer who capitalises nothing, "its priya btw"). "I'm curious!" is not.
 */
function writtenAsName(text: string, name: string): boolean {
  return /^\p{Lu}/u.test(name) || text === text.toLowerCase();
}

function addressedNames(text: string): string[] {
  return [...text.matchAll(GREETED)]
    .map((match) => match[1] ?? '')
    .filter((name) => nameLike(name, writtenAsName(text, name)));
}

/**
 * Other names of each speaker, by speaker label, in order of first mention:
 * names a speaker introduces themselves by, and in a two-person chat the
 * names the other person addresses them by. A name is a known given name or,
 * after an introduction or greeting, a word the lexicon does not know
 * ("priya"); common words ("i'm tired", "thanks for") never are. Names the
 * label already says ("sam" for `samantha_k`), the other person's label and
 * names someone uses of themselves as well as of their partner are left
 * out. Speakers with none are absent. Pure.
 */
export function learnSpeakerAliases(
  segments: readonly DocumentSegment[],
  participants: readonly string[],
): Record<string, string[]> {
  const found = new Map<string, Set<string>>();
  const add = (speaker: string, name: string) => {
    if (participants.some((label) => labelSays(label, name))) return;
    const names = found.get(speaker) ?? new Set<string>();
    names.add(display(name.toLowerCase()));
    found.set(speaker, names);
  };
  for (const segment of segments) {
    const speaker = segment.speaker;
    if (speaker === undefined) continue;
    for (const name of selfNames(segment.text)) add(speaker, name);
    if (participants.length !== 2) continue;
    const partner = participants.find((label) => label !== speaker);
    if (partner === undefined) continue;
    for (const name of addressedNames(segment.text)) add(partner, name);
  }
  // A name given to both people is no one's in particular (a third person greeted by both).
  const aliases: Record<string, string[]> = {};
  for (const [speaker, names] of found) {
    const own = [...names].filter((name) =>
      [...found].every(([other, theirs]) => other === speaker || !theirs.has(name)),
    );
    if (own.length > 0) aliases[speaker] = own;
  }
  return aliases;
}
