/**
 * How far background extraction has read each conversation's recorded
 * turns: the highest turn sequence already handed to ingestion. A separate
 * port from {@link ConversationStore} so the record path never touches it.
 */
export interface ConversationExtractionStore {
  /** The last extracted sequence; 0 when nothing of the conversation was extracted. */
  extractedThrough(instanceId: string, conversationId: string): Promise<number>;
  /**
   * Moves the cursor from `from` to `to` atomically, only if it still stands
   * at `from` (compare-and-set), so two writers never both claim the same
   * turns. Returns false, changing nothing, when it had moved.
   */
  advance(instanceId: string, conversationId: string, from: number, to: number, at: string): Promise<boolean>;
}
