import type { MemoryType } from '../domain/memory.js';
import type { MemoryChangedListener } from '../memories/memory-service.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { MemoryAdminStore } from '../ports/memory-admin-store.js';
import type { MemoryStore } from '../ports/memory-store.js';
import type { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import type { InstanceConfigService } from './instance-config-service.js';

const DAY_MS = 86_400_000;
/** Deletions per instance and rule per sweep, so one sweep never holds the writer for long. */
const BATCH = 500;

/** Dependencies of {@link RetentionSweeper}. */
export interface RetentionSweeperDependencies {
  instanceIds: () => Promise<string[]>;
  configs: InstanceConfigService;
  admin: MemoryAdminStore;
  memories: MemoryStore;
  outbox?: WebhookOutbox;
  onChanged?: MemoryChangedListener;
  clock: Clock;
  logger: Logger;
  /** Between sweeps; 0 never sweeps on its own (`sweepOnce` still works). */
  intervalMs: number;
}

/**
 * Enforces each instance's retention settings: deletes memories past their
 * type's TTL and each user scope's oldest memories beyond the per-user limit,
 * cascading to every index and publishing `memory.deleted`. Fetches already
 * hide expired memories, so a sweep's timing changes storage, not answers.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(private readonly dependencies: RetentionSweeperDependencies) {}

  /** Starts periodic sweeps. Idempotent. */
  start(): void {
    if (this.timer || this.dependencies.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      void this.sweepOnce().catch((error) =>
        this.dependencies.logger.error('retention-sweep-failed', { error: String(error) }),
      );
    }, this.dependencies.intervalMs);
    this.timer.unref();
  }

  /** Stops and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  /** One pass over every instance; resolves with the number of memories deleted. Sweeps never overlap. */
  sweepOnce(): Promise<number> {
    this.sweeping ??= this.sweep().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    const { configs, admin, clock } = this.dependencies;
    let deleted = 0;
    for (const instanceId of await this.dependencies.instanceIds()) {
      const { document } = await configs.active(instanceId);
      const now = clock.now().getTime();
      const doomed: string[] = [];
      for (const [type, days] of Object.entries(document.retention.ttl_days)) {
        if (days === undefined) continue;
        const before = new Date(now - days * DAY_MS).toISOString();
        doomed.push(...(await admin.expiredMemoryIds(instanceId, type as MemoryType, before, BATCH)));
      }
      if (document.retention.max_memories_per_user !== null) {
        doomed.push(
          ...(await admin.overflowMemoryIds(
            instanceId,
            document.retention.max_memories_per_user,
            BATCH,
            document.retention.overflow_policy,
          )),
        );
      }
      deleted += await this.delete(instanceId, [...new Set(doomed)]);
    }
    return deleted;
  }

  private async delete(instanceId: string, memoryIds: string[]): Promise<number> {
    let deleted = 0;
    for (const memoryId of memoryIds) {
      const memory = await this.dependencies.memories.getMemory(instanceId, memoryId);
      if (!memory) continue;
      // The event is written in the deletion's transaction: a crash loses neither.
      const events =
        this.dependencies.outbox?.prepare([
          {
            instanceId,
            type: 'memory.deleted' as const,
            data: { memory_id: memoryId, memory_type: memory.type, reason: 'retention' },
          },
        ]) ?? [];
      if (!(await this.dependencies.memories.deleteMemory(instanceId, memoryId, events))) continue;
      deleted += 1;
      this.dependencies.onChanged?.(instanceId, memory.owner.scopeKey);
    }
    if (deleted > 0) this.dependencies.outbox?.notify();
    return deleted;
  }
}
