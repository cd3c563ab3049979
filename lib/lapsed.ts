import type { SidecarDB } from './db';
import { contactSignals } from './contact-signals';
import { ValidationError } from './errors';
import { health, type Health } from './health';
import { sumByCurrency, type Totals } from './pipeline';
import { Contact, Setting, type CadenceDays } from './schema';
import { CADENCES_KEY, STAY_IN_TOUCH_SOURCES, isOpenDeal, rebuildStayInTouch, type Cadences, type StayInTouch } from './stay-in-touch';
import { alive, parseOrThrow, revise } from './validate';

/** Today's "stay in touch": the contacts whose cadence has lapsed, most overdue first. */

export interface LapsedItem {
  contact: Contact;
  row: StayInTouch;
  openValue: Totals;
  health: Health;
}

export interface Lapsed {
  /** All the lapsed contacts: what the toolbar badge adds to the overdue follow-ups. */
  count: number;
  items: LapsedItem[];
}

/** How many contacts have lapsed by `now`: one count on the lapsesAt index. */
export const lapsedCount = (db: SidecarDB, now: number): Promise<number> => db.stayInTouch.where('lapsesAt').belowOrEqual(now).count();

/** The first `shown` lapsed contacts with what their rows show; the work grows with `shown`, not with the book. */
export async function lapsedContacts(db: SidecarDB, now: number, shown: number): Promise<Lapsed> {
  return db.transaction('r', [db.stayInTouch, db.contacts, db.deals, db.interactions, db.satisfaction, db.followUps], async () => {
    // Two collections: limit() changes the collection it is called on.
    const [count, rows] = await Promise.all([lapsedCount(db, now), db.stayInTouch.where('lapsesAt').belowOrEqual(now).limit(shown).toArray()]);
    const contacts = await db.contacts.bulkGet(rows.map((r) => r.contactId));
    const items = await Promise.all(
      rows.map(async (row, i): Promise<LapsedItem | undefined> => {
        const contact = contacts[i];
        if (!alive(contact)) return undefined;
        const [deals, signals] = await Promise.all([db.deals.where('contactId').equals(contact.id).toArray(), contactSignals(db, contact.id)]);
        return { contact, row, openValue: sumByCurrency(deals.filter(isOpenDeal)), health: health(signals, now) };
      }),
    );
    return { count, items: items.filter((i) => i !== undefined) };
  });
}

/** Not listed as lapsed before `until`; being in touch before then starts the cadence again as usual. */
export async function snoozeStayInTouch(db: SidecarDB, contactId: string, until: number, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const contact = await db.contacts.get(contactId);
    if (!alive(contact)) throw new ValidationError('This contact no longer exists.');
    await db.contacts.put(parseOrThrow(Contact, revise(contact, { inTouchSnoozedUntil: until }, now)));
  });
}

/** The contact's own cadence; undefined: as its tags or an open deal say. */
export async function setCadence(db: SidecarDB, contactId: string, days: CadenceDays | undefined, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const contact = await db.contacts.get(contactId);
    if (!alive(contact)) throw new ValidationError('This contact no longer exists.');
    await db.contacts.put(parseOrThrow(Contact, revise(contact, { cadenceDays: days }, now)));
  });
}

/** The cadences by tag and for open deals, and every contact's row derived again with them, in one transaction. */
export async function saveCadences(db: SidecarDB, cadences: Cadences): Promise<void> {
  const setting = parseOrThrow(Setting, { key: CADENCES_KEY, value: { ...cadences, tags: cadences.tags.filter((t) => t.days > 0) } });
  await db.transaction('rw', [...STAY_IN_TOUCH_SOURCES], async () => {
    await db.settings.put(setting);
    await rebuildStayInTouch((name) => db.table(name));
  });
}
