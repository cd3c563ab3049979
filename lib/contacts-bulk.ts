import Dexie from 'dexie';
import type { SidecarDB } from './db';
import { deferStayInTouch } from './db-derived';
import { STAY_IN_TOUCH_SOURCES, rebuildStayInTouch } from './stay-in-touch';
import { eraseContact } from './backup/contact-rights';
import { ValidationError } from './errors';
import { t, tn } from './i18n';
import { Contact, type CadenceDays } from './schema';
import { alive, nextUpdatedAt, parseOrThrow, revise } from './validate';

/** One change made to every contact of a selection. */
export type BulkChange = { kind: 'add-tag'; tag: string } | { kind: 'remove-tag'; tag: string } | { kind: 'set-cadence'; days: CadenceDays | undefined };

/**
 * What `undoBulk` needs to take a bulk change back: each contact the change actually altered, as
 * it was and as the change left it (the same contacts, by id). Contacts it left alone are not
 * listed, so an undo never touches them.
 */
export interface BulkUndo {
  change: BulkChange;
  before: Contact[];
  after: Contact[];
}

// A tag is checked by the schema of a contact's tags, so a bulk tag is exactly what a contact may hold.
const TagList = Contact.pick({ tags: true });
const validTag = (tag: string): string => parseOrThrow(TagList, { tags: [tag] }).tags[0]!;

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What the change alters in `c`; undefined when it would leave `c` as it is, so `c` stays out of the undo. */
function changed(c: Contact, change: BulkChange): Partial<Contact> | undefined {
  switch (change.kind) {
    case 'add-tag':
      return c.tags.some((t) => sameTag(t, change.tag)) ? undefined : { tags: [...c.tags, change.tag] };
    case 'remove-tag': {
      const tags = c.tags.filter((t) => !sameTag(t, change.tag));
      return tags.length === c.tags.length ? undefined : { tags };
    }
    case 'set-cadence':
      return c.cadenceDays === change.days ? undefined : { cadenceDays: change.days };
  }
}

/**
 * The new version, checked by the contact schema before anything is written: one contact that
 * cannot take the change (a 101st tag) fails the whole selection, named, so the user sees which.
 */
function checked(next: Contact): Contact {
  // An unset cadence is left out rather than stored as undefined, so the record reads as one never given a cadence.
  if (next.cadenceDays === undefined) delete next.cadenceDays;
  const r = Contact.safeParse(next);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message:
        i.code === 'too_big' && i.path.length === 1 && i.path[0] === 'tags'
          ? tn('errors.tooManyTags', Number(i.maximum), { name: next.name, max: String(i.maximum) })
          : t('errors.contactIssue', { name: next.name, message: i.message }),
    })),
  );
}

/**
 * Applies `change` to the contacts of `ids` in one transaction, all or nothing. Tombstones and
 * unknown ids are passed over (the selection may be older than the data).
 */
export async function applyBulk(db: SidecarDB, ids: readonly string[], change: BulkChange, now = Date.now()): Promise<BulkUndo> {
  const normalized: BulkChange = change.kind === 'set-cadence' ? change : { ...change, tag: validTag(change.tag) };
  return db.transaction('rw', [...STAY_IN_TOUCH_SOURCES], async () => {
    // A cadence per contact would be derived one contact at a time: once, at the end, instead.
    deferStayInTouch(Dexie.currentTransaction);
    const found = await db.contacts.bulkGet([...new Set(ids)]);
    const before: Contact[] = [];
    const after: Contact[] = [];
    for (const c of found) {
      if (!alive(c)) continue;
      const changes = changed(c, normalized);
      if (!changes) continue;
      before.push(c);
      after.push(checked(revise(c, changes, now)));
    }
    if (after.length) await db.contacts.bulkPut(after);
    await rebuildStayInTouch((name) => db.table(name));
    return { change: normalized, before, after };
  });
}

/**
 * Takes a bulk change back in one transaction. Each contact goes back to how it was, as a new
 * version (newer updatedAt), so backups and other machines see the undo as the latest edit and
 * it wins over the bulk change wherever the two meet. A contact changed again since the bulk
 * change (its updatedAt is no longer the one the change gave it) keeps that later edit: skipped.
 */
export async function undoBulk(db: SidecarDB, undo: BulkUndo, now = Date.now()): Promise<{ restored: number; skipped: number }> {
  const was = new Map(undo.before.map((c) => [c.id, c]));
  return db.transaction('rw', [...STAY_IN_TOUCH_SOURCES], async () => {
    deferStayInTouch(Dexie.currentTransaction);
    const current = await db.contacts.bulkGet(undo.after.map((c) => c.id));
    const restore: Contact[] = [];
    undo.after.forEach((after, i) => {
      const latest = current[i];
      const before = was.get(after.id);
      if (before && latest && latest.updatedAt === after.updatedAt) restore.push({ ...before, updatedAt: nextUpdatedAt(latest, now) });
    });
    if (restore.length) await db.contacts.bulkPut(restore);
    await rebuildStayInTouch((name) => db.table(name));
    return { restored: restore.length, skipped: undo.after.length - restore.length };
  });
}

/**
 * Erases each contact of `ids` as eraseContact does, all in one transaction: a failure leaves
 * every one of them as it was, rather than some erased and some not. Returns how many were
 * erased; tombstones and unknown ids are passed over. Not undoable: an erasure is meant to be final.
 */
export async function eraseContacts(db: SidecarDB, ids: readonly string[], now = Date.now()): Promise<number> {
  // eraseContact opens its transaction over every table; Dexie nests it only in one at least as wide.
  return db.transaction('rw', db.tables, async () => {
    // Read once up front: an erasure tombstones only its own contact and tombstones already
    // folded into it, never another living contact, so the living stay living until their turn.
    const living = (await db.contacts.bulkGet([...new Set(ids)])).filter(alive);
    // One at a time: a tombstone folded into two of them is stamped by both, the second after the first.
    for (const { id } of living) await eraseContact(db, id, now);
    return living.length;
  });
}

/** The living contacts of the selection in name order, with their companies' names: what contactsToCsv takes. */
export async function contactsForExport(
  db: SidecarDB,
  ids: readonly string[],
): Promise<{ contacts: Contact[]; companyName: (id: string | undefined) => string | undefined }> {
  return db.transaction('r', db.contacts, db.companies, async () => {
    const contacts = (await db.contacts.bulkGet([...new Set(ids)]))
      .filter(alive)
      // The id breaks ties so that two exports of one selection are the same file.
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const companyIds = [...new Set(contacts.flatMap((c) => (c.companyId ? [c.companyId] : [])))];
    const names = new Map((await db.companies.bulkGet(companyIds)).filter(alive).map((c) => [c.id, c.name]));
    return { contacts, companyName: (id: string | undefined) => (id ? names.get(id) : undefined) };
  });
}
