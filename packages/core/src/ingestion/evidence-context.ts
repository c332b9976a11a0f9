import { exportLineSpeakers } from '../parsing/chat-parser.js';
import { learnSpeakerLabels } from '../parsing/speaker-label.js';

/** Lines looked at on each side for the partner's message: a long burst is passed over, not read to its end. */
const SCAN_LIMIT = 12;

/**
 * The lines around a memory's evidence in its source document. In a chat,
 * by speaker rather than by position: the partner's message before the
 * speaker's run, the speaker's own neighbouring messages in that run, and the
 * partner's reply after it. In prose, the neighbouring lines.
 *
 * Why: a memory drawn from one line often cannot stand alone ("maya: yes it
 * was amazing" answers what the other person asked). Real chats come in
 * bursts (one person sends several messages in a row), so the line before
 * is often the speaker's own and the question it answers is further up;
 * counting by speaker finds it in alternating and bursty chats alike, and is
 * the same as ±1 line when turns alternate. Indexed in a lower-weighted field
 * of its own, the context lets such a memory be found by the words of the
 * exchange it belongs to, without outranking memories that carry those words
 * themselves (docs/decisions/0012, 0022).
 */
export class EvidenceContext {
  private readonly lines: string[];
  /** Speaker of each line; undefined for unlabelled lines (they continue the line before). */
  private readonly speakers: (string | undefined)[];
  private readonly labelled: boolean;
  private readonly positions = new Map<string, number[]>();

  /** `documentText` is the document as ingested; lines are compared trimmed. */
  constructor(documentText: string) {
    const lines = documentText.split('\n').map((line) => line.trim());
    // A Slack, Discord or iMessage export names the sender on a header line above
    // the messages: speakers come from the headers, and headers are no context.
    const exported = exportLineSpeakers(lines);
    this.lines =
      exported === undefined
        ? lines
        : lines.map((line, index) => (exported[index] === undefined ? '' : line));
    const matchLabel = learnSpeakerLabels(this.lines);
    let current: string | undefined;
    this.speakers =
      exported ??
      this.lines.map((line) => {
        if (line === '') return current;
        current = matchLabel(line)?.speaker ?? current;
        return current;
      });
    this.labelled = this.speakers.some((speaker) => speaker !== undefined);
    this.lines.forEach((line, index) => {
      if (line === '') return;
      const seen = this.positions.get(line);
      if (seen) seen.push(index);
      else this.positions.set(line, [index]);
    });
  }

  /**
   * Context lines of the evidence, in document order, without the evidence
   * lines themselves and without repeats: by speaker in a chat (see the class),
   * else the non-empty lines within `window` lines. Empty when no evidence
   * line is a line of the document (an LLM paraphrase).
   */
  around(evidence: readonly string[], window = 1): string[] {
    const own = new Set(evidence.map((line) => line.trim()));
    const picked = new Set<number>();
    for (const line of own) {
      for (const position of this.positions.get(line) ?? []) {
        const near = this.labelled ? this.bySpeaker(position, window) : this.byPosition(position, window);
        for (const index of near) {
          const neighbour = this.lines[index];
          if (neighbour !== undefined && neighbour !== '' && !own.has(neighbour)) picked.add(index);
        }
      }
    }
    return [...new Set([...picked].sort((a, b) => a - b).map((index) => this.lines[index] as string))];
  }

  private byPosition(position: number, window: number): number[] {
    const near: number[] = [];
    for (let offset = -window; offset <= window; offset += 1) if (offset !== 0) near.push(position + offset);
    return near;
  }

  /**
   * On each side: up to `window` of the speaker's own messages in the same run,
   * and the nearest `window` messages of the partner (past the rest of the
   * run). Alternating turns give exactly ±`window` lines.
   */
  private bySpeaker(position: number, window: number): number[] {
    const speaker = this.speakers[position];
    const near: number[] = [];
    const walk = (step: -1 | 1) => {
      let ownTaken = 0;
      let partnerTaken = 0;
      let scanned = 0;
      for (let index = position + step; index >= 0 && index < this.lines.length; index += step) {
        if (this.lines[index] === '') continue;
        scanned += 1;
        if (scanned > SCAN_LIMIT) break;
        if (this.speakers[index] === speaker) {
          // Past the partner's message, the speaker's next run is another exchange.
          if (partnerTaken > 0) break;
          if (ownTaken < window) near.push(index);
          ownTaken += 1;
          continue;
        }
        partnerTaken += 1;
        near.push(index);
        if (partnerTaken >= window) break;
      }
    };
    walk(-1);
    walk(1);
    return near;
  }
}
