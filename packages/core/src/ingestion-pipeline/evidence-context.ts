/**
 * The lines around a memory's evidence in its source document: the turn
 * before and the turn after in a chat, the neighbouring lines of prose.
 *
 * Why: a memory drawn from one line often cannot stand alone ("Caroline: Yes,
 * it was amazing!" answers a question the line before asked). Indexed in a
 * lower-weighted field of its own, the neighbours let such a memory be found
 * by the words of the exchange it belongs to, without outranking memories
 * that carry those words themselves (docs/decisions/0012).
 */
export class EvidenceContext {
  private readonly lines: string[];
  private readonly positions = new Map<string, number[]>();

  /** `documentText` is the document as ingested; lines are compared trimmed. */
  constructor(documentText: string) {
    this.lines = documentText.split('\n').map((line) => line.trim());
    this.lines.forEach((line, index) => {
      if (line === '') return;
      const seen = this.positions.get(line);
      if (seen) seen.push(index);
      else this.positions.set(line, [index]);
    });
  }

  /**
   * Non-empty lines within `window` lines of any evidence line, in document
   * order, without the evidence lines themselves and without repeats. Empty
   * when no evidence line is a line of the document (an LLM paraphrase).
   */
  around(evidence: readonly string[], window = 1): string[] {
    const own = new Set(evidence.map((line) => line.trim()));
    const picked = new Set<number>();
    for (const line of own) {
      for (const position of this.positions.get(line) ?? []) {
        for (let offset = -window; offset <= window; offset += 1) {
          const neighbour = this.lines[position + offset];
          if (offset !== 0 && neighbour !== undefined && neighbour !== '' && !own.has(neighbour)) {
            picked.add(position + offset);
          }
        }
      }
    }
    return [...new Set([...picked].sort((a, b) => a - b).map((index) => this.lines[index] as string))];
  }
}
