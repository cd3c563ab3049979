import type { Table } from 'dexie';
import { CONTACT_KINDS } from './contact-signals';
import type { Interaction } from './schema';
import { alive } from './validate';

/**
 * When anyone was last in touch with each contact (an email either way, a call, a meeting): the
 * contacts list sorts and filters by it, Today counts cadences from it, and finding it from the
 * interactions costs a query per contact. Kept in its own table, one row per contact that has such
 * an interaction (`lastContact`, indexed by `at`), derived from the interactions alone; dead
 * contacts' rows are harmless, as every reader joins with the live contacts. lib/db-derived.ts
 * keeps the rows right on every write to interactions, bulk imports included.
 */
export interface LastContact {
  contactId: string;
  at: number;
}

export const countsAsContact = (i: Interaction | undefined): i is Interaction => alive(i) && CONTACT_KINDS.has(i.kind);

/** Every row derived from one pass over the interactions, inside the caller's read-write transaction. */
export async function rebuildLastContact(interactions: Table, rows: Table): Promise<void> {
  const last = new Map<string, number>();
  await interactions.each((i: Interaction) => {
    if (countsAsContact(i) && i.occurredAt > (last.get(i.contactId) ?? -1)) last.set(i.contactId, i.occurredAt);
  });
  await rows.clear();
  await rows.bulkPut([...last].map(([contactId, at]) => ({ contactId, at })));
}
