import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RankedLists } from '../../src/retrieval/memory-retrieval.js';
import type { FreshStoreFactory } from './retrieval-fixtures.js';
import { openFixture, ownerOf, requestOf, targetOf } from './retrieval-fixtures.js';

const contents = (lists: RankedLists) =>
  Object.values(lists)
    .flat()
    .map((item) => item.content)
    .sort();

/**
 * MemoryRetrievalPipeline scope rules over a real store: each scope sees its
 * own chain and no one else's, and the narrower of two equal statements wins.
 * `freshStore` opens the fixture's empty store; `label` names the store in titles.
 */
export function retrievalScopesSuite(label: string, freshStore: FreshStoreFactory): void {
  describe(`MemoryRetrievalPipeline scope rules (${label})`, () => {
    let fixture: Awaited<ReturnType<typeof openFixture>>;
    const user = ownerOf('user', { customerId: 'acme', userId: 'ann' });
    const otherUser = ownerOf('user', { customerId: 'acme', userId: 'bob' });
    const customer = ownerOf('customer', { customerId: 'acme' });
    const otherCustomer = ownerOf('customer', { customerId: 'globex' });
    const client = ownerOf('client');
    const conversation = ownerOf('conversation', { conversationId: 'conv-1' });

    before(async () => {
      fixture = await openFixture(freshStore);
      const { seeder } = fixture;
      await seeder.add(user, [{ content: 'Ann prefers window seats on flights' }]);
      await seeder.add(otherUser, [{ content: 'Bob prefers aisle seats on flights' }]);
      await seeder.add(customer, [{ content: 'Acme books flights through the travel desk' }]);
      await seeder.add(otherCustomer, [{ content: 'Globex books flights with a corporate card' }]);
      await seeder.add(client, [{ content: 'Flights are booked at least two weeks ahead' }]);
      await seeder.add(conversation, [{ content: 'In this chat the flights to Oslo were discussed' }]);
      // The same statement at two scopes: the narrower one must win.
      await seeder.add(user, [{ content: 'Seat upgrades are allowed on long flights.' }]);
      await seeder.add(client, [{ content: 'Seat upgrades are allowed on long flights' }]);
    });
    after(() => fixture.dispose());

    const fetch = (target: ReturnType<typeof targetOf>, body: Record<string, unknown> = {}) =>
      fixture.pipeline.retrieve(target, requestOf({ search_query: ['flights'], max_results: 50, ...body }));

    it('user fetch sees user, customer and client memories, not another user or customer', async () => {
      const lists = await fetch(targetOf('user', { userId: 'ann', customerId: 'acme' }));
      assert.deepEqual(contents(lists), [
        'Acme books flights through the travel desk',
        'Ann prefers window seats on flights',
        'Flights are booked at least two weeks ahead',
        'Seat upgrades are allowed on long flights.',
      ]);
    });

    it('narrower scope wins on duplicates', async () => {
      const lists = await fetch(targetOf('user', { userId: 'ann', customerId: 'acme' }), {
        search_query: ['seat upgrades long flights'],
      });
      const upgrades = Object.values(lists)
        .flat()
        .filter((item) => item.content.startsWith('Seat upgrades'));
      assert.equal(upgrades.length, 1);
      assert.equal(upgrades[0]?.scope, 'user');
    });

    it('customer fetch never sees user memories, nor another customer', async () => {
      const lists = await fetch(targetOf('customer', { customerId: 'acme' }));
      assert.deepEqual(contents(lists), [
        'Acme books flights through the travel desk',
        'Flights are booked at least two weeks ahead',
        'Seat upgrades are allowed on long flights',
      ]);
      const other = await fetch(targetOf('customer', { customerId: 'globex' }, false));
      assert.deepEqual(contents(other), ['Globex books flights with a corporate card']);
    });

    it('customer fetch without client context and no query reads the customer only', async () => {
      const lists = await fetch(targetOf('customer', { customerId: 'acme' }, false), { search_query: null });
      assert.deepEqual(contents(lists), ['Acme books flights through the travel desk']);
    });

    it('client fetch sees client memories only, with or without a query', async () => {
      const expected = [
        'Flights are booked at least two weeks ahead',
        'Seat upgrades are allowed on long flights',
      ];
      assert.deepEqual(contents(await fetch(targetOf('client'))), expected);
      assert.deepEqual(
        contents(await fetch(targetOf('client'), { search_query: null, mode: 'accurate' })),
        expected,
      );
      assert.deepEqual(contents(await fetch(targetOf('client'), { mode: 'accurate' })), expected);
    });

    it("conversation fetch adds the conversation's memories to its user's", async () => {
      const lists = await fetch(
        targetOf('conversation', { conversationId: 'conv-1', userId: 'ann', customerId: 'acme' }),
      );
      const found = contents(lists);
      assert.ok(found.includes('In this chat the flights to Oslo were discussed'));
      assert.ok(found.includes('Ann prefers window seats on flights'));
      assert.ok(!found.includes('Bob prefers aisle seats on flights'));
    });

    it('a scope that holds nothing answers empty lists', async () => {
      const lists = await fetch(targetOf('user', { userId: 'nobody', customerId: 'initech' }), {
        mode: 'accurate',
      });
      assert.deepEqual(contents(lists), [
        'Flights are booked at least two weeks ahead',
        'Seat upgrades are allowed on long flights',
      ]);
      const empty = await fetch(targetOf('customer', { customerId: 'initech' }, false));
      assert.deepEqual(contents(empty), []);
    });
  });
}
