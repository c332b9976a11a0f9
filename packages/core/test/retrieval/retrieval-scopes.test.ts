import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scopeKeyOf } from '../../src/index.js';
import { planScopeKeys } from '../../src/retrieval/index.js';
import { INSTANCE, targetOf } from '../../test-support/retrieval/retrieval-fixtures.js';

describe('planScopeKeys', () => {
  const key = (scope: Parameters<typeof scopeKeyOf>[1], ids: Parameters<typeof scopeKeyOf>[2] = {}) =>
    scopeKeyOf(INSTANCE, scope, ids);

  it('user fetch reads the user, its customer and the client, narrowest first', () => {
    const plan = planScopeKeys(targetOf('user', { userId: 'u1', customerId: 'c1' }));
    assert.deepEqual(plan.scopeKeys, [
      key('user', { customerId: 'c1', userId: 'u1' }),
      key('customer', { customerId: 'c1' }),
      key('client'),
    ]);
  });

  it('customer fetch never reads a user key; the client only when asked', () => {
    const withClient = planScopeKeys(targetOf('customer', { customerId: 'c1' }, true));
    assert.deepEqual(withClient.scopeKeys, [key('customer', { customerId: 'c1' }), key('client')]);
    const without = planScopeKeys(targetOf('customer', { customerId: 'c1' }, false));
    assert.deepEqual(without.scopeKeys, [key('customer', { customerId: 'c1' })]);
    assert.ok(withClient.scopes.every((planned) => planned.scope !== 'user'));
  });

  it('client fetch reads the client only', () => {
    assert.deepEqual(planScopeKeys(targetOf('client')).scopeKeys, [key('client')]);
  });

  it("conversation fetch reads the conversation, then its user's keys", () => {
    const plan = planScopeKeys(
      targetOf('conversation', { conversationId: 'conv', userId: 'u1', customerId: 'u1' }),
    );
    assert.deepEqual(plan.scopeKeys, [
      key('conversation', { conversationId: 'conv' }),
      key('user', { customerId: 'u1', userId: 'u1' }),
      key('customer', { customerId: 'u1' }),
      key('client'),
    ]);
  });
});
