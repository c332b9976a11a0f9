import type { StoredMessage } from '../domain/conversation.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionStore } from '../ports/compaction-store.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { Logger } from '../ports/logger.js';
import { countTokens } from './algorithm/token-count.js';
import type { CompactionQueue } from './compaction-queue.js';
import type { CompactionService } from './compaction-service.js';
import type { CompactionSettings } from './compaction-settings.js';

/** Dependencies of {@link ThresholdCompaction}. */
export interface ThresholdCompactionDependencies {
  conversations: ConversationStore;
  compactions: CompactionStore;
  queue: CompactionQueue;
  service: CompactionService;
  settings: CompactionSettings;
  clock: Clock;
  logger: Logger;
}

// The characters/4 estimate is within ±25% of BPE counts on chat text; outside that band it decides alone.
const ESTIMATE_LOW = 0.75;
const ESTIMATE_HIGH = 1.25;
const CHARACTERS_PER_TOKEN = 4;
const PAGE_SIZE = 500;
/** How long an instance's threshold is reused before it is read again (`engram instance configure` lag). */
const SETTINGS_TTL_MS = 10_000;
/**
 * How long a conversation's in-memory estimate is trusted. Turns recorded by
 * another process are invisible to it, so it is refreshed from the store at
 * least this often while turns keep arriving.
 */
const ESTIMATE_TTL_MS = 60_000;
/** Conversations whose estimate is kept; the least recently written is dropped beyond it. */
const MAX_TRACKED_CONVERSATIONS = 10_000;

interface Estimate {
  /** Characters after the latest compaction's cutoff, as of `refreshedAt` plus turns noted since. */
  characters: number;
  refreshedAt: number;
}

/**
 * Threshold compaction: after turns are recorded, a conversation whose
 * uncompacted history passes the instance's token budget is queued for
 * compaction. The request path only adds the new turns' characters to an
 * in-memory estimate; the store is read (after the response, via
 * setImmediate, at most one check per conversation at a time) when the
 * estimate nears the budget, when the conversation is first seen, or when its
 * estimate is over a minute old. That check skips conversations with a
 * pending job, estimates characters/4 while reading at most ~1.25× the
 * budget, and counts BPE tokens exactly only when the estimate is close.
 * Failures are logged, never surfaced to the recording request.
 */
export class ThresholdCompaction {
  private readonly budgets = new Map<string, { tokens: number; readAt: number }>();
  private readonly estimates = new Map<string, Estimate>();
  private readonly checking = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly dependencies: ThresholdCompactionDependencies) {}

  /** Drops the instance's remembered threshold (another process changed its settings); every instance without an id. */
  forgetSettings(instanceId?: string): void {
    if (instanceId === undefined) this.budgets.clear();
    else this.budgets.delete(instanceId);
  }

  /** Accounts for turns just recorded and schedules a store check where needed; returns at once. */
  noteRecorded(instanceId: string, messages: readonly StoredMessage[]): void {
    const added = new Map<string, number>();
    for (const message of messages) {
      added.set(message.conversationId, (added.get(message.conversationId) ?? 0) + message.content.length);
    }
    const budget = this.budgets.get(instanceId);
    const now = this.dependencies.clock.now().getTime();
    for (const [conversationId, characters] of added) {
      const key = `${instanceId}\u0000${conversationId}`;
      const estimate = this.estimates.get(key);
      if (estimate !== undefined) {
        estimate.characters += characters;
        // Re-inserting keeps the map in least-recently-written order for eviction.
        this.estimates.delete(key);
        this.estimates.set(key, estimate);
        const fresh = budget !== undefined && now - budget.readAt < SETTINGS_TTL_MS;
        if (fresh && budget.tokens <= 0) continue;
        const trusted = fresh && now - estimate.refreshedAt < ESTIMATE_TTL_MS;
        if (trusted && estimate.characters / CHARACTERS_PER_TOKEN < budget.tokens * ESTIMATE_LOW) continue;
      }
      this.schedule(key, instanceId, conversationId);
    }
  }

  private schedule(key: string, instanceId: string, conversationId: string): void {
    if (this.checking.has(key)) {
      // A check is running; look again when it ends so turns recorded meanwhile count.
      this.again.add(key);
      return;
    }
    this.checking.add(key);
    setImmediate(() => void this.run(key, instanceId, conversationId));
  }

  private async run(key: string, instanceId: string, conversationId: string): Promise<void> {
    try {
      do {
        this.again.delete(key);
        await this.check(key, instanceId, conversationId);
      } while (this.again.has(key));
    } catch (error) {
      this.estimates.delete(key);
      this.dependencies.logger.warn('compaction-threshold-check-failed', {
        instance_id: instanceId,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.checking.delete(key);
      this.again.delete(key);
    }
  }

  private async thresholdTokens(instanceId: string, now: number): Promise<number> {
    const cached = this.budgets.get(instanceId);
    if (cached !== undefined && now - cached.readAt < SETTINGS_TTL_MS) return cached.tokens;
    const tokens = await this.dependencies.settings.thresholdTokens(instanceId);
    this.budgets.set(instanceId, { tokens, readAt: now });
    return tokens;
  }

  private remember(key: string, characters: number, now: number): void {
    this.estimates.delete(key);
    this.estimates.set(key, { characters, refreshedAt: now });
    if (this.estimates.size > MAX_TRACKED_CONVERSATIONS) {
      const oldest = this.estimates.keys().next().value;
      if (oldest !== undefined) this.estimates.delete(oldest);
    }
  }

  /** Reads the uncompacted history from the store and queues a compaction past the budget. */
  private async check(key: string, instanceId: string, conversationId: string): Promise<void> {
    const { conversations, compactions, queue, service, clock } = this.dependencies;
    const now = clock.now().getTime();
    const budget = await this.thresholdTokens(instanceId, now);
    if (budget <= 0) {
      this.remember(key, 0, now);
      return;
    }
    if ((await queue.pendingJob(instanceId, conversationId)) !== undefined) {
      // The pending job will cover what is there now; count only what arrives after it.
      this.remember(key, 0, now);
      return;
    }
    const latest = await compactions.latestCompaction(instanceId, conversationId);
    const texts: string[] = [];
    let characters = 0;
    let cursor = latest?.result.cutoffSequence ?? 0;
    const stopAt = budget * ESTIMATE_HIGH * CHARACTERS_PER_TOKEN;
    while (characters <= stopAt) {
      const page = await conversations.listMessagesAfter(instanceId, conversationId, cursor, PAGE_SIZE);
      for (const message of page) {
        texts.push(message.content);
        characters += message.content.length;
      }
      const last = page.at(-1);
      if (page.length < PAGE_SIZE || last === undefined) break;
      cursor = last.sequence;
    }
    this.remember(key, characters, now);
    const estimate = characters / CHARACTERS_PER_TOKEN;
    if (estimate < budget * ESTIMATE_LOW) return;
    if (estimate <= budget * ESTIMATE_HIGH) {
      let tokens = 0;
      for (const text of texts) tokens += countTokens(text);
      if (tokens < budget) return;
    }
    if (await service.requestCompaction({ instanceId }, conversationId, 'threshold'))
      this.remember(key, 0, now);
  }
}
