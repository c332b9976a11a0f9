// One conformance suite for the storage port, run against every adapter
// (SQLite now, PostgreSQL later). Each adapter's test file calls it with a
// factory that opens a fresh, empty store.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { EngramStore, NewMessage } from '../src/index.js';
import { hashApiKey, newApiKey, newBootstrapToken, newUuidV7 } from '../src/index.js';

/** Opens an empty store; `reopen` opens the same storage again (durability checks). */
export interface StoreFactory {
  open(): Promise<EngramStore>;
  reopen(): Promise<EngramStore>;
  dispose(): Promise<void>;
}

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
    metadata: { n: content },
    recordedAt: at,
  };
}

/** Registers the suite under `describe(name)`. */
export function storeConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: storage port conformance`, () => {
    let store: EngramStore;
    const now = '2026-01-01T00:00:00.000Z';

    before(async () => {
      store = await factory.open();
      for (const id of ['cli_0000000000000001', 'cli_0000000000000002']) {
        await store.tenancy.createClient({ clientId: id, name: id, createdAt: now });
      }
      await store.tenancy.createInstance({
        instanceId: 'inst_000000000000000a',
        clientId: 'cli_0000000000000001',
        name: 'a',
        relationship: 'b2c',
        createdAt: now,
      });
      await store.tenancy.createInstance({
        instanceId: 'inst_000000000000000b',
        clientId: 'cli_0000000000000002',
        name: 'b',
        relationship: 'b2b',
        createdAt: now,
      });
    });
    after(() => factory.dispose());

    it('rejects a duplicate client with CONFLICT', async () => {
      await assert.rejects(
        store.tenancy.createClient({ clientId: 'cli_0000000000000001', name: 'x', createdAt: now }),
        { code: 'CONFLICT' },
      );
    });

    it('authenticates a key by hash and stops after revocation', async () => {
      const { key, prefix } = newApiKey();
      await store.tenancy.insertApiKey({
        keyId: newUuidV7(),
        instanceId: 'inst_000000000000000b',
        prefix,
        hash: hashApiKey(key),
        createdAt: now,
        revokedAt: null,
      });
      const auth = await store.tenancy.authenticate(hashApiKey(key));
      assert.deepEqual(
        { instanceId: auth?.instanceId, clientId: auth?.clientId, relationship: auth?.relationship },
        { instanceId: 'inst_000000000000000b', clientId: 'cli_0000000000000002', relationship: 'b2b' },
      );
      assert.equal(await store.tenancy.authenticate(hashApiKey(`${key}x`)), undefined);
      assert.equal(await store.tenancy.revokeApiKeys(prefix, now), 1);
      assert.equal(await store.tenancy.revokeApiKeys(prefix, now), 0, 'revocation is idempotent');
      assert.equal(await store.tenancy.authenticate(hashApiKey(key)), undefined);
      const keys = await store.tenancy.listApiKeys('inst_000000000000000b');
      assert.equal(keys[0]?.revokedAt, now);
    });

    it('exchanges a bootstrap token for a key once, before it expires, for its own instance only', async () => {
      const token = newBootstrapToken();
      await store.tenancy.insertBootstrapToken({
        hash: hashApiKey(token),
        instanceId: 'inst_000000000000000a',
        createdAt: now,
        expiresAt: '2026-01-01T01:00:00.000Z',
      });
      const keyAt = (createdAt: string) => {
        const { key, prefix } = newApiKey();
        return { key, record: { keyId: newUuidV7(), prefix, hash: hashApiKey(key), createdAt } };
      };
      const wrongInstance = keyAt('2026-01-01T00:10:00.000Z');
      assert.equal(
        await store.tenancy.redeemBootstrapToken(
          hashApiKey(token),
          'inst_000000000000000b',
          wrongInstance.record,
        ),
        undefined,
        "another instance's id does not redeem it",
      );
      assert.equal(await store.tenancy.authenticate(wrongInstance.record.hash), undefined, 'nothing written');
      const first = keyAt('2026-01-01T00:20:00.000Z');
      const second = keyAt('2026-01-01T00:21:00.000Z');
      const [won, lost] = await Promise.all([
        store.tenancy.redeemBootstrapToken(hashApiKey(token), 'inst_000000000000000a', first.record),
        store.tenancy.redeemBootstrapToken(hashApiKey(token), undefined, second.record),
      ]);
      assert.deepEqual(won, { instanceId: 'inst_000000000000000a', clientId: 'cli_0000000000000001' });
      assert.equal(lost, undefined, 'a token is exchanged once');
      assert.equal(
        (await store.tenancy.authenticate(first.record.hash))?.instanceId,
        'inst_000000000000000a',
      );
      assert.equal(await store.tenancy.authenticate(second.record.hash), undefined);

      const expiring = newBootstrapToken();
      await store.tenancy.insertBootstrapToken({
        hash: hashApiKey(expiring),
        instanceId: 'inst_000000000000000b',
        createdAt: now,
        expiresAt: '2026-01-01T00:05:00.000Z',
      });
      const late = keyAt('2026-01-01T00:05:00.000Z');
      assert.equal(
        await store.tenancy.redeemBootstrapToken(hashApiKey(expiring), undefined, late.record),
        undefined,
      );
      const unknown = keyAt(now);
      assert.equal(
        await store.tenancy.redeemBootstrapToken(hashApiKey(newBootstrapToken()), undefined, unknown.record),
        undefined,
      );
      const onTime = keyAt('2026-01-01T00:04:59.999Z');
      assert.equal(
        (await store.tenancy.redeemBootstrapToken(hashApiKey(expiring), undefined, onTime.record))
          ?.instanceId,
        'inst_000000000000000b',
      );
    });

    it('appends turns in order with increasing sequences and registers the conversation', async () => {
      const conversationId = randomUUID();
      const stored = await store.conversations.appendMessages(
        ['one', 'two', 'three'].map((content) =>
          message('inst_000000000000000a', conversationId, content, now),
        ),
      );
      assert.deepEqual(
        stored.map((m) => m.sequence),
        [1, 2, 3],
      );
      await store.conversations.appendMessages([
        message('inst_000000000000000a', conversationId, 'four', now),
      ]);
      const conversation = await store.conversations.getConversation('inst_000000000000000a', conversationId);
      assert.equal(conversation?.messageCount, 4);
      assert.equal(conversation?.userId, 'user-1');
      const recent = await store.conversations.listRecentMessages('inst_000000000000000a', conversationId, 2);
      assert.deepEqual(
        recent.map((m) => m.content),
        ['three', 'four'],
      );
      assert.deepEqual(recent[0]?.metadata, { n: 'three' });
      const afterTwo = await store.conversations.listMessagesAfter(
        'inst_000000000000000a',
        conversationId,
        2,
        10,
      );
      assert.deepEqual(
        afterTwo.map((m) => m.sequence),
        [3, 4],
      );
    });

    it('keeps conversations of different instances apart even with the same id', async () => {
      const conversationId = randomUUID();
      await store.conversations.appendMessages([
        message('inst_000000000000000a', conversationId, 'mine', now),
      ]);
      assert.equal(
        await store.conversations.getConversation('inst_000000000000000b', conversationId),
        undefined,
      );
      assert.deepEqual(
        await store.conversations.listRecentMessages('inst_000000000000000b', conversationId, 10),
        [],
      );
      await store.conversations.appendMessages([
        message('inst_000000000000000b', conversationId, 'theirs', now),
      ]);
      const mine = await store.conversations.listRecentMessages('inst_000000000000000a', conversationId, 10);
      assert.deepEqual(
        mine.map((m) => m.content),
        ['mine'],
      );
    });

    it('writes a batch all or nothing', async () => {
      const conversationId = randomUUID();
      const good = message('inst_000000000000000a', conversationId, 'good', now);
      // A row the store must refuse (content is NOT NULL), after a good one.
      const broken = {
        ...message('inst_000000000000000a', conversationId, 'x', now),
        content: null as unknown as string,
      };
      await assert.rejects(store.conversations.appendMessages([good, broken]));
      // Another caller's append in the same group commit is unaffected.
      const other = randomUUID();
      const [failed, kept] = await Promise.allSettled([
        store.conversations.appendMessages([message('inst_000000000000000a', other, 'a', now), broken]),
        store.conversations.appendMessages([message('inst_000000000000000a', other, 'b', now)]),
      ]);
      assert.equal(failed.status, 'rejected');
      assert.equal(kept.status, 'fulfilled');
      assert.deepEqual(
        (await store.conversations.listRecentMessages('inst_000000000000000a', other, 10)).map(
          (m) => m.content,
        ),
        ['b'],
      );
      assert.equal(
        await store.conversations.getConversation('inst_000000000000000a', conversationId),
        undefined,
      );
    });

    it('keeps everything across a reopen', async () => {
      const conversationId = randomUUID();
      await store.conversations.appendMessages([
        message('inst_000000000000000a', conversationId, 'durable', now),
      ]);
      store = await factory.reopen();
      const recent = await store.conversations.listRecentMessages(
        'inst_000000000000000a',
        conversationId,
        10,
      );
      assert.deepEqual(
        recent.map((m) => m.content),
        ['durable'],
      );
      assert.equal((await store.tenancy.listInstances()).length, 2);
    });
  });
}
