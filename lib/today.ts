import type { SidecarDB } from './db';
import type { Contact, FollowUp } from './schema';
import { alive } from './validate';

/**
 * The dashboard's Today: the open follow-ups that are late, due today and due this week, each with
 * its contact. One walk of the [status+dueAt] index up to the week's end, so the work grows with
 * what is due, never with the size of the book.
 */

export const WEEK_DAYS = 7;

export interface AgendaItem {
  followUp: FollowUp;
  /** Undefined once the contact was erased or merged away (the follow-up still shows). */
  contact: Contact | undefined;
}

export interface Agenda {
  overdue: AgendaItem[];
  today: AgendaItem[];
  week: AgendaItem[];
  /** The first open follow-up due after this week, for "nothing due" to say when the next one is. */
  later: number | null;
}

/** The first instant of the local day `days` after `now`'s (0: the coming midnight). */
export function endOfLocalDay(now: number, days = 0): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1 + days).getTime();
}

const openFrom = (db: SidecarDB, from: number, to: number) =>
  db.followUps
    .where('[status+dueAt]')
    .between(['open', from], ['open', to], true, false)
    .filter((f) => f.deletedAt === undefined);

export async function agenda(db: SidecarDB, now: number): Promise<Agenda> {
  const dayEnd = endOfLocalDay(now);
  const weekEnd = endOfLocalDay(now, WEEK_DAYS);
  return db.transaction('r', db.followUps, db.contacts, async () => {
    const [due, next] = await Promise.all([openFrom(db, 0, weekEnd).toArray(), openFrom(db, weekEnd, Infinity).first()]);
    const contacts = await db.contacts.bulkGet([...new Set(due.map((f) => f.contactId))]);
    const byId = new Map(contacts.filter(alive).map((c) => [c.id, c]));
    const items = due.map((followUp) => ({ followUp, contact: byId.get(followUp.contactId) }));
    return {
      overdue: items.filter((i) => i.followUp.dueAt <= now),
      today: items.filter((i) => i.followUp.dueAt > now && i.followUp.dueAt < dayEnd),
      week: items.filter((i) => i.followUp.dueAt >= dayEnd),
      later: next?.dueAt ?? null,
    };
  });
}
