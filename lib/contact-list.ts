import type { EntityTable } from 'dexie';
import type { SidecarDB } from './db';
import { ignoreCaseIndexable } from './ignore-case';
import type { Company, Contact } from './schema';
import { alive } from './validate';

export interface ContactRow {
  contact: Contact;
  company?: Company;
}

/** Contacts listed at most: a search that finds more shows its first so many. */
export const CONTACT_PAGE = 100;

/** `q` (lower case) as a prefix of an indexed text field: through the index where Dexie can take it. */
function startingWith<T extends { id: string; deletedAt?: number }>(table: EntityTable<T, 'id'>, index: string, q: string, field: (r: T) => string | string[]) {
  const collection = ignoreCaseIndexable(q, true)
    ? table.where(index).startsWithIgnoreCase(q)
    : table.filter((r) => ([] as string[]).concat(field(r)).some((v) => v.toLowerCase().startsWith(q)));
  return collection.filter(alive);
}

/**
 * One page of contacts by name, or those whose name, an address, their company's name or a tag
 * starts with `query`. Index-backed (name, *emails, companies' name then companyId, *tags), so it
 * stays quick with 100,000 contacts.
 */
export async function listContacts(db: SidecarDB, query: string, limit = CONTACT_PAGE): Promise<ContactRow[]> {
  const q = query.trim().toLowerCase();
  return db.transaction('r', db.contacts, db.companies, async () => {
    let contacts: Contact[];
    if (!q) contacts = await db.contacts.orderBy('name').filter(alive).limit(limit).toArray();
    else {
      const atCompanies = async () => {
        const ids = await startingWith(db.companies, 'name', q, (c) => c.name).limit(limit).primaryKeys();
        return ids.length ? db.contacts.where('companyId').anyOf(ids).filter(alive).limit(limit).toArray() : [];
      };
      const found = await Promise.all([
        startingWith(db.contacts, 'name', q, (c) => c.name).limit(limit).toArray(),
        db.contacts.where('emails').startsWith(q).filter(alive).limit(limit).toArray(),
        startingWith(db.contacts, 'tags', q, (c) => c.tags).limit(limit).toArray(),
        atCompanies(),
      ]);
      const seen = new Map(found.flat().map((c) => [c.id, c]));
      contacts = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
    }
    const companyIds = [...new Set(contacts.flatMap((c) => (c.companyId ? [c.companyId] : [])))];
    const companies = new Map((await db.companies.bulkGet(companyIds)).filter(alive).map((c) => [c.id, c]));
    return contacts.map((contact) => ({ contact, company: contact.companyId ? companies.get(contact.companyId) : undefined }));
  });
}
