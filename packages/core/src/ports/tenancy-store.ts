import type { ApiKeyRecord, AuthContext, BootstrapTokenRecord, Client, Instance } from '../domain/tenancy.js';

/** Storage of clients, instances and API keys. */
export interface TenancyStore {
  /** Inserts a client; fails with CONFLICT if the id exists. */
  createClient(client: Client): Promise<void>;
  /** Inserts an instance under an existing client. */
  createInstance(instance: Instance): Promise<void>;
  /** The instance with this id, or undefined. */
  getInstance(instanceId: string): Promise<Instance | undefined>;
  /** Every instance, oldest first. */
  listInstances(): Promise<Instance[]>;
  /** Inserts a key record (hash and prefix only). */
  insertApiKey(record: ApiKeyRecord): Promise<void>;
  /**
   * Resolves a key hash to its caller, or undefined when the hash is unknown
   * or the key is revoked. Hot path: one indexed lookup.
   */
  authenticate(keyHash: string): Promise<AuthContext | undefined>;
  /** Revokes every live key whose prefix starts with `prefix`; returns how many. Idempotent. */
  revokeApiKeys(prefix: string, revokedAt: string): Promise<number>;
  /** Keys of an instance, newest first, revoked ones included. */
  listApiKeys(instanceId: string): Promise<ApiKeyRecord[]>;
  /** Inserts a bootstrap token record (hash only). */
  insertBootstrapToken(record: BootstrapTokenRecord): Promise<void>;
  /**
   * Exchanges a bootstrap token for `key`, atomically: when a token with
   * this hash exists, is unused, has not expired at `key.createdAt`, and
   * belongs to `instanceId` (when given), it is marked used and `key` is
   * inserted for its instance, in one transaction. Returns the instance and
   * its client; undefined, writing nothing, otherwise. So of any number of
   * concurrent exchanges of one token, exactly one succeeds.
   */
  redeemBootstrapToken(
    tokenHash: string,
    instanceId: string | undefined,
    key: Omit<ApiKeyRecord, 'instanceId' | 'revokedAt'>,
  ): Promise<{ instanceId: string; clientId: string } | undefined>;
}
