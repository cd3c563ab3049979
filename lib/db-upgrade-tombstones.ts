import type { Transaction } from 'dexie';
import type { Contact } from './schema';
import { contactTombstone } from './validate';

/**
 * Version 2: before it, merging two contacts by hand left the merged one's name, title, phone and
 * notes in its tombstone, exported with every backup and out of reach of an erasure. Such a
 * tombstone (no addresses left) is brought to the bare form merges write now, stamped like an
 * edit so that the scrubbed version wins wherever older copies meet it. Tombstones an import's
 * address merge left keep their addresses (lib/backup/merge.ts needs them to agree everywhere)
 * and are scrubbed when the contact they were folded into is erased.
 */
export async function scrubContactTombstones(tx: Transaction, now: number = Date.now()): Promise<void> {
  await tx
    .table('contacts')
    .filter((c: Contact) => c.deletedAt !== undefined && c.emails.length === 0)
    .modify((c: Contact, ref: { value: Contact }) => {
      if (isBare(c)) return false;
      ref.value = contactTombstone(c, now, c.name === 'Erased' ? 'Erased' : 'Merged');
      return true;
    });
}

const BARE_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'deletedAt', 'name', 'emails', 'tags']);
const isBare = (c: Contact) => (c.name === 'Erased' || c.name === 'Merged') && c.tags.length === 0 && Object.keys(c).every((k) => BARE_FIELDS.has(k));
