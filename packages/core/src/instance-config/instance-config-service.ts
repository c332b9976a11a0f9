import { EngramError } from '../errors/engram-error.js';
import { formatValidationIssues } from '../errors/validation-issues.js';
import type { Clock } from '../ports/clock.js';
import type { InstanceConfigStore, InstanceConfigVersion } from '../ports/instance-config-store.js';
import { diffConfig } from './config-diff.js';
import {
  DEFAULT_INSTANCE_CONFIG,
  type InstanceConfigDocument,
  instanceConfigSchema,
} from './instance-config-schema.js';

/** The configuration in force for an instance. */
export interface ActiveInstanceConfig {
  /** 0 while the instance runs on the defaults. */
  version: number;
  document: InstanceConfigDocument;
}

/** Dependencies of {@link InstanceConfigService}. */
export interface InstanceConfigServiceDependencies {
  store: InstanceConfigStore;
  /** False for an unknown instance (its routes answer 404). */
  instanceExists: (instanceId: string) => Promise<boolean>;
  clock: Clock;
  /**
   * How long an active configuration is reused before it is read again, so
   * a change made by another process is seen within this time; changes
   * made through this service are seen at once.
   */
  cacheMs?: number;
  /** Called after a new version is stored (e.g. to mirror settings other services read). */
  onChanged?: (instanceId: string, active: ActiveInstanceConfig) => Promise<void>;
}

/**
 * Versioned per-instance configuration: validation (a bad document is a 422
 * naming the field and stores nothing), an append-only history with author,
 * time and diff, rollback as a new version, and a short-lived cache of the
 * active version for the ingestion and fetch paths.
 */
export class InstanceConfigService {
  private readonly cache = new Map<string, { active: ActiveInstanceConfig; expiresAt: number }>();

  constructor(private readonly dependencies: InstanceConfigServiceDependencies) {}

  /** The active configuration; the defaults (version 0) when none was stored. */
  async active(instanceId: string): Promise<ActiveInstanceConfig> {
    const now = Date.now();
    const cached = this.cache.get(instanceId);
    if (cached && cached.expiresAt > now) return cached.active;
    const latest = await this.dependencies.store.latest(instanceId);
    const active = latest ? toActive(latest) : { version: 0, document: DEFAULT_INSTANCE_CONFIG };
    this.cache.set(instanceId, { active, expiresAt: now + (this.dependencies.cacheMs ?? 2_000) });
    return active;
  }

  /** Drops the cached active version (after a write that bypassed this service, such as an import); every instance's without an id. */
  forget(instanceId?: string): void {
    if (instanceId === undefined) this.cache.clear();
    else this.cache.delete(instanceId);
  }

  /** The active version with its provenance; 404 for an unknown instance. */
  async current(instanceId: string): Promise<InstanceConfigVersion> {
    await this.requireInstance(instanceId);
    const latest = await this.dependencies.store.latest(instanceId);
    return latest ?? defaultVersion(instanceId);
  }

  /** Every stored version, newest first (version 0, the defaults, last). */
  async history(instanceId: string): Promise<InstanceConfigVersion[]> {
    await this.requireInstance(instanceId);
    return [...(await this.dependencies.store.history(instanceId)), defaultVersion(instanceId)];
  }

  /**
   * Replaces the document. Validates first (422 naming each bad field,
   * nothing stored); a document equal to the active one stores no version
   * and returns the active one.
   */
  async set(instanceId: string, document: unknown, author: string): Promise<InstanceConfigVersion> {
    const parsed = instanceConfigSchema.safeParse(document);
    if (!parsed.success) {
      throw new EngramError(
        'INVALID_INPUT',
        `invalid configuration: ${formatValidationIssues(parsed.error)}`,
        {
          details: { fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
        },
      );
    }
    await this.requireInstance(instanceId);
    return this.append(instanceId, parsed.data, author, undefined);
  }

  /** Makes an earlier version's document active again, as a new version; 404 for an unknown version. */
  async rollback(instanceId: string, version: number, author: string): Promise<InstanceConfigVersion> {
    await this.requireInstance(instanceId);
    const target =
      version === 0 ? defaultVersion(instanceId) : await this.dependencies.store.get(instanceId, version);
    if (!target) throw new EngramError('NOT_FOUND', `configuration version ${version} not found`);
    // Re-validated: a document stored by an older schema gains the new defaults.
    return this.append(instanceId, instanceConfigSchema.parse(target.document), author, version);
  }

  private async append(
    instanceId: string,
    document: InstanceConfigDocument,
    author: string,
    rolledBackTo: number | undefined,
  ): Promise<InstanceConfigVersion> {
    // Optimistic: a concurrent writer makes append return undefined; diff against what it stored.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const previous = (await this.dependencies.store.latest(instanceId)) ?? defaultVersion(instanceId);
      const diff = diffConfig(previous.document, document);
      if (diff.length === 0 && rolledBackTo === undefined) return previous;
      const stored = await this.dependencies.store.append(previous.version, {
        instanceId,
        document: document as unknown as Record<string, unknown>,
        author,
        createdAt: this.dependencies.clock.now().toISOString(),
        diff,
        ...(rolledBackTo !== undefined && { rolledBackTo }),
      });
      if (stored) {
        const active = toActive(stored);
        this.cache.set(instanceId, { active, expiresAt: Date.now() + (this.dependencies.cacheMs ?? 2_000) });
        await this.dependencies.onChanged?.(instanceId, active);
        return stored;
      }
    }
    throw new EngramError('CONFLICT', 'the configuration changed concurrently; try again');
  }

  private async requireInstance(instanceId: string): Promise<void> {
    if (!(await this.dependencies.instanceExists(instanceId))) {
      throw new EngramError('NOT_FOUND', 'instance not found');
    }
  }
}

function toActive(version: InstanceConfigVersion): ActiveInstanceConfig {
  return { version: version.version, document: instanceConfigSchema.parse(version.document) };
}

function defaultVersion(instanceId: string): InstanceConfigVersion {
  return {
    instanceId,
    version: 0,
    document: DEFAULT_INSTANCE_CONFIG as unknown as Record<string, unknown>,
    author: 'engram',
    createdAt: new Date(0).toISOString(),
    diff: [],
  };
}
