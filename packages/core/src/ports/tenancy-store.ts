import type { ApiKeyRecord, AuthContext, Client, Instance } from '../domain/tenancy.js';

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
}
