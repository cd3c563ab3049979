import type { SidecarDB } from './db';
import Dexie from 'dexie';
import { ValidationError } from './errors';
import { t } from './i18n';
import { health, type Health } from './health';
import { sumByCurrency, type Totals } from './pipeline';
import { Contact, Setting } from './schema';
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

/**
 * The first `shown` lapsed contacts with what their rows show; the work grows with `shown`, not
 * with the book. Their deals and follow-ups are read in one query each; the last contact comes
 * from the row, so only the latest score is looked up per contact.
 */
export async function lapsedContacts(db: SidecarDB, now: number, shown: number): Promise<Lapsed> {
  return db.transaction('r', [db.stayInTouch, db.contacts, db.deals, db.satisfaction, db.followUps], async () => {
    // Two collections: limit() changes the collection it is called on.
    const [count, rows] = await Promise.all([lapsedCount(db, now), db.stayInTouch.where('lapsesAt').belowOrEqual(now).limit(shown).toArray()]);
    const ids = rows.map((r) => r.contactId);
    const [contacts, deals, followUps, scores] = await Promise.all([
      db.contacts.bulkGet(ids),
      db.deals.where('contactId').anyOf(ids).toArray(),
      db.followUps.where('contactId').anyOf(ids).toArray(),
      Promise.all(ids.map((id) => db.satisfaction.where('[contactId+occurredAt]').between([id, Dexie.minKey], [id, Dexie.maxKey]).reverse().filter(alive).first())),
    ]);
    const items: LapsedItem[] = [];
    for (const [i, row] of rows.entries()) {
      const contact = contacts[i];
      if (!alive(contact)) continue;
      const signals = {
        lastContactedAt: row.lastAt,
        latestSatisfaction: scores[i],
        openFollowUpDueAts: followUps.filter((f) => f.contactId === contact.id && alive(f) && f.status === 'open').map((f) => f.dueAt),
      };
      const open = deals.filter((d) => d.contactId === contact.id && isOpenDeal(d));
      items.push({ contact, row, openValue: sumByCurrency(open), health: health(signals, now) });
    }
    return { count, items };
  });
}

/** Not listed as lapsed before `until`; being in touch before then starts the cadence again as usual. */
export async function snoozeStayInTouch(db: SidecarDB, contactId: string, until: number, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const contact = await db.contacts.get(contactId);
    if (!alive(contact)) throw new ValidationError(t('errors.contactGone'));
    await db.contacts.put(parseOrThrow(Contact, revise(contact, { inTouchSnoozedUntil: until }, now)));
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
