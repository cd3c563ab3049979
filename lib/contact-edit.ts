import Dexie from 'dexie';
import { domainOf } from './address';
import type { SidecarDB } from './db';
import { EmailTakenError, ValidationError } from './errors';
import { t } from './i18n';
import { companyNamed } from './contacts';
import { Contact, ContactEdit, Email } from './schema';
import { alive, contactTombstone, nextUpdatedAt, parseOrThrow, revise } from './validate';

async function liveContact(db: SidecarDB, id: string): Promise<Contact> {
  const contact = await db.contacts.get(id);
  if (!alive(contact)) throw new ValidationError(t('errors.contactGone'));
  return contact;
}

const save = (db: SidecarDB, contact: Contact) => db.contacts.put(parseOrThrow(Contact, contact));

/** The card's edit form. An empty company name unlinks the company; another name links or creates it. */
export async function updateContact(db: SidecarDB, id: string, edit: ContactEdit, now = Date.now()): Promise<Contact> {
  const { name, title, companyName, phone, tags, notes, cadenceDays } = parseOrThrow(ContactEdit, edit);
  return db.transaction('rw', db.contacts, db.companies, async () => {
    const contact = await liveContact(db, id);
    const companyId = companyName ? await companyNamed(db, companyName, contact.emails.map(domainOf), now) : undefined;
    const next = revise(
      contact,
      { name, title: title || undefined, companyId, phone: phone || undefined, tags, notes: notes || undefined, cadenceDays },
      now,
    );
    await save(db, next);
    return next;
  });
}

/** Adds an address; one owned by another contact throws EmailTakenError, so the UI can offer a merge. */
export async function addEmail(db: SidecarDB, id: string, input: string, now = Date.now()): Promise<void> {
  const email = parseOrThrow(Email, input);
  await db.transaction('rw', db.contacts, async () => {
    const contact = await liveContact(db, id);
    if (contact.emails.includes(email)) return;
    const owner = (await db.contacts.where('emails').equals(email).toArray()).find(alive);
    if (owner) throw new EmailTakenError(email, owner.id, owner.name);
    await save(db, revise(contact, { emails: [...contact.emails, email] }, now));
  });
}

export async function removeEmail(db: SidecarDB, id: string, email: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const contact = await liveContact(db, id);
    if (!contact.emails.includes(email)) return;
    if (contact.emails.length === 1) {
      throw new ValidationError(t('errors.keepOneAddress'));
    }
    await save(db, revise(contact, { emails: contact.emails.filter((e) => e !== email) }, now));
  });
}

/**
 * Folds `mergedId` into `keptId`: addresses and tags are joined, empty fields filled, and every
 * interaction, deal, score and follow-up moves over. What stays of the merged contact is a bare
 * tombstone: its details live on in the kept one, its addresses are free, and the merge travels
 * to other machines through backups.
 */
export async function mergeContacts(db: SidecarDB, keptId: string, mergedId: string, now = Date.now()): Promise<Contact> {
  if (keptId === mergedId) throw new ValidationError(t('errors.contactIntoItself'));
  const tables = [db.contacts, db.interactions, db.deals, db.satisfaction, db.followUps];
  return db.transaction('rw', tables, async () => {
    const [kept, merged] = await Promise.all([liveContact(db, keptId), liveContact(db, mergedId)]);
    const next = revise(
      { ...merged, ...kept },
      {
        title: kept.title ?? merged.title,
        phone: kept.phone ?? merged.phone,
        companyId: kept.companyId ?? merged.companyId,
        notes: [kept.notes, merged.notes].filter(Boolean).join('\n\n') || undefined,
        emails: [...new Set([...kept.emails, ...merged.emails])],
        tags: [...new Set([...kept.tags, ...merged.tags])],
        neverLog: kept.neverLog || merged.neverLog || undefined,
      },
      now,
    );
    await save(db, next);
    await db.contacts.put(contactTombstone(merged, now, 'Merged'));

    const move = (r: { contactId: string; updatedAt: number }) => {
      r.contactId = keptId;
      r.updatedAt = nextUpdatedAt(r, now);
    };
    const timeline = [mergedId, Dexie.minKey] as const;
    await db.interactions.where('[contactId+occurredAt]').between(timeline, [mergedId, Dexie.maxKey]).modify(move);
    await db.satisfaction.where('[contactId+occurredAt]').between(timeline, [mergedId, Dexie.maxKey]).modify(move);
    await db.deals.where('contactId').equals(mergedId).modify(move);
    await db.followUps.where('contactId').equals(mergedId).modify(move);
    return next;
  });
}
