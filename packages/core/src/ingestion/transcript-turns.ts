import type { IngestTranscriptRequest } from '@engram/protocol';
import type { MessageRole } from '../domain/conversation.js';

/** One normalised transcript turn. */
export interface TranscriptTurn {
  role: MessageRole;
  /** The label shown in the extraction document ("Caroline", "User", "Agent"). */
  speaker: string;
  content: string;
  timestamp: string | undefined;
  metadata: Record<string, unknown>;
}

const USER_LABELS = new Set(['user', 'human', 'customer', 'caller', 'client']);
const LABELLED_LINE = /^\s*([A-Za-z][\w .'-]{0,40}?)\s*:\s+(.*)$/;

/**
 * Turns a transcript (a string of "Label: text" lines, or a list of turns)
 * into turns. In strings, user-like labels (user, human, customer, caller)
 * become `user` and every other diarized label `assistant`; unlabelled lines
 * continue the previous turn.
 */
export function transcriptTurns(transcript: IngestTranscriptRequest['transcript']): TranscriptTurn[] {
  if (Array.isArray(transcript)) {
    return transcript.map((turn) => ({
      role: turn.role,
      speaker: turn.speaker?.trim() || (turn.role === 'user' ? 'User' : 'Assistant'),
      content: turn.content.trim(),
      timestamp: turn.timestamp ?? undefined,
      metadata: turn.metadata ?? {},
    }));
  }
  const turns: TranscriptTurn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const match = LABELLED_LINE.exec(line);
    if (match?.[1] && match[2] !== undefined) {
      const label = match[1].trim();
      turns.push({
        role: USER_LABELS.has(label.toLowerCase()) ? 'user' : 'assistant',
        speaker: label,
        content: match[2].trim(),
        timestamp: undefined,
        metadata: {},
      });
    } else if (turns.length > 0) {
      const last = turns[turns.length - 1] as TranscriptTurn;
      last.content = `${last.content}\n${line.trim()}`;
    } else {
      turns.push({ role: 'user', speaker: 'User', content: line.trim(), timestamp: undefined, metadata: {} });
    }
  }
  return turns.filter((turn) => turn.content !== '');
}
