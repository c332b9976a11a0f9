import type { ContextResponse, MemoryItem } from '@engram/sdk';

/** The list keys of a context response and the singular each line is labelled with. */
const LABELS = [
  ['facts', 'fact'],
  ['preferences', 'preference'],
  ['episodes', 'episode'],
  ['emotions', 'emotion'],
  ['temporal_events', 'temporal_event'],
] as const;

/**
 * A context response as Synap's MCP server renders it: one `- (type) content`
 * line per memory, with the memory's id so `delete_memory` can name it.
 * Empty when there are no memories.
 */
export function formatMemoryLines(context: ContextResponse): string[] {
  const lines: string[] = [];
  for (const [key, label] of LABELS) {
    const items = (context[key] ?? []) as MemoryItem[];
    for (const item of items) lines.push(`- (${label}) ${item.content} [id: ${item.id}]`);
  }
  return lines;
}
