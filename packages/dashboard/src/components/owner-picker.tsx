import type { Owner } from '../types.js';

/** `customer/user` (or the one that exists), the value an owner picker holds. */
export function ownerValue(owner: Pick<Owner, 'customer_id' | 'user_id'>): string {
  return JSON.stringify([owner.customer_id, owner.user_id]);
}

/** The owner a picker value names. */
export function parseOwner(value: string): { customer_id: string | null; user_id: string | null } {
  const [customer_id, user_id] = JSON.parse(value) as [string | null, string | null];
  return { customer_id, user_id };
}

/** How an owner reads: `customer › user`, or one of them. */
export function ownerLabel(owner: Pick<Owner, 'customer_id' | 'user_id'>, b2c: boolean): string {
  if (b2c || owner.customer_id === null) return owner.user_id ?? owner.customer_id ?? '?';
  if (owner.user_id === null) return `${owner.customer_id} (customer)`;
  return `${owner.customer_id} › ${owner.user_id}`;
}

/** A select of the instance's customers and users, grouped by customer on B2B. */
export function OwnerPicker(props: {
  id: string;
  owners: Owner[];
  b2c: boolean;
  value: string;
  onChange: (value: string) => void;
  usersOnly?: boolean;
}) {
  const shown = props.usersOnly ? props.owners.filter((owner) => owner.user_id !== null) : props.owners;
  return (
    <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
      {shown.length === 0 && <option value="">No users yet</option>}
      {shown.map((owner) => (
        <option key={ownerValue(owner)} value={ownerValue(owner)}>
          {ownerLabel(owner, props.b2c)} — {owner.memories} memories
        </option>
      ))}
    </select>
  );
}
