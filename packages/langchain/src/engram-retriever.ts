import type { EngramClient, MemoryItem } from '@engram/sdk';
import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';

/** Settings of {@link EngramRetriever}: whose memories it searches, and how. */
export interface EngramRetrieverInput extends BaseRetrieverInput {
  client: EngramClient;
  /** User scope. */
  userId?: string;
  /** Customer scope (passed to the user fetch too; required with a user on B2B). */
  customerId?: string;
  /** Conversation scope (a UUID). */
  conversationId?: string;
  /** Memories per scope (default 10). */
  maxResults?: number;
  /** `fast` (default; no LLM) or `accurate`. */
  mode?: 'fast' | 'accurate';
}

/** Metadata of each document the retriever returns. */
export interface EngramDocumentMetadata extends Record<string, unknown> {
  id: string;
  memory_type: string;
  scope: MemoryItem['scope'];
  relevance_score: number;
  confidence: number;
  event_date?: string;
}

/**
 * A LangChain retriever over Engram's context fetch: one unified fetch (every
 * scope the ids name, narrower first) for the query; each memory becomes a
 * Document whose `pageContent` is the memory's text. Documents come in the
 * server's order within each type (facts, preferences, episodes, emotions,
 * temporal events). Failures reject with the SDK's typed errors.
 */
export class EngramRetriever extends BaseRetriever<EngramDocumentMetadata> {
  static override lc_name(): string {
    return 'EngramRetriever';
  }

  lc_namespace = ['engram', 'retrievers'];

  private readonly settings: EngramRetrieverInput;

  constructor(input: EngramRetrieverInput) {
    super(input);
    this.settings = input;
  }

  override async _getRelevantDocuments(
    query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<EngramDocumentMetadata>[]> {
    const { client, userId, customerId, conversationId } = this.settings;
    const context = await client.fetch({
      ...(userId ? { user_id: userId } : {}),
      ...(customerId ? { customer_id: customerId } : {}),
      ...(conversationId ? { conversation_id: conversationId } : {}),
      search_query: [query],
      max_results: this.settings.maxResults ?? 10,
      mode: this.settings.mode ?? 'fast',
      include_conversation_context: false,
    });
    const items = [
      ...context.facts,
      ...context.preferences,
      ...context.episodes,
      ...context.emotions,
      ...context.temporal_events,
    ];
    return items.map(
      (item) =>
        new Document<EngramDocumentMetadata>({
          pageContent: item.content,
          id: item.id,
          metadata: {
            id: item.id,
            memory_type: item.memory_type,
            scope: item.scope,
            relevance_score: item.relevance_score,
            confidence: item.confidence,
            ...(item.event_date ? { event_date: item.event_date } : {}),
          },
        }),
    );
  }
}
