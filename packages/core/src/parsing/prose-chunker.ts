import { splitSentenceSpans } from '../text/sentence-splitter.js';

/** A run of sentences small enough to be one memory's source. */
export interface ProseChunk {
  /** The sentences, whitespace collapsed. */
  text: string;
  /** The same sentences as they appear in the document (line breaks collapsed to spaces). */
  sourceLine: string;
  /** The heading of the section the chunk sits under, if any. */
  section: string | undefined;
}

/** Limits of {@link chunkProse}. */
export interface ProseChunkOptions {
  /** Sentences per chunk at most (default 3). */
  maxSentences?: number;
  /** Characters per chunk at most, unless one sentence is longer (default 500). */
  maxChars?: number;
}

const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*$/;
const UNDERLINE = /^(?:=+|-+)$/;
const NUMBERED_HEADING = /^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+(\p{Lu}[^.!?:]{0,80})$/u;
const LIST_ITEM = /^(?:[-*•·◦]|\d{1,3}[.)]|[a-z][.)])\s+(.+)$/;

function looksLikeHeading(line: string, nextIsBlankOrEnd: boolean): string | undefined {
  const markdown = MARKDOWN_HEADING.exec(line);
  if (markdown !== null) return markdown[1];
  const numbered = NUMBERED_HEADING.exec(line);
  if (numbered !== null && nextIsBlankOrEnd) return line;
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (
    letters.length >= 3 &&
    line.length <= 80 &&
    letters === letters.toUpperCase() &&
    /\p{Lu}/u.test(letters)
  ) {
    return line;
  }
  // A short Title Case line standing alone, without closing punctuation. Sentence-case
  // lines stay content: "Meeting moved to Friday" is a fact, not a title.
  const words = line.split(/\s+/);
  const rest = words.slice(1).filter((word) => word.length > 3);
  const capitalised = rest.filter((word) => /^\p{Lu}/u.test(word)).length;
  const titleCase =
    /^\p{Lu}/u.test(line) && (rest.length === 0 ? words.length <= 3 : capitalised / rest.length >= 0.6);
  if (nextIsBlankOrEnd && titleCase && words.length <= 8 && line.length <= 60 && !/[.!?,;:)"”]$/.test(line)) {
    return line;
  }
  return undefined;
}

/**
 * Splits prose into chunks: blank lines and headings end paragraphs, list items
 * stand alone, and a long paragraph becomes groups of whole sentences. Headings
 * are returned as section titles, not as chunks. Never throws; blank text gives [].
 */
export function chunkProse(text: string, options: ProseChunkOptions = {}): ProseChunk[] {
  const maxSentences = options.maxSentences ?? 3;
  const maxChars = options.maxChars ?? 500;
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim());
  const chunks: ProseChunk[] = [];
  let section: string | undefined;
  let paragraph: string[] = [];

  const flush = (): void => {
    if (paragraph.length === 0) return;
    const joined = paragraph.join(' ').replace(/\s+/g, ' ');
    paragraph = [];
    let group: string[] = [];
    let length = 0;
    const emit = (): void => {
      if (group.length === 0) return;
      const sentences = group.join(' ');
      chunks.push({ text: sentences, sourceLine: sentences, section });
      group = [];
      length = 0;
    };
    for (const span of splitSentenceSpans(joined)) {
      if (group.length >= maxSentences || (group.length > 0 && length + span.text.length > maxChars)) emit();
      group.push(span.text);
      length += span.text.length + 1;
    }
    emit();
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line === '') {
      flush();
      continue;
    }
    const next = lines[index + 1] ?? '';
    if (UNDERLINE.test(next) && paragraph.length === 0 && line.length <= 80) {
      flush();
      section = line;
      index += 1;
      continue;
    }
    const heading =
      paragraph.length === 0 ? looksLikeHeading(line, next === '' || index + 1 >= lines.length) : undefined;
    const markdown = MARKDOWN_HEADING.exec(line);
    if (heading !== undefined || markdown !== null) {
      flush();
      section = heading ?? markdown?.[1];
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item !== null) {
      flush();
      paragraph.push(item[1] ?? line);
      flush();
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return chunks;
}
