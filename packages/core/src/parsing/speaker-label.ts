/** A line that opens a speaker's turn: "Name: text", "[10:32] Name: text", "Alice (PM): text". */
export interface LabelledLine {
  /** The speaker as written ("Alice", "SPEAKER 1", "User"). */
  speaker: string;
  /** A parenthesised role after the name ("PM"), when present. */
  role: string | undefined;
  /** A clock or elapsed time before the label ("10:32", "00:01:23", "03/03/2024, 19:42"), when present. */
  clock: string | undefined;
  /** The text after the label (may be empty when the turn continues on later lines). */
  text: string;
  /** The line from the label on, trimmed: "Name: text" exactly as in the document. */
  sourceLine: string;
}

// A clock, after a date as chat exports write it: "19:42", "7:42 PM", "2024-03-03 19:42",
// "03/03/2024, 19:42:10" (WhatsApp), "03.03.24 19:42" (Telegram).
const DATE = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))`;
const TIME = String.raw`(?:${DATE},?[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:[\s\u202f]?[AaPp]\.?[Mm]\.?)?`;
const TIME_PREFIX = new RegExp(String.raw`^(?:\[(${TIME})\]|\((${TIME})\)|(${TIME})(?:\s*[-–|])?)\s*`);
const NAME_WORD = String.raw`[\p{L}][\p{L}\p{N}.'’_-]*`;
const LABEL = new RegExp(
  String.raw`^(?:\*\*|__)?(${NAME_WORD}(?: (?:${NAME_WORD}|\d{1,3})){0,3})(?:\s*\(([^()]{1,40})\))?(?:\*\*|__)?\s*:(?:\*\*|__)?(?:\s+|$)(.*)$`,
  'u',
);

/** Role words accepted in any case ("user:", "assistant:"). */
const ROLE_LABELS = new Set([
  'user',
  'assistant',
  'human',
  'ai',
  'bot',
  'system',
  'agent',
  'customer',
  'interviewer',
  'interviewee',
  'speaker',
  'host',
  'guest',
  'moderator',
]);

/** Words that end in a colon in prose, headers and notes but never name a speaker. */
const NOT_SPEAKERS = new Set([
  'note',
  'notes',
  'nb',
  'subject',
  're',
  'fw',
  'fwd',
  'ps',
  'p.s',
  'p.s.',
  'update',
  'edit',
  'warning',
  'tip',
  'example',
  'answer',
  'question',
  'q',
  'summary',
  'tl;dr',
  'tldr',
  'error',
  'step',
  'from',
  'to',
  'cc',
  'bcc',
  'date',
  'sent',
  'time',
  'attendees',
  'participants',
  'present',
  'absent',
  'agenda',
  'decisions',
  'decision',
  'action items',
  'action item',
  'next steps',
  'title',
  'meeting',
  'location',
  'where',
  'when',
  'source',
  'caption',
  'photo',
  'image',
  'todo',
  'important',
  'reminder',
  'http',
  'https',
  'mailto',
  'ingredients',
  'result',
  'results',
  'status',
  'goal',
  'goals',
  'pros',
  'cons',
  'also',
  'and',
  'but',
  'so',
  'because',
  'however',
  'therefore',
  'then',
  'here',
  'there',
  'this',
  'that',
  'it',
  'they',
  'we',
  'i',
  'you',
]);

function isPlausibleSpeaker(name: string): boolean {
  const lower = name.toLowerCase();
  if (NOT_SPEAKERS.has(lower) || name.length > 40) return false;
  const words = name.split(' ');
  const first = words[0] ?? '';
  if (ROLE_LABELS.has(first.toLowerCase())) return true;
  // Names are capitalised: "Mel", "Dr. Smith", "SPEAKER 1"; "the reason: ..." is prose.
  return words.every((word) => /^[\p{Lu}\p{N}]/u.test(word));
}

// Chat handles as people write them: "maya", "sam_k", "user123", "@jo", "🌸mia", "DJ-K".
const HANDLE_WORD = String.raw`@?[\p{L}\p{N}\p{Extended_Pictographic}_][\p{L}\p{M}\p{N}\p{Extended_Pictographic}\u200d\ufe0f.'’_-]*`;
const HANDLE_LABEL = new RegExp(
  String.raw`^(?:\*\*|__)?(${HANDLE_WORD}(?: ${HANDLE_WORD}){0,2})(?:\s*\(([^()]{1,40})\))?(?:\*\*|__)?\s*:(?:\*\*|__)?(?:\s+|$)(.*)$`,
  'u',
);
const HAS_NAME_CHARACTER = /[\p{L}\p{Extended_Pictographic}]/u;
// An unsaved contact as exports name them: "+44 7700 900123:", "+1 (555) 123-4567:".
const PHONE_LABEL = /^(\+\d[\d ()-]{5,18}\d)\s*:(?:\s+|$)(.*)$/u;

function splitClock(line: string) {
  const trimmed = line.trim();
  const prefix = TIME_PREFIX.exec(trimmed);
  const rest = prefix === null ? trimmed : trimmed.slice(prefix[0].length);
  const clock = prefix === null ? undefined : (prefix[1] ?? prefix[2] ?? prefix[3]);
  return { rest, clock };
}

/** The line read against a label pattern, past any clock; undefined for no label or a URL ("http://…"). */
function labelOf(line: string, pattern: RegExp): LabelledLine | undefined {
  const { rest, clock } = splitClock(line);
  if (rest === '') return undefined;
  const match = pattern.exec(rest);
  if (match === null) return undefined;
  const text = (match[3] ?? '').trim();
  if (text.startsWith('//')) return undefined;
  return { speaker: (match[1] ?? '').trim(), role: match[2]?.trim(), clock, text, sourceLine: rest };
}

/**
 * Recognises a speaker-labelled line whose label reads as a name on its own:
 * capitalised ("Mel:", "SPEAKER 1:") or a role ("user:"). Returns undefined
 * for anything else (prose with a colon, headers such as "Subject:", URLs).
 * Lower-case handles need the document's context: see {@link learnSpeakerLabels}.
 * Never throws.
 */
export function matchSpeakerLabel(line: string): LabelledLine | undefined {
  const found = labelOf(line, LABEL);
  return found !== undefined && isPlausibleSpeaker(found.speaker) ? found : undefined;
}

/**
 * Reads any line-start label of handle shape ("maya:", "sam_k:", "user123:",
 * "🌸mia:", up to three words), whatever its case, or a phone number
 * ("+44 7700 900123:", an unsaved contact in an export); headers and prose words in
 * the stop list ("note:", "so:") and digits alone ("10:") are refused. Use it
 * where a line is known to be a turn (a memory's cited line) or through
 * {@link learnSpeakerLabels}; on arbitrary text it takes "the reason: rain"
 * for a label. Never throws.
 */
export function matchLabelCandidate(line: string): LabelledLine | undefined {
  const phone = phoneLabelOf(line);
  if (phone !== undefined) return phone;
  const found = labelOf(line, HANDLE_LABEL);
  if (found === undefined) return undefined;
  const lower = found.speaker.toLowerCase();
  if (NOT_SPEAKERS.has(lower) || NOT_SPEAKERS.has(lower.split(' ')[0] ?? '')) return undefined;
  if (found.speaker.length > 40 || !HAS_NAME_CHARACTER.test(found.speaker)) return undefined;
  return found;
}

function phoneLabelOf(line: string): LabelledLine | undefined {
  const { rest, clock } = splitClock(line);
  const match = PHONE_LABEL.exec(rest);
  if (match === null) return undefined;
  return { speaker: match[1] ?? '', role: undefined, clock, text: (match[2] ?? '').trim(), sourceLine: rest };
}

/** Reads one line as a turn opener, or undefined; built per document by {@link learnSpeakerLabels}. */
export type SpeakerLabeller = (line: string) => LabelledLine | undefined;

/**
 * Learns a document's speakers from its own lines, so that handles of any
 * case or form are read as labels ("maya: lol same"), not as the previous
 * speaker continuing. A label is accepted when it reads as a name alone
 * ({@link matchSpeakerLabel}), when it opens two or more lines, or, for a
 * one-word handle, when most of the document's lines open with labels (a
 * short exchange where each person speaks once). Everything else keeps the
 * strict reading, so a single "the reason: rain" in prose stays prose.
 * Pure; never throws.
 */
export function learnSpeakerLabels(lines: readonly string[]): SpeakerLabeller {
  const counts = new Map<string, number>();
  let nonEmpty = 0;
  let candidateLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonEmpty += 1;
    const candidate = matchLabelCandidate(line);
    if (candidate === undefined) continue;
    candidateLines += 1;
    counts.set(candidate.speaker, (counts.get(candidate.speaker) ?? 0) + 1);
  }
  const mostlyLabelled = nonEmpty >= 2 && candidateLines * 2 >= nonEmpty;
  const learned = new Set<string>();
  for (const [speaker, count] of counts) {
    if (count >= 2 || (mostlyLabelled && !speaker.includes(' '))) learned.add(speaker);
  }
  return (line) => {
    const strict = matchSpeakerLabel(line);
    if (strict !== undefined || learned.size === 0) return strict;
    const candidate = matchLabelCandidate(line);
    return candidate !== undefined && learned.has(candidate.speaker) ? candidate : undefined;
  };
}
