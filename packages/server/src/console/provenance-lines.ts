/** One line of a source document, marked when it is part of a memory's evidence. */
export interface ProvenanceLine {
  /** 1-based line number in the document. */
  number: number;
  text: string;
  evidence: boolean;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The document's lines with the memory's evidence marked. Evidence strings
 * are the source lines extraction kept, possibly re-spaced or cut to a
 * sentence, so a line is marked when, whitespace and case aside, it holds an
 * evidence string or an evidence string holds it (a multi-line quote).
 */
export function provenanceLines(document: string, evidence: readonly string[]): ProvenanceLine[] {
  const wanted = evidence.map(squash).filter((text) => text.length > 0);
  return document.split(/\r?\n/).map((text, index) => {
    const line = squash(text);
    const marked =
      line.length > 0 &&
      wanted.some((quote) => line.includes(quote) || (line.length > 8 && quote.includes(line)));
    return { number: index + 1, text, evidence: marked };
  });
}
