import type { MergeStrategy } from '@engram/protocol';
import { normalizedContent } from '../text/text-normalization.js';

/** PATCH merge strategies (E20). */
export type { MergeStrategy };

function sentences(text: string): string[] {
  return (text.match(/[^.!?\n]+[.!?]*/g) ?? []).map((sentence) => sentence.trim()).filter((s) => s !== '');
}

/**
 * New content for a memory. `replace` takes the update; `append` adds it
 * after the old text; `smart-merge` keeps each distinct sentence once: the
 * old ones the update does not repeat, then the update's, in order.
 */
export function mergeContent(current: string, update: string, strategy: MergeStrategy): string {
  if (strategy === 'replace') return update.trim();
  if (strategy === 'append') return `${current.trim()} ${update.trim()}`.trim();
  const seen = new Set<string>();
  const merged: string[] = [];
  const updateKeys = new Set(sentences(update).map(normalizedContent));
  for (const sentence of [
    ...sentences(current).filter((s) => !updateKeys.has(normalizedContent(s))),
    ...sentences(update),
  ]) {
    const key = normalizedContent(sentence);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    merged.push(sentence);
  }
  return merged.join(' ');
}
