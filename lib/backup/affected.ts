import type { Contact } from '../schema';

/** A contact of this browser that an import would take away or rename, as the preview names it. */
export interface AffectedContact {
  id: string;
  /** Its name here, before the import. */
  name: string;
  /** Folded into another contact that shares an address (that one's name after the import). */
  mergedInto?: string;
  /** Deleted by the file (it was deleted or erased on the other machine). */
  deleted?: true;
  renamedTo?: string;
  /** Addresses that move to another contact, with that contact's name. */
  movedAddresses?: { address: string; to: string }[];
}

/**
 * The live local contacts that `put` (the contacts an import writes) would tombstone, rename or
 * take addresses from. An address that leaves one contact for another changes that other one
 * too, so its new owner is always among `put`: only `put` is indexed, never the local book.
 */
export function affectedContacts(local: Iterable<Contact>, put: readonly Contact[]): AffectedContact[] {
  if (put.length === 0) return [];
  const next = new Map(put.map((c) => [c.id, c]));
  const owner = new Map<string, Contact>();
  for (const c of put) if (c.deletedAt === undefined) for (const e of c.emails) owner.set(e, c);
  const out: AffectedContact[] = [];
  for (const mine of local) {
    const after = next.get(mine.id);
    if (!after || mine.deletedAt !== undefined) continue;
    const elsewhere = (e: string) => {
      const to = owner.get(e);
      return to && to.id !== mine.id ? to : undefined;
    };
    if (after.deletedAt !== undefined) {
      const survivor = mine.emails.map(elsewhere).find((c) => c !== undefined);
      out.push(survivor ? { id: mine.id, name: mine.name, mergedInto: survivor.name } : { id: mine.id, name: mine.name, deleted: true });
      continue;
    }
    const change: AffectedContact = { id: mine.id, name: mine.name };
    if (after.name !== mine.name) change.renamedTo = after.name;
    const moved = mine.emails.filter((e) => !after.emails.includes(e) && elsewhere(e)).map((address) => ({ address, to: elsewhere(address)!.name }));
    if (moved.length) change.movedAddresses = moved;
    if (change.renamedTo !== undefined || moved.length) out.push(change);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}
