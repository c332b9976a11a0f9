/** A line that opens a speaker's turn: "Name: text", "[10:32] Name: text", "Alice (PM): text". */
export interface LabelledLine {
  /** The speaker as written ("Alice", "SPEAKER 1", "User"). */
  speaker: string;
  /** A parenthesised role after the name ("PM"), when present. */
  role: string | undefined;
  /** A clock or elapsed time before the label ("10:32", "00:01:23"), when present. */
  clock: string | undefined;
  /** The text after the label (may be empty when the turn continues on later lines). */
  text: string;
  /** The line from the label on, trimmed: "Name: text" exactly as in the document. */
  sourceLine: string;
}

const TIME = String.raw`(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?`;
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

/**
 * Recognises a speaker-labelled line. Returns undefined for anything else
 * (prose with a colon, headers such as "Subject:", URLs). Never throws.
 */
export function matchSpeakerLabel(line: string): LabelledLine | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  const prefix = TIME_PREFIX.exec(trimmed);
  const rest = prefix === null ? trimmed : trimmed.slice(prefix[0].length);
  const label = LABEL.exec(rest);
  if (label === null) return undefined;
  const speaker = (label[1] ?? '').trim();
  const text = (label[3] ?? '').trim();
  if (!isPlausibleSpeaker(speaker) || text.startsWith('//')) return undefined;
  return {
    speaker,
    role: label[2]?.trim(),
    clock: prefix === null ? undefined : (prefix[1] ?? prefix[2] ?? prefix[3]),
    text,
    sourceLine: rest,
  };
}
