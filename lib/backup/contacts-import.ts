import Dexie from 'dexie';
import { domainOf } from '../address';
import { deferStayInTouch } from '../db-derived';
import { STAY_IN_TOUCH_SOURCES, rebuildStayInTouch } from '../stay-in-touch';
import { companyNamed } from '../contacts';
import type { SidecarDB } from '../db';
import { Contact } from '../schema';
import { alive, parseOrThrow, revise } from '../validate';
import type { ContactRow } from './contact-rows';

export interface RowMatch {
  row: number;
  name: string;
  /** The existing contact owning one of the row's addresses: the row is merged into it. */
  match?: { id: string; name: string };
}

async function owner(db: SidecarDB, emails: string[]): Promise<Contact | undefined> {
  return (await db.contacts.where('emails').anyOf(emails).toArray()).filter(alive).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
}

/** Which rows would merge into an existing contact (by address) and which would be new. */
export async function previewContacts(db: SidecarDB, rows: (ContactRow & { row: number })[]): Promise<RowMatch[]> {
  return db.transaction('r', db.contacts, async () => {
    const out: RowMatch[] = [];
    for (const r of rows) {
      const hit = await owner(db, r.emails);
      out.push({ row: r.row, name: r.name, ...(hit ? { match: { id: hit.id, name: hit.name } } : {}) });
    }
    return out;
  });
}

/**
 * Adds the rows in one transaction. A row whose address belongs to a contact (existing, or added
 * by an earlier row) is merged into it: its new addresses and tags are added, empty fields filled.
 */
export async function importContacts(db: SidecarDB, rows: ContactRow[], now = Date.now()): Promise<{ added: number; merged: number }> {
  return db.transaction('rw', [db.companies, ...STAY_IN_TOUCH_SOURCES], async () => {
    // One derivation at the end, not one per row (lib/stay-in-touch.ts).
    deferStayInTouch(Dexie.currentTransaction);
    let added = 0;
    let merged = 0;
    for (const r of rows) {
      const existing = await owner(db, r.emails);
      const companyId = r.company ? await companyNamed(db, r.company, [...new Set(r.emails.map(domainOf))], now) : undefined;
      if (existing) {
        const taken = new Set((await db.contacts.where('emails').anyOf(r.emails).toArray()).filter((c) => alive(c) && c.id !== existing.id).flatMap((c) => c.emails));
        const next = revise(
          existing,
          {
            emails: [...new Set([...existing.emails, ...r.emails.filter((e) => !taken.has(e))])].slice(0, 50),
            tags: [...new Set([...existing.tags, ...r.tags])].slice(0, 100),
            title: existing.title ?? r.title,
            phone: existing.phone ?? r.phone,
            companyId: existing.companyId ?? companyId,
            notes: existing.notes ?? r.notes,
          },
          now,
        );
        await db.contacts.put(parseOrThrow(Contact, next));
        merged++;
      } else {
        const contact = parseOrThrow(Contact, {
          id: crypto.randomUUID(),
          name: r.name,
          emails: r.emails,
          tags: r.tags,
          title: r.title,
          phone: r.phone,
          companyId,
          notes: r.notes,
          createdAt: now,
          updatedAt: now,
        });
        await db.contacts.add(contact);
        added++;
      }
    }
    await rebuildStayInTouch((name) => db.table(name));
    return { added, merged };
  });
}
