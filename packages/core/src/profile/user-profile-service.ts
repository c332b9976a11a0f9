import { scopeKeyOf } from '../domain/scope-key.js';
import type { StoredMemory } from '../domain/stored-memory.js';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import type { CompactionStore } from '../ports/compaction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { MemoryStore } from '../ports/memory-store.js';
import { requireCustomerForB2bUser, resolvePeople } from '../tenancy/scope-resolution.js';

/** Memories read to build a profile: the newest ones carry the current picture. */
const PROFILE_MEMORY_WINDOW = 500;
/** Facts quoted in the overview. */
const OVERVIEW_FACTS = 5;

/** One profile attribute (E14). */
export interface ProfileAttribute {
  value: string;
  confidence: number;
  updated_at: string;
  source_conversation_id: string | null;
}

/** The caller profile document (E14 `profile`). */
export interface UserProfile {
  attributes: Record<string, ProfileAttribute>;
  overview: string;
  extras: { preferences: { category: string; content: string; strength: number }[] };
  _meta: { memory_count: number; generated_at: string };
}

/** One conversation in `conversation-summary` mode. */
export interface ConversationSummary {
  conversation_id: string;
  external_conversation_id: string;
  conversation_type: string | null;
  started_at: string;
  ended_at: string;
  last_message_at: string;
  message_count: number;
  summary_status: 'available' | 'pending';
  summary: { narrative_summary: string; overview: string } | null;
  classification: { primary_category: string | null; subcategory: string | null; objective: string | null };
  analysis: Record<string, unknown>;
  compaction_version: number | null;
  compacted_at: string | null;
}

const isCurrent = (memory: StoredMemory, now: string) =>
  memory.supersededBy === undefined && (memory.validUntil === undefined || memory.validUntil > now);

/**
 * A user's profile and conversation summaries, derived from what Engram
 * already holds: attributes from current subject/attribute/value memories
 * (newest wins), preferences, and the most confident facts as an overview.
 */
export class UserProfileService {
  constructor(
    private readonly dependencies: {
      memories: MemoryStore;
      conversations: ConversationStore;
      compactions: CompactionStore;
      now: () => Date;
    },
  ) {}

  /** The profile, or undefined when the user has no memories yet. BAD_REQUEST on B2B without customer. */
  async profileOf(
    auth: AuthContext,
    userId: string,
    customerId: string | undefined,
  ): Promise<UserProfile | undefined> {
    const people = resolvePeople(auth, { userId, customerId });
    requireCustomerForB2bUser(auth, people, 'a profile read');
    const scopeKey = scopeKeyOf(auth.instanceId, 'user', { customerId: people.customerId, userId });
    const memories = await this.dependencies.memories.listRecent([scopeKey], PROFILE_MEMORY_WINDOW);
    if (memories.length === 0) return undefined;
    const now = this.dependencies.now().toISOString();
    const current = memories.filter((memory) => isCurrent(memory, now));
    const attributes: Record<string, ProfileAttribute> = {};
    // listRecent is newest first, so the first value seen per attribute is the current one.
    for (const memory of current) {
      if (memory.attribute === undefined || memory.value === undefined || attributes[memory.attribute])
        continue;
      attributes[memory.attribute] = {
        value: memory.value,
        confidence: memory.confidence,
        updated_at: memory.eventDate ?? memory.extractedAt,
        source_conversation_id:
          typeof memory.metadata.conversation_id === 'string' ? memory.metadata.conversation_id : null,
      };
    }
    const overview = current
      .filter((memory) => memory.type === 'fact')
      .sort((left, right) => right.confidence * right.mentionCount - left.confidence * left.mentionCount)
      .slice(0, OVERVIEW_FACTS)
      .map((memory) => memory.content)
      .join(' ');
    const preferences = current
      .filter((memory) => memory.type === 'preference')
      .slice(0, 20)
      .map((memory) => ({
        category: memory.details.category ?? 'general',
        content: memory.content,
        strength: memory.details.strength ?? memory.confidence,
      }));
    return {
      attributes,
      overview,
      extras: { preferences },
      _meta: { memory_count: memories.length, generated_at: now },
    };
  }

  /** The user's last `limit` conversations with their latest compaction summaries, newest first. */
  async conversationSummaries(
    auth: AuthContext,
    userId: string,
    limit: number,
  ): Promise<ConversationSummary[]> {
    if (limit === 0) return [];
    const conversations = await this.dependencies.conversations.listConversationsOfUser(
      auth.instanceId,
      userId,
      limit,
    );
    return Promise.all(
      conversations.map(async (conversation) => {
        const compaction = await this.dependencies.compactions.latestCompaction(
          auth.instanceId,
          conversation.conversationId,
        );
        return {
          conversation_id: conversation.conversationId,
          external_conversation_id: conversation.conversationId,
          conversation_type: null,
          started_at: conversation.createdAt,
          ended_at: conversation.lastMessageAt,
          last_message_at: conversation.lastMessageAt,
          message_count: conversation.messageCount,
          summary_status: compaction ? 'available' : 'pending',
          summary: compaction
            ? { narrative_summary: compaction.result.summary, overview: compaction.result.summary }
            : null,
          classification: { primary_category: null, subcategory: null, objective: null },
          analysis: {},
          compaction_version: compaction?.version ?? null,
          compacted_at: compaction?.createdAt ?? null,
        } satisfies ConversationSummary;
      }),
    );
  }

  /** E14: the profile or NOT_FOUND. */
  async requireProfile(
    auth: AuthContext,
    userId: string,
    customerId: string | undefined,
  ): Promise<{ profile: UserProfile }> {
    const profile = await this.profileOf(auth, userId, customerId);
    if (!profile) throw new EngramError('NOT_FOUND', 'no profile yet: this user has no memories');
    return { profile };
  }
}
