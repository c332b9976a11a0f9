import type {
  ApiKeyRecord,
  AuthContext,
  BootstrapTokenRecord,
  Client,
  Instance,
  TenancyStore,
  UserRelationship,
} from '@engram/core';
import type { SqliteHandle } from './sqlite-database.js';
import { storageError } from './storage-error.js';

interface InstanceRow {
  instance_id: string;
  client_id: string;
  name: string;
  relationship: UserRelationship;
  created_at: string;
}

interface ApiKeyRow {
  key_id: string;
  instance_id: string;
  prefix: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

function toInstance(row: InstanceRow): Instance {
  return {
    instanceId: row.instance_id,
    clientId: row.client_id,
    name: row.name,
    relationship: row.relationship,
    createdAt: row.created_at,
  };
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    keyId: row.key_id,
    instanceId: row.instance_id,
    prefix: row.prefix,
    hash: row.key_hash,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** {@link TenancyStore} on SQLite. Statements are prepared once. */
export class SqliteTenancyStore implements TenancyStore {
  private readonly statements;
  private readonly redeemTransaction;

  constructor(database: SqliteHandle) {
    this.statements = {
      insertClient: database.prepare('INSERT INTO clients (client_id, name, created_at) VALUES (?, ?, ?)'),
      insertInstance: database.prepare(
        'INSERT INTO instances (instance_id, client_id, name, relationship, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      getInstance: database.prepare('SELECT * FROM instances WHERE instance_id = ?'),
      listInstances: database.prepare('SELECT * FROM instances ORDER BY created_at, instance_id'),
      insertKey: database.prepare(
        'INSERT INTO api_keys (key_id, instance_id, prefix, key_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      authenticate: database.prepare(`
        SELECT k.key_id, k.prefix, i.instance_id, i.client_id, i.relationship
        FROM api_keys k JOIN instances i ON i.instance_id = k.instance_id
        WHERE k.key_hash = ? AND k.revoked_at IS NULL`),
      revoke: database.prepare(
        'UPDATE api_keys SET revoked_at = ? WHERE revoked_at IS NULL AND substr(prefix, 1, length(?)) = ?',
      ),
      listKeys: database.prepare('SELECT * FROM api_keys WHERE instance_id = ? ORDER BY created_at DESC'),
      insertBootstrapToken: database.prepare(
        'INSERT INTO bootstrap_tokens (token_hash, instance_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      // The guard is in the UPDATE itself, so a used or expired token changes no row.
      claimBootstrapToken: database.prepare(`
        UPDATE bootstrap_tokens SET used_at = ?, key_id = ?
        WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
          AND (? IS NULL OR instance_id = ?)
        RETURNING instance_id`),
    };
    this.redeemTransaction = database.transaction(
      (
        tokenHash: string,
        instanceId: string | undefined,
        key: Omit<ApiKeyRecord, 'instanceId' | 'revokedAt'>,
      ): { instanceId: string; clientId: string } | undefined => {
        const expected = instanceId ?? null;
        const claimed = this.statements.claimBootstrapToken.get(
          key.createdAt,
          key.keyId,
          tokenHash,
          key.createdAt,
          expected,
          expected,
        ) as { instance_id: string } | undefined;
        if (!claimed) return undefined;
        const instance = this.statements.getInstance.get(claimed.instance_id) as InstanceRow;
        this.statements.insertKey.run(
          key.keyId,
          claimed.instance_id,
          key.prefix,
          key.hash,
          key.createdAt,
          null,
        );
        return { instanceId: instance.instance_id, clientId: instance.client_id };
      },
    );
  }

  async createClient(client: Client): Promise<void> {
    try {
      this.statements.insertClient.run(client.clientId, client.name, client.createdAt);
    } catch (error) {
      throw storageError(error, 'a client with this id already exists');
    }
  }

  async createInstance(instance: Instance): Promise<void> {
    try {
      this.statements.insertInstance.run(
        instance.instanceId,
        instance.clientId,
        instance.name,
        instance.relationship,
        instance.createdAt,
      );
    } catch (error) {
      throw storageError(error, 'an instance with this id already exists');
    }
  }

  async getInstance(instanceId: string): Promise<Instance | undefined> {
    const row = this.statements.getInstance.get(instanceId) as InstanceRow | undefined;
    return row ? toInstance(row) : undefined;
  }

  async listInstances(): Promise<Instance[]> {
    return (this.statements.listInstances.all() as InstanceRow[]).map(toInstance);
  }

  async insertApiKey(record: ApiKeyRecord): Promise<void> {
    this.statements.insertKey.run(
      record.keyId,
      record.instanceId,
      record.prefix,
      record.hash,
      record.createdAt,
      record.revokedAt,
    );
  }

  async authenticate(keyHash: string): Promise<AuthContext | undefined> {
    const row = this.statements.authenticate.get(keyHash) as
      | {
          key_id: string;
          prefix: string;
          instance_id: string;
          client_id: string;
          relationship: UserRelationship;
        }
      | undefined;
    if (!row) return undefined;
    return {
      keyId: row.key_id,
      keyPrefix: row.prefix,
      instanceId: row.instance_id,
      clientId: row.client_id,
      relationship: row.relationship,
    };
  }

  async revokeApiKeys(prefix: string, revokedAt: string): Promise<number> {
    return this.statements.revoke.run(revokedAt, prefix, prefix).changes;
  }

  async listApiKeys(instanceId: string): Promise<ApiKeyRecord[]> {
    return (this.statements.listKeys.all(instanceId) as ApiKeyRow[]).map(toApiKey);
  }

  async insertBootstrapToken(record: BootstrapTokenRecord): Promise<void> {
    this.statements.insertBootstrapToken.run(
      record.hash,
      record.instanceId,
      record.createdAt,
      record.expiresAt,
    );
  }

  async redeemBootstrapToken(
    tokenHash: string,
    instanceId: string | undefined,
    key: Omit<ApiKeyRecord, 'instanceId' | 'revokedAt'>,
  ): Promise<{ instanceId: string; clientId: string } | undefined> {
    return this.redeemTransaction.immediate(tokenHash, instanceId, key);
  }
}
