import Dexie from 'dexie';
import { eraseContact } from '@/lib/backup/contact-rights';
import { db, SidecarDB } from '@/lib/db';
import { rebuildInsightMonths, repliesOf, scoresOf } from '@/lib/insight-months';
import { loadFigures } from '@/lib/insights';
import { periodFor } from '@/lib/insights-period';
import type { Interaction, Satisfaction } from '@/lib/schema';
import { inTimeZone } from './time-helpers';
import { SCHEMA_V6 } from './frozen-schemas';

inTimeZone('Africa/Johannesburg');

const HOUR = 3_600_000;
let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const THANDI = 'c0a7ac70-0000-4000-8000-000000000001';
const SIPHO = 'c0a7ac70-0000-4000-8000-000000000002';
const THREAD = 'thread-f:1798000000000000001';
const score = (kind: 'nps' | 'csat', value: number, iso: string, over: Partial<Satisfaction> = {}): Satisfaction => {
  const at = new Date(iso).getTime();
  return { id: id(), contactId: THANDI, kind, score: value, occurredAt: at, createdAt: at, updatedAt: at, ...over } as Satisfaction;
};
const email = (kind: 'email-in' | 'email-out', iso: string, over: Partial<Interaction> = {}): Interaction => {
  const at = new Date(iso).getTime();
  return { id: id(), contactId: THANDI, kind, occurredAt: at, gmailThreadId: THREAD, createdAt: at, updatedAt: at, ...over };
};

beforeEach(async () => {
  await db.delete();
  await db.open();
});

/** The rows as kept, checked against the rows derived afresh from the scores and replies. */
async function agreesWithRebuild() {
  const sorted = async () =>
    (await db.insightMonths.toArray()).map((r) => ({
      month: r.month,
      scores: scoresOf(r).sort((a, b) => a.id.localeCompare(b.id)),
      replies: repliesOf(r).sort((a, b) => a.id.localeCompare(b.id)),
    }));
  const kept = await sorted();
  await db.transaction('rw', db.satisfaction, db.replies, db.insightMonths, () => rebuildInsightMonths(db.satisfaction, db.replies, db.insightMonths));
  expect(kept).toEqual(await sorted());
  return kept;
}

describe('the month rows of Insights', () => {
  it('follow every write to the scores in the same transaction: added, corrected, moved to another month, deleted', async () => {
    const first = score('nps', 9, '2026-11-02T08:00:00+02:00', { touchpoint: 'call' });
    await db.satisfaction.add(first);
    expect((await agreesWithRebuild()).map((r) => [r.month, r.scores.map((s) => [s.score, s.touchpoint])])).toEqual([['2026-11', [[9, 'call']]]]);

    await db.satisfaction.put({ ...first, score: 4 });
    expect((await agreesWithRebuild())[0]!.scores.map((s) => s.score)).toEqual([4]);
    await db.satisfaction.put({ ...first, occurredAt: new Date('2026-10-15T08:00:00+02:00').getTime() });
    expect((await agreesWithRebuild()).map((r) => [r.month, r.scores.length])).toEqual([['2026-10', 1]]);

    // A bulk write across months, then a tombstone, then a record removed outright.
    const more = [score('csat', 5, '2026-10-20T08:00:00+02:00'), score('csat', 2, '2026-12-01T09:00:00+02:00', { contactId: SIPHO })];
    await db.satisfaction.bulkPut(more);
    expect((await agreesWithRebuild()).map((r) => [r.month, r.scores.length])).toEqual([
      ['2026-10', 2],
      ['2026-12', 1],
    ]);
    await db.satisfaction.put({ ...more[1]!, deletedAt: Date.now() });
    expect((await agreesWithRebuild()).map((r) => r.month)).toEqual(['2026-10']);
    await db.satisfaction.delete(first.id);
    expect((await agreesWithRebuild()).map((r) => [r.month, r.scores.map((s) => s.score)])).toEqual([['2026-10', [5]]]);
    await db.satisfaction.clear();
    expect(await db.insightMonths.count()).toBe(0);
  });

  it('follow the replies table as emails are logged, moved and deleted', async () => {
    const inbound = email('email-in', '2026-11-02T08:00:00+02:00');
    const reply = email('email-out', '2026-11-02T10:00:00+02:00');
    await db.interactions.bulkAdd([inbound, reply]);
    expect((await agreesWithRebuild()).map((r) => r.replies.map((x) => x.ms))).toEqual([[2 * HOUR]]);
    await db.interactions.put({ ...reply, occurredAt: reply.occurredAt + HOUR });
    expect((await agreesWithRebuild()).map((r) => r.replies.map((x) => x.ms))).toEqual([[3 * HOUR]]);
    await db.interactions.put({ ...inbound, contactId: SIPHO });
    expect((await agreesWithRebuild())[0]!.replies.map((x) => x.contactId)).toEqual([SIPHO]);
    await db.interactions.put({ ...reply, deletedAt: Date.now() });
    expect(await agreesWithRebuild()).toEqual([]);
  });

  it('forget an erased contact\'s scores and waits with the rest of their records', async () => {
    await db.contacts.add({ id: THANDI, name: 'Thandi', emails: ['thandi@acme.example'], tags: [], createdAt: 1, updatedAt: 1 });
    await db.satisfaction.bulkAdd([score('nps', 3, '2026-11-02T08:00:00+02:00', { note: 'Too slow' }), score('nps', 10, '2026-11-03T08:00:00+02:00', { contactId: SIPHO })]);
    await db.interactions.bulkAdd([email('email-in', '2026-11-02T08:00:00+02:00'), email('email-out', '2026-11-02T09:00:00+02:00')]);
    await eraseContact(db, THANDI);
    const rows = await agreesWithRebuild();
    expect(JSON.stringify(rows)).not.toContain(THANDI);
    expect(rows.map((r) => [r.scores.map((s) => s.contactId), r.replies.length])).toEqual([[[SIPHO], 0]]);
  });

  it('count a score in its local month, though its row is UTC\'s', async () => {
    // 00:30 on 1 December in Johannesburg is 22:30 UTC on 30 November: kept in November's row,
    // counted in December; 23:30 on 30 November stays in November.
    await db.satisfaction.bulkAdd([score('csat', 5, '2026-12-01T00:30:00+02:00'), score('csat', 1, '2026-11-30T23:30:00+02:00', { contactId: SIPHO })]);
    expect((await db.insightMonths.toArray()).map((r) => r.month)).toEqual(['2026-11']);
    const december = await loadFigures(db, { period: periodFor('month', new Date('2026-12-04T12:00:00+02:00').getTime()) });
    expect(december.satisfaction).toMatchObject({ csat: 5, csatResponses: 1 });
    const year = await loadFigures(db, { period: periodFor('year', new Date('2026-12-04T12:00:00+02:00').getTime()) });
    expect(year.satisfaction.months.slice(-2).map((m) => [m.key, m.csat])).toEqual([
      ['2026-11', 1],
      ['2026-12', 5],
    ]);
  });
});

describe('database version 7', () => {
  it('derives the month rows of the scores and replies already kept when a version 6 database is upgraded', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(6).stores(SCHEMA_V6);
    const kept = score('nps', 10, '2026-11-02T08:00:00+02:00');
    await old.table('satisfaction').bulkAdd([kept, score('nps', 0, '2026-11-03T08:00:00+02:00', { deletedAt: 5 })]);
    await old.table('replies').add({ id: 'r1', threadId: THREAD, contactId: SIPHO, at: new Date('2026-09-01T08:00:00+02:00').getTime(), ms: HOUR });
    old.close();
    const upgraded = new SidecarDB(name);
    const rows = await upgraded.insightMonths.toArray();
    expect(rows.map((r) => [r.month, scoresOf(r).map((s) => s.id), repliesOf(r).map((x) => [x.contactId, x.ms])])).toEqual([
      ['2026-09', [], [[SIPHO, HOUR]]],
      ['2026-11', [kept.id], []],
    ]);
    upgraded.close();
    await Dexie.delete(name);
  });
});
