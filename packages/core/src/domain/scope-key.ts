import type { MemoryScope } from './memory.js';

/**
 * The partition key of a memory owner. Ids are length-prefixed so that no
 * choice of caller ids can make two owners collide ("a|b" + "c" vs "a" + "b|c").
 */
export function scopeKeyOf(
  instanceId: string,
  scope: MemoryScope,
  ids: { customerId?: string | undefined; userId?: string | undefined; conversationId?: string | undefined },
): string {
  const part = (value: string | undefined) => (value === undefined ? '-' : `${value.length}:${value}`);
  switch (scope) {
    case 'client':
      return `${instanceId}/client`;
    case 'customer':
      return `${instanceId}/customer/${part(ids.customerId)}`;
    case 'user':
      return `${instanceId}/user/${part(ids.customerId)}/${part(ids.userId)}`;
    case 'conversation':
      return `${instanceId}/conversation/${part(ids.conversationId)}`;
  }
}
