import Dexie, { liveQuery } from 'dexie';
import { applyImport } from '@/lib/backup/apply';
import { importContacts } from '@/lib/backup/contacts-import';
import { mergeContacts } from '@/lib/contact-edit';
import { db, SidecarDB } from '@/lib/db';
import { changeStage, createDeal } from '@/lib/deals';
import { deleteEntry } from '@/lib/history';
import { logInteraction } from '@/lib/interactions';
import { lapsedContacts, lapsedCount, saveCadences, snoozeStayInTouch } from '@/lib/lapsed';
import type { Contact, Interaction } from '@/lib/schema';
import { rebuildLastContact } from '@/lib/last-contact';
import { rebuildStayInTouch, STAY_IN_TOUCH_SOURCES } from '@/lib/stay-in-touch';
import { toDateTimeLocal } from '@/lib/local-time';
import { SCHEMA_V3 } from './frozen-schemas';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 9);

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const person = (name: string, over: Partial<Contact> = {}): Contact => ({
  id: id(),
  name,
  emails: [`${name.toLowerCase()}@acme.example`],
  tags: [],
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const call = (contactId: string, at: number) =>
  logInteraction(db, contactId, { kind: 'call', occurredAt: toDateTimeLocal(at), subject: 'Catch-up', summary: '' }, at);
const row = (contactId: string) => db.stayInTouch.get(contactId);
const deal = (contactId: string, at = T0) =>
  createDeal(db, { id: contactId }, { title: 'Tanks', amount: '48000', currency: 'ZAR', expectedClose: '', stage: 'proposal' }, at);

/** What a full derivation from the records gives: every incremental update must agree with it. */
async function rebuilt() {
  const rows = async () => ({ stayInTouch: await db.stayInTouch.toArray(), lastContact: await db.lastContact.toArray() });
  const kept = await rows();
  await db.transaction('rw', [...STAY_IN_TOUCH_SOURCES], async () => {
    await rebuildLastContact(db.interactions, db.lastContact);
    await rebuildStayInTouch((n) => db.table(n));
  });
  return { kept, derived: await rows() };
}

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('stay in touch', () => {
  it('lapses 30 days after the last call for a contact with an open deal, and a new call resets it', async () => {
    const thandi = person('Thandi');
    await db.contacts.add(thandi);
    expect(await row(thandi.id)).toBeUndefined();

    await deal(thandi.id);
    expect(await row(thandi.id)).toEqual({ contactId: thandi.id, days: 30, lapsesAt: T0 + 30 * DAY });

    await call(thandi.id, T0 + 5 * DAY);
    expect((await row(thandi.id))?.lapsesAt).toBe(T0 + 35 * DAY);
    expect(await lapsedCount(db, T0 + 36 * DAY)).toBe(1);

    await call(thandi.id, T0 + 36 * DAY);
    expect(await lapsedCount(db, T0 + 36 * DAY + 1)).toBe(0);
    expect((await row(thandi.id))?.lastAt).toBe(T0 + 36 * DAY);
  });

  it('does not count a stage change as being in touch, and drops the row once the deal is closed', async () => {
    const thandi = person('Thandi');
    await db.contacts.add(thandi);
    const d = await deal(thandi.id);
    await changeStage(db, d.id, 'negotiation', '', T0 + 10 * DAY);
    expect((await row(thandi.id))?.lastAt).toBeUndefined();
    await changeStage(db, d.id, 'won', '', T0 + 11 * DAY);
    expect(await row(thandi.id)).toBeUndefined();
  });

  it('takes the contact’s own cadence over its tags’, and the shortest tag over the open-deal default', async () => {
    const a = person('Amahle', { tags: ['vip', 'retail'] });
    const b = person('Bongani', { tags: ['vip'], cadenceDays: 0 });
    const c = person('Chisomo', { tags: ['retail'] });
    await db.contacts.bulkAdd([a, b, c]);
    await saveCadences(db, { openDeal: 30, tags: [{ tag: 'vip', days: 7 }, { tag: 'retail', days: 90 }] });
    expect((await row(a.id))?.days).toBe(7);
    expect(await row(b.id)).toBeUndefined();
    expect((await row(c.id))?.days).toBe(90);

    // Any write to the contact counts, through whatever path: here Dexie's own update().
    await db.contacts.update(c.id, { cadenceDays: 14 });
    expect((await row(c.id))?.days).toBe(14);
    await db.contacts.update(c.id, { cadenceDays: undefined });
    expect((await row(c.id))?.days).toBe(90);

    await saveCadences(db, { openDeal: 0, tags: [] });
    expect(await db.stayInTouch.count()).toBe(0);
  });

  it('moves back to the previous call when the last one is deleted, and a snooze holds it off', async () => {
    const thandi = person('Thandi', { cadenceDays: 7 });
    await db.contacts.add(thandi);
    await call(thandi.id, T0 + DAY);
    const last = await call(thandi.id, T0 + 3 * DAY);
    await deleteEntry(db, { source: 'interaction', id: last.id }, T0 + 4 * DAY);
    expect((await row(thandi.id))?.lapsesAt).toBe(T0 + 8 * DAY);

    await snoozeStayInTouch(db, thandi.id, T0 + 20 * DAY, T0 + 9 * DAY);
    expect(await lapsedCount(db, T0 + 19 * DAY)).toBe(0);
    expect(await lapsedCount(db, T0 + 20 * DAY)).toBe(1);
  });

  it('follows the history when two contacts are merged', async () => {
    const kept = person('Kept', { cadenceDays: 14 });
    const gone = person('Gone', { cadenceDays: 7 });
    await db.contacts.bulkAdd([kept, gone]);
    await call(gone.id, T0 + 10 * DAY);
    await mergeContacts(db, kept.id, gone.id, T0 + 11 * DAY);
    expect(await row(gone.id)).toBeUndefined();
    expect(await row(kept.id)).toMatchObject({ days: 14, lastAt: T0 + 10 * DAY, lapsesAt: T0 + 24 * DAY });
  });

  it('derives the rows once after a CSV import and after a backup import, the same as one write at a time', async () => {
    await saveCadences(db, { openDeal: 30, tags: [{ tag: 'wholesale', days: 14 }] });
    await importContacts(db, [{ name: 'Mphatso Banda', emails: ['mphatso@lilongwe.example'], tags: ['wholesale'] }], T0);
    const mphatso = (await db.contacts.where('emails').equals('mphatso@lilongwe.example').first())!;
    expect((await row(mphatso.id))?.days).toBe(14);

    const lindiwe = person('Lindiwe', { cadenceDays: 7 });
    const met: Interaction = { id: id(), contactId: lindiwe.id, kind: 'meeting', occurredAt: T0 + 2 * DAY, createdAt: T0, updatedAt: T0 };
    await applyImport(db, { contacts: [lindiwe], companies: [], interactions: [met], deals: [], satisfaction: [], followUps: [], settings: [] });
    expect(await row(lindiwe.id)).toMatchObject({ days: 7, lastAt: T0 + 2 * DAY });

    const { kept, derived } = await rebuilt();
    expect(kept).toEqual(derived);
  });

  it('agrees with a full derivation after a run of mixed writes', async () => {
    const people = ['Ama', 'Ben', 'Chi', 'Dan'].map((n, i) => person(n, i === 3 ? { tags: ['vip'] } : {}));
    await db.contacts.bulkAdd(people);
    await saveCadences(db, { openDeal: 14, tags: [{ tag: 'vip', days: 7 }] });
    const d0 = await deal(people[0]!.id);
    await deal(people[1]!.id);
    await call(people[0]!.id, T0 + DAY);
    await call(people[3]!.id, T0 + 2 * DAY);
    await changeStage(db, d0.id, 'lost', 'Price', T0 + 3 * DAY);
    await db.contacts.update(people[2]!.id, { cadenceDays: 30 });
    await mergeContacts(db, people[1]!.id, people[0]!.id, T0 + 5 * DAY);
    const dansCall = (await db.interactions.where('[contactId+occurredAt]').between([people[3]!.id, Dexie.minKey], [people[3]!.id, Dexie.maxKey]).first())!;
    await deleteEntry(db, { source: 'interaction', id: dansCall.id }, T0 + 6 * DAY);
    const { kept, derived } = await rebuilt();
    expect(derived.stayInTouch.length).toBe(3);
    // Ama's call moved to Ben with the merge; Dan's was deleted.
    expect(derived.lastContact).toEqual([{ contactId: people[1]!.id, at: T0 + DAY }]);
    expect(kept).toEqual(derived);
  });

  it('lists the lapsed contacts most overdue first, with their open value and health, and tells a live query', async () => {
    const seen: number[] = [];
    const sub = liveQuery(() => lapsedCount(db, T0 + 100 * DAY)).subscribe((n) => seen.push(n));
    const a = person('Amahle', { cadenceDays: 7 });
    const b = person('Bongani', { cadenceDays: 30 });
    await db.contacts.bulkAdd([a, b]);
    await deal(b.id);
    const { count, items } = await lapsedContacts(db, T0 + 100 * DAY, 1);
    expect(count).toBe(2);
    expect(items.map((i) => i.contact.name)).toEqual(['Amahle']);
    const both = await lapsedContacts(db, T0 + 100 * DAY, 5);
    expect(both.items[1]).toMatchObject({ openValue: [{ currency: 'ZAR', amountMinor: 4_800_000 }], health: { band: 'at risk' } });
    await vi.waitFor(() => expect(seen.at(-1)).toBe(2));
    sub.unsubscribe();
  });

  it('drops every row when the contacts are cleared', async () => {
    await db.contacts.bulkAdd([person('Amahle', { cadenceDays: 7 }), person('Bongani', { cadenceDays: 30 })]);
    expect(await db.stayInTouch.count()).toBe(2);
    await db.contacts.clear();
    expect(await db.stayInTouch.count()).toBe(0);
  });

  it('fills the table when a version 3 database is upgraded', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(3).stores(SCHEMA_V3);
    const p = person('Priya');
    await old.table('contacts').add(p);
    await old.table('deals').add({ id: id(), contactId: p.id, title: 'Tanks', stage: 'lead', amountMinor: 0, currency: 'ZAR', gmailThreadIds: [], createdAt: T0, updatedAt: T0 });
    await old.table('interactions').add({ id: id(), contactId: p.id, kind: 'email-in', occurredAt: T0 + DAY, createdAt: T0, updatedAt: T0 });
    old.close();
    const upgraded = new SidecarDB(name);
    expect(await upgraded.stayInTouch.get(p.id)).toEqual({ contactId: p.id, days: 30, lastAt: T0 + DAY, lapsesAt: T0 + 31 * DAY });
    expect(await upgraded.lastContact.toArray()).toEqual([{ contactId: p.id, at: T0 + DAY }]);
    upgraded.close();
    await Dexie.delete(name);
  });
});
