import type { StoredMessage } from '../domain/conversation.js';
import type { InstanceConfigService } from '../instance-config/instance-config-service.js';
import type { Clock } from '../ports/clock.js';
import type { JobStore } from '../ports/job-store.js';
import type { Logger } from '../ports/logger.js';
import { queueExtraction } from './extraction-jobs.js';

/** What {@link RecordedMessageExtraction} needs. */
export interface RecordedMessageExtractionDependencies {
  jobs: JobStore;
  configs: Pick<InstanceConfigService, 'active'>;
  clock: Clock;
  logger: Logger;
  /** Wakes this process's workers after a job runnable now was queued. */
  wake: () => void;
}

/** Conversations whose trigger state is kept; the least recently written is dropped beyond it. */
const MAX_TRACKED_CONVERSATIONS = 10_000;

interface TriggerState {
  /** When the idle job queued by this process becomes due; a turn after it queues a new one. */
  idleJobAt: number;
  /** Turns noted since this process last queued a size job. */
  turns: number;
}

/**
 * The trigger of background extraction (instance configuration
 * `extraction.recorded_messages`). After turns are recorded it queues, off
 * the request path, a durable `extract-conversation` job due when the
 * conversation would have been idle for `idle_seconds`, at most one per
 * conversation per idle period (the job itself moves on when newer turns
 * arrived), and an immediate one once `max_pending_turns` turns arrived.
 *
 * Jobs live in the job store, so a restart loses no trigger; only the turn
 * count of the size trigger is in memory (after a restart the idle job
 * still covers those turns). Failures are logged, never surfaced to the
 * recording request.
 */
export class RecordedMessageExtraction {
  private readonly states = new Map<string, TriggerState>();

  constructor(private readonly dependencies: RecordedMessageExtractionDependencies) {}

  /** Notes turns just committed; returns at once. */
  noteRecorded(instanceId: string, messages: readonly StoredMessage[]): void {
    if (messages.length === 0) return;
    setImmediate(() => {
      this.schedule(instanceId, messages).catch((error: unknown) => {
        this.dependencies.logger.warn('recorded-extraction-schedule-failed', {
          instance_id: instanceId,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    });
  }

  private async schedule(instanceId: string, messages: readonly StoredMessage[]): Promise<void> {
    const { jobs, configs, clock, wake } = this.dependencies;
    const settings = (await configs.active(instanceId)).document.extraction.recorded_messages;
    if (!settings.enabled) return;
    const latest = new Map<string, { turns: number; sequence: number }>();
    for (const message of messages) {
      const seen = latest.get(message.conversationId) ?? { turns: 0, sequence: 0 };
      latest.set(message.conversationId, {
        turns: seen.turns + 1,
        sequence: Math.max(seen.sequence, message.sequence),
      });
    }
    const now = clock.now().getTime();
    for (const [conversationId, { turns, sequence }] of latest) {
      const key = `${instanceId}\u0000${conversationId}`;
      const state = this.states.get(key) ?? { idleJobAt: 0, turns: 0 };
      this.states.delete(key);
      this.states.set(key, state);
      if (this.states.size > MAX_TRACKED_CONVERSATIONS) {
        const oldest = this.states.keys().next().value;
        if (oldest !== undefined) this.states.delete(oldest);
      }
      if (state.idleJobAt <= now) {
        state.idleJobAt = now + settings.idle_seconds * 1000;
        await queueExtraction(jobs, {
          instanceId,
          conversationId,
          trigger: 'idle',
          mark: String(sequence),
          runAt: new Date(state.idleJobAt).toISOString(),
        });
      }
      state.turns += turns;
      if (state.turns >= settings.max_pending_turns) {
        state.turns = 0;
        await queueExtraction(jobs, {
          instanceId,
          conversationId,
          trigger: 'size',
          mark: String(sequence),
          runAt: new Date(now).toISOString(),
        });
        wake();
      }
    }
  }
}
