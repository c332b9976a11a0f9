/**
 * Per-instance overrides of server settings, stored with the instance.
 * Absent keys mean "use the server's configured default".
 */
export interface InstanceSettings {
  /** Uncompacted history, in BPE tokens, past which a conversation is compacted; 0 disables. */
  compactionThresholdTokens?: number;
  /** Requests per second the instance's bucket refills with (all its keys together); 0 removes the limit. */
  rateLimitPerSecond?: number;
  /** Most requests the instance's bucket holds (its burst). */
  rateLimitBurst?: number;
}

/** Storage of {@link InstanceSettings}. */
export interface InstanceSettingsStore {
  /** The instance's settings ({} when none were set), or undefined for an unknown instance. */
  getSettings(instanceId: string): Promise<InstanceSettings | undefined>;
  /**
   * Merges `changes` into the stored settings atomically (a key set to
   * undefined is removed) and returns the result, or undefined for an
   * unknown instance. Idempotent.
   */
  updateSettings(
    instanceId: string,
    changes: { [Key in keyof InstanceSettings]: InstanceSettings[Key] | undefined },
  ): Promise<InstanceSettings | undefined>;
}
