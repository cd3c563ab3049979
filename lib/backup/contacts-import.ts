import Dexie from 'dexie';
import { domainOf } from '../address';
import { deferStayInTouch } from '../db-derived';
import { STAY_IN_TOUCH_SOURCES, rebuildStayInTouch } from '../stay-in-touch';
import { companyNamed } from '../contacts';
import type { SidecarDB } from '../db';
import { candidateOf } from '../book-duplicates';
import { findDuplicates } from '../duplicates';
import { ValidationError } from '../errors';
import { t } from '../i18n';
import { Contact } from '../schema';
import { alive, parseOrThrow, revise } from '../validate';
import type { ContactRow } from './contact-rows';

export interface RowMatch {
  row: number;
  name: string;
  /** The existing contact owning one of the row's addresses: the row is merged into it. */
  match?: { id: string; name: string };
  /** For a row no address matches: an existing contact it looks like (lib/duplicates.ts), offered to merge into. */
  likely?: { id: string; name: string; reasons: string[] };
}

async function owner(db: SidecarDB, emails: string[]): Promise<Contact | undefined> {
  return (await db.contacts.where('emails').anyOf(emails).toArray()).filter(alive).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
}

/**
 * Which rows would merge into an existing contact (by address) and which would be new; a new one
 * that looks like an existing contact by the duplicates finder's rules says which.
 */
export async function previewContacts(db: SidecarDB, rows: (ContactRow & { row: number })[], callingCode?: string): Promise<RowMatch[]> {
  const out = await db.transaction('r', db.contacts, async () => {
    const matches: RowMatch[] = [];
    for (const r of rows) {
      const hit = await owner(db, r.emails);
      matches.push({ row: r.row, name: r.name, ...(hit ? { match: { id: hit.id, name: hit.name } } : {}) });
    }
    return matches;
  });
  const unmatched = rows.filter((_, i) => !out[i]!.match);
  if (unmatched.length) {
    const likely = await likelyDuplicates(db, unmatched, callingCode);
    for (const m of out) if (!m.match && likely.has(m.row)) m.likely = likely.get(m.row);
  }
  return out;
}

/** Each row's best likely duplicate among the live contacts, by row number. */
async function likelyDuplicates(db: SidecarDB, rows: (ContactRow & { row: number })[], callingCode?: string) {
  const [contacts, companies] = await db.transaction('r', db.contacts, db.companies, () => Promise.all([db.contacts.toArray(), db.companies.toArray()]));
  const living = new Map(contacts.filter(alive).map((c) => [c.id, c]));
  const byName = new Map(companies.filter(alive).map((c) => [c.name.toLowerCase(), c]));
  const byId = new Map(companies.filter(alive).map((c) => [c.id, c]));
  // Rows take ids no contact can have, so each pair found is one row and one contact, or two rows.
  const rowId = (row: number) => `row:${row}`;
  const pairs = await findDuplicates(
    [
      ...[...living.values()].map((c) => candidateOf(c, c.companyId ? byId.get(c.companyId) : undefined)),
      ...rows.map((r) => candidateOf({ ...r, id: rowId(r.row) }, r.company ? byName.get(r.company.toLowerCase()) : undefined)),
    ],
    { callingCode, maxPairs: 5000 },
  );
  const best = new Map<number, { id: string; name: string; reasons: string[] }>();
  // Best first: the first pair naming a row is its likeliest contact.
  for (const p of pairs) {
    const [row, other] = p.a.startsWith('row:') ? [p.a, p.b] : [p.b, p.a];
    const contact = living.get(other);
    const n = Number(row.slice(4));
    if (!row.startsWith('row:') || !contact || best.has(n)) continue;
    best.set(n, { id: contact.id, name: contact.name, reasons: p.reasons.map((r) => r.text) });
  }
  return best;
}

/**
 * Adds the rows in one transaction. A row whose address belongs to a contact (existing, or added
 * by an earlier row), or that the user chose to merge into a likely duplicate (`mergeInto`, by row
 * number), is merged into it: its new addresses and tags are added, empty fields filled.
 */
export async function importContacts(
  db: SidecarDB,
  rows: (ContactRow & { row?: number })[],
  now = Date.now(),
  mergeInto: ReadonlyMap<number, string> = new Map(),
): Promise<{ added: number; merged: number }> {
  return db.transaction('rw', [db.companies, ...STAY_IN_TOUCH_SOURCES], async () => {
    // One derivation at the end, not one per row (lib/stay-in-touch.ts).
    deferStayInTouch(Dexie.currentTransaction);
    let added = 0;
    let merged = 0;
    for (const r of rows) {
      const chosen = r.row === undefined ? undefined : mergeInto.get(r.row);
      const existing = (await owner(db, r.emails)) ?? (chosen ? (await db.contacts.get(chosen)) : undefined);
      if (chosen && !alive(existing)) throw new ValidationError(t('backup.mergeTargetGone', { name: r.name }));
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
