/** A bucket's shape: tokens added per second and the most it holds. A rate of 0 means "no limit". */
export interface BucketLimit {
  perSecond: number;
  burst: number;
}

/** What {@link TokenBuckets.take} decided. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets kept before idle (full) ones are swept; a full bucket is the same as no bucket. */
const SWEEP_AT = 10_000;

/**
 * In-process token buckets, one per key (an API key, an instance, a client
 * address). A take costs one token; a bucket refills at `perSecond` up to
 * `burst`. The limit is passed with each take, so a changed per-instance
 * override applies at once. Memory stays bounded: past {@link SWEEP_AT}
 * buckets, those that have refilled completely are dropped, since a new
 * bucket starts full. Limits are per process (several API processes each
 * allow the full rate).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** Takes one token from `key`'s bucket, or says how many whole seconds until one is there (at least 1). */
  take(key: string, limit: BucketLimit): TakeResult {
    if (limit.perSecond <= 0) return { allowed: true };
    const bucket = this.refilled(key, limit);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: secondsUntilToken(bucket, limit) };
  }

  /** Like {@link take} but costs nothing: whether a take would be refused now, and for how long. */
  peek(key: string, limit: BucketLimit): TakeResult {
    if (limit.perSecond <= 0) return { allowed: true };
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { allowed: true };
    const tokens = Math.min(
      limit.burst,
      bucket.tokens + ((this.nowMs() - bucket.updatedMs) / 1000) * limit.perSecond,
    );
    return tokens >= 1
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: secondsUntilToken({ tokens, updatedMs: 0 }, limit) };
  }

  private refilled(key: string, limit: BucketLimit): Bucket {
    const now = this.nowMs();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= SWEEP_AT) this.sweep(now, limit);
      bucket = { tokens: Math.max(1, limit.burst), updatedMs: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(Math.max(1, limit.burst), bucket.tokens + elapsedSeconds * limit.perSecond);
    bucket.updatedMs = now;
    return bucket;
  }

  /** Drops the buckets that would be full by now (judged with the limit at hand). */
  private sweep(now: number, limit: BucketLimit): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedMs) / 1000) * limit.perSecond >= limit.burst) {
        this.buckets.delete(key);
      }
    }
  }
}

/** Whole seconds until `bucket` holds one token; the spec's Retry-After is an integer, at least 1. */
function secondsUntilToken(bucket: Bucket, limit: BucketLimit): number {
  return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
}
