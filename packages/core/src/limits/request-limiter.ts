import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';
import type { InstanceSettingsStore } from '../ports/instance-settings-store.js';
import { type BucketLimit, type TakeResult, TokenBuckets } from './token-bucket.js';

/** The limits a {@link RequestLimiter} applies; a `perSecond` of 0 turns one off. */
export interface RequestLimits {
  /** Each API key. */
  perKey: BucketLimit;
  /** Each instance, all its keys together (instances may override it). */
  perInstance: BucketLimit;
  /** Failed authentications from one client address. */
  authFailuresPerAddress: BucketLimit;
}

/** How long an instance's override is trusted before it is read again. */
const OVERRIDE_TTL_MS = 10_000;
/** Most per-instance overrides held; past it the oldest is forgotten (and read again when needed). */
const MAX_CACHED_OVERRIDES = 10_000;

function rateLimited(result: TakeResult, message: string): EngramError | undefined {
  if (result.allowed) return undefined;
  return new EngramError('RATE_LIMITED', message, { retryAfterSeconds: result.retryAfterSeconds });
}

/**
 * Rate limits of authenticated requests (token buckets per key and per
 * instance) and the throttle of failed authentication per client address.
 * Each refusal is RATE_LIMITED (429) with whole seconds to wait. An
 * instance's own `rateLimitPerSecond`/`rateLimitBurst` settings override the
 * per-instance default; they are re-read at most every 10 s, so a change
 * made with `engram instance configure` applies within that time.
 */
export class RequestLimiter {
  private readonly buckets: TokenBuckets;
  private readonly overrides = new Map<string, { limit: BucketLimit; expiresMs: number }>();

  constructor(
    private readonly limits: RequestLimits,
    private readonly settings: InstanceSettingsStore,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.buckets = new TokenBuckets(nowMs);
  }

  /**
   * Throws RATE_LIMITED when `address` used up its failed authentications:
   * every attempt from it, right key or wrong, waits until a token is back,
   * so guessing gets no faster by mixing in a known key. Costs nothing.
   */
  checkAddress(address: string): void {
    const refused = rateLimited(
      this.buckets.peek(`address:${address}`, this.limits.authFailuresPerAddress),
      'too many failed authentication attempts from this address; retry later',
    );
    if (refused) throw refused;
  }

  /** Counts one failed authentication from `address`. */
  recordAuthFailure(address: string): void {
    this.buckets.take(`address:${address}`, this.limits.authFailuresPerAddress);
  }

  /** Takes one request from the key's and the instance's buckets; throws RATE_LIMITED when either is empty. */
  async admit(auth: AuthContext): Promise<void> {
    const byKey = rateLimited(
      this.buckets.take(`key:${auth.keyId}`, this.limits.perKey),
      'rate limit exceeded for this API key',
    );
    if (byKey) throw byKey;
    const limit = await this.instanceLimit(auth.instanceId);
    const byInstance = rateLimited(
      this.buckets.take(`instance:${auth.instanceId}`, limit),
      'rate limit exceeded for this instance',
    );
    if (byInstance) throw byInstance;
  }

  /**
   * Sets (a number) or clears (null: back to the server default) an
   * instance's rate and burst; a key absent from `changes` is kept. Throws
   * INVALID_INPUT for a negative or non-finite rate or a burst under 1, and
   * NOT_FOUND for an unknown instance. Returns the effective limit.
   */
  async setInstanceLimit(
    instanceId: string,
    changes: { perSecond?: number | null; burst?: number | null },
  ): Promise<BucketLimit & { overridden: boolean }> {
    const { perSecond, burst } = changes;
    if (perSecond !== undefined && perSecond !== null && !(Number.isFinite(perSecond) && perSecond >= 0)) {
      throw new EngramError(
        'INVALID_INPUT',
        'the rate limit must be a number of requests per second, 0 or more',
      );
    }
    if (burst !== undefined && burst !== null && !(Number.isInteger(burst) && burst >= 1)) {
      throw new EngramError('INVALID_INPUT', 'the burst must be a whole number of requests, 1 or more');
    }
    const update: { rateLimitPerSecond?: number; rateLimitBurst?: number } = {};
    if (perSecond !== undefined) update.rateLimitPerSecond = perSecond ?? undefined;
    if (burst !== undefined) update.rateLimitBurst = burst ?? undefined;
    const updated = await this.settings.updateSettings(instanceId, update);
    if (updated === undefined) throw new EngramError('NOT_FOUND', 'no such instance');
    this.overrides.delete(instanceId);
    const limit = await this.instanceLimit(instanceId);
    return {
      ...limit,
      overridden: updated.rateLimitPerSecond !== undefined || updated.rateLimitBurst !== undefined,
    };
  }

  /** Drops the instance's remembered limit override (another process changed it); every instance without an id. */
  forgetOverride(instanceId?: string): void {
    if (instanceId === undefined) this.overrides.clear();
    else this.overrides.delete(instanceId);
  }

  private async instanceLimit(instanceId: string): Promise<BucketLimit> {
    const now = this.nowMs();
    const cached = this.overrides.get(instanceId);
    if (cached !== undefined && cached.expiresMs > now) return cached.limit;
    const settings = await this.settings.getSettings(instanceId);
    const perSecond = settings?.rateLimitPerSecond ?? this.limits.perInstance.perSecond;
    const limit = {
      perSecond,
      // An override of the rate alone keeps the default's ratio of burst to rate.
      burst:
        settings?.rateLimitBurst ??
        (settings?.rateLimitPerSecond === undefined
          ? this.limits.perInstance.burst
          : Math.max(1, Math.ceil(perSecond * burstRatio(this.limits.perInstance)))),
    };
    if (this.overrides.size >= MAX_CACHED_OVERRIDES) {
      const oldest = this.overrides.keys().next().value;
      if (oldest !== undefined) this.overrides.delete(oldest);
    }
    this.overrides.delete(instanceId);
    this.overrides.set(instanceId, { limit, expiresMs: now + OVERRIDE_TTL_MS });
    return limit;
  }
}

function burstRatio(limit: BucketLimit): number {
  return limit.perSecond > 0 ? limit.burst / limit.perSecond : 2;
}
