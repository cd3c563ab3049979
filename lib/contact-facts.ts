import Dexie from 'dexie';
import type { SidecarDB } from './db';
import { OPEN_STAGES, dealsInStages } from './deals';
import { health, type Health } from './health';
import { sumByCurrency, type Totals } from './pipeline';
import type { Deal, FollowUp, Satisfaction } from './schema';
import { isOpenDeal } from './stay-in-touch';
import { alive } from './validate';

/**
 * What the contacts list shows and sorts by beside the contact itself, read for many contacts at
 * once from indexes: the last contact (lastContact), the open deals, the open follow-ups and the
 * latest score.
 */

export interface ContactFacts {
  lastAt?: number;
  health: Health;
  openValue: Totals;
  nextDueAt?: number;
}

/** Above this many contacts a whole small table is read once rather than a query per contact. */
const PER_ID_MAX = 200;

/** Every open deal of the book, by contact: a few thousand at most, read through the stage index. */
export async function openDealsByContact(db: SidecarDB): Promise<Map<string, Deal[]>> {
  const open = (await dealsInStages(db.deals, OPEN_STAGES)).flat().filter(isOpenDeal);
  return group(open);
}

/**
 * The book's open deals and open follow-ups' due times, by contact: few by nature (a few thousand
 * at most), so a page that has them read once needs no read of them per contact (bench: keystroke).
 */
export interface OpenWork {
  deals: Map<string, Deal[]>;
  due: Map<string, number[]>;
}

/** The tables OpenWork is read from: a write to any of them may change it. */
export const OPEN_WORK_TABLES = ['deals', 'followUps'] as const satisfies readonly (keyof SidecarDB)[];

export async function openWorkOf(db: SidecarDB): Promise<OpenWork> {
  return { deals: await openDealsByContact(db), due: await openDueByContact(db) };
}

/** Every open follow-up's due time, by contact, soonest first. */
export async function openDueByContact(db: SidecarDB): Promise<Map<string, number[]>> {
  return dueByContact(await db.followUps.where('[status+dueAt]').between(['open', Dexie.minKey], ['open', Dexie.maxKey]).filter(alive).toArray());
}

/** The due times of `followUps`, by contact, in their order. */
const dueByContact = (followUps: readonly FollowUp[]): Map<string, number[]> => new Map([...group(followUps)].map(([id, list]) => [id, list.map((f) => f.dueAt)]));

function group<T extends { contactId: string }>(rows: readonly T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const r of rows) {
    const list = by.get(r.contactId);
    if (list) list.push(r);
    else by.set(r.contactId, [r]);
  }
  return by;
}

/** The latest of each contact's live scores among `scores`. */
export function latestByContact(scores: Iterable<Satisfaction>): Map<string, Satisfaction> {
  const latest = new Map<string, Satisfaction>();
  for (const s of scores) if (alive(s) && s.occurredAt >= (latest.get(s.contactId)?.occurredAt ?? -1)) latest.set(s.contactId, s);
  return latest;
}

/** The latest live score of each of `ids`, or of everyone when `ids` is null. */
export async function latestScores(db: SidecarDB, ids: readonly string[] | null): Promise<Map<string, Satisfaction>> {
  if (ids && ids.length <= PER_ID_MAX) {
    // One query over every contact's range of the timeline index, not one per contact.
    if (!ids.length) return new Map();
    const ranges = [...ids].sort().map((id) => [[id, Dexie.minKey], [id, Dexie.maxKey]] as [[string, unknown], [string, unknown]]);
    return latestByContact(await db.satisfaction.where('[contactId+occurredAt]').inAnyRange(ranges).toArray());
  }
  // Scores are few beside the interactions: one read of the table, however many contacts.
  return latestByContact(await db.satisfaction.toArray());
}

/** When each of `ids` (everyone when null) was last in touch. */
async function lastContacts(db: SidecarDB, ids: readonly string[] | null): Promise<Map<string, number>> {
  const rows = ids ? (await db.lastContact.bulkGet([...ids])).filter((r) => r !== undefined) : await db.lastContact.toArray();
  return new Map(rows.map((r) => [r.contactId, r.at]));
}

/** The health of `ids`; `everyone` when they are the whole book, read table by table. */
export async function healthOf(db: SidecarDB, ids: readonly string[], everyone: boolean, now: number, open?: OpenWork): Promise<Map<string, Health>> {
  // One after the other: Dexie keeps its transaction across an await of an async function, not
  // across a native Promise.all of them (it commits too early, now and then).
  const last = await lastContacts(db, everyone ? null : ids);
  const scores = await latestScores(db, everyone ? null : ids);
  const due = open?.due ?? (await openDueByContact(db));
  return new Map(ids.map((id) => [id, health({ lastContactedAt: last.get(id), latestSatisfaction: scores.get(id), openFollowUpDueAts: due.get(id) ?? [] }, now)]));
}

/** The facts of the contacts one page shows: a handful of queries, whatever the book's size; fewer given the book's open work. */
export async function factsOf(db: SidecarDB, ids: readonly string[], now: number, given?: OpenWork | Promise<OpenWork>): Promise<Map<string, ContactFacts>> {
  // Every read asked at once in one transaction, a read per contact: the database answers them
  // one after the other without waiting on the page, where anyOf's cursor waits for each contact.
  const each = <T>(read: (id: string) => Promise<T[]>) => Promise.all(ids.map(read)).then((lists) => lists.flat());
  const [lastRows, scoreRows, deals, followUps] = await db.transaction('r', db.lastContact, db.satisfaction, db.deals, db.followUps, () =>
    Promise.all([
      db.lastContact.bulkGet([...ids]),
      each((id) => db.satisfaction.where('[contactId+occurredAt]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()),
      given ? [] : each((id) => db.deals.where('contactId').equals(id).toArray()),
      given ? [] : each((id) => db.followUps.where('contactId').equals(id).toArray()),
    ]),
  );
  // Awaited last: a page's first load reads the open work and the page at once.
  const open = await given;
  const last = new Map(lastRows.flatMap((r) => (r ? [[r.contactId, r.at] as const] : [])));
  const scores = latestByContact(scoreRows);
  const openDeals = open?.deals ?? group(deals.filter(isOpenDeal));
  const due = open?.due ?? dueByContact(followUps.filter((f: FollowUp) => alive(f) && f.status === 'open').sort((a, b) => a.dueAt - b.dueAt));
  return new Map(
    ids.map((id) => {
      const dueAts = due.get(id) ?? [];
      const lastAt = last.get(id);
      return [
        id,
        {
          lastAt,
          health: health({ lastContactedAt: lastAt, latestSatisfaction: scores.get(id), openFollowUpDueAts: dueAts }, now),
          openValue: sumByCurrency(openDeals.get(id) ?? []),
          nextDueAt: dueAts[0],
        },
      ];
    }),
  );
}
