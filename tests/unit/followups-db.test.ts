import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import {
  closeAnswered,
  completeFollowUp,
  contactFollowUps,
  dueUnnotified,
  followUpById,
  markNotified,
  nextDueAt,
  overdueCount,
  rescheduleFollowUp,
  scheduleFollowUp,
} from '@/lib/followups';
import type { GmailThread } from '@/lib/messages';
import type { Contact, FollowUp } from '@/lib/schema';

const NOW = Date.UTC(2025, 8, 1, 12);
const HOUR = 3_600_000;
const legacyAt = (ms: number) => ((BigInt(ms) << 20n) | 0x4c5dn).toString(16);

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

async function contact(name = 'Priya Raman', emails = ['priya.raman@acme.example']): Promise<Contact> {
  const c: Contact = { id: uuid(), name, emails, tags: [], createdAt: NOW - HOUR, updatedAt: NOW - HOUR };
  await db.contacts.add(c);
  return c;
}

async function followUp(contactId: string, over: Partial<FollowUp> = {}): Promise<FollowUp> {
  const f: FollowUp = {
    id: uuid(),
    contactId,
    dueAt: NOW + HOUR,
    status: 'open',
    ifNoReply: false,
    createdAt: NOW - HOUR,
    updatedAt: NOW - HOUR,
    ...over,
  };
  await db.followUps.add(f);
  return f;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('scheduling', () => {
  it('saves an open follow-up for the contact and its thread', async () => {
    const priya = await contact();
    const saved = await scheduleFollowUp(
      db,
      { contactId: priya.id, dueAt: NOW + 21 * HOUR, note: '  Send the terms ', ifNoReply: true, gmailThreadId: '198c7a1e2f3b4c5d' },
      NOW,
    );
    expect(await db.followUps.get(saved.id)).toEqual({
      id: saved.id,
      contactId: priya.id,
      dueAt: NOW + 21 * HOUR,
      note: 'Send the terms',
      status: 'open',
      ifNoReply: true,
      // Stored as the thread's one key, whichever of its ids was given.
      gmailThreadId: 'thread-f:1840980617747713117',
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('keeps no empty note', async () => {
    const priya = await contact();
    const saved = await scheduleFollowUp(db, { contactId: priya.id, dueAt: NOW + HOUR, note: '   ', ifNoReply: false }, NOW);
    expect('note' in saved).toBe(false);
  });

  it.each([
    [{ dueAt: NOW - 2 * HOUR }, /already passed/],
    [{ ifNoReply: true }, /needs an open email thread/],
    [{ note: 'x'.repeat(20_001) }, /20000 characters/],
  ])('refuses %o in words and saves nothing', async (change, message) => {
    const priya = await contact();
    const attempt = scheduleFollowUp(db, { contactId: priya.id, dueAt: NOW + HOUR, ifNoReply: false, ...change }, NOW);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(await db.followUps.count()).toBe(0);
  });

  it('refuses a deleted contact', async () => {
    const gone = await contact();
    await db.contacts.update(gone.id, { deletedAt: NOW });
    await expect(scheduleFollowUp(db, { contactId: gone.id, dueAt: NOW + HOUR, ifNoReply: false }, NOW)).rejects.toThrow(
      /no longer exists/,
    );
    expect(await db.followUps.count()).toBe(0);
  });
});

describe('done, snooze, reschedule', () => {
  it('marks done with the time, once', async () => {
    const f = await followUp((await contact()).id);
    await completeFollowUp(db, f.id, NOW);
    await completeFollowUp(db, f.id, NOW + HOUR);
    expect(await db.followUps.get(f.id)).toMatchObject({ status: 'done', doneAt: NOW, updatedAt: NOW });
  });

  it('moves the due time and reminds again when it comes', async () => {
    const f = await followUp((await contact()).id, { dueAt: NOW - HOUR, notifiedAt: NOW - HOUR });
    await rescheduleFollowUp(db, f.id, NOW + 2 * HOUR, NOW);
    const moved = await db.followUps.get(f.id);
    expect(moved).toMatchObject({ dueAt: NOW + 2 * HOUR, updatedAt: NOW, status: 'open' });
    expect(moved!.notifiedAt).toBeUndefined();
  });

  it('refuses to move into the past, or to move what is done or deleted', async () => {
    const id = (await contact()).id;
    const f = await followUp(id);
    await expect(rescheduleFollowUp(db, f.id, NOW - 3 * HOUR, NOW)).rejects.toThrow(/already passed/);
    const done = await followUp(id, { status: 'done', doneAt: NOW });
    await expect(rescheduleFollowUp(db, done.id, NOW + HOUR, NOW)).rejects.toThrow(/already done/);
    const deleted = await followUp(id, { deletedAt: NOW });
    await expect(completeFollowUp(db, deleted.id, NOW)).rejects.toThrow(/no longer exists/);
    expect((await db.followUps.get(f.id))!.dueAt).toBe(NOW + HOUR);
  });
});

describe('reads for the sidebar and the background', () => {
  it('lists a contact’s open follow-ups soonest first, without done, deleted or others’', async () => {
    const priya = await contact();
    const daniel = await contact('Daniel', ['daniel@northwind.example']);
    const later = await followUp(priya.id, { dueAt: NOW + 5 * HOUR });
    const sooner = await followUp(priya.id, { dueAt: NOW - HOUR });
    await followUp(priya.id, { status: 'done', doneAt: NOW });
    await followUp(priya.id, { deletedAt: NOW });
    await followUp(daniel.id);
    expect((await contactFollowUps(db, priya.id)).map((f) => f.id)).toEqual([sooner.id, later.id]);
  });

  it('finds what is due and not yet reminded, the next due time, and the overdue count', async () => {
    const id = (await contact()).id;
    const due = await followUp(id, { dueAt: NOW - HOUR });
    const dueNow = await followUp(id, { dueAt: NOW });
    await followUp(id, { dueAt: NOW - 2 * HOUR, notifiedAt: NOW - 2 * HOUR }); // reminded: still overdue
    await followUp(id, { dueAt: NOW - HOUR, status: 'done', doneAt: NOW - HOUR });
    await followUp(id, { dueAt: NOW - HOUR, deletedAt: NOW });
    await followUp(id, { dueAt: NOW + 30 * 60_000, status: 'done', doneAt: NOW });
    await followUp(id, { dueAt: NOW + 3 * HOUR });
    await followUp(id, { dueAt: NOW + 2 * HOUR });

    expect((await dueUnnotified(db, NOW)).map((f) => f.id)).toEqual([due.id, dueNow.id]);
    expect(await nextDueAt(db, NOW)).toBe(NOW + 2 * HOUR);
    expect(await overdueCount(db, NOW)).toBe(3);
    expect(await overdueCount(db, NOW + 2 * HOUR)).toBe(4);
  });

  it('has no next due time when nothing is open ahead', async () => {
    await followUp((await contact()).id, { dueAt: NOW - HOUR });
    expect(await nextDueAt(db, NOW)).toBeNull();
    expect(await overdueCount(db, NOW)).toBe(1);
  });

  it('marks shown reminders once: a second wake-up finds nothing to remind', async () => {
    const id = (await contact()).id;
    const due = await followUp(id, { dueAt: NOW - HOUR, ifNoReply: true, gmailThreadId: '198c7a1e2f3b4c5d' });
    const shown = await dueUnnotified(db, NOW);
    const [first, second] = await Promise.all([markNotified(db, shown, NOW), markNotified(db, shown, NOW)]);
    expect([...first, ...second].map((f) => f.id)).toEqual([due.id]);
    expect(await db.followUps.get(due.id)).toMatchObject({ notifiedAt: NOW, updatedAt: NOW, status: 'open' });
    expect(await dueUnnotified(db, NOW + HOUR)).toEqual([]);
  });

  it('leaves unmarked a reminder rescheduled or completed while it was being shown', async () => {
    const id = (await contact()).id;
    const moved = await followUp(id, { dueAt: NOW - HOUR });
    const done = await followUp(id, { dueAt: NOW - HOUR });
    const shown = await dueUnnotified(db, NOW);
    await rescheduleFollowUp(db, moved.id, NOW + HOUR, NOW);
    await completeFollowUp(db, done.id, NOW);
    expect(await markNotified(db, shown, NOW)).toEqual([]);
    expect((await db.followUps.get(moved.id))!.notifiedAt).toBeUndefined();
  });

  it('reads the follow-up a clicked reminder names, and nothing for an id that is not one', async () => {
    const priya = await contact();
    const f = await followUp(priya.id);
    expect(await followUpById(db, f.id)).toEqual(f);
    expect(await followUpById(db, 'not-an-id')).toBeNull();
    await db.followUps.update(f.id, { deletedAt: NOW });
    expect(await followUpById(db, f.id)).toBeNull();
  });
});

describe('closing "if no reply" follow-ups when the contact answers', () => {
  const thread = (from: string, sentAtMs: number): GmailThread => ({
    threadId: 'thread-f:1840980617747713117',
    legacyThreadId: '198c7a1e2f3b4c5d',
    subject: 'Pricing',
    messages: [
      { legacyId: legacyAt(NOW - 10 * HOUR), from: { name: 'me', email: 'me@sidecar.example' }, to: [], cc: [], expanded: true },
      { legacyId: legacyAt(sentAtMs), from: { name: '', email: from }, to: [], cc: [], expanded: true },
    ],
  });

  it('closes the answered one of this thread and nothing else', async () => {
    const priya = await contact('Priya', ['priya.raman@acme.example', 'priya@acme.example']);
    const daniel = await contact('Daniel', ['daniel@northwind.example']);
    const watching = await followUp(priya.id, { ifNoReply: true, gmailThreadId: 'thread-f:1840980617747713117' });
    const plain = await followUp(priya.id, { gmailThreadId: '198c7a1e2f3b4c5d' });
    const otherThread = await followUp(priya.id, { ifNoReply: true, gmailThreadId: '1111111111111111' });
    const someoneElse = await followUp(daniel.id, { ifNoReply: true, gmailThreadId: '198c7a1e2f3b4c5d' });

    const closed = await closeAnswered(db, thread('priya@acme.example', NOW - 30 * 60_000), new Map(), NOW);
    expect(closed.map((f) => f.id)).toEqual([watching.id]);
    expect(await db.followUps.get(watching.id)).toMatchObject({ status: 'done', doneAt: NOW, updatedAt: NOW });
    for (const f of [plain, otherThread, someoneElse]) expect((await db.followUps.get(f.id))!.status).toBe('open');
  });

  it('leaves it open when their last message is older than the follow-up', async () => {
    const priya = await contact();
    const watching = await followUp(priya.id, { ifNoReply: true, gmailThreadId: '198c7a1e2f3b4c5d' });
    expect(await closeAnswered(db, thread('priya.raman@acme.example', NOW - 2 * HOUR), new Map(), NOW)).toEqual([]);
    expect((await db.followUps.get(watching.id))!.status).toBe('open');
  });
});
