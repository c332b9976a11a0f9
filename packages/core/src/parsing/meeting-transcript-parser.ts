import type { DocumentSegment, ParsedDocument } from '../domain/memory.js';
import { clockTimeToIso, referenceTimeOf } from '../text/reference-time.js';
import { splitSentences } from '../text/sentence-splitter.js';
import { learnSpeakerLabels } from './speaker-label.js';
import { type ActionItem, type Decision, findActionItem, isDecision } from './work-cues.js';

/** `attributes` of a parsed meeting transcript. */
export interface MeetingAttributes {
  format: 'meeting-transcript';
  title: string | undefined;
  /** The Date header as written. */
  date: string | undefined;
  /** Listed attendees and everyone who spoke, in order of appearance. */
  attendees: string[];
  /** Roles from "Alice (PM):" labels and attendee lists. */
  roles: Record<string, string>;
  agenda: string[];
  decisions: Decision[];
  actionItems: ActionItem[];
}

const HEADER =
  /^(attendees|participants|present|attendance|in attendance|title|meeting|subject|date|time|location|agenda)\s*:\s*(.*)$/i;
const SECTION =
  /^(?:#+\s*)?(decisions?|action items?|next steps|to-?dos?|follow[- ]ups?|notes|summary|key points)\s*:?\s*(.*)$/i;
const BULLET = /^(?:[-*•·]|\d{1,3}[.)]|\[[ xX]?\])\s+/;

interface SectionState {
  kind: 'decision' | 'action' | 'note';
}

function sectionKind(name: string): SectionState['kind'] {
  const lower = name.toLowerCase();
  if (lower.startsWith('decision')) return 'decision';
  if (/action|next|to-?do|follow/.test(lower)) return 'action';
  return 'note';
}

function attendeeList(value: string, roles: Record<string, string>): string[] {
  return value
    .split(/,|;|\band\b/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const withRole = /^(.*?)\s*\(([^)]+)\)$/.exec(part);
      if (withRole === null) return part;
      const name = (withRole[1] ?? '').trim();
      roles[name] = (withRole[2] ?? '').trim();
      return name;
    });
}

/**
 * Parses a `meeting-transcript`: header lines (Title, Date, Attendees/Present,
 * Agenda), speaker turns ("Alice:", "SPEAKER 1:", "Alice (PM):", "[00:01:23] Bob:"
 * with unlabelled lines continuing a turn; hh:mm:ss from zero count from the
 * start), and "Decisions:" / "Action items:" sections whose items become
 * speaker-less segments. Decisions ("we decided", "agreed", "let's go with") and
 * action items ("X will ...", "action item: ...", requests) go to `attributes`.
 * Never throws on odd text.
 */
export function parseMeetingTranscript(text: string, createdAt: string): ParsedDocument {
  const reference = referenceTimeOf(createdAt);
  const roles: Record<string, string> = {};
  const attendees: string[] = [];
  const agenda: string[] = [];
  const sectionOf = new Map<number, SectionState['kind']>();
  const segments: DocumentSegment[] = [];
  let title: string | undefined;
  let date: string | undefined;
  let section: SectionState | undefined;
  let turn: DocumentSegment | undefined;
  let elapsed: boolean | undefined;
  const push = (segment: Omit<DocumentSegment, 'index'>): DocumentSegment => {
    const full = { ...segment, index: segments.length };
    segments.push(full);
    return full;
  };
  const lines = text.split(/\r\n|\r|\n/);
  const matchSpeakerLabel = learnSpeakerLabels(lines);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const header = HEADER.exec(line);
    if (header !== null && segments.length === 0) {
      const key = (header[1] ?? '').toLowerCase();
      const value = (header[2] ?? '').trim();
      if (key === 'title' || key === 'meeting' || key === 'subject') title = value;
      else if (key === 'date' || key === 'time') date = date ?? value;
      else if (key === 'agenda')
        agenda.push(
          ...value
            .split(/;|,/)
            .map((item) => item.trim())
            .filter(Boolean),
        );
      else if (key !== 'location') attendees.push(...attendeeList(value, roles));
      continue;
    }
    const heading = SECTION.exec(line);
    if (heading !== null && (heading[2] ?? '') === '') {
      section = { kind: sectionKind(heading[1] ?? '') };
      turn = undefined;
      continue;
    }
    const label = matchSpeakerLabel(line);
    if (label !== undefined && !SECTION.test(`${label.speaker}:`)) {
      section = undefined;
      if (!attendees.includes(label.speaker)) attendees.push(label.speaker);
      if (label.role !== undefined) roles[label.speaker] = label.role;
      if (label.clock !== undefined && elapsed === undefined)
        elapsed = /^0{1,2}:\d{2}:\d{2}$/.test(label.clock);
      const clock =
        label.clock === undefined ? undefined : clockTimeToIso(label.clock, reference, elapsed === true);
      turn = push({
        speaker: label.speaker,
        text: label.text,
        sourceLine: label.sourceLine,
        timestamp: clock ?? createdAt,
      });
      continue;
    }
    if (section !== undefined || turn === undefined) {
      const item = line.replace(BULLET, '');
      const segment = push({ speaker: undefined, text: item, sourceLine: item, timestamp: createdAt });
      if (section !== undefined) sectionOf.set(segment.index, section.kind);
      continue;
    }
    turn.text = turn.text === '' ? line : `${turn.text}\n${line}`;
    turn.sourceLine = `${turn.sourceLine}\n${line}`;
  }
  const kept = segments.filter((segment) => segment.text.trim() !== '');
  const indexOf = new Map(kept.map((segment, index) => [segment.index, index]));
  const finalSegments = kept.map((segment, index) => ({ ...segment, index }));
  const decisions: Decision[] = [];
  const actionItems: ActionItem[] = [];
  for (const segment of kept) {
    const index = indexOf.get(segment.index) ?? 0;
    const kind = sectionOf.get(segment.index);
    for (const sentence of splitSentences(segment.text)) {
      if (kind === 'decision' || (kind === undefined && isDecision(sentence))) {
        decisions.push({ text: sentence, speaker: segment.speaker, segmentIndex: index });
      }
      const context = {
        speaker: segment.speaker,
        addressee: undefined,
        names: attendees,
        reference,
        segmentIndex: index,
      };
      const item = findActionItem(sentence, context);
      if (item !== undefined) actionItems.push(item);
      else if (kind === 'action')
        actionItems.push({ text: sentence, owner: undefined, due: undefined, segmentIndex: index });
    }
  }
  const attributes: MeetingAttributes = {
    format: 'meeting-transcript',
    title,
    date,
    attendees,
    roles,
    agenda,
    decisions,
    actionItems,
  };
  return {
    documentType: 'meeting-transcript',
    createdAt,
    segments: finalSegments,
    participants: [...attendees],
    attributes: { ...attributes },
  };
}
