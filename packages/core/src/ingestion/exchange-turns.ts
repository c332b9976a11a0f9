import type { MessageRole } from '../domain/conversation.js';

/** One turn of an exchange. */
export interface ExchangeTurn {
  role: MessageRole;
  content: string;
}

/**
 * The new turns of an exchange an integration sends after a model call: the
 * prompt's whole history with the reply last. They are the trailing
 * assistant reply (when the last message is one) and the user messages since
 * the previous assistant message; everything earlier was sent, and kept,
 * with an earlier exchange. Blank messages are dropped first. Empty when no
 * message has content.
 */
export function exchangeTurns(messages: readonly ExchangeTurn[]): ExchangeTurn[] {
  const turns = messages
    .map((message) => ({ role: message.role, content: message.content.trim() }))
    .filter((message) => message.content !== '');
  let start = turns.length;
  if (start > 0 && turns[start - 1]?.role === 'assistant') start -= 1;
  while (start > 0 && turns[start - 1]?.role === 'user') start -= 1;
  return turns.slice(start);
}

/** The turns as a speaker-labelled chat transcript, one line a turn (newlines inside a turn become spaces). */
export function exchangeTranscript(turns: readonly ExchangeTurn[]): string {
  return turns
    .map(
      (turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.content.replace(/\s*\n\s*/g, ' ')}`,
    )
    .join('\n');
}
