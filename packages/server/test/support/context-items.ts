import { MEMORY_LIST_KEYS } from '@engram/protocol';
import type { ContextResponse } from '@engram/sdk';

/** Every item of a fetch response's five typed top-level lists, list by list. */
export function allItems(response: ContextResponse) {
  return MEMORY_LIST_KEYS.flatMap((key) => response[key]);
}
