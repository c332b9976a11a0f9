// Conformance suites for the compaction store with transcript
// registration, and for instance settings, run against every adapter. Each adapter's test
// file calls it with a factory that opens a fresh, empty store.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CompactionResult, EngramStore, NewMessage, StoredCompaction } from '../src/index.js';
import { compactConversation, newUuidV7 } from '../src/index.js';
import type { StoreFactory } from './store-conformance.js';

const INSTANCE_A = 'inst_00000000000000c1';
const INSTANCE_B = 'inst_00000000000000c2';

function message(instanceId: string, conversationId: string, content: string, at: string): NewMessage {
  return {
    messageId: newUuidV7(),
    instanceId,
    conversationId,
    role: 'user',
    content,
    userId: 'user-1',
    customerId: 'user-1',
    sessionId: conversationId,
    metadata: {},
    recordedAt: at,
  };
}

/** A real engine result covering `count` turns, so stored documents have the production shape. */
function resultCovering(count: number): CompactionResult {
  const messages = Array.from({ length: count }, (_, index) => ({
    ...message(
      INSTANCE_A,
      'c',
      `Ann: We booked room ${index + 1} for the Lisbon trip on 4 May.`,
      '2026-01-01T00:00:00.000Z',
    ),
    sequence: index + 1,
  }));
  return compactConversation({ messages, level: 'balanced', now: new Date('2026-01-02T00:00:00.000Z') });
}

function compaction(
  instanceId: string,
  conversationId: string,
  result: CompactionResult,
  compactionId: string = newUuidV7(),
): Omit<StoredCompaction, 'version'> {
  return {
    compactionId,
    instanceId,
    conversationId,
    trigger: 'manual_api',
    result,
    createdAt: result.compactedAt,
  };
}

/** Registers the suite under `describe(name)`. */
export function compactionStoreConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: compaction store conformance`, () => {
    let store: EngramStore;
    const now = '2026-01-01T00:00:00.000Z';

    before(async () => {
      store = await factory.open();
      await store.tenancy.createClient({ clientId: 'cli_00000000000000c1', name: 'c', createdAt: now });
      for (const instanceId of [INSTANCE_A, INSTANCE_B]) {
        await store.tenancy.createInstance({
          instanceId,
          clientId: 'cli_00000000000000c1',
          name: instanceId,
          relationship: 'b2c',
          createdAt: now,
        });
      }
    });
    after(() => factory.dispose());

    it('numbers versions per conversation and keeps every version', async () => {
      const conversationId = randomUUID();
      assert.equal(await store.compactions.latestCompaction(INSTANCE_A, conversationId), undefined);
      const first = await store.compactions.insertCompaction(
        compaction(INSTANCE_A, conversationId, resultCovering(2)),
      );
      const second = await store.compactions.insertCompaction(
        compaction(INSTANCE_A, conversationId, resultCovering(3)),
      );
      assert.deepEqual([first.version, second.version], [1, 2]);
      const latest = await store.compactions.latestCompaction(INSTANCE_A, conversationId);
      assert.equal(latest?.compactionId, second.compactionId);
      assert.equal(latest?.result.cutoffSequence, 3);
      assert.deepEqual(latest?.result, second.result, 'the result round-trips unchanged');
      const byVersion = await store.compactions.getCompaction(INSTANCE_A, conversationId, 1);
      assert.equal(byVersion?.compactionId, first.compactionId);
      assert.equal(byVersion?.trigger, 'manual_api');
      assert.equal(await store.compactions.getCompaction(INSTANCE_A, conversationId, 3), undefined);
    });

    it('numbers concurrent compactions of one conversation without a gap or a repeat', async () => {
      const conversationId = randomUUID();
      const stored = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.compactions.insertCompaction(compaction(INSTANCE_A, conversationId, resultCovering(2))),
        ),
      );
      assert.deepEqual(stored.map((one) => one.version).sort(), [1, 2, 3, 4, 5, 6]);
    });

    it('is idempotent on the compaction id', async () => {
      const conversationId = randomUUID();
      const input = compaction(INSTANCE_A, conversationId, resultCovering(2));
      const first = await store.compactions.insertCompaction(input);
      const again = await store.compactions.insertCompaction(input);
      assert.equal(again.version, first.version);
      assert.equal(
        (await store.compactions.latestCompaction(INSTANCE_A, conversationId))?.version,
        1,
        'no second version',
      );
    });

    it('keeps instances apart: another instance neither sees nor shares the numbering', async () => {
      const conversationId = randomUUID();
      await store.compactions.insertCompaction(compaction(INSTANCE_A, conversationId, resultCovering(2)));
      assert.equal(await store.compactions.latestCompaction(INSTANCE_B, conversationId), undefined);
      assert.equal(await store.compactions.getCompaction(INSTANCE_B, conversationId, 1), undefined);
      const theirs = await store.compactions.insertCompaction(
        compaction(INSTANCE_B, conversationId, resultCovering(1)),
      );
      assert.equal(theirs.version, 1);
    });

    it('lists idle conversations with turns after their latest cutoff, oldest first', async () => {
      const idleUncompacted = randomUUID();
      const idleCompacted = randomUUID();
      const idlePartly = randomUUID();
      const active = randomUUID();
      await store.conversations.appendMessages([
        message(INSTANCE_A, idleUncompacted, 'a', '2000-01-01T00:00:02.000Z'),
        message(INSTANCE_A, idleCompacted, 'a', '2000-01-01T00:00:01.000Z'),
        message(INSTANCE_A, idleCompacted, 'b', '2000-01-01T00:00:01.000Z'),
        message(INSTANCE_B, idlePartly, 'a', '2000-01-01T00:00:00.000Z'),
        message(INSTANCE_B, idlePartly, 'b', '2000-01-01T00:00:00.000Z'),
        message(INSTANCE_B, idlePartly, 'c', '2000-01-01T00:00:00.000Z'),
        message(INSTANCE_A, active, 'a', '2099-01-01T00:00:00.000Z'),
      ]);
      await store.compactions.insertCompaction(compaction(INSTANCE_A, idleCompacted, resultCovering(2)));
      await store.compactions.insertCompaction(compaction(INSTANCE_B, idlePartly, resultCovering(2)));
      const candidates = await store.compactions.listCompactionCandidates('2001-01-01T00:00:00.000Z', 10);
      const mine: string[] = [idleUncompacted, idleCompacted, idlePartly, active];
      const ours = candidates.filter((candidate) => mine.includes(candidate.conversationId));
      assert.deepEqual(ours, [
        { instanceId: INSTANCE_B, conversationId: idlePartly },
        { instanceId: INSTANCE_A, conversationId: idleUncompacted },
      ]);
      assert.equal(
        (await store.compactions.listCompactionCandidates('2001-01-01T00:00:00.000Z', 1)).length,
        1,
      );
    });

    it('registers transcripts: new, then duplicate or conflict with the original ingestion id', async () => {
      const conversationId = randomUUID();
      const first = await store.conversations.registerTranscript(
        INSTANCE_A,
        conversationId,
        'h1',
        'ing-1',
        now,
      );
      assert.deepEqual(first, { status: 'new', ingestionId: 'ing-1' });
      assert.deepEqual(
        await store.conversations.registerTranscript(INSTANCE_A, conversationId, 'h1', 'ing-2', now),
        { status: 'duplicate', ingestionId: 'ing-1' },
      );
      assert.deepEqual(
        await store.conversations.registerTranscript(INSTANCE_A, conversationId, 'h2', 'ing-3', now),
        { status: 'conflict', ingestionId: 'ing-1' },
      );
      assert.deepEqual(
        await store.conversations.registerTranscript(INSTANCE_B, conversationId, 'h2', 'ing-4', now),
        { status: 'new', ingestionId: 'ing-4' },
        'another instance has its own registrations',
      );
    });

    it('keeps compactions across a reopen', async () => {
      const conversationId = randomUUID();
      const stored = await store.compactions.insertCompaction(
        compaction(INSTANCE_A, conversationId, resultCovering(2)),
      );
      store = await factory.reopen();
      assert.equal(
        (await store.compactions.latestCompaction(INSTANCE_A, conversationId))?.compactionId,
        stored.compactionId,
      );
    });
  });
}

/**
 * Per-instance settings (the compaction threshold), kept with the instance;
 * registered apart from the compaction store so an adapter can run each
 * suite as soon as it has that port.
 */
export function instanceSettingsConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: instance settings conformance`, () => {
    let store: EngramStore;
    const now = '2026-01-01T00:00:00.000Z';

    before(async () => {
      store = await factory.open();
      await store.tenancy.createClient({ clientId: 'cli_00000000000000c1', name: 'c', createdAt: now });
      for (const instanceId of [INSTANCE_A, INSTANCE_B]) {
        await store.tenancy.createInstance({
          instanceId,
          clientId: 'cli_00000000000000c1',
          name: instanceId,
          relationship: 'b2c',
          createdAt: now,
        });
      }
    });
    after(() => factory.dispose());

    it('stores per-instance settings with the instance', async () => {
      assert.deepEqual(await store.instanceSettings.getSettings(INSTANCE_A), {});
      assert.equal(await store.instanceSettings.getSettings('inst_ffffffffffffffff'), undefined);
      assert.deepEqual(
        await store.instanceSettings.updateSettings(INSTANCE_A, { compactionThresholdTokens: 0 }),
        { compactionThresholdTokens: 0 },
        'zero is a real value, not "unset"',
      );
      assert.deepEqual(await store.instanceSettings.getSettings(INSTANCE_A), {
        compactionThresholdTokens: 0,
      });
      assert.deepEqual(await store.instanceSettings.getSettings(INSTANCE_B), {});
      assert.deepEqual(
        await store.instanceSettings.updateSettings(INSTANCE_A, { compactionThresholdTokens: undefined }),
        {},
      );
      assert.equal(
        await store.instanceSettings.updateSettings('inst_ffffffffffffffff', {
          compactionThresholdTokens: 5,
        }),
        undefined,
      );
    });

    it('keeps settings across a reopen', async () => {
      await store.instanceSettings.updateSettings(INSTANCE_B, { compactionThresholdTokens: 1234 });
      store = await factory.reopen();
      assert.deepEqual(await store.instanceSettings.getSettings(INSTANCE_B), {
        compactionThresholdTokens: 1234,
      });
    });
  });
}
