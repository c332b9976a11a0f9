/**
 * A new correlation id, `syn_<first 6 chars of instance id>_<epoch ms>_<6 hex>`
 * (spec §2.1). Minted once per logical call and reused by its retries, so the
 * server's logs group every attempt. With no instance id known yet (before
 * `whoami`) the middle part is empty, as in the Python SDK.
 * Uses only `crypto.getRandomValues`, which browsers, edge runtimes and Node share.
 */
export function newCorrelationId(instanceId: string | undefined, now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `syn_${(instanceId ?? '').slice(0, 6)}_${now}_${hex}`;
}
