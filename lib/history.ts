import Dexie, { type Table } from 'dexie';
import type { SidecarDB } from './db';
import type { FollowUp, Interaction, InteractionKind, Satisfaction } from './schema';
import { ValidationError } from './errors';
import { t } from './i18n';
import { alive, tombstoneOf } from './validate';

/**
 * A contact's timeline: interactions, satisfaction scores and completed follow-ups, newest first.
 * Each source is read through its own index, newest first and only as far as one page needs, and
 * the sources are merged by time; a contact with 10,000 interactions costs what one with 5 does.
 */

export type HistoryEntry =
  | { source: 'interaction'; id: string; at: number; record: Interaction }
  | { source: 'satisfaction'; id: string; at: number; record: Satisfaction }
  | { source: 'follow-up'; id: string; at: number; record: FollowUp };

/** A position in the timeline. Order: `at` descending, then `id` descending (as IndexedDB breaks ties by key). */
export interface HistoryCursor {
  at: number;
  id: string;
}

export const HISTORY_FILTERS = ['all', 'emails', 'calls', 'meetings', 'notes', 'deals', 'satisfaction', 'follow-ups'] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

export const PAGE_SIZE = 50;

const INTERACTION_KINDS: Record<HistoryFilter, readonly InteractionKind[] | null> = {
  all: null,
  emails: ['email-in', 'email-out'],
  calls: ['call'],
  meetings: ['meeting'],
  notes: ['note'],
  deals: ['stage-change'],
  satisfaction: [],
  'follow-ups': [],
};

export interface HistoryQuery {
  filter?: HistoryFilter;
  /** Only entries strictly older than this (the next page). */
  before?: HistoryCursor;
  /** Only entries at or newer than this (everything already shown, kept live). */
  through?: HistoryCursor;
  /** Default PAGE_SIZE; unlimited when `through` is given. */
  limit?: number;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Where the next page starts, or null when there is nothing older. */
  next: HistoryCursor | null;
}

/** a comes before b in the timeline (newer, or as new with the greater id). */
export function newerThan(a: HistoryCursor, b: HistoryCursor): boolean {
  return a.at > b.at || (a.at === b.at && a.id > b.id);
}

const cursorOf = (e: HistoryCursor): HistoryCursor => ({ at: e.at, id: e.id });

export async function loadHistory(db: SidecarDB, contactId: string, query: HistoryQuery = {}): Promise<HistoryPage> {
  const { filter = 'all', before, through } = query;
  const limit = query.limit ?? (through ? Infinity : PAGE_SIZE);
  // One more than asked tells whether an older entry exists without another query.
  const take = limit === Infinity ? Infinity : limit + 1;
  const inRange = (e: HistoryCursor) => (!before || newerThan(before, e)) && (!through || !newerThan(through, e));
  const span: Span = { contactId, before, through, take, inRange };

  const entries = await db.transaction('r', db.interactions, db.satisfaction, db.followUps, async () => {
    const sources = await Promise.all([
      readInteractions(db, filter, span),
      readSatisfaction(db, filter, span),
      readFollowUps(db, contactId, filter, inRange),
    ]);
    return sources.flat().sort((a, b) => (newerThan(a, b) ? -1 : 1));
  });

  if (through) {
    const older = entries.length > limit || (await hasOlder(db, contactId, filter, through));
    return { entries: entries.slice(0, limit), next: older ? cursorOf(through) : null };
  }
  const page = entries.slice(0, limit);
  const last = page[page.length - 1];
  return { entries: page, next: entries.length > limit && last ? cursorOf(last) : null };
}

async function hasOlder(db: SidecarDB, contactId: string, filter: HistoryFilter, through: HistoryCursor) {
  const { entries } = await loadHistory(db, contactId, { filter, before: through, limit: 1 });
  return entries.length > 0;
}

type InRange = (e: HistoryCursor) => boolean;

/** What one page reads of a contact's timeline: between the cursors, at most `take` rows. */
interface Span {
  contactId: string;
  before: HistoryCursor | undefined;
  through: HistoryCursor | undefined;
  take: number;
  inRange: InRange;
}

/** The `[contactId+occurredAt]` range between the two cursors, walked newest first. */
function timeline<T extends { occurredAt: number; id: string; deletedAt?: number }>(
  table: Table<T, string, unknown>,
  { contactId, before, through, take, inRange }: Span,
  keep: (r: T) => boolean,
) {
  const collection = table
    .where('[contactId+occurredAt]')
    .between([contactId, through?.at ?? Dexie.minKey], [contactId, before?.at ?? Dexie.maxKey], true, true)
    .reverse()
    // Rows sharing the cursor's time are filtered here; they are few.
    .filter((r) => alive(r) && keep(r) && inRange({ at: r.occurredAt, id: r.id }));
  return take === Infinity ? collection.toArray() : collection.limit(take).toArray();
}

async function readInteractions(db: SidecarDB, filter: HistoryFilter, span: Span): Promise<HistoryEntry[]> {
  const kinds = INTERACTION_KINDS[filter];
  if (kinds?.length === 0) return [];
  const rows = await timeline(db.interactions, span, (r) => !kinds || kinds.includes(r.kind));
  return rows.map((record) => ({ source: 'interaction', id: record.id, at: record.occurredAt, record }));
}

async function readSatisfaction(db: SidecarDB, filter: HistoryFilter, span: Span): Promise<HistoryEntry[]> {
  if (filter !== 'all' && filter !== 'satisfaction') return [];
  const rows = await timeline(db.satisfaction, span, () => true);
  return rows.map((record) => ({ source: 'satisfaction', id: record.id, at: record.occurredAt, record }));
}

/** A contact has few follow-ups, so they are read whole by the `contactId` index and sorted here. */
async function readFollowUps(db: SidecarDB, contactId: string, filter: HistoryFilter, inRange: InRange): Promise<HistoryEntry[]> {
  if (filter !== 'all' && filter !== 'follow-ups') return [];
  const rows = await db.followUps.where('contactId').equals(contactId).toArray();
  return rows
    .filter((r) => alive(r) && r.status === 'done' && r.doneAt !== undefined && inRange({ at: r.doneAt, id: r.id }))
    .map((record) => ({ source: 'follow-up', id: record.id, at: record.doneAt!, record }));
}

/** What a tombstone drops: the words, which are the personal part. */
const WORDS = { interaction: ['subject', 'body'], satisfaction: ['note', 'touchpoint'] } as const;

/**
 * Deletes a logged interaction or a satisfaction score. What stays is a tombstone: the id, times,
 * owner and Gmail ids, so the deletion travels in the next backup and a message logged again is
 * brought back rather than duplicated; the subject, text and note go. Completed follow-ups are
 * the follow-ups' own and are not deleted from the timeline.
 */
export async function deleteEntry(db: SidecarDB, entry: Pick<HistoryEntry, 'source' | 'id'>, now = Date.now()): Promise<void> {
  if (entry.source === 'follow-up') throw new ValidationError(t('errors.completedFollowUpStays'));
  const source = entry.source;
  const table = (source === 'interaction' ? db.interactions : db.satisfaction) as Table<Interaction | Satisfaction, string>;
  await db.transaction('rw', table, async () => {
    const r = await table.get(entry.id);
    if (!alive(r)) throw new ValidationError(t('errors.entryGone'));
    await table.put(tombstoneOf(r, now, WORDS[source]));
  });
}
