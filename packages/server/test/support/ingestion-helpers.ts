import type { EngramClient } from '@engram/sdk';

/** Creates a document and waits (polling fast) until its ingestion finishes; returns the final status. */
export async function ingestAndWait(
  sdk: EngramClient,
  input: Parameters<EngramClient['memories']['create']>[0],
) {
  const created = await sdk.memories.create(input);
  const status = await sdk.memories.waitForCompletion(created.ingestion_id, {
    timeoutSeconds: 60,
    pollIntervalSeconds: 0.02,
  });
  return { ...status, memory_ids: status.memory_ids ?? [], memories_created: status.memories_created ?? 0 };
}

/** Every memory an ingestion produced, fetched one by one through the SDK. */
export async function memoriesOf(sdk: EngramClient, memoryIds: readonly string[]) {
  return Promise.all(memoryIds.map((id) => sdk.memories.get(id)));
}
