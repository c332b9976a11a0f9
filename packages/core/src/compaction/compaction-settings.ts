import { EngramError } from '../errors/engram-error.js';
import type { InstanceSettingsStore } from '../ports/instance-settings-store.js';

/** Largest accepted per-instance threshold: far beyond any context window, so only typos are refused. */
export const MAX_COMPACTION_THRESHOLD_TOKENS = 10_000_000;

/**
 * Per-instance compaction settings over the server defaults: the threshold
 * an instance set with `engram instance configure`, else the configured one.
 */
export class CompactionSettings {
  constructor(
    private readonly store: InstanceSettingsStore,
    private readonly defaultThresholdTokens: number,
  ) {}

  /** The instance's threshold in BPE tokens (0 = threshold compaction off). One indexed read. */
  async thresholdTokens(instanceId: string): Promise<number> {
    const settings = await this.store.getSettings(instanceId);
    return settings?.compactionThresholdTokens ?? this.defaultThresholdTokens;
  }

  /**
   * Sets (a number, 0 disables) or clears (null: back to the server
   * default) an instance's threshold. Throws INVALID_INPUT for a negative,
   * fractional or absurd value and NOT_FOUND for an unknown instance.
   * Returns the effective threshold.
   */
  async setThresholdTokens(
    instanceId: string,
    tokens: number | null,
  ): Promise<{ thresholdTokens: number; overridden: boolean }> {
    if (
      tokens !== null &&
      (!Number.isInteger(tokens) || tokens < 0 || tokens > MAX_COMPACTION_THRESHOLD_TOKENS)
    ) {
      throw new EngramError(
        'INVALID_INPUT',
        `the compaction threshold must be an integer from 0 to ${MAX_COMPACTION_THRESHOLD_TOKENS} tokens`,
      );
    }
    const updated = await this.store.updateSettings(instanceId, {
      compactionThresholdTokens: tokens ?? undefined,
    });
    if (updated === undefined) throw new EngramError('NOT_FOUND', 'no such instance');
    return {
      thresholdTokens: updated.compactionThresholdTokens ?? this.defaultThresholdTokens,
      overridden: updated.compactionThresholdTokens !== undefined,
    };
  }
}
