import type { DocumentSegment } from '../../domain/memory.js';
import { stripAttachmentPlaceholders } from '../../text/attachment-placeholders.js';
import type { ReferenceTime } from '../../text/reference-time.js';
import { splitSentenceSpans } from '../../text/sentence-splitter.js';
import { isAssistantSpeaker, statementConfidence } from './confidence.js';
import { applyResolvedDates, type ResolvedDate, resolveDates } from './date-resolver.js';
import { isFiller, isQuestion, stripDiscourse, withImplicitSubject } from './discourse.js';
import { detectEmotions, type EmotionSignal } from './emotion-detector.js';
import { detectEpisode, type EpisodeSignal } from './episode-detector.js';
import { type AttributeSignal, detectAttributes } from './fact-attributes.js';
import { detectPreference, type PreferenceSignal } from './preference-detector.js';
import { factFromQuestion, type QuestionFact } from './question-facts.js';
import { rewritePersons } from './speaker-rewriter.js';

/** One statement of a segment, made to stand alone and classified. */
export interface StatementAnalysis {
  /** The sentence without interjections, with an implied "I" restored, first person intact. */
  original: string;
  /** Third person, dates resolved: what memory content is made of. */
  content: string;
  dates: ResolvedDate[];
  /** The sentence talks about what is ahead ("I'll", "going to", "next week"). */
  future: boolean;
  firstPerson: boolean;
  secondPerson: boolean;
  confidence: number;
  preference: PreferenceSignal | undefined;
  emotions: EmotionSignal[];
  episode: EpisodeSignal | undefined;
  attributes: AttributeSignal[];
}

/** A segment broken into what can become memories. */
export interface SegmentAnalysis {
  segment: DocumentSegment;
  speaker: string | undefined;
  addressee: string | undefined;
  /** Informative statements, in order; greetings, filler and questions are left out. */
  statements: StatementAnalysis[];
  /** Facts presupposed by the segment's questions. */
  questionFacts: QuestionFact[];
  /** Attachment notes as written ("[shares a photo: a dog on a beach]"). */
  captions: string[];
}

/** Who is speaking to whom and when, for one segment. */
export interface SegmentContext {
  speaker: string | undefined;
  addressee: string | undefined;
  /** Participant names, for vocatives and entity typing. */
  participants: readonly string[];
  reference: ReferenceTime;
}

// A described attachment, kept verbatim as a note: "[shares a photo: a dog on a beach]" (the
// LoCoMo transcript form) and "[image: a dog on a beach]" (alt text as exports and bridges write it).
const CAPTION =
  /\s*\[(?:(?:shares?|shared|sends?|sent|posts?|posted|attaches|attached)\s+(?:a|an)\s+[^\]]*|(?:photo|image|picture|video|gif|screenshot)\s*:\s*[^\]]+)\]/gi;
const FUTURE =
  /\b(?:will|'ll|shall|going to|gonna|plans? to|planning|planned for|scheduled|about to|can't wait|cannot wait|looking forward|next|tomorrow|upcoming|soon|hope to|want to|intend to|until|till|by the end|let's|let us|please|due|deadline|by (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;
const FIRST_PERSON = /\b(?:i|i'm|i've|my|me|we|our)\b/i;
const TAG_QUESTION =
  /,\s*(?:right|huh|yeah|no|isn't it|aren't you|didn't you|don't you|wasn't it|weren't you|haven't you)\?\W*$/i;
const LEADING_STATEMENT =
  /^([^?]{8,}?),\s*(?:but|and|so|or)?\s*(?=(?:have|has|had|did|do|does|are|is|was|were|what|how|why|when|where|who|can|could|would|will|should|any|anything)\b)/i;
const PAST_MARKER = /\b(?:was|were|did|had|went|ago|yesterday|last)\b/i;

function analyzeStatement(sentence: string, context: SegmentContext): StatementAnalysis {
  const original = context.speaker === undefined ? sentence : withImplicitSubject(sentence);
  const future = FUTURE.test(original) && !PAST_MARKER.test(original);
  const dates = resolveDates(original, context.reference, future);
  const rewritten = rewritePersons(applyResolvedDates(original, dates), {
    speaker: context.speaker,
    addressee: context.addressee,
  });
  const assistant = isAssistantSpeaker(context.speaker);
  return {
    original,
    content: rewritten.text,
    dates,
    future,
    firstPerson: rewritten.firstPerson,
    secondPerson: rewritten.secondPerson,
    confidence: statementConfidence({
      sentence: original,
      hasSpeaker: context.speaker !== undefined,
      firstPerson: rewritten.firstPerson,
      secondPerson: rewritten.secondPerson,
      assistant,
    }),
    // An assistant's "I love that idea" is politeness, not a preference or a feeling.
    preference: assistant ? undefined : detectPreference(original),
    emotions: assistant ? [] : detectEmotions(original),
    episode: detectEpisode(original),
    attributes: detectAttributes(original),
  };
}

/**
 * Splits a segment into sentences (compromise), drops greetings, filler and
 * questions (keeping facts a question presupposes), and for each statement
 * resolves dates, rewrites persons and runs the type detectors. Captions are
 * kept verbatim. Never throws on odd text.
 */
export function analyzeSegment(segment: DocumentSegment, context: SegmentContext): SegmentAnalysis {
  const written = stripAttachmentPlaceholders(segment.text);
  const captions = (written.match(CAPTION) ?? []).map((caption) => caption.trim());
  const text = captions.length === 0 ? written : written.replace(CAPTION, ' ');
  const statements: StatementAnalysis[] = [];
  const questionFacts: QuestionFact[] = [];
  for (const span of splitSentenceSpans(text)) {
    const cleaned = stripDiscourse(span.text, context.participants);
    if (isFiller(cleaned, context.participants)) continue;
    if (isQuestion(cleaned)) {
      const fact = context.addressee === undefined ? undefined : factFromQuestion(cleaned, context.addressee);
      if (fact !== undefined) questionFacts.push(fact);
      // "Did I tell you about my dog Max?" and "You were stoked, right?" still tell;
      // "What did you do?" does not.
      const tells = FIRST_PERSON.test(cleaned) || TAG_QUESTION.test(cleaned);
      // "The Hobbit is great, but have you read ...?" opens with a statement.
      const lead = LEADING_STATEMENT.exec(cleaned)?.[1];
      if (lead !== undefined && !tells && !isFiller(lead, context.participants)) {
        statements.push(analyzeStatement(`${lead}.`, context));
        continue;
      }
      if (context.speaker === undefined || !tells) continue;
      const statement = analyzeStatement(cleaned, context);
      statements.push({ ...statement, confidence: Math.round(statement.confidence * 60) / 100 });
      continue;
    }
    statements.push(analyzeStatement(cleaned, context));
  }
  return {
    segment,
    speaker: context.speaker,
    addressee: context.addressee,
    statements,
    questionFacts,
    captions,
  };
}
