import type { CurrentState } from './compaction-types.js';
import { CUE_DECISION } from './key-extractions.js';
import type { SentenceUnit, SourceMessage } from './sentence-units.js';
import { contentTerms, isTopicWord, stemWord, words } from './text-analysis.js';

const GOAL_CUE =
  /\b(?:(?:i|we) (?:really )?(?:want|wanna|hope|plan|intend|aim|would like|'d like) to|(?:i'm|i am|we're|we are) (?:planning|hoping|trying|working|aiming|saving up) (?:to|for|on)|my goal|our goal|goal is|dream is to)\b/i;
const DEFERRAL_CUE =
  /\b(?:not sure|don't know|do not know|no idea|i'll check|let me check|get back to you|find out|tbd|will see|we'll see|good question)\b/i;
const MAX_GOALS = 5;
const MAX_OPEN_QUESTIONS = 5;
const MAX_DECISIONS = 8;
const TOPIC_MESSAGES = 6;
const OPEN_QUESTION_WINDOW = 30;

/** What {@link buildCurrentState} reads. */
export interface CurrentStateInput {
  units: readonly SentenceUnit[];
  flags: Uint8Array;
  sources: readonly SourceMessage[];
  idf: (term: string) => number;
  previous?: CurrentState | undefined;
}

/**
 * Where things stand at the cutoff: goals (latest five goal statements),
 * open questions (questions in the last 30 messages that no other speaker
 * answered, or that got only a deferral such as "not sure, I'll check"),
 * standing decisions (a later decision on mostly the same terms supersedes
 * an earlier one), the latest topic (top TF-IDF keywords of the last six
 * messages), participants and the last message time. A previous state's
 * lists are carried forward and filtered by the same rules.
 */
export function buildCurrentState(input: CurrentStateInput): CurrentState {
  const { units, flags, sources, previous } = input;
  const fresh = units.filter((unit) => !unit.fromPrevious);
  const said = (unit: SentenceUnit) => `${unit.speaker}: ${unit.displayText}`;
  const goals = [...(previous?.goals ?? []), ...fresh.filter((unit) => hasGoal(unit)).map(said)];
  const decisionLines = [
    ...(previous?.decisions ?? []),
    ...fresh.filter((unit) => ((flags[unit.index] ?? 0) & CUE_DECISION) !== 0).map(said),
  ];
  const participants = [
    ...new Set([...(previous?.participants ?? []), ...sources.map((source) => source.speaker)]),
  ];
  const newSources = sources.filter((source) => !source.fromPrevious);
  return {
    goals: unique(goals).slice(-MAX_GOALS),
    open_questions: openQuestions(fresh, sources, newSources, previous?.open_questions ?? []),
    decisions: standingDecisions(decisionLines).slice(-MAX_DECISIONS),
    latest_topic: latestTopic(fresh, sources, input.idf) || (previous?.latest_topic ?? ''),
    participants,
    last_message_at: newSources.at(-1)?.recordedAt ?? previous?.last_message_at ?? null,
  };
}

function hasGoal(unit: SentenceUnit): boolean {
  return !unit.isQuestion && new Set(unit.terms).size >= 2 && GOAL_CUE.test(unit.text.replace(/[’‘]/g, "'"));
}

/** `units` index into `sources` (all of them); `newSources` are those after the previous cutoff. */
function openQuestions(
  units: readonly SentenceUnit[],
  sources: readonly SourceMessage[],
  newSources: readonly SourceMessage[],
  previousOpen: readonly string[],
): string[] {
  // A previous question stays open only while no one else has spoken since.
  const carried = previousOpen.filter((line) => {
    const asker = line.slice(0, line.indexOf(':'));
    return !newSources.some((source) => source.speaker !== asker);
  });
  const firstRecent = Math.max(0, sources.length - OPEN_QUESTION_WINDOW);
  const open: string[] = [];
  for (const unit of units) {
    if (!unit.isQuestion || unit.messageIndex < firstRecent || new Set(unit.terms).size < 2) continue;
    const reply = sources.slice(unit.messageIndex + 1).find((source) => source.speaker !== unit.speaker);
    if (reply === undefined || DEFERRAL_CUE.test(reply.text.replace(/[’‘]/g, "'"))) {
      open.push(`${unit.speaker}: ${unit.displayText}`);
    }
  }
  return unique([...carried, ...open]).slice(-MAX_OPEN_QUESTIONS);
}

function standingDecisions(lines: readonly string[]): string[] {
  const termSets = lines.map((line) => new Set(contentTerms(line.slice(line.indexOf(':') + 1))));
  return lines.filter((_, position) => {
    const terms = termSets[position]!;
    for (let later = position + 1; later < lines.length; later++) {
      const laterTerms = termSets[later]!;
      let shared = 0;
      for (const term of terms) if (laterTerms.has(term)) shared++;
      if (shared / Math.max(1, Math.min(terms.size, laterTerms.size)) >= 0.5) return false;
    }
    return true;
  });
}

function latestTopic(
  units: readonly SentenceUnit[],
  sources: readonly SourceMessage[],
  idf: (term: string) => number,
): string {
  if (sources.length === 0) return '';
  const speakers = new Set(sources.map((source) => source.speaker.toLowerCase()));
  const firstIndex = Math.max(0, sources.length - TOPIC_MESSAGES);
  const scores = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const unit of units) {
    if (unit.messageIndex < firstIndex) continue;
    for (const word of words(unit.text)) {
      if (!isTopicWord(word) || speakers.has(word)) continue;
      const term = stemWord(word);
      scores.set(term, (scores.get(term) ?? 0) + idf(term));
      if (!surface.has(term)) surface.set(term, word);
    }
  }
  return [...scores.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, 4)
    .map(([term]) => surface.get(term) ?? term)
    .join(', ');
}

function unique(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
