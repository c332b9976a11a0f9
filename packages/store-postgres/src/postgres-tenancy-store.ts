import type {
  ApiKeyRecord,
  AuthContext,
  BootstrapTokenRecord,
  Client,
  Instance,
  TenancyStore,
  UserRelationship,
} from '@engram/core';
import type { PostgresDatabase } from './postgres-pool.js';

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

const INSTANCE_COLUMNS = 'instance_id, client_id, name, relationship, created_at';
const INSERT_KEY =
  'INSERT INTO api_keys (key_id, instance_id, prefix, key_hash, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)';

/** {@link TenancyStore} on PostgreSQL. Authentication is one indexed join on the key hash. */
export class PostgresTenancyStore implements TenancyStore {
  constructor(private readonly database: PostgresDatabase) {}

  async createClient(client: Client): Promise<void> {
    await this.database.query(
      'INSERT INTO clients (client_id, name, created_at) VALUES ($1, $2, $3)',
      [client.clientId, client.name, client.createdAt],
      'a client with this id already exists',
    );
  }

  async createInstance(instance: Instance): Promise<void> {
    await this.database.query(
      'INSERT INTO instances (instance_id, client_id, name, relationship, created_at) VALUES ($1, $2, $3, $4, $5)',
      [instance.instanceId, instance.clientId, instance.name, instance.relationship, instance.createdAt],
      'an instance with this id already exists',
    );
  }

  async getInstance(instanceId: string): Promise<Instance | undefined> {
    const { rows } = await this.database.query<InstanceRow>(
      `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE instance_id = $1`,
      [instanceId],
    );
    return rows[0] ? toInstance(rows[0]) : undefined;
  }

  async listInstances(): Promise<Instance[]> {
    const { rows } = await this.database.query<InstanceRow>(
      `SELECT ${INSTANCE_COLUMNS} FROM instances ORDER BY created_at, instance_id`,
    );
    return rows.map(toInstance);
  }

  async insertApiKey(record: ApiKeyRecord): Promise<void> {
    await this.database.query(INSERT_KEY, [
      record.keyId,
      record.instanceId,
      record.prefix,
      record.hash,
      record.createdAt,
      record.revokedAt,
    ]);
  }

  async authenticate(keyHash: string): Promise<AuthContext | undefined> {
    const { rows } = await this.database.query<{
      key_id: string;
      prefix: string;
      instance_id: string;
      client_id: string;
      relationship: UserRelationship;
    }>(
      `SELECT k.key_id, k.prefix, i.instance_id, i.client_id, i.relationship
       FROM api_keys k JOIN instances i ON i.instance_id = k.instance_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      keyId: row.key_id,
      keyPrefix: row.prefix,
      instanceId: row.instance_id,
      clientId: row.client_id,
      relationship: row.relationship,
    };
  }

  /** A prefix match in byte order: `%` and `_` in the prefix are literal (no LIKE). */
  async revokeApiKeys(prefix: string, revokedAt: string): Promise<number> {
    const { rowCount } = await this.database.query(
      'UPDATE api_keys SET revoked_at = $1 WHERE revoked_at IS NULL AND left(prefix, length($2)) = $2',
      [revokedAt, prefix],
    );
    return rowCount ?? 0;
  }

  async listApiKeys(instanceId: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.database.query<ApiKeyRow>(
      'SELECT * FROM api_keys WHERE instance_id = $1 ORDER BY created_at DESC, key_id DESC',
      [instanceId],
    );
    return rows.map(toApiKey);
  }

  async insertBootstrapToken(record: BootstrapTokenRecord): Promise<void> {
    await this.database.query(
      'INSERT INTO bootstrap_tokens (token_hash, instance_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [record.hash, record.instanceId, record.createdAt, record.expiresAt],
    );
  }

  /**
   * The guard is in the UPDATE itself, which row-locks the token: of
   * concurrent exchanges (any node) one updates it, the others then see it
   * used and change nothing.
   */
  async redeemBootstrapToken(
    tokenHash: string,
    instanceId: string | undefined,
    key: Omit<ApiKeyRecord, 'instanceId' | 'revokedAt'>,
  ): Promise<{ instanceId: string; clientId: string } | undefined> {
    return this.database.transaction(async (sql) => {
      const claimed = await sql.query<{ instance_id: string }>(
        `UPDATE bootstrap_tokens SET used_at = $1, key_id = $2
         WHERE token_hash = $3 AND used_at IS NULL AND expires_at > $1
           AND ($4::text IS NULL OR instance_id = $4)
         RETURNING instance_id`,
        [key.createdAt, key.keyId, tokenHash, instanceId ?? null],
      );
      const claimedInstance = claimed.rows[0]?.instance_id;
      if (claimedInstance === undefined) return undefined;
      const instance = await sql.query<{ client_id: string }>(
        'SELECT client_id FROM instances WHERE instance_id = $1',
        [claimedInstance],
      );
      await sql.query(INSERT_KEY, [key.keyId, claimedInstance, key.prefix, key.hash, key.createdAt, null]);
      return { instanceId: claimedInstance, clientId: instance.rows[0]?.client_id as string };
    });
  }
}
