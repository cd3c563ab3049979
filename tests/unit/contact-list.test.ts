import Dexie, { cmp } from 'dexie';
import { openWorkOf } from '@/lib/contact-facts';
import { countMatches, DEFAULT_QUERY, listContacts, matchingIds, type ContactQuery } from '@/lib/contact-list';
import { paramsOf, queryFromParams } from '@/lib/contacts-url';
import { prefixMatch } from '@/lib/match';
import { ORDER_WORD, rebuildNameWords, wordKey, wordRows, type NameWord } from '@/lib/name-words';
import { SidecarDB } from '@/lib/db';
import type { Contact, Deal, FollowUp, Interaction, Satisfaction } from '@/lib/schema';
import { SCHEMA_V7 } from './frozen-schemas';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3, 12);
const base = () => ({ id: crypto.randomUUID(), createdAt: 1, updatedAt: 1 });

let db: SidecarDB;
let acme: { id: string };
const people: Record<string, Contact> = {};
beforeEach(async () => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
  acme = { ...base(), name: 'Acme', domains: ['acme.example'] } as { id: string };
  await db.companies.add({ ...base(), ...acme, name: 'Acme', domains: ['acme.example'] });
  const person = (name: string, over: Partial<Contact> = {}): Contact => ({ ...base(), name, emails: [`${name.split(' ')[0]!.toLowerCase()}@x.example`], tags: [], ...over });
  Object.assign(people, {
    zoe: person('Zoe Park', { companyId: acme.id, tags: ['Wholesale', 'wholesale-east'] }),
    adam: person('adam Smith'),
    bea: person('Bea Zimmer', { tags: ['vip'] }),
    alvaro: person('Álvaro Núñez', { companyId: acme.id, emails: ['alvaro@acme.example'] }),
  });
  await db.contacts.bulkAdd([...Object.values(people), person('Gone', { deletedAt: 2 })]);
  const touch = (c: Contact, daysAgo: number, kind: Interaction['kind'] = 'call'): Interaction => ({ ...base(), contactId: c.id, kind, occurredAt: NOW - daysAgo * DAY });
  // Zoe last week, Bea two months ago, Adam only a note (not contact), Álvaro never.
  await db.interactions.bulkAdd([touch(people.zoe!, 5), touch(people.bea!, 60), touch(people.bea!, 200), touch(people.adam!, 1, 'note')]);
  const deal = (c: Contact, amountMinor: number, currency = 'ZAR', stage: Deal['stage'] = 'proposal'): Deal => ({ ...base(), contactId: c.id, title: 'Tanks', stage, amountMinor, currency, gmailThreadIds: [] });
  await db.deals.bulkAdd([deal(people.bea!, 500_00), deal(people.adam!, 9_000_00), deal(people.adam!, 1_000_00, 'USD'), deal(people.zoe!, 99_000_00, 'ZAR', 'won')]);
  const followUp = (c: Contact, inDays: number): FollowUp => ({ ...base(), contactId: c.id, dueAt: NOW + inDays * DAY, status: 'open', ifNoReply: false });
  await db.followUps.bulkAdd([followUp(people.alvaro!, 2), followUp(people.bea!, -1)]);
  const score: Satisfaction = { ...base(), contactId: people.zoe!.id, kind: 'nps', score: 10, occurredAt: NOW - DAY };
  await db.satisfaction.add(score);
});
afterEach(() => db.delete());

const q = (over: Partial<ContactQuery> = {}): ContactQuery => ({ ...DEFAULT_QUERY, ...over });
const names = async (over: Partial<ContactQuery> = {}, limit?: number) => (await listContacts(db, q(over), limit, NOW)).rows.map((r) => r.contact.name);

describe('listContacts', () => {
  it('lists the living contacts by name in the language’s order, with their company and facts, and counts them', async () => {
    const page = await listContacts(db, q(), undefined, NOW);
    expect(page.rows.map((r) => r.contact.name)).toEqual(['adam Smith', 'Álvaro Núñez', 'Bea Zimmer', 'Zoe Park']);
    expect(page.total).toBe(4);
    const zoe = page.rows.find((r) => r.contact.name === 'Zoe Park')!;
    expect(zoe).toMatchObject({ company: { name: 'Acme' }, lastAt: NOW - 5 * DAY, openValue: [], health: { band: 'champion' } });
    const adam = page.rows.find((r) => r.contact.name === 'adam Smith')!;
    expect(adam.lastAt).toBeUndefined();
    expect([...adam.openValue].sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: 'USD', amountMinor: 1_000_00 },
      { currency: 'ZAR', amountMinor: 9_000_00 },
    ]);
    expect(page.rows.find((r) => r.contact.name === 'Álvaro Núñez')!.nextDueAt).toBe(NOW + 2 * DAY);
  });

  it('finds by the start of a name, any case, of an address, of the company’s name and of a tag, each contact once', async () => {
    expect(await names({ text: 'ADA' })).toEqual(['adam Smith']);
    expect(await names({ text: 'bea@' })).toEqual(['Bea Zimmer']);
    expect(await names({ text: 'acm' })).toEqual(['Álvaro Núñez', 'Zoe Park']);
    expect(await names({ text: 'WHOLE' })).toEqual(['Zoe Park']);
    expect(await names({ text: 'gone' })).toEqual([]);
    expect(await names({ text: 'sale' })).toEqual([]);
    expect(await countMatches(db, q({ text: 'acm' }), NOW)).toBe(2);
    expect((await listContacts(db, q({ text: 'acm' }), 1, NOW)).rows).toHaveLength(1);
  });

  it('finds by any word of the name, without its accents, and several words each starting one', async () => {
    expect(await names({ text: 'park' })).toEqual(['Zoe Park']);
    expect(await names({ text: 'nunez' })).toEqual(['Álvaro Núñez']);
    expect(await names({ text: 'ALVA' })).toEqual(['Álvaro Núñez']);
    expect(await names({ text: 'nú álv' })).toEqual(['Álvaro Núñez']);
    expect(await names({ text: 'smith zoe' })).toEqual([]);
  });

  it('walks on past a page of names that start like the first word but miss the others', async () => {
    // "o nadia", two to a page: eight Oduyas come first in the index, then the two who match.
    const oduyas = Array.from({ length: 8 }, (_, i) => ({ ...base(), name: `Oduya Bello${i}`, emails: [], tags: [] }));
    await db.contacts.bulkAdd([...oduyas, { ...base(), name: 'Nadia Okafor', emails: [], tags: [] }, { ...base(), name: 'Nadia Olu', emails: [], tags: [] }]);
    expect(await names({ text: 'o nadia' }, 2)).toEqual(['Nadia Okafor', 'Nadia Olu']);
    expect(await names({ text: 'o nadia' })).toEqual(['Nadia Okafor', 'Nadia Olu']);
  });

  it('lists a plain search by the word matched, then by name, reading no further than the page', async () => {
    const more = ['Nadia Banda', 'Ada Novak', 'Nadia Abbott'].map((name) => ({ ...base(), name, emails: [`${crypto.randomUUID().slice(0, 6)}@y.example`], tags: [] }));
    await db.contacts.bulkAdd(more);
    expect(await names({ text: 'n' })).toEqual(['Nadia Abbott', 'Nadia Banda', 'Ada Novak', 'Álvaro Núñez']);
    expect(await names({ text: 'n' }, 2)).toEqual(['Nadia Abbott', 'Nadia Banda']);
    expect(await names({ text: 'n b' })).toEqual(['Nadia Banda']);
    expect(await countMatches(db, q({ text: 'n' }), NOW)).toBe(4);
    // With a sort or a filter, every match is found and ordered as asked.
    expect(await names({ text: 'n', reverse: true })).toEqual(['Nadia Banda', 'Nadia Abbott', 'Álvaro Núñez', 'Ada Novak']);
  });

  it('keeps the name words right through renames, merges and erasures, the same as deriving them again', async () => {
    await db.contacts.update(people.zoe!.id, { name: 'Zoe Nkosi' });
    expect(await names({ text: 'nkosi' })).toEqual(['Zoe Nkosi']);
    expect(await names({ text: 'park' })).toEqual([]);
    await db.contacts.update(people.bea!.id, { deletedAt: NOW });
    expect(await names({ text: 'zimmer' })).toEqual([]);
    const kept = await db.nameWords.toArray();
    await db.transaction('rw', db.contacts, db.nameWords, () => rebuildNameWords(db.contacts, db.nameWords));
    expect(await db.nameWords.toArray()).toEqual(kept);
    await db.contacts.clear();
    expect(await db.nameWords.count()).toBe(0);
  });

  it('sorts by last contact, latest first, the never-contacted last either way', async () => {
    expect(await names({ sort: 'last-contacted' })).toEqual(['Zoe Park', 'Bea Zimmer', 'adam Smith', 'Álvaro Núñez']);
    expect(await names({ sort: 'last-contacted', reverse: true })).toEqual(['Bea Zimmer', 'Zoe Park', 'adam Smith', 'Álvaro Núñez']);
  });

  it('sorts by health (least healthy first), open deal value (main currency first) and next follow-up', async () => {
    const page = await listContacts(db, q({ sort: 'health' }), undefined, NOW);
    const scores = page.rows.map((r) => r.health.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(page.rows[0]!.contact.name).toBe('Bea Zimmer');
    expect(await names({ sort: 'open-value' })).toEqual(['adam Smith', 'Bea Zimmer', 'Álvaro Núñez', 'Zoe Park']);
    expect(await names({ sort: 'next-follow-up' })).toEqual(['Bea Zimmer', 'Álvaro Núñez', 'adam Smith', 'Zoe Park']);
    expect(await names({ sort: 'name', reverse: true })).toEqual(['Zoe Park', 'Bea Zimmer', 'Álvaro Núñez', 'adam Smith']);
  });

  it('filters by tag, company, health band, open deal and quiet days, and combines them with the search', async () => {
    expect(await names({ tag: 'vip' })).toEqual(['Bea Zimmer']);
    expect(await names({ companyId: acme.id })).toEqual(['Álvaro Núñez', 'Zoe Park']);
    expect(await names({ openDeal: true })).toEqual(['adam Smith', 'Bea Zimmer']);
    expect(await names({ quietDays: 30 })).toEqual(['adam Smith', 'Álvaro Núñez', 'Bea Zimmer']);
    expect(await names({ band: 'champion' })).toEqual(['Zoe Park']);
    expect(await names({ companyId: acme.id, text: 'zo' })).toEqual(['Zoe Park']);
    expect(await names({ openDeal: true, quietDays: 30, sort: 'last-contacted' })).toEqual(['Bea Zimmer', 'adam Smith']);
    expect((await listContacts(db, q({ quietDays: 30 }), undefined, NOW)).total).toBe(3);
    expect((await matchingIds(db, q({ quietDays: 30 }), NOW)).sort()).toEqual([people.adam!.id, people.alvaro!.id, people.bea!.id].sort());
  });

  it('follows the last contact as calls are logged and deleted', async () => {
    const call: Interaction = { ...base(), contactId: people.alvaro!.id, kind: 'meeting', occurredAt: NOW - DAY };
    await db.interactions.add(call);
    expect((await names({ sort: 'last-contacted' }))[0]).toBe('Álvaro Núñez');
    await db.interactions.update(call.id, { deletedAt: NOW });
    expect((await names({ sort: 'last-contacted' })).at(-1)).toBe('Álvaro Núñez');
  });

  it('does not match through a deleted company, and stops a query no longer wanted', async () => {
    await db.companies.update(acme.id, { deletedAt: NOW });
    expect(await names({ text: 'acm' })).toEqual([]);
    const stale = new AbortController();
    stale.abort();
    await expect(listContacts(db, q({ text: 'zo' }), undefined, NOW, { signal: stale.signal })).rejects.toThrow();
  });

  it('gives the same pages from the open work kept by the caller as from reading it per contact', async () => {
    // A closed follow-up and a lost deal, which neither way may count.
    await db.followUps.add({ ...base(), contactId: people.zoe!.id, dueAt: NOW - DAY, status: 'done', ifNoReply: false });
    await db.deals.add({ ...base(), contactId: people.alvaro!.id, title: 'Pumps', stage: 'lost', amountMinor: 1, currency: 'ZAR', gmailThreadIds: [] });
    const open = await openWorkOf(db);
    const queries = [q(), q({ text: 'a' }), q({ sort: 'health' }), q({ sort: 'open-value' }), q({ sort: 'next-follow-up', reverse: true }), q({ openDeal: true }), q({ band: 'at risk' })];
    for (const query of queries) expect(await listContacts(db, query, undefined, NOW, { open })).toEqual(await listContacts(db, query, undefined, NOW));
    expect((await listContacts(db, q({ sort: 'next-follow-up' }), undefined, NOW, { open })).rows.map((r) => r.nextDueAt)).toEqual([NOW - DAY, NOW + 2 * DAY, undefined, undefined]);
  });

  it('orders a book too big to sort in memory by name, case and accents aside, both ways, through a filter, after renames', async () => {
    // 5,000 more than the four: past the count sorted in memory.
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...base(), name: `Moyo ${String(i).padStart(4, '0')}`, emails: [], tags: [] }));
    await db.contacts.bulkAdd(many);
    await db.contacts.add({ ...base(), name: 'ébo Mensah', emails: [], tags: [] });
    expect(await names({}, 4)).toEqual(['adam Smith', 'Álvaro Núñez', 'Bea Zimmer', 'ébo Mensah']);
    expect(await names({ reverse: true }, 3)).toEqual(['Zoe Park', 'Moyo 4999', 'Moyo 4998']);
    // The never-contacted after the contacted, by name.
    expect((await names({ sort: 'last-contacted' }, 4)).slice(2)).toEqual(['adam Smith', 'Álvaro Núñez']);
    // Zoe was in touch five days ago.
    expect(await names({ quietDays: 30, reverse: true }, 2)).toEqual(['Moyo 4999', 'Moyo 4998']);
    // Past the first read of the order rows, both ways: the first five and the last ten in touch this week.
    const recent = [people.adam!, people.alvaro!, people.bea!, ...many.slice(0, 2), ...many.slice(-10)];
    await db.interactions.bulkAdd(recent.map((c) => ({ ...base(), contactId: c.id, kind: 'call' as const, occurredAt: NOW - DAY })));
    expect(await names({ quietDays: 7 }, 2)).toEqual(['ébo Mensah', 'Moyo 0002']);
    expect(await names({ quietDays: 7, reverse: true }, 2)).toEqual(['Moyo 4989', 'Moyo 4988']);
    // A new name moves the contact's place; a tombstone has none.
    await db.contacts.update(many[4]!.id, { name: 'Aaron Moyo' });
    await db.contacts.update(people.adam!.id, { deletedAt: NOW });
    expect(await names({}, 3)).toEqual(['Aaron Moyo', 'Álvaro Núñez', 'Bea Zimmer']);
  });

  it('pages: the first `limit` in order, the count of all', async () => {
    const page = await listContacts(db, q({ sort: 'last-contacted' }), 3, NOW);
    expect(page.rows.map((r) => r.contact.name)).toEqual(['Zoe Park', 'Bea Zimmer', 'adam Smith']);
    expect(page.total).toBe(4);
  });
});

describe('the contacts list in the address', () => {
  it('round-trips every choice, and leaves the default list bare', () => {
    const query = q({ text: 'nkosi & co', sort: 'health', reverse: true, tag: 'wholesale', companyId: crypto.randomUUID(), band: 'at risk', openDeal: true, quietDays: 30 });
    expect(queryFromParams(new URLSearchParams(paramsOf(query)))).toEqual(query);
    expect(paramsOf(DEFAULT_QUERY)).toBe('');
  });

  it('drops what is not a valid choice, keeping the rest', () => {
    const parsed = queryFromParams(new URLSearchParams('q=ann&sort=shoe-size&band=grumpy&quiet=45&company=1%27%20OR&tag=vip&open=yes'));
    expect(parsed).toEqual({ ...DEFAULT_QUERY, text: 'ann', tag: 'vip' });
  });
});

describe('prefixMatch', () => {
  it('cuts at the start of the text or of a word, in the text’s own letters', () => {
    expect(prefixMatch('Thandi Nkosi', 'nk')).toEqual(['Thandi ', 'Nk', 'osi']);
    expect(prefixMatch('thandi@acme.example', 'ACME')).toEqual(['thandi@', 'acme', '.example']);
    expect(prefixMatch('Banda', 'and')).toBeNull();
    expect(prefixMatch('İstanbul Ltd', 'ltd')).toEqual(['İstanbul ', 'Ltd', '']);
    expect(prefixMatch('Álvaro Núñez', 'nun')).toEqual(['Álvaro ', 'Núñ', 'ez']);
    expect(prefixMatch('Álvaro Núñez', 'ÁLV')).toEqual(['', 'Álv', 'aro Núñez']);
  });
});

describe('database version 8', () => {
  it('gives every live contact of a version 7 database its row in the order by name, the same as deriving them all', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(7).stores(SCHEMA_V7);
    const contact = (n: string, over = {}) => ({ id: crypto.randomUUID(), name: n, emails: [], tags: [], createdAt: 1, updatedAt: 1, ...over });
    const book = [contact('Thandi Nkosi'), contact('Álvaro Núñez'), contact('Gone', { deletedAt: 2 })];
    await old.table('contacts').bulkAdd(book);
    // What version 7 derived: the words, no order rows.
    await old.table('nameWords').bulkAdd(book.slice(0, 2).flatMap((c) => wordRows(c).filter((r) => r.word !== ORDER_WORD)));
    old.close();
    const upgraded = new SidecarDB(name);
    const rows = await upgraded.nameWords.toArray();
    expect(rows.filter((r) => r.word === ORDER_WORD).map((r) => r.name)).toEqual(['alvaro nunez', 'thandi nkosi']);
    expect(rows).toEqual(sortedRows(book.flatMap(wordRows)));
    upgraded.close();
    await Dexie.delete(name);
  });
});

/** Rows in the table's key order. */
function sortedRows(rows: NameWord[]): NameWord[] {
  return [...rows].sort((a, b) => cmp(wordKey(a), wordKey(b)));
}
