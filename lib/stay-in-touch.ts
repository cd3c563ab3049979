import type { Table } from 'dexie';
import { OPEN_STAGES, dealsInStages } from './deals';
import { t, tn } from './i18n';
import type { LastContact } from './last-contact';
import type { Contact, Deal, SettingValue } from './schema';
import { alive } from './validate';

/**
 * Stay in touch: each contact with a cadence lapses that many days after the last time anyone was
 * in touch (an email either way, a call, a meeting), unless snoozed. The cadence is the contact's
 * own, else the shortest of its tags', else the default for contacts with an open deal.
 *
 * When each contact lapses is kept in its own table (`stayInTouch`, one row per contact with a
 * cadence, indexed by `lapsesAt`), because finding the last contact of thousands of people on each
 * open of Today costs half a second. lib/db-derived.ts keeps the rows right on every write;
 * `rebuildStayInTouch` derives them all again (after an import, or when the cadences change).
 */

export type Cadences = SettingValue<'cadences'>;
export const DEFAULT_CADENCES: Cadences = { openDeal: 30, tags: [] };
export const CADENCES_KEY = 'cadences';

/** "Every 30 days", or "Never" for 0. */
export const cadenceLabel = (days: number): string => (days > 0 ? tn('lib.cadence.every', days) : t('lib.cadence.never'));

export interface StayInTouch {
  contactId: string;
  days: number;
  /** The last email, call or meeting; undefined when there was none (counted from the contact's creation). */
  lastAt?: number;
  lapsesAt: number;
}

/** The tables the rows are derived from, and their own: every transaction that keeps them holds these. */
export const STAY_IN_TOUCH_SOURCES = ['contacts', 'deals', 'interactions', 'settings', 'lastContact', 'stayInTouch'] as const;

const DAY = 86_400_000;

export const isOpenDeal = (d: Deal | undefined): boolean => alive(d) && (OPEN_STAGES as readonly string[]).includes(d.stage);

/** The contact's own cadence, else the shortest of its tags'; undefined when only an open deal can give it one. */
export function chosenCadenceOf(contact: Contact, cadences: Cadences): number | undefined {
  if (contact.cadenceDays !== undefined) return contact.cadenceDays;
  const byTag = cadences.tags.filter((t) => t.days > 0 && contact.tags.includes(t.tag)).map((t) => t.days);
  return byTag.length > 0 ? Math.min(...byTag) : undefined;
}

/** The contact's cadence in days, 0 for none. */
export const cadenceOf = (contact: Contact, cadences: Cadences, hasOpenDeal: boolean): number =>
  chosenCadenceOf(contact, cadences) ?? (hasOpenDeal ? cadences.openDeal : 0);

/** The row for a contact with a cadence of `days`; undefined when it has none. */
export function stayInTouchRow(contact: Contact, days: number, lastAt: number | undefined): StayInTouch | undefined {
  if (days <= 0) return undefined;
  const lapsesAt = Math.max((lastAt ?? contact.createdAt) + days * DAY, contact.inTouchSnoozedUntil ?? 0);
  return { contactId: contact.id, days, ...(lastAt !== undefined ? { lastAt } : {}), lapsesAt };
}

export const sameRow = (a: StayInTouch | undefined, b: StayInTouch | undefined): boolean =>
  a?.contactId === b?.contactId && a?.days === b?.days && a?.lastAt === b?.lastAt && a?.lapsesAt === b?.lapsesAt;

/** The tables by name: the database's, or an upgrade transaction's. */
type Tables = (name: (typeof STAY_IN_TOUCH_SOURCES)[number]) => Table;

/**
 * Every row derived again from the records, inside the caller's read-write transaction over
 * STAY_IN_TOUCH_SOURCES, after the lastContact rows are right. Reads only the contacts that can
 * have a cadence: their own, a tag with one, an open deal.
 */
export async function rebuildStayInTouch(tables: Tables): Promise<void> {
  const setting = (await tables('settings').get(CADENCES_KEY)) as { value: Cadences } | undefined;
  const cadences = setting?.value ?? DEFAULT_CADENCES;
  const contacts = tables('contacts');
  const openDeals = (await dealsInStages(tables('deals'), OPEN_STAGES)).flat().filter(isOpenDeal);
  const withDeal = new Set(openDeals.map((d) => d.contactId));
  const tags = cadences.tags.filter((t) => t.days > 0).map((t) => t.tag);
  const candidates = new Set<string>([
    ...((await contacts.where('cadenceDays').above(0).primaryKeys()) as string[]),
    ...(tags.length ? ((await contacts.where('tags').anyOf(tags).primaryKeys()) as string[]) : []),
    ...(cadences.openDeal > 0 ? withDeal : []),
  ]);
  const ids = [...candidates];
  const [people, last] = await Promise.all([contacts.bulkGet(ids) as Promise<(Contact | undefined)[]>, tables('lastContact').bulkGet(ids) as Promise<(LastContact | undefined)[]>]);
  const rows: StayInTouch[] = [];
  for (const [i, contact] of people.entries()) {
    if (!alive(contact)) continue;
    const days = cadenceOf(contact, cadences, withDeal.has(contact.id));
    const row = days > 0 ? stayInTouchRow(contact, days, last[i]?.at) : undefined;
    if (row) rows.push(row);
  }
  // Only what differs is written: a rebuild that changes nothing leaves the database as it was.
  const table = tables('stayInTouch');
  const before = new Map(((await table.toArray()) as StayInTouch[]).map((r) => [r.contactId, r]));
  const changed = rows.filter((r) => !sameRow(r, before.get(r.contactId)));
  const kept = new Set(rows.map((r) => r.contactId));
  const gone = [...before.keys()].filter((id) => !kept.has(id));
  if (gone.length) await table.bulkDelete(gone);
  if (changed.length) await table.bulkPut(changed);
}
