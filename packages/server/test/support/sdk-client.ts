import { EngramClient } from '@engram/sdk';

/** An SDK client for a test server, with retries off so failures surface at once. */
export function sdkFor(url: string, apiKey: string): EngramClient {
  return new EngramClient({ apiKey, baseUrl: url, retry: false, timeoutMs: 10_000 });
}
