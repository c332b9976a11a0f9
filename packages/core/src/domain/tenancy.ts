import type { RelationshipType } from '@engram/protocol';

/** An instance's "User Relationship": B2C (customer = user) or B2B (users live under customers). */
export type UserRelationship = RelationshipType;

/** An account that owns instances. */
export interface Client {
  clientId: string;
  name: string;
  createdAt: string;
}

/** One agent deployment with its own memory store; an API key resolves to exactly one. */
export interface Instance {
  instanceId: string;
  clientId: string;
  name: string;
  relationship: UserRelationship;
  createdAt: string;
}

/** A stored API key: only the SHA-256 hash and a display prefix are kept. */
export interface ApiKeyRecord {
  keyId: string;
  instanceId: string;
  prefix: string;
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A stored one-time bootstrap token: only its SHA-256 hash is kept. */
export interface BootstrapTokenRecord {
  hash: string;
  instanceId: string;
  createdAt: string;
  /** The token cannot be exchanged at or after this instant. */
  expiresAt: string;
}

/** Who is calling, resolved from the bearer key alone. */
export interface AuthContext {
  clientId: string;
  instanceId: string;
  relationship: UserRelationship;
  keyId: string;
  keyPrefix: string;
}
