import { db } from '@/lib/db';
import { deleteEntry, loadHistory, newerThan, type HistoryEntry } from '@/lib/history';
import { logGmailMessages } from '@/lib/interactions';
import { dumpDatabase } from '@/lib/backup/apply';
import type { FollowUp, Interaction, Satisfaction } from '@/lib/schema';

const PRIYA = crypto.randomUUID();
const OTHER = crypto.randomUUID();
const T0 = Date.UTC(2025, 0, 1);
const MIN = 60_000;

let seq = 0;
/** Ids that sort in creation order, so ties on time are predictable in assertions. */
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const stamp = { createdAt: T0, updatedAt: T0 };

const interaction = (at: number, extra: Partial<Interaction> = {}): Interaction => ({
  id: id(), contactId: PRIYA, kind: 'call', subject: `call at ${at}`, occurredAt: at, ...stamp, ...extra,
});
const score = (at: number, extra: Partial<Satisfaction> = {}): Satisfaction =>
  ({ id: id(), contactId: PRIYA, kind: 'csat', score: 4, occurredAt: at, ...stamp, ...extra }) as Satisfaction;
const followUp = (extra: Partial<FollowUp>): FollowUp => ({
  id: id(), contactId: PRIYA, dueAt: T0, status: 'open', ifNoReply: false, ...stamp, ...extra,
});

const ids = (entries: HistoryEntry[]) => entries.map((e) => e.id);

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('loadHistory', () => {
  it('merges interactions, scores and completed follow-ups, newest first, ignoring deleted rows and other contacts', async () => {
    const call = interaction(T0 + 1 * MIN);
    const note = interaction(T0 + 4 * MIN, { kind: 'note' });
    const gone = interaction(T0 + 5 * MIN, { deletedAt: T0 });
    const elsewhere = interaction(T0 + 6 * MIN, { contactId: OTHER });
    const csat = score(T0 + 3 * MIN);
    const done = followUp({ status: 'done', doneAt: T0 + 2 * MIN });
    const open = followUp({ dueAt: T0 + 7 * MIN });
    const doneThenDeleted = followUp({ status: 'done', doneAt: T0 + 8 * MIN, deletedAt: T0 });
    await db.interactions.bulkAdd([call, note, gone, elsewhere]);
    await db.satisfaction.add(csat);
    await db.followUps.bulkAdd([done, open, doneThenDeleted]);

    const page = await loadHistory(db, PRIYA);
    expect(ids(page.entries)).toEqual([note.id, csat.id, done.id, call.id]);
    expect(page.entries.map((e) => e.source)).toEqual(['interaction', 'satisfaction', 'follow-up', 'interaction']);
    expect(page.entries[2]!.at).toBe(T0 + 2 * MIN);
    expect(page.next).toBeNull();
  });

  it('filters by kind: emails, calls, deals, satisfaction, follow-ups', async () => {
    const rows = [
      interaction(T0 + 1, { kind: 'email-in' }),
      interaction(T0 + 2, { kind: 'email-out' }),
      interaction(T0 + 3, { kind: 'call' }),
      interaction(T0 + 4, { kind: 'meeting' }),
      interaction(T0 + 5, { kind: 'note' }),
      interaction(T0 + 6, { kind: 'stage-change' }),
    ];
    await db.interactions.bulkAdd(rows);
    const csat = score(T0 + 7);
    const done = followUp({ status: 'done', doneAt: T0 + 8 });
    await db.satisfaction.add(csat);
    await db.followUps.add(done);

    const kinds = async (filter: Parameters<typeof loadHistory>[2] extends infer Q ? Q : never) =>
      (await loadHistory(db, PRIYA, filter)).entries.map((e) => (e.source === 'interaction' ? e.record.kind : e.source));
    expect(await kinds({ filter: 'emails' })).toEqual(['email-out', 'email-in']);
    expect(await kinds({ filter: 'calls' })).toEqual(['call']);
    expect(await kinds({ filter: 'meetings' })).toEqual(['meeting']);
    expect(await kinds({ filter: 'notes' })).toEqual(['note']);
    expect(await kinds({ filter: 'deals' })).toEqual(['stage-change']);
    expect(await kinds({ filter: 'satisfaction' })).toEqual(['satisfaction']);
    expect(await kinds({ filter: 'follow-ups' })).toEqual(['follow-up']);
    expect(await kinds({ filter: 'all' })).toHaveLength(8);
  });

  it('pages through entries sharing one time without skipping or repeating any', async () => {
    // 7 entries at the same minute across two tables: the cursor's id breaks the tie.
    const same = T0 + MIN;
    await db.interactions.bulkAdd([1, 2, 3, 4, 5].map(() => interaction(same)));
    await db.satisfaction.bulkAdd([score(same), score(same)]);
    const seen: string[] = [];
    let page = await loadHistory(db, PRIYA, { limit: 3 });
    seen.push(...ids(page.entries));
    while (page.next) {
      page = await loadHistory(db, PRIYA, { limit: 3, before: page.next });
      seen.push(...ids(page.entries));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('keeps the shown range live: `through` returns everything down to the oldest shown entry', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => interaction(T0 + i * MIN));
    await db.interactions.bulkAdd(rows);
    const first = await loadHistory(db, PRIYA, { limit: 4 });
    const oldest = first.entries.at(-1)!;
    // A call logged now lands above the range; the range still ends at the same entry.
    const fresh = interaction(T0 + 60 * MIN);
    await db.interactions.add(fresh);
    const live = await loadHistory(db, PRIYA, { through: { at: oldest.at, id: oldest.id } });
    expect(ids(live.entries)).toEqual([fresh.id, ...ids(first.entries)]);
    expect(live.next).toEqual({ at: oldest.at, id: oldest.id });

    const all = await loadHistory(db, PRIYA, { through: { at: rows[0]!.occurredAt, id: rows[0]!.id } });
    expect(all.entries).toHaveLength(11);
    expect(all.next).toBeNull();
  });

  it('opens a contact with 10,000 interactions on its 50 newest, and pages on without gaps or duplicates', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => interaction(T0 + i * MIN, { kind: i % 2 ? 'email-in' : 'call' }));
    await db.interactions.bulkAdd(rows);
    const newest = [...rows].reverse();

    // Only the rows one page needs are read: the index is walked from the newest end.
    let read = 0;
    const count = (row: Interaction) => (read++, row);
    db.interactions.hook('reading', count);
    const first = await loadHistory(db, PRIYA);
    db.interactions.hook('reading').unsubscribe(count);
    expect(read).toBeGreaterThanOrEqual(50);
    expect(read).toBeLessThanOrEqual(51);
    expect(ids(first.entries)).toEqual(newest.slice(0, 50).map((r) => r.id));
    expect(first.next).toEqual({ at: newest[49]!.occurredAt, id: newest[49]!.id });

    const second = await loadHistory(db, PRIYA, { before: first.next! });
    expect(ids(second.entries)).toEqual(newest.slice(50, 100).map((r) => r.id));
    for (let i = 1; i < second.entries.length; i++) expect(newerThan(second.entries[i - 1]!, second.entries[i]!)).toBe(true);

    const calls = await loadHistory(db, PRIYA, { filter: 'calls', before: second.next! });
    expect(calls.entries).toHaveLength(50);
    expect(calls.entries.every((e) => e.source === 'interaction' && e.record.kind === 'call')).toBe(true);
    expect(calls.entries[0]!.at).toBeLessThan(second.entries.at(-1)!.at);
  }, 60_000);
});

describe('deleteEntry', () => {
  it('leaves a tombstone without the text, which the history no longer shows', async () => {
    const call = interaction(T0 + MIN, { body: 'Discussed the renewal price', gmailMessageId: '#msg-f:1', gmailThreadId: 'thread-f:1' });
    const nps = score(T0 + 2 * MIN, { kind: 'nps', score: 3, note: 'Unhappy with support', touchpoint: 'support' } as Partial<Satisfaction>);
    const kept = interaction(T0);
    await db.interactions.bulkAdd([call, kept]);
    await db.satisfaction.add(nps);
    const now = T0 + 10 * MIN;

    await deleteEntry(db, { source: 'interaction', id: call.id }, now);
    await deleteEntry(db, { source: 'satisfaction', id: nps.id }, now);

    expect(ids((await loadHistory(db, PRIYA)).entries)).toEqual([kept.id]);
    const gone = await db.interactions.get(call.id);
    expect(gone).toMatchObject({ id: call.id, contactId: PRIYA, gmailMessageId: '#msg-f:1', deletedAt: now, updatedAt: now });
    expect(gone).not.toHaveProperty('subject');
    expect(gone).not.toHaveProperty('body');
    const goneScore = await db.satisfaction.get(nps.id);
    expect(goneScore).toMatchObject({ deletedAt: now, score: 3 });
    expect(goneScore).not.toHaveProperty('note');
    expect(goneScore).not.toHaveProperty('touchpoint');
  });

  it('stamps the tombstone newer than the deleted version, even one from a clock that runs ahead', async () => {
    const ahead = interaction(T0, { updatedAt: T0 + 60 * MIN });
    await db.interactions.add(ahead);
    await deleteEntry(db, { source: 'interaction', id: ahead.id }, T0 + MIN);
    expect((await db.interactions.get(ahead.id))!.updatedAt).toBeGreaterThan(ahead.updatedAt);
  });

  it('refuses an entry that is already gone or is a follow-up, and changes nothing', async () => {
    const deleted = interaction(T0, { deletedAt: T0 });
    const done = followUp({ status: 'done', doneAt: T0 } as Partial<FollowUp>);
    await db.interactions.add(deleted);
    await db.followUps.add(done);
    const before = await dumpDatabase(db);
    await expect(deleteEntry(db, { source: 'interaction', id: deleted.id })).rejects.toThrow('This entry no longer exists.');
    await expect(deleteEntry(db, { source: 'satisfaction', id: crypto.randomUUID() })).rejects.toThrow('This entry no longer exists.');
    await expect(deleteEntry(db, { source: 'follow-up', id: done.id })).rejects.toThrow('not deleted from the history');
    expect(await dumpDatabase(db)).toBe(before);
  });

  it('brings a deleted email back, not a duplicate, when the same message is logged again', async () => {
    await db.contacts.add({ id: PRIYA, name: 'Priya', emails: ['priya@acme.example'], tags: [], ...stamp });
    const item = { kind: 'email-in' as const, subject: 'Pricing', occurredAt: T0, gmailThreadId: 'thread-f:9', gmailMessageId: '#msg-f:9' };
    await logGmailMessages(db, PRIYA, [item], T0);
    const [logged] = await db.interactions.toArray();
    await deleteEntry(db, { source: 'interaction', id: logged!.id }, T0 + MIN);
    expect(await logGmailMessages(db, PRIYA, [item], T0 + 2 * MIN)).toBe(1);
    const rows = await db.interactions.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: logged!.id, subject: 'Pricing' });
    expect(rows[0]).not.toHaveProperty('deletedAt');
  });
});
