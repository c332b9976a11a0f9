import type { AuthContext, Instance, UserRelationship } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import {
  API_KEY_PREFIX_LENGTH,
  hashApiKey,
  newApiKey,
  newBootstrapToken,
  newClientId,
  newInstanceId,
  newUuidV7,
} from '../ids/identifiers.js';
import type { Clock } from '../ports/clock.js';
import type { TenancyStore } from '../ports/tenancy-store.js';

/** What creating an instance returns; `api_key` is shown this once and never again. */
export interface CreatedInstance {
  client_id: string;
  instance_id: string;
  api_key: string;
  key_prefix: string;
  relationship: UserRelationship;
  name: string;
}

/** What creating a key returns; `api_key` is shown this once. */
export interface CreatedApiKey {
  instance_id: string;
  api_key: string;
  key_prefix: string;
}

/** What creating a bootstrap token returns; `bootstrap_token` is shown this once. */
export interface CreatedBootstrapToken {
  instance_id: string;
  bootstrap_token: string;
  expires_at: string;
}

/** What exchanging a bootstrap token returns (`POST /api/v1/keys/bootstrap`); `api_key` is shown this once. */
export interface BootstrappedApiKey {
  api_key: string;
  client_id: string;
  instance_id: string;
  key_prefix: string;
}

/** Default life of a bootstrap token, in minutes. */
export const DEFAULT_BOOTSTRAP_TOKEN_TTL_MINUTES = 60;
/** Longest life a bootstrap token may be given: a week. */
export const MAX_BOOTSTRAP_TOKEN_TTL_MINUTES = 7 * 24 * 60;

/** Shortest prefix `revokeApiKey` accepts, so a typo cannot revoke many keys. */
export const MIN_REVOKE_PREFIX_LENGTH = 10;

/** Clients, instances and keys: creation, revocation, and bearer authentication. */
export class TenancyService {
  constructor(
    private readonly store: TenancyStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates an instance (and a client, unless `clientId` names an existing
   * one) with a first API key. Not idempotent: each call makes a new instance.
   */
  async createInstance(options: {
    name: string;
    relationship: UserRelationship;
    clientId?: string;
    clientName?: string;
  }): Promise<CreatedInstance> {
    const now = this.clock.now().toISOString();
    let clientId = options.clientId;
    if (clientId === undefined) {
      clientId = newClientId();
      await this.store.createClient({ clientId, name: options.clientName ?? options.name, createdAt: now });
    }
    const instance: Instance = {
      instanceId: newInstanceId(),
      clientId,
      name: options.name,
      relationship: options.relationship,
      createdAt: now,
    };
    await this.store.createInstance(instance);
    const key = await this.createApiKey(instance.instanceId);
    return {
      client_id: clientId,
      instance_id: instance.instanceId,
      api_key: key.api_key,
      key_prefix: key.key_prefix,
      relationship: instance.relationship,
      name: instance.name,
    };
  }

  /** Adds a key to an existing instance; NOT_FOUND if the instance does not exist. */
  async createApiKey(instanceId: string): Promise<CreatedApiKey> {
    const instance = await this.store.getInstance(instanceId);
    if (!instance) throw new EngramError('NOT_FOUND', `instance ${instanceId} does not exist`);
    const { key, prefix } = newApiKey();
    await this.store.insertApiKey({
      keyId: newUuidV7(),
      instanceId,
      prefix,
      hash: hashApiKey(key),
      createdAt: this.clock.now().toISOString(),
      revokedAt: null,
    });
    return { instance_id: instanceId, api_key: key, key_prefix: prefix };
  }

  /**
   * Creates a one-time bootstrap token for an existing instance (NOT_FOUND
   * otherwise), valid for `ttlMinutes` (1 to {@link MAX_BOOTSTRAP_TOKEN_TTL_MINUTES}).
   * Only its hash is stored; a deployment exchanges it once for an API key.
   */
  async createBootstrapToken(
    instanceId: string,
    ttlMinutes: number = DEFAULT_BOOTSTRAP_TOKEN_TTL_MINUTES,
  ): Promise<CreatedBootstrapToken> {
    if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > MAX_BOOTSTRAP_TOKEN_TTL_MINUTES) {
      throw new EngramError(
        'INVALID_INPUT',
        `a bootstrap token lives 1 to ${MAX_BOOTSTRAP_TOKEN_TTL_MINUTES} minutes (a whole number)`,
      );
    }
    const instance = await this.store.getInstance(instanceId);
    if (!instance) throw new EngramError('NOT_FOUND', `instance ${instanceId} does not exist`);
    const now = this.clock.now();
    const token = newBootstrapToken();
    const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000).toISOString();
    await this.store.insertBootstrapToken({
      hash: hashApiKey(token),
      instanceId,
      createdAt: now.toISOString(),
      expiresAt,
    });
    return { instance_id: instanceId, bootstrap_token: token, expires_at: expiresAt };
  }

  /**
   * Exchanges a bootstrap token for a new API key of its instance, once:
   * UNAUTHENTICATED for an unknown, used or expired token, or one of another
   * instance than `instanceId` (when given), all alike so a caller learns
   * nothing about other tokens. The message never echoes the token.
   */
  async redeemBootstrapToken(token: string, instanceId: string | undefined): Promise<BootstrappedApiKey> {
    const { key, prefix } = newApiKey();
    const redeemed = await this.store.redeemBootstrapToken(hashApiKey(token), instanceId, {
      keyId: newUuidV7(),
      prefix,
      hash: hashApiKey(key),
      createdAt: this.clock.now().toISOString(),
    });
    if (!redeemed) throw new EngramError('UNAUTHENTICATED', 'invalid, used or expired bootstrap token');
    return {
      api_key: key,
      client_id: redeemed.clientId,
      instance_id: redeemed.instanceId,
      key_prefix: prefix,
    };
  }

  /**
   * Revokes by the displayed prefix (at least {@link MIN_REVOKE_PREFIX_LENGTH}
   * characters) or by the whole key. Returns how many live keys were revoked;
   * revoking an already revoked key returns 0. Takes effect on the next request.
   */
  async revokeApiKey(prefixOrKey: string): Promise<number> {
    const prefix = prefixOrKey.slice(0, API_KEY_PREFIX_LENGTH);
    if (prefix.length < MIN_REVOKE_PREFIX_LENGTH || !prefix.startsWith('synap_')) {
      throw new EngramError(
        'INVALID_INPUT',
        `a key prefix starts with "synap_" and has at least ${MIN_REVOKE_PREFIX_LENGTH} characters`,
      );
    }
    return this.store.revokeApiKeys(prefix, this.clock.now().toISOString());
  }

  /** Every instance, oldest first. */
  listInstances(): Promise<Instance[]> {
    return this.store.listInstances();
  }

  /**
   * Resolves an `Authorization` header value to the caller. Throws
   * UNAUTHENTICATED for a missing, malformed, unknown or revoked key; the
   * message never echoes the key.
   */
  async authenticate(authorization: string | undefined): Promise<AuthContext> {
    if (!authorization)
      throw new EngramError('UNAUTHENTICATED', 'missing Authorization: Bearer <api key> header');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1])
      throw new EngramError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <api key>"');
    const auth = await this.store.authenticate(hashApiKey(match[1]));
    if (!auth) throw new EngramError('UNAUTHENTICATED', 'invalid or revoked API key');
    return auth;
  }
}
