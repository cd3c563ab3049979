import { z } from 'zod';
import type { SidecarDB } from './db';
import { ValidationError } from './errors';
import { t } from './i18n';
import { isAnswered, sameThread } from './followups-gmail';
import type { GmailThread } from './messages';
import { FollowUp, Id, MAX_EPOCH_MS } from './schema';
import { alive, parseOrThrow, revise, toValidationError } from './validate';

/**
 * Follow-up reads and writes, shared by the sidebar (through stores/followUps.ts) and the
 * background (alarms, notifications, badge). Every read of due follow-ups walks the
 * [status+dueAt] index, so the background's work grows with what is due, not with the table.
 */

/** Saving a time a little in the past (the minute the user picked just began) is not a mistake. */
const PAST_GRACE = 60_000;

const pickDateTime = { error: () => t('errors.pickDateTime') };

/** What the "Follow up" picker submits. */
export const FollowUpDraft = z
  .object({
    contactId: Id,
    dueAt: z.int(pickDateTime).nonnegative(pickDateTime).max(MAX_EPOCH_MS, pickDateTime),
    // An empty note is no note.
    note: FollowUp.shape.note.transform((s) => s || undefined),
    ifNoReply: z.boolean(),
    gmailThreadId: FollowUp.shape.gmailThreadId,
  })
  .refine((d) => !d.ifNoReply || d.gmailThreadId !== undefined, {
    error: () => t('errors.ifNoReplyNeedsThread'),
    path: ['ifNoReply'],
  });
export type FollowUpDraft = z.input<typeof FollowUpDraft>;


function checkFuture(dueAt: number, now: number) {
  if (!Number.isFinite(dueAt)) throw new ValidationError([{ path: 'dueAt', message: t('errors.pickDateTime') }]);
  if (dueAt < now - PAST_GRACE) throw new ValidationError([{ path: 'dueAt', message: t('errors.timePassed') }]);
}

export async function scheduleFollowUp(db: SidecarDB, draft: FollowUpDraft, now: number = Date.now()): Promise<FollowUp> {
  const parsed = FollowUpDraft.safeParse(draft);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { contactId, dueAt, note, ifNoReply, gmailThreadId } = parsed.data;
  checkFuture(dueAt, now);
  return db.transaction('rw', db.followUps, db.contacts, async () => {
    const contact = await db.contacts.get(contactId);
    if (!contact || contact.deletedAt !== undefined) throw new ValidationError(t('errors.contactGoneBare'));
    const followUp = parseOrThrow(FollowUp, {
      id: crypto.randomUUID(),
      contactId,
      dueAt,
      ...(note ? { note } : {}),
      status: 'open',
      ifNoReply,
      ...(gmailThreadId ? { gmailThreadId } : {}),
      createdAt: now,
      updatedAt: now,
    });
    await db.followUps.add(followUp);
    return followUp;
  });
}

/** Applies `change` to one live follow-up in one transaction, validated before it is written. */
async function update(db: SidecarDB, id: string, change: (f: FollowUp) => FollowUp | null): Promise<FollowUp> {
  return db.transaction('rw', db.followUps, async () => {
    const current = await db.followUps.get(id);
    if (!alive(current)) throw new ValidationError(t('errors.followUpGone'));
    const next = change(current);
    if (!next) return current;
    const record = parseOrThrow(FollowUp, next);
    await db.followUps.put(record);
    return record;
  });
}

export function completeFollowUp(db: SidecarDB, id: string, now: number = Date.now()): Promise<FollowUp> {
  return update(db, id, (f) => (f.status === 'done' ? null : revise(f, { status: 'done', doneAt: now }, now)));
}

/** Snooze and reschedule alike: a new due time, and a new reminder when it comes. */
export async function rescheduleFollowUp(db: SidecarDB, id: string, dueAt: number, now: number = Date.now()): Promise<FollowUp> {
  checkFuture(dueAt, now);
  return update(db, id, (f) => {
    if (f.status !== 'open') throw new ValidationError(t('errors.followUpDone'));
    const next = revise(f, { dueAt }, now);
    delete next.notifiedAt;
    return next;
  });
}

/** A contact's open follow-ups, soonest first (the contactId index; a contact has few). */
export async function contactFollowUps(db: SidecarDB, contactId: string): Promise<FollowUp[]> {
  const rows = await db.followUps.where('contactId').equals(contactId).toArray();
  return rows.filter((f) => alive(f) && f.status === 'open').sort((a, b) => a.dueAt - b.dueAt);
}

/** Open follow-ups with dueAt in [from, to], in due order, straight from the [status+dueAt] index. */
function openBetween(db: SidecarDB, from: number, to: number, includeFrom = true) {
  return db.followUps
    .where('[status+dueAt]')
    .between(['open', from], ['open', to], includeFrom, true)
    .filter((f) => f.deletedAt === undefined);
}

/** Open follow-ups due by `now` that have not had their reminder yet. */
export function dueUnnotified(db: SidecarDB, now: number): Promise<FollowUp[]> {
  return openBetween(db, 0, now)
    .filter((f) => f.notifiedAt === undefined)
    .toArray();
}

/** The next time a reminder falls due after `now`, or null when none is scheduled. */
export async function nextDueAt(db: SidecarDB, now: number): Promise<number | null> {
  const next = await openBetween(db, now, Infinity, false)
    .filter((f) => f.notifiedAt === undefined)
    .first();
  return next?.dueAt ?? null;
}

/** Open follow-ups whose time has come: the toolbar badge. */
export function overdueCount(db: SidecarDB, now: number): Promise<number> {
  return openBetween(db, 0, now).count();
}

/**
 * Records that the reminders of `shown` were shown, in one transaction. Called after showing them,
 * so that a worker stopped in between shows them again at its next wake rather than never (a
 * reminder's notification id is its follow-up's, so a second showing replaces the first). One
 * completed or rescheduled since it was read keeps no mark: its new due time gets its own reminder.
 */
export function markNotified(db: SidecarDB, shown: readonly FollowUp[], now: number): Promise<FollowUp[]> {
  return db.transaction('rw', db.followUps, async () => {
    const current = await db.followUps.bulkGet(shown.map((f) => f.id));
    const marked = current
      .filter((f, i): f is FollowUp => alive(f) && f.status === 'open' && f.notifiedAt === undefined && f.dueAt === shown[i]!.dueAt)
      .map((f) => parseOrThrow(FollowUp, revise(f, { notifiedAt: now }, now)));
    if (marked.length) await db.followUps.bulkPut(marked);
    return marked;
  });
}

/**
 * Closes the open "if no reply" follow-ups of `thread` that the contact has answered.
 * `baselines` holds, per follow-up id, the thread's message keys when it was scheduled.
 */
export function closeAnswered(
  db: SidecarDB,
  thread: GmailThread,
  baselines: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  now: number = Date.now(),
): Promise<FollowUp[]> {
  return db.transaction('rw', db.followUps, db.contacts, async () => {
    const watching = await openBetween(db, 0, Infinity)
      .filter((f) => f.ifNoReply && sameThread(f.gmailThreadId, thread))
      .toArray();
    if (watching.length === 0) return [];
    const contacts = await db.contacts.bulkGet([...new Set(watching.map((f) => f.contactId))]);
    const emails = new Map(contacts.filter((c) => c && c.deletedAt === undefined).map((c) => [c!.id, c!.emails]));
    const closed = watching
      .filter((f) => isAnswered(f, thread, emails.get(f.contactId) ?? [], baselines.get(f.id)))
      .map((f) => parseOrThrow(FollowUp, revise(f, { status: 'done', doneAt: now }, now)));
    if (closed.length) await db.followUps.bulkPut(closed);
    return closed;
  });
}

/** A follow-up by the id a reminder carries (any text: notification ids are not ours alone); null when gone. */
export async function followUpById(db: SidecarDB, id: string): Promise<FollowUp | null> {
  const parsed = Id.safeParse(id);
  if (!parsed.success) return null;
  const followUp = await db.followUps.get(parsed.data);
  return alive(followUp) ? followUp : null;
}
