import type { LocomoSample, LocomoSession, LocomoTurn } from './locomo-dataset.js';
import { turnLine } from './locomo-dataset.js';

/**
 * A LoCoMo sample rewritten in the style of real chat logs, to see whether
 * what was tuned on LoCoMo holds on chats that look nothing like it:
 * - lower-case handles: speaker A as `caroline`, speaker B as `melanie_x`
 *   (questions keep "Caroline" and "Melanie");
 * - bursts: a turn of several sentences is sent as several messages, one line
 *   each, all mapping to the turn's `dia_id` (finding any of them finds the turn);
 * - multi-day sessions: consecutive sessions are joined in pairs into one
 *   document dated by the first.
 * Evidence and questions are unchanged. Pure.
 */
export function restyleSample(sample: LocomoSample): LocomoSample {
  const handleA = firstWord(sample.speakerA);
  const handleB = `${firstWord(sample.speakerB)}_x`;
  const handleOf = (speaker: string) =>
    speaker === sample.speakerA ? handleA : speaker === sample.speakerB ? handleB : speaker.toLowerCase();
  const bursts = (turn: LocomoTurn): LocomoTurn[] => {
    const speaker = handleOf(turn.speaker);
    const pieces = splitMessages(turn.text);
    return pieces.map((piece, index) => ({
      ...turn,
      speaker,
      text: piece,
      line: turnLine(speaker, piece, index === pieces.length - 1 ? turn.caption : undefined),
    }));
  };
  const sessions: LocomoSession[] = [];
  for (let index = 0; index < sample.sessions.length; index += 2) {
    const first = sample.sessions[index] as LocomoSession;
    const second = sample.sessions[index + 1];
    const turns = [...first.turns, ...(second?.turns ?? [])].flatMap(bursts);
    // Rewritten turns make any rendered export text stale: the sessions go back to `name: text` lines.
    sessions.push({ ...first, turns, documentText: undefined });
  }
  return {
    ...sample,
    speakerA: handleA,
    speakerB: handleB,
    sessions,
    turns: sessions.flatMap((session) => session.turns),
  };
}

function firstWord(name: string): string {
  return (name.trim().split(/\s+/)[0] ?? name).toLowerCase();
}

/** Sentences as separate messages; a text of one sentence stays one message. */
function splitMessages(text: string): string[] {
  const pieces = text
    .split(/(?<=[.!?])\s+(?=\S)/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  return pieces.length === 0 ? [text] : pieces;
}

/**
 * A restyled sample written the way many people type in chat apps: every
 * message in lower case, no apostrophes ("im", "dont"), no full stops.
 * Questions keep their normal writing, as a user's question would. Applies
 * on top of {@link restyleSample}: handles, bursts and multi-day documents as
 * there. Pure.
 */
export function casualSample(sample: LocomoSample): LocomoSample {
  const restyled = restyleSample(sample);
  const casualTurn = (turn: LocomoTurn): LocomoTurn => {
    const text = casualText(turn.text);
    const caption = turn.caption === undefined ? undefined : casualText(turn.caption);
    return { ...turn, text, caption, line: turnLine(turn.speaker, text, caption) };
  };
  const sessions = restyled.sessions.map((session) => ({ ...session, turns: session.turns.map(casualTurn) }));
  return { ...restyled, sessions, turns: sessions.flatMap((session) => session.turns) };
}

/** Lower case, apostrophes dropped, full stops at the end of a sentence dropped. */
export function casualText(text: string): string {
  return text
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/\.+(?=\s|$)/g, '')
    .trim();
}
