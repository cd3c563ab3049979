import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { applyImport, dumpDatabase } from '@/lib/backup/apply';
import { exportBackup } from '@/lib/backup/export';
import { readBackup } from '@/lib/backup/read';
import { SidecarDB } from '@/lib/db';

/** The database as version 1 declared it, frozen here: what a machine holds before the upgrade. */
class SidecarDBv1 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores({
      contacts: 'id, *emails, companyId, name, updatedAt',
      companies: 'id, *domains, name, updatedAt',
      interactions: 'id, [contactId+occurredAt], gmailMessageId, updatedAt',
      deals: 'id, contactId, stage, *gmailThreadIds, updatedAt',
      satisfaction: 'id, [contactId+occurredAt], updatedAt',
      followUps: 'id, [status+dueAt], contactId, updatedAt',
      settings: 'key',
    });
  }
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const T = 1_700_000_000_000;
// A machine whose clock ran three hours ahead wrote some of these.
const AHEAD = Date.now() + 3 * 3_600_000;
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const stamps = (updatedAt = T) => ({ createdAt: T, updatedAt });
// thread-single.html's thread, in its two forms.
const HEX = '198c7a1e2f3b4c5d';
const THREAD = 'thread-f:1840980617747713117';
const MESSAGE = '#msg-f:1840980617747713117';
const PRIYA = uuid(1);

const contacts = [
  { id: PRIYA, ...stamps(), name: 'Priya Raman', emails: ['priya.raman@acme.example'], companyId: uuid(2), title: 'CTO', phone: '+1 555 0100', tags: ['vip'], notes: 'Met at the summit', neverLog: false },
  { id: uuid(3), ...stamps(), deletedAt: T, name: 'Erased', emails: [], tags: [] },
];
const companies = [{ id: uuid(2), ...stamps(), name: 'Acme', domains: ['acme.example'], neverLog: false }];
const unchangedInteractions = [
  { id: uuid(10), ...stamps(), contactId: PRIYA, kind: 'email-in', subject: 'Pricing', body: 'Can you do 20 seats?', occurredAt: T, gmailThreadId: THREAD, gmailMessageId: MESSAGE },
  { id: uuid(11), ...stamps(), contactId: PRIYA, kind: 'email-out', subject: 'Re: Pricing', occurredAt: T, gmailThreadId: 'thread-a:r-8798674938817896561', gmailMessageId: '#msg-a:r-2233445566778899001' },
  { id: uuid(12), ...stamps(), contactId: PRIYA, kind: 'call', subject: 'Intro call', occurredAt: T, dealId: uuid(30) },
  { id: uuid(13), ...stamps(), contactId: PRIYA, kind: 'meeting', occurredAt: T },
  { id: uuid(14), ...stamps(), contactId: PRIYA, kind: 'note', body: 'Budget in Q3', occurredAt: T },
  { id: uuid(15), ...stamps(), contactId: PRIYA, kind: 'stage-change', subject: 'Lead → Proposal', occurredAt: T, dealId: uuid(30) },
  { id: uuid(16), ...stamps(), deletedAt: T, contactId: PRIYA, kind: 'email-in', occurredAt: T, gmailMessageId: '#msg-f:1840980617747713118' },
  // Refused by its schema for another reason (a time before 1970): the upgrade must not fail on it.
  { id: uuid(17), ...stamps(), contactId: PRIYA, kind: 'email-in', occurredAt: -5, gmailThreadId: 'undefined' },
];
const oldInteractions = [
  { id: uuid(20), ...stamps(), contactId: PRIYA, kind: 'email-in', occurredAt: T, gmailThreadId: HEX, gmailMessageId: HEX },
  { id: uuid(21), ...stamps(AHEAD), contactId: PRIYA, kind: 'email-out', occurredAt: T, gmailThreadId: 'undefined', gmailMessageId: 'undefined' },
];
const deal = (id: number, gmailThreadIds: string[], updatedAt = T) => ({
  id: uuid(id), ...stamps(updatedAt), contactId: PRIYA, companyId: uuid(2), title: 'Pilot', stage: 'proposal', amountMinor: 120000, currency: 'EUR', expectedCloseAt: T, gmailThreadIds,
});
const unchangedDeals = [deal(30, [THREAD]), { ...deal(31, []), stage: 'lost', closedAt: T, lostReason: 'Budget' }];
const oldDeals = [deal(32, ['undefined']), deal(33, [HEX, THREAD, 'null'], AHEAD)];
const satisfaction = [
  { id: uuid(40), ...stamps(), contactId: PRIYA, kind: 'csat', score: 4, note: 'Quick answers', touchpoint: 'Support', occurredAt: T },
  { id: uuid(41), ...stamps(), contactId: PRIYA, kind: 'nps', score: 9, occurredAt: T },
];
const followUp = (id: number, over: Record<string, unknown>) => ({ id: uuid(id), ...stamps(), contactId: PRIYA, dueAt: T + 86_400_000, status: 'open', ifNoReply: false, ...over });
const unchangedFollowUps = [
  followUp(50, { note: 'Send the terms' }),
  followUp(51, { ifNoReply: true, gmailThreadId: THREAD, notifiedAt: T }),
  followUp(52, { status: 'done', doneAt: T }),
];
const oldFollowUps = [followUp(53, { ifNoReply: true, gmailThreadId: HEX }), followUp(54, { ifNoReply: true, gmailThreadId: 'undefined' })];
const settings = [
  { key: 'ownAddresses', value: ['me@sidecar.example'] },
  { key: 'deviceId', value: uuid(99) },
  { key: 'lastBackupAt', value: T },
];

async function versionOneDatabase(): Promise<string> {
  const name = `upgrade-${crypto.randomUUID()}`;
  names.push(name);
  const v1 = new SidecarDBv1(name);
  await v1.table('contacts').bulkAdd(contacts);
  await v1.table('companies').bulkAdd(companies);
  await v1.table('interactions').bulkAdd([...unchangedInteractions, ...oldInteractions]);
  await v1.table('deals').bulkAdd([...unchangedDeals, ...oldDeals]);
  await v1.table('satisfaction').bulkAdd(satisfaction);
  await v1.table('followUps').bulkAdd([...unchangedFollowUps, ...oldFollowUps]);
  await v1.table('settings').bulkAdd(settings);
  v1.close();
  return name;
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('database version 2: one key for every Gmail id', () => {
  it('opens a version-1 database with every kind of record, rewrites only the old ids, and stamps what it changed', async () => {
    const before = Date.now();
    const db = new SidecarDB(await versionOneDatabase());
    await db.open();
    const after = Date.now();
    expect(db.verno).toBe(8);
    // Version 3 adds the index the pipeline reads this month’s closed deals by.
    expect(db.deals.schema.idxByName.closedAt).toBeDefined();
    expect(await db.contacts.where('tags').equals('vip').primaryKeys()).toEqual([PRIYA]);

    expect(byId(await db.contacts.toArray())).toEqual(contacts);
    expect(await db.companies.toArray()).toEqual(companies);
    expect(byId(await db.satisfaction.toArray())).toEqual(satisfaction);
    // Plus the revision token every write transaction renews (lib/db-revision.ts).
    expect((await db.settings.toArray()).filter((s) => s.key !== 'revision').sort((x, y) => x.key.localeCompare(y.key))).toEqual([...settings].sort((x, y) => x.key.localeCompare(y.key)));

    const interactions = await db.interactions.toArray();
    expect(interactions.filter((r) => unchangedInteractions.some((u) => u.id === r.id))).toEqual(unchangedInteractions);
    const [hex, workspace] = byId(interactions.filter((r) => oldInteractions.some((o) => o.id === r.id)));
    expect(hex).toEqual({ ...oldInteractions[0], gmailThreadId: THREAD, gmailMessageId: MESSAGE, updatedAt: expect.any(Number) });
    expect(hex!.updatedAt).toBeGreaterThanOrEqual(before);
    expect(hex!.updatedAt).toBeLessThanOrEqual(after);
    const rest: Record<string, unknown> = { ...oldInteractions[1] };
    delete rest.gmailThreadId;
    delete rest.gmailMessageId;
    // Written by the clock running ahead: the fix still wins over that version.
    expect(workspace).toEqual({ ...rest, updatedAt: AHEAD + 1 });

    const deals = byId(await db.deals.toArray());
    expect(deals.slice(0, 2)).toEqual(unchangedDeals);
    expect(deals[2]).toEqual({ ...oldDeals[0], gmailThreadIds: [], updatedAt: expect.any(Number) });
    expect(deals[2]!.updatedAt).toBeGreaterThanOrEqual(before);
    expect(deals[3]).toEqual({ ...oldDeals[1], gmailThreadIds: [THREAD], updatedAt: AHEAD + 1 });
    // The deal wrongly linked to "undefined" (every Workspace thread) is linked to none now.
    expect(await db.deals.where('gmailThreadIds').equals('undefined').count()).toBe(0);
    expect((await db.deals.where('gmailThreadIds').equals(THREAD).primaryKeys()).sort()).toEqual([uuid(30), uuid(33)]);

    const followUps = byId(await db.followUps.toArray());
    expect(followUps.slice(0, 3)).toEqual(unchangedFollowUps);
    expect(followUps[3]).toEqual({ ...oldFollowUps[0], gmailThreadId: THREAD, updatedAt: expect.any(Number) });
    // No thread left to watch: a plain reminder, never closed by a reply in some other thread.
    const noThread: Record<string, unknown> = { ...oldFollowUps[1] };
    delete noThread.gmailThreadId;
    expect(followUps[4]).toEqual({ ...noThread, ifNoReply: false, updatedAt: expect.any(Number) });
    db.close();
  });

  it('changes nothing when opened again', async () => {
    const name = await versionOneDatabase();
    const first = new SidecarDB(name);
    const once = await dumpDatabase(first);
    first.close();
    const again = new SidecarDB(name);
    expect(await dumpDatabase(again)).toBe(once);
    again.close();
  });

  it('brings the ids of a backup written before the upgrade in the same way', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    names.push(name, `${name}-b`);
    const a = new SidecarDB(name);
    await a.contacts.bulkAdd(contacts as never);
    await a.companies.bulkAdd(companies as never);
    await a.interactions.add({ ...unchangedInteractions[0], id: uuid(20) } as never);
    await a.deals.add(deal(32, ['thread-f:32']) as never);
    await a.followUps.add(followUp(54, { ifNoReply: true, gmailThreadId: 'thread-f:54' }) as never);
    const written = new TextDecoder().decode(await (await exportBackup(a, 1)).blob.arrayBuffer());
    a.close();
    // What version 1 exported: hex ids, and Workspace's "undefined".
    const old = written
      .replace(`"gmailThreadId":"${THREAD}","gmailMessageId":"${MESSAGE}"`, `"gmailThreadId":"${HEX}","gmailMessageId":"${HEX}"`)
      .replace('"thread-f:32"', '"undefined"')
      .replace('"thread-f:54"', '"undefined"');
    expect(old).toContain('"undefined"');
    expect(old).toContain(HEX);

    const { data } = await readBackup(new Blob([old]));
    const b = new SidecarDB(`${name}-b`);
    await applyImport(b, data);
    expect(await b.interactions.get(uuid(20))).toMatchObject({ gmailThreadId: THREAD, gmailMessageId: MESSAGE });
    expect((await b.deals.get(uuid(32)))!.gmailThreadIds).toEqual([]);
    const f = (await b.followUps.get(uuid(54)))!;
    expect(f.gmailThreadId).toBeUndefined();
    expect(f.ifNoReply).toBe(false);
    b.close();
  });
});

describe('database version 2: nothing personal in the tombstones of contacts merged by hand', () => {
  it('scrubs a merged contact’s tombstone and stamps it to win, and leaves bare ones and address-merge ones alone', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    names.push(name);
    const v1 = new SidecarDBv1(name);
    // What mergeContacts wrote before: the merged contact's details kept, its addresses gone.
    const merged = { id: uuid(60), ...stamps(AHEAD), deletedAt: T, name: 'Sipho Dlamini', emails: [], tags: ['vip'], title: 'CFO', phone: '+27 82 123 4567', notes: 'Private notes', companyId: uuid(2) };
    const erased = contacts[1]!;
    // An import's address merge: the address stays, so every machine folds it the same way.
    const folded = { id: uuid(61), ...stamps(), deletedAt: T, name: 'Priya R.', emails: ['priya.raman@acme.example'], tags: [] };
    await v1.table('contacts').bulkAdd([contacts[0], erased, merged, folded]);
    v1.close();

    const db = new SidecarDB(name);
    expect(await db.contacts.get(uuid(60))).toEqual({ id: uuid(60), createdAt: T, updatedAt: AHEAD + 1, deletedAt: T, name: 'Merged', emails: [], tags: [] });
    expect(await db.contacts.get(erased.id)).toEqual(erased);
    expect(await db.contacts.get(uuid(61))).toEqual(folded);
    const dump = await dumpDatabase(db);
    for (const personal of ['Sipho', '+27 82 123 4567', 'Private notes', 'CFO']) expect(dump).not.toContain(personal);
    db.close();
  });
});
