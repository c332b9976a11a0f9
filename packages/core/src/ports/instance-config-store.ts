import type { ConfigChange } from '../instance-config/config-diff.js';

/** One stored version of an instance's configuration document. */
export interface InstanceConfigVersion {
  instanceId: string;
  /** 1, 2, 3… per instance; version 0 is the implicit default and is never stored. */
  version: number;
  /** The complete validated document (snake_case, as on the wire). */
  document: Record<string, unknown>;
  /** Who made the change (operator-supplied label). */
  author: string;
  createdAt: string;
  /** What changed against the previous version. */
  diff: ConfigChange[];
  /** Set when this version restored an earlier one. */
  rolledBackTo?: number;
}

/** Append-only storage of configuration versions. */
export interface InstanceConfigStore {
  /** The newest version, or undefined when none was ever stored. */
  latest(instanceId: string): Promise<InstanceConfigVersion | undefined>;
  /** One version, or undefined. */
  get(instanceId: string, version: number): Promise<InstanceConfigVersion | undefined>;
  /** Every version, newest first. */
  history(instanceId: string): Promise<InstanceConfigVersion[]>;
  /**
   * Stores `next` as version `expectedPrevious + 1` atomically. Returns the
   * stored version, or undefined when another writer got there first (the
   * caller re-reads and retries), so two concurrent changes never share a number.
   */
  append(
    expectedPrevious: number,
    next: Omit<InstanceConfigVersion, 'version'>,
  ): Promise<InstanceConfigVersion | undefined>;
}
