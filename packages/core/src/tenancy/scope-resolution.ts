import type { AuthContext } from '../domain/tenancy.js';
import { EngramError } from '../errors/engram-error.js';

/** The customer and user a call is about, after applying the instance's relationship. */
export interface ResolvedPeople {
  userId: string | undefined;
  customerId: string | undefined;
}

/**
 * B2C instances treat the customer as the user: whenever a user is named its
 * id is also the customer id (a different `customer_id` is ignored, exactly
 * as writes do), and a lone `customer_id` stays as given. B2B keeps both as
 * given. Ids are already normalised (empty string = absent) by the wire schemas.
 */
export function resolvePeople(
  auth: AuthContext,
  ids: { userId: string | undefined; customerId: string | undefined },
): ResolvedPeople {
  if (auth.relationship === 'b2c') return { userId: ids.userId, customerId: ids.userId ?? ids.customerId };
  return { userId: ids.userId, customerId: ids.customerId };
}

/** On a B2B instance a call naming a user must name its customer too (spec §1.2). */
export function requireCustomerForB2bUser(auth: AuthContext, ids: ResolvedPeople, operation: string): void {
  if (auth.relationship === 'b2b' && ids.userId !== undefined && ids.customerId === undefined) {
    throw new EngramError(
      'BAD_REQUEST',
      `${operation} on a B2B instance needs customer_id along with user_id`,
    );
  }
}
