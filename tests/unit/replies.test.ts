import Dexie from 'dexie';
import { eraseContact } from '@/lib/backup/contact-rights';
import { db, SidecarDB } from '@/lib/db';
import { monthsOf, periodFor } from '@/lib/insights-period';
import { median, rebuildReplies, replyTimes, threadReplies, type Reply } from '@/lib/replies';
import type { Interaction, InteractionKind } from '@/lib/schema';
import { inTimeZone } from './time-helpers';
import { SCHEMA_V5 } from './frozen-schemas';

inTimeZone('Africa/Johannesburg');

const HOUR = 3_600_000;
let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const THREAD = 'thread-f:1798000000000000001';
const OTHER = 'thread-f:1798000000000000002';
const email = (kind: InteractionKind, iso: string, over: Partial<Interaction> = {}): Interaction => {
  const at = new Date(iso).getTime();
  return { id: id(), contactId: 'c0a7ac70-0000-4000-8000-000000000001', kind, occurredAt: at, gmailThreadId: THREAD, createdAt: at, updatedAt: at, ...over };
};

describe('reply times of a thread', () => {
  it('pairs each inbound email with the next sent one, across the senders\' time zones', () => {
    // Written in Lilongwe (+02:00) at 17:30, answered from Johannesburg the next morning; a second
    // message from New York (-05:00) answered 45 minutes later.
    const a = email('email-in', '2026-11-02T17:30:00+02:00');
    const reply = email('email-out', '2026-11-03T08:00:00+02:00');
    const b = email('email-in', '2026-11-03T09:00:00-05:00');
    const reply2 = email('email-out', '2026-11-03T16:45:00+02:00');
    expect(threadReplies([reply2, b, reply, a], THREAD)).toEqual([
      { id: a.id, threadId: THREAD, contactId: a.contactId, at: a.occurredAt, ms: 14.5 * HOUR },
      { id: b.id, threadId: THREAD, contactId: b.contactId, at: b.occurredAt, ms: 45 * 60_000 },
    ]);
  });

  it('gives two inbound emails before one reply each their own wait, and leaves an unanswered one out', () => {
    const first = email('email-in', '2026-11-02T08:00:00+02:00');
    const second = email('email-in', '2026-11-02T10:00:00+02:00');
    const reply = email('email-out', '2026-11-02T11:00:00+02:00');
    const late = email('email-in', '2026-11-02T12:00:00+02:00');
    expect(threadReplies([first, second, reply, late], THREAD).map((r) => [r.id, r.ms])).toEqual([
      [first.id, 3 * HOUR],
      [second.id, HOUR],
    ]);
  });

  it('ignores deleted emails, calls and notes, other threads, and a sent email at the same instant', () => {
    const inbound = email('email-in', '2026-11-02T08:00:00+02:00');
    const same = email('email-out', '2026-11-02T08:00:00+02:00');
    const deleted = email('email-out', '2026-11-02T09:00:00+02:00', { deletedAt: 1 });
    const call = email('call', '2026-11-02T09:30:00+02:00');
    const elsewhere = email('email-out', '2026-11-02T09:45:00+02:00', { gmailThreadId: OTHER });
    const reply = email('email-out', '2026-11-02T10:00:00+02:00');
    expect(threadReplies([inbound, same, deleted, call, elsewhere, reply], THREAD).map((r) => r.ms)).toEqual([2 * HOUR]);
  });

  it('counts a reply in the month the email came in, in local time, with the median per month', () => {
    const now = new Date('2026-12-15T12:00:00+02:00').getTime();
    const months = monthsOf(periodFor('year', now));
    // 23:30 in Johannesburg on 30 November is 21:30 UTC: November here.
    const rows: Reply[] = [
      { id: id(), threadId: THREAD, contactId: 'x', at: new Date('2026-11-30T23:30:00+02:00').getTime(), ms: 4 * HOUR },
      { id: id(), threadId: THREAD, contactId: 'x', at: new Date('2026-12-01T00:30:00+02:00').getTime(), ms: HOUR },
      { id: id(), threadId: THREAD, contactId: 'x', at: new Date('2026-12-02T09:00:00+02:00').getTime(), ms: 3 * HOUR },
      { id: id(), threadId: THREAD, contactId: 'x', at: new Date('2025-11-30T09:00:00+02:00').getTime(), ms: 99 * HOUR },
    ];
    const figures = replyTimes(rows, months);
    expect(figures.months.at(-2)).toEqual({ key: '2026-11', median: 4 * HOUR, count: 1 });
    expect(figures.months.at(-1)).toEqual({ key: '2026-12', median: 2 * HOUR, count: 2 });
    expect(figures.count).toBe(3);
    expect(figures.median).toBe(3 * HOUR);
    expect(median([])).toBeNull();
  });
});

describe('the replies table', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  async function agreesWithRebuild() {
    const kept = await db.replies.orderBy('id').toArray();
    await db.transaction('rw', db.interactions, db.replies, () => rebuildReplies(db.interactions, db.replies));
    expect(kept).toEqual(await db.replies.orderBy('id').toArray());
    return kept;
  }

  it('follows every write to a thread\'s emails in the same transaction', async () => {
    const inbound = email('email-in', '2026-11-02T08:00:00+02:00');
    await db.interactions.add(inbound);
    expect(await db.replies.count()).toBe(0);

    const reply = email('email-out', '2026-11-02T10:00:00+02:00');
    await db.interactions.add(reply);
    expect((await agreesWithRebuild()).map((r) => r.ms)).toEqual([2 * HOUR]);

    // The reply's time corrected, then moved to another thread, then back and deleted.
    await db.interactions.put({ ...reply, occurredAt: reply.occurredAt + HOUR });
    expect((await agreesWithRebuild()).map((r) => r.ms)).toEqual([3 * HOUR]);
    await db.interactions.put({ ...reply, gmailThreadId: OTHER });
    expect(await agreesWithRebuild()).toEqual([]);
    await db.interactions.put(reply);
    expect(await db.replies.count()).toBe(1);
    await db.interactions.put({ ...reply, deletedAt: reply.occurredAt });
    expect(await agreesWithRebuild()).toEqual([]);

    // A bulk write of a whole thread, and clearing the table.
    const later = [email('email-in', '2026-11-05T08:00:00+02:00', { gmailThreadId: OTHER }), email('email-out', '2026-11-05T08:30:00+02:00', { gmailThreadId: OTHER })];
    await db.interactions.bulkPut(later);
    expect((await agreesWithRebuild()).map((r) => [r.threadId, r.ms])).toEqual([[OTHER, 30 * 60_000]]);
    await db.interactions.clear();
    expect(await db.replies.count()).toBe(0);
  });

  it('forgets an erased contact\'s waits with the rest of their records', async () => {
    const contact = { id: 'c0a7ac70-0000-4000-8000-000000000001', name: 'Thandi', emails: ['thandi@acme.example'], tags: [], createdAt: 1, updatedAt: 1 };
    await db.contacts.add(contact);
    await db.interactions.bulkAdd([email('email-in', '2026-11-02T08:00:00+02:00'), email('email-out', '2026-11-02T09:00:00+02:00')]);
    expect(await db.replies.count()).toBe(1);
    await eraseContact(db, contact.id);
    expect(await db.replies.count()).toBe(0);
  });

  it('follows a merge: the thread\'s rows name the contact the email moved to', async () => {
    const inbound = email('email-in', '2026-11-02T08:00:00+02:00');
    await db.interactions.bulkAdd([inbound, email('email-out', '2026-11-02T09:00:00+02:00')]);
    const other = 'c0a7ac70-0000-4000-8000-000000000002';
    await db.interactions.put({ ...inbound, contactId: other });
    expect((await agreesWithRebuild()).map((r) => r.contactId)).toEqual([other]);
  });
});

describe('database version 6', () => {
  it('derives the replies of the emails already logged when a version 5 database is upgraded', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(5).stores(SCHEMA_V5);
    const inbound = email('email-in', '2026-11-02T08:00:00+02:00');
    await old.table('interactions').bulkAdd([inbound, email('email-out', '2026-11-02T08:20:00+02:00'), email('note', '2026-11-02T09:00:00+02:00')]);
    old.close();
    const upgraded = new SidecarDB(name);
    expect(await upgraded.replies.toArray()).toEqual([{ id: inbound.id, threadId: THREAD, contactId: inbound.contactId, at: inbound.occurredAt, ms: 20 * 60_000 }]);
    expect(await upgraded.interactions.where('gmailThreadId').equals(THREAD).count()).toBe(3);
    upgraded.close();
    await Dexie.delete(name);
  });
});
