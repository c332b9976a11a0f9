import { type CompactedHeader, joinNames } from './compacted-text.js';
import type { SentenceUnit } from './sentence-units.js';
import { formatDay, isTopicWord, stemWord, words } from './text-analysis.js';

const TOPIC_COUNT = 6;
// Summary sentences must be distinct: at most this share of terms in common with one already chosen.
const MAX_OVERLAP = 0.3;

/**
 * A short extractive summary: who talked, how much and when, the main
 * topics (words found in the most sentences, names and small talk
 * excluded), then the `sentenceCount` most salient informative statements
 * (four or more content terms, not questions, mutually distinct), oldest
 * first, each with its speaker and day. '' for an empty conversation.
 */
export function buildSummary(
  units: readonly SentenceUnit[],
  salience: Float64Array,
  header: CompactedHeader,
  sentenceCount: number,
): string {
  if (units.length === 0) return '';
  const parts: string[] = [];
  const first = header.firstMessageAt === null ? '' : formatDay(header.firstMessageAt);
  const last = header.lastMessageAt === null ? '' : formatDay(header.lastMessageAt);
  const span = first === last ? `on ${first}` : `from ${first} to ${last}`;
  const who = header.participants.length > 0 ? joinNames(header.participants) : 'The participants';
  parts.push(`${who} exchanged ${header.messageCount} messages ${span}.`);
  const topics = mainTopics(units, header.participants);
  if (topics.length > 0) parts.push(`Main topics: ${topics.join(', ')}.`);
  const chosen = keyStatements(units, salience, sentenceCount);
  if (chosen.length > 0) {
    parts.push(
      `Key points: ${chosen.map((unit) => `${unit.speaker} (${formatDay(unit.recordedAt)}): ${unit.displayText}`).join(' ')}`,
    );
  }
  return parts.join(' ');
}

function mainTopics(units: readonly SentenceUnit[], participants: readonly string[]): string[] {
  const names = new Set(participants.map((name) => name.toLowerCase()));
  const frequency = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const unit of units) {
    const seen = new Set<string>();
    for (const word of words(unit.text)) {
      if (word.length < 4 || !isTopicWord(word) || names.has(word)) continue;
      const term = stemWord(word);
      if (seen.has(term)) continue;
      seen.add(term);
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
      if (!surface.has(term)) surface.set(term, word);
    }
  }
  return [...frequency.entries()]
    .filter(([, count]) => count >= 2)
    .sort((left, right) => right[1] - left[1])
    .slice(0, TOPIC_COUNT)
    .map(([term]) => surface.get(term) ?? term);
}

function keyStatements(
  units: readonly SentenceUnit[],
  salience: Float64Array,
  count: number,
): SentenceUnit[] {
  const candidates = units
    .filter((unit) => !unit.isQuestion && new Set(unit.terms).size >= 4)
    .sort((left, right) => (salience[right.index] ?? 0) - (salience[left.index] ?? 0));
  const chosen: { unit: SentenceUnit; terms: Set<string> }[] = [];
  for (const unit of candidates) {
    if (chosen.length >= count) break;
    const terms = new Set(unit.terms);
    const overlaps = chosen.some((other) => {
      let shared = 0;
      for (const term of terms) if (other.terms.has(term)) shared++;
      return shared / Math.min(terms.size, other.terms.size) > MAX_OVERLAP;
    });
    if (!overlaps) chosen.push({ unit, terms });
  }
  return chosen.map((entry) => entry.unit).sort((left, right) => left.index - right.index);
}
