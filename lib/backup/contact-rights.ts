import Dexie from 'dexie';
import type { SidecarDB } from '../db';
import { ValidationError } from '../errors';
import { t } from '../i18n';
import { alive, contactTombstone, nextUpdatedAt } from '../validate';

/** Everything Sidecar holds about one contact, as one JSON document (a subject access request). */
export async function exportContact(db: SidecarDB, id: string, now = Date.now()) {
  return db.transaction('r', db.tables, async () => {
    const contact = await db.contacts.get(id);
    if (!alive(contact)) throw new ValidationError(t('backup.contactNoLongerExists'));
    const range = [[id, Dexie.minKey], [id, Dexie.maxKey]] as const;
    return {
      format: 'sidecar-crm-contact',
      version: 1,
      exportedAt: now,
      contact,
      company: contact.companyId ? await db.companies.get(contact.companyId) : undefined,
      interactions: (await db.interactions.where('[contactId+occurredAt]').between(...range, true, true).toArray()).filter(alive),
      deals: (await db.deals.where('contactId').equals(id).toArray()).filter(alive),
      satisfaction: (await db.satisfaction.where('[contactId+occurredAt]').between(...range, true, true).toArray()).filter(alive),
      followUps: (await db.followUps.where('contactId').equals(id).toArray()).filter(alive),
    };
  });
}

/**
 * Erases a contact and everything about them, together with the contacts an import merged into
 * it earlier (their tombstones still hold the addresses the merge folded in). What stays is a
 * tombstone per record (its id, times and owner id, placeholders where the schema needs a value),
 * stamped newer than the version it replaces, so the erasure reaches other machines through the
 * next backup and no older copy brings the data back, even one from a machine whose clock ran ahead.
 */
export async function eraseContact(db: SidecarDB, id: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const contact = await db.contacts.get(id);
    if (!contact) throw new ValidationError(t('backup.contactNoLongerExists'));
    const folded = contact.emails.length ? await db.contacts.where('emails').anyOf(contact.emails).toArray() : [];
    const erased = [contact, ...folded.filter((c) => c.id !== id && c.deletedAt !== undefined)];
    await db.contacts.bulkPut(erased.map((c) => contactTombstone(c, now, 'Erased')));
    for (const { id: owner } of erased) await eraseRecordsOf(db, owner, now);
  });
}

async function eraseRecordsOf(db: SidecarDB, id: string, now: number): Promise<void> {
  const stamp = (r: { id: string; createdAt: number; updatedAt: number }) => ({
    id: r.id,
    createdAt: r.createdAt,
    updatedAt: nextUpdatedAt(r, now),
    deletedAt: now,
    contactId: id,
  });
  const range = [[id, Dexie.minKey], [id, Dexie.maxKey]] as const;
  const interactions = await db.interactions.where('[contactId+occurredAt]').between(...range, true, true).toArray();
  await db.interactions.bulkPut(interactions.map((r) => ({ ...stamp(r), kind: 'note' as const, occurredAt: 0 })));
  const deals = await db.deals.where('contactId').equals(id).toArray();
  await db.deals.bulkPut(deals.map((r) => ({ ...stamp(r), title: 'Erased', stage: 'lead' as const, amountMinor: 0, currency: 'XXX', gmailThreadIds: [] })));
  const scores = await db.satisfaction.where('[contactId+occurredAt]').between(...range, true, true).toArray();
  await db.satisfaction.bulkPut(scores.map((r) => ({ ...stamp(r), kind: 'csat' as const, score: 1, occurredAt: 0 })));
  const followUps = await db.followUps.where('contactId').equals(id).toArray();
  await db.followUps.bulkPut(followUps.map((r) => ({ ...stamp(r), dueAt: 0, status: 'done' as const, ifNoReply: false })));
}
