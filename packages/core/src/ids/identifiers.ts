import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** A new client id: `cli_` + 16 random hex digits. */
export function newClientId(): string {
  return `cli_${randomBytes(8).toString('hex')}`;
}

/** A new instance id: `inst_` + 16 random hex digits. */
export function newInstanceId(): string {
  return `inst_${randomBytes(8).toString('hex')}`;
}

/** Characters after `synap_` that identify a key in listings and revocation. */
export const API_KEY_PREFIX_LENGTH = 14;

/**
 * A new API key: `synap_` + 32 random bytes in base64url (256 bits). Returned
 * once; only {@link hashApiKey} of it is stored.
 */
export function newApiKey(): { key: string; prefix: string } {
  const key = `synap_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH) };
}

/**
 * A new one-time bootstrap token: `synap_boot_` + 32 random bytes in
 * base64url. Exchanged once for an API key; stored, like keys, only as
 * {@link hashApiKey} of it.
 */
export function newBootstrapToken(): string {
  return `synap_boot_${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 of a key (or bootstrap token), hex. Keys carry 256 bits of entropy, so a fast hash is
 * enough: there is nothing to brute-force, and lookups stay at microseconds.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

let lastMillis = 0;
let sequence = 0;
// Random bytes drawn in blocks: one randomFillSync per 256 ids instead of one each.
const RANDOM_POOL_IDS = 256;
const randomPool = Buffer.alloc(16 * RANDOM_POOL_IDS);
let randomPoolOffset = randomPool.length;

/** The pool's next 16 bytes (a fresh block when it is spent): ids and correlation ids take one slot each. */
function nextRandom16(): Buffer {
  if (randomPoolOffset >= randomPool.length) {
    randomFillSync(randomPool);
    randomPoolOffset = 0;
  }
  const bytes = Buffer.from(randomPool.subarray(randomPoolOffset, randomPoolOffset + 16));
  randomPoolOffset += 16;
  return bytes;
}

/**
 * A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits.
 * Ids sort by creation time, which keeps B-tree inserts at the right edge.
 * Within one millisecond a 12-bit counter keeps ids from one process ordered.
 */
export function newUuidV7(now: number = Date.now()): string {
  if (now <= lastMillis) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMillis += 1;
      sequence = 0;
    }
  } else {
    lastMillis = now;
    sequence = 0;
  }
  const bytes = nextRandom16();
  const millis = lastMillis;
  bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
  bytes[2] = (millis >>> 24) & 0xff;
  bytes[3] = (millis >>> 16) & 0xff;
  bytes[4] = (millis >>> 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `syn_<first 6 chars of instance id>_<epoch ms>_<6 hex>`: the Synap
 * correlation-id form, minted when a request carries none.
 */
export function newCorrelationId(instanceId: string, now: number = Date.now()): string {
  // From the pool: a request mints one or two, and randomBytes per call showed in server profiles.
  return `syn_${instanceId.slice(0, 6)}_${now}_${nextRandom16().toString('hex', 0, 3)}`;
}

/**
 * A UUID (version 8, RFC variant) derived from `parts`: the same parts give
 * the same id on every run, so a job that may be queued twice (after a
 * crash, or by two processes) is queued once.
 */
export function derivedUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
