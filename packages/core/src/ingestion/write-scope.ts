import { scopeKeyOf } from '../domain/scope-key.js';
import type { MemoryOwner } from '../domain/stored-memory.js';
import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';

/**
 * Where a written memory lives, per the spec's table (§1.3). Ids arrive
 * normalised (empty string = absent).
 *
 * | ids            | B2C    | B2B                      |
 * | user + customer| user   | user (customer recorded) |
 * | user only      | user   | 400                      |
 * | customer only  | user   | customer                 |
 * | neither        | client | client                   |
 *
 * B2C "customer only" becomes the user whose id is the customer id, since on
 * B2C the customer is the user.
 */
export function resolveWriteOwner(
  auth: AuthContext,
  ids: { userId: string | undefined; customerId: string | undefined },
): MemoryOwner {
  const { userId, customerId } = ids;
  const owner = (
    scope: MemoryOwner['scope'],
    customer: string | undefined,
    user: string | undefined,
  ): MemoryOwner => ({
    instanceId: auth.instanceId,
    scope,
    customerId: customer,
    userId: user,
    conversationId: undefined,
    scopeKey: scopeKeyOf(auth.instanceId, scope, { customerId: customer, userId: user }),
  });
  if (userId === undefined && customerId === undefined) return owner('client', undefined, undefined);
  if (auth.relationship === 'b2c') {
    const person = userId ?? (customerId as string);
    return owner('user', person, person);
  }
  if (userId === undefined) return owner('customer', customerId, undefined);
  if (customerId === undefined) {
    throw new EngramError('BAD_REQUEST', 'on a B2B instance a user_id must come with its customer_id');
  }
  return owner('user', customerId, userId);
}
