import type { SidecarDB } from './db';
import { ignoreCaseIndexable } from './ignore-case';
import type { Company, Contact } from './schema';
import { alive } from './validate';

export interface ContactRow {
  contact: Contact;
  company?: Company;
}

/**
 * One page of contacts by name, or those whose name or an address starts with `query`.
 * Index-backed (name, *emails), so it stays quick with 100,000 contacts.
 */
export async function listContacts(db: SidecarDB, query: string, limit = 100): Promise<ContactRow[]> {
  const q = query.trim().toLowerCase();
  return db.transaction('r', db.contacts, db.companies, async () => {
    let contacts: Contact[];
    if (!q) contacts = await db.contacts.orderBy('name').filter(alive).limit(limit).toArray();
    else {
      const [byName, byEmail] = await Promise.all([
        (ignoreCaseIndexable(q, true) ? db.contacts.where('name').startsWithIgnoreCase(q) : db.contacts.filter((c) => c.name.toLowerCase().startsWith(q)))
          .filter(alive)
          .limit(limit)
          .toArray(),
        db.contacts.where('emails').startsWith(q).filter(alive).limit(limit).toArray(),
      ]);
      const seen = new Map([...byName, ...byEmail].map((c) => [c.id, c]));
      contacts = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit);
    }
    const companyIds = [...new Set(contacts.flatMap((c) => (c.companyId ? [c.companyId] : [])))];
    const companies = new Map((await db.companies.bulkGet(companyIds)).filter(alive).map((c) => [c.id, c]));
    return contacts.map((contact) => ({ contact, company: contact.companyId ? companies.get(contact.companyId) : undefined }));
  });
}
