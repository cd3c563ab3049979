import { eraseContact } from '@/lib/backup/contact-rights';
import { contactsToCsv } from '@/lib/backup/csv';
import { updateContact } from '@/lib/contact-edit';
import { applyBulk, contactsForExport, eraseContacts, undoBulk } from '@/lib/contacts-bulk';
import { SidecarDB } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import type { Company, Contact, Deal, Interaction } from '@/lib/schema';

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const DAY = 86_400_000;
const NOW = 1_760_000_000_000;
const CREATED = NOW - 100 * DAY;
const base = () => ({ id: crypto.randomUUID(), createdAt: CREATED, updatedAt: CREATED });
let seq = 0;
const contact = (name: string, over: Partial<Contact> = {}): Contact => ({
  ...base(),
  name,
  emails: [`person.${++seq}@acme.example`],
  tags: [],
  ...over,
});
const interaction = (contactId: string, over: Partial<Interaction> = {}): Interaction => ({
  ...base(),
  contactId,
  kind: 'call',
  subject: 'Budget call',
  occurredAt: NOW - DAY,
  ...over,
});
const deal = (contactId: string): Deal => ({
  ...base(),
  contactId,
  title: 'Renewal',
  stage: 'proposal',
  amountMinor: 100,
  currency: 'EUR',
  gmailThreadIds: [],
});
/** Everything but settings, whose revision token changes with every write. */
const dump = async () => Promise.all(db.tables.filter((t) => t.name !== 'settings').map((t) => t.toArray()));
const stored = async (c: Contact) => (await db.contacts.get(c.id))!;
/** A record apart from its updatedAt, which every write and every undo moves on. */
const content = (c: Contact | undefined) => ({ ...c, updatedAt: 0 });

describe('applyBulk and undoBulk with tags', () => {
  it('adds a tag to several contacts in one go, and the undo restores each exactly', async () => {
    const ann = contact('Ann Lee', { tags: ['renewal'] });
    const bo = contact('Bo Chen');
    const cy = contact('Cy Dube', { cadenceDays: 14 });
    const gone = contact('Gone', { deletedAt: CREATED, tags: [] });
    await db.contacts.bulkAdd([ann, bo, cy, gone]);

    const undo = await applyBulk(db, [ann.id, bo.id, cy.id, gone.id, crypto.randomUUID(), ann.id], { kind: 'add-tag', tag: ' VIP\u200b ' }, NOW);
    expect(undo.change).toEqual({ kind: 'add-tag', tag: 'VIP' });
    expect(undo.before).toEqual([ann, bo, cy]);
    expect(undo.after.map((c) => c.tags)).toEqual([['renewal', 'VIP'], ['VIP'], ['VIP']]);
    expect(undo.after.every((c) => c.updatedAt === NOW)).toBe(true);
    expect(await db.contacts.bulkGet([ann.id, bo.id, cy.id])).toEqual(undo.after);
    expect(await stored(gone)).toEqual(gone);

    expect(await undoBulk(db, undo, NOW + 1000)).toEqual({ restored: 3, skipped: 0 });
    for (const c of [ann, bo, cy]) {
      const back = await stored(c);
      expect(content(back)).toStrictEqual(content(c));
      // A new version, so a backup taken after the bulk change does not bring the tag back.
      expect(back.updatedAt).toBe(NOW + 1000);
    }
  });

  it('leaves a contact that has the tag already, in any case, as it is', async () => {
    const ann = contact('Ann Lee', { tags: ['vip'] });
    const bo = contact('Bo Chen');
    await db.contacts.bulkAdd([ann, bo]);
    const undo = await applyBulk(db, [ann.id, bo.id], { kind: 'add-tag', tag: 'VIP' }, NOW);
    expect(undo.before).toEqual([bo]);
    expect(await stored(ann)).toEqual(ann);
    expect((await stored(bo)).tags).toEqual(['VIP']);
  });

  it('removes a tag in any case, and only from the contacts that had it', async () => {
    const ann = contact('Ann Lee', { tags: ['VIP', 'renewal', 'vip'] });
    const bo = contact('Bo Chen', { tags: ['renewal'] });
    await db.contacts.bulkAdd([ann, bo]);
    const undo = await applyBulk(db, [ann.id, bo.id], { kind: 'remove-tag', tag: 'Vip' }, NOW);
    expect(undo.after.map((c) => [c.id, c.tags])).toEqual([[ann.id, ['renewal']]]);
    expect(await stored(bo)).toEqual(bo);
    expect(await db.contacts.where('tags').equals('VIP').count()).toBe(0);

    await undoBulk(db, undo, NOW + 1);
    expect((await stored(ann)).tags).toEqual(['VIP', 'renewal', 'vip']);
  });

  it.each([
    ['empty', '', 'Tag is required'],
    ['blank', '  \u200b ', 'Tag is required'],
    ['51 characters', 'x'.repeat(51), 'Tag is at most 50 characters'],
  ])('refuses a tag that is %s and changes nothing', async (_, tag, message) => {
    await db.contacts.bulkAdd([contact('Ann Lee', { tags: ['vip'] }), contact('Bo Chen')]);
    const ids = (await db.contacts.toArray()).map((c) => c.id);
    const before = await dump();
    for (const kind of ['add-tag', 'remove-tag'] as const) {
      const error = await applyBulk(db, ids, { kind, tag }, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toBe(message);
    }
    expect(await dump()).toEqual(before);
  });

  it('takes a 50-character tag', async () => {
    const ann = contact('Ann Lee');
    await db.contacts.add(ann);
    await applyBulk(db, [ann.id], { kind: 'add-tag', tag: 'x'.repeat(50) }, NOW);
    expect((await stored(ann)).tags).toEqual(['x'.repeat(50)]);
  });

  it('changes nobody when one contact of the selection is at 100 tags already', async () => {
    const full = Array.from({ length: 100 }, (_, i) => `tag ${i}`);
    const ann = contact('Ann Lee');
    const bo = contact('Bo Chen', { tags: full });
    const cy = contact('Cy Dube', { tags: [...full.slice(0, 99), 'vip'] });
    await db.contacts.bulkAdd([ann, bo, cy]);
    const before = await dump();
    const error = await applyBulk(db, [ann.id, bo.id, cy.id], { kind: 'add-tag', tag: 'vip' }, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe('Bo Chen already has 100 tags, the most a contact can have');
    expect(await dump()).toEqual(before);

    // At the limit with the tag already there is no change, so no reason to refuse.
    const undo = await applyBulk(db, [ann.id, cy.id], { kind: 'add-tag', tag: 'VIP' }, NOW);
    expect(undo.after.map((c) => c.id)).toEqual([ann.id]);
  });

  it('skips, on undo, a contact edited after the bulk change, and counts it', async () => {
    const ann = contact('Ann Lee');
    const bo = contact('Bo Chen');
    await db.contacts.bulkAdd([ann, bo]);
    const undo = await applyBulk(db, [ann.id, bo.id], { kind: 'add-tag', tag: 'vip' }, NOW);
    const edit = { name: 'Bo Chen', title: 'CFO', companyName: '', phone: '', tags: 'vip, key', notes: '' };
    await updateContact(db, bo.id, edit, NOW + 10);
    const edited = await stored(bo);

    expect(await undoBulk(db, undo, NOW + 20)).toEqual({ restored: 1, skipped: 1 });
    expect(content(await stored(ann))).toStrictEqual(content(ann));
    expect(await stored(bo)).toEqual(edited);
    // A second undo finds every contact moved on since: nothing to do.
    expect(await undoBulk(db, undo, NOW + 30)).toEqual({ restored: 0, skipped: 2 });
  });

  it('skips, on undo, a contact erased since', async () => {
    const ann = contact('Ann Lee');
    await db.contacts.add(ann);
    const undo = await applyBulk(db, [ann.id], { kind: 'add-tag', tag: 'vip' }, NOW);
    await eraseContact(db, ann.id, NOW + 1);
    expect(await undoBulk(db, undo, NOW + 2)).toEqual({ restored: 0, skipped: 1 });
    expect((await stored(ann)).name).toBe('Erased');
  });

  it('stamps the change newer than a contact written by a machine whose clock runs ahead', async () => {
    const ahead = NOW + 5 * DAY;
    const ann = contact('Ann Lee', { updatedAt: ahead });
    await db.contacts.add(ann);
    const undo = await applyBulk(db, [ann.id], { kind: 'add-tag', tag: 'vip' }, NOW);
    expect(undo.after[0]!.updatedAt).toBe(ahead + 1);
    await undoBulk(db, undo, NOW + 1);
    expect((await stored(ann)).updatedAt).toBe(ahead + 2);
  });
});

describe('applyBulk and undoBulk with a cadence', () => {
  it('sets a cadence, the stay-in-touch rows follow, and the undo takes both back', async () => {
    const ann = contact('Ann Lee');
    const bo = contact('Bo Chen', { cadenceDays: 7 });
    const cy = contact('Cy Dube', { cadenceDays: 30 });
    await db.contacts.bulkAdd([ann, bo, cy]);
    expect(await db.stayInTouch.get(ann.id)).toBeUndefined();

    const undo = await applyBulk(db, [ann.id, bo.id, cy.id], { kind: 'set-cadence', days: 7 }, NOW);
    expect(undo.before.map((c) => c.id)).toEqual([ann.id, cy.id]);
    // Never contacted: she lapses a week after she was added.
    expect(await db.stayInTouch.get(ann.id)).toEqual({ contactId: ann.id, days: 7, lapsesAt: CREATED + 7 * DAY });
    expect((await db.stayInTouch.get(cy.id))?.days).toBe(7);

    await undoBulk(db, undo, NOW + 1);
    expect(await db.stayInTouch.get(ann.id)).toBeUndefined();
    expect((await db.stayInTouch.get(cy.id))?.days).toBe(30);
    expect(content(await stored(ann))).toStrictEqual(content(ann));
    expect(content(await stored(cy))).toStrictEqual(content(cy));
  });

  it('unsets a cadence without leaving the field behind, and the undo puts it back', async () => {
    const ann = contact('Ann Lee', { cadenceDays: 14 });
    await db.interactions.add(interaction(ann.id, { occurredAt: NOW - 2 * DAY }));
    await db.contacts.add(ann);
    expect(await db.stayInTouch.get(ann.id)).toEqual({ contactId: ann.id, days: 14, lastAt: NOW - 2 * DAY, lapsesAt: NOW + 12 * DAY });

    const undo = await applyBulk(db, [ann.id], { kind: 'set-cadence', days: undefined }, NOW);
    const unset = await stored(ann);
    expect('cadenceDays' in unset).toBe(false);
    expect(await db.stayInTouch.get(ann.id)).toBeUndefined();

    await undoBulk(db, undo, NOW + 1);
    expect((await stored(ann)).cadenceDays).toBe(14);
    expect(await db.stayInTouch.get(ann.id)).toEqual({ contactId: ann.id, days: 14, lastAt: NOW - 2 * DAY, lapsesAt: NOW + 12 * DAY });
  });

  it('refuses a cadence the app does not offer, and changes nothing', async () => {
    const ann = contact('Ann Lee');
    await db.contacts.add(ann);
    const before = await dump();
    await expect(applyBulk(db, [ann.id], { kind: 'set-cadence', days: 5 as never }, NOW)).rejects.toBeInstanceOf(ValidationError);
    expect(await dump()).toEqual(before);
  });

  it('changes 5,000 contacts and takes them back, one transaction each', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => contact(`Person ${i}`));
    await db.contacts.bulkAdd(many);
    const ids = many.map((c) => c.id);
    const undo = await applyBulk(db, ids, { kind: 'set-cadence', days: 30 }, NOW);
    expect(undo.after).toHaveLength(5000);
    expect(await db.stayInTouch.count()).toBe(5000);
    expect(await undoBulk(db, undo, NOW + 1)).toEqual({ restored: 5000, skipped: 0 });
    expect(await db.stayInTouch.count()).toBe(0);
  });
});

describe('eraseContacts', () => {
  // Fixed records, so two databases can be seeded alike and compared.
  const ann = contact('Ann Lee', { tags: ['vip'], notes: 'Ann’s notes', cadenceDays: 7 });
  const bo = contact('Bo Chen', { phone: '+27 82 555 0101' });
  const cy = contact('Cy Dube');
  const gone = contact('Gone', { deletedAt: CREATED, emails: [] });
  // An import folded Di into Ann by their shared address: her tombstone still holds it.
  const di = contact('Di Folded', { deletedAt: CREATED, emails: ann.emails, notes: 'Di’s notes' });
  const records = [interaction(ann.id, { subject: 'Ann’s budget call' }), interaction(bo.id, { subject: 'Bo’s call' }), interaction(cy.id)];
  const bosDeal = deal(bo.id);
  async function seed(target: SidecarDB) {
    await target.contacts.bulkAdd([ann, bo, cy, gone, di]);
    await target.interactions.bulkAdd(records);
    await target.deals.add(bosDeal);
  }
  const dumpOf = (d: SidecarDB) => Promise.all(d.tables.filter((t) => t.name !== 'settings').map((t) => t.toArray()));

  it('erases every contact given and their records, exactly as eraseContact does one by one', async () => {
    await seed(db);
    const cyBefore = [await stored(cy), await db.interactions.where('id').equals(records[2]!.id).toArray()];
    expect(await db.stayInTouch.get(ann.id)).toBeDefined();

    expect(await eraseContacts(db, [ann.id, bo.id, gone.id, crypto.randomUUID(), ann.id], NOW)).toBe(2);
    const all = JSON.stringify(await dump());
    for (const personal of ['Ann Lee', 'Ann’s notes', 'vip', 'Ann’s budget call', ann.emails[0]!, 'Di Folded', 'Di’s notes', 'Bo Chen', '+27 82 555 0101', 'Bo’s call', 'Renewal']) {
      expect(all).not.toContain(personal);
    }
    expect((await stored(ann)).deletedAt).toBe(NOW);
    expect(await db.stayInTouch.get(ann.id)).toBeUndefined();
    expect([await stored(cy), await db.interactions.where('id').equals(records[2]!.id).toArray()]).toEqual(cyBefore);
    // A tombstone in the selection is left as it was, not stamped again.
    expect(await stored(gone)).toEqual(gone);

    const alone = new SidecarDB(`t-${crypto.randomUUID()}`);
    try {
      await seed(alone);
      for (const id of [ann.id, bo.id]) await eraseContact(alone, id, NOW);
      expect(await dumpOf(db)).toEqual(await dumpOf(alone));
    } finally {
      await alone.delete();
    }
  });

  it('erases nobody when one of the erasures fails', async () => {
    await seed(db);
    const before = await dump();
    // Bo's deal is erased after Ann is: a failure there must bring Ann back too.
    const fail = () => {
      throw new Error('disk full');
    };
    db.deals.hook('updating', fail);
    try {
      await expect(eraseContacts(db, [ann.id, bo.id], NOW)).rejects.toThrow('disk full');
    } finally {
      db.deals.hook('updating').unsubscribe(fail);
    }
    expect(await dump()).toEqual(before);
  });
});

describe('contactsForExport', () => {
  it('gives the living contacts of the selection in name order, with their companies, for contactsToCsv', async () => {
    const acme: Company = { ...base(), name: 'Acme', domains: ['acme.example'] };
    const closed: Company = { ...base(), name: 'Closed Co', domains: [], deletedAt: CREATED };
    await db.companies.bulkAdd([acme, closed]);
    const zoe = contact('Zoë Mthembu', { companyId: acme.id });
    const ann = contact('Ann Lee', { companyId: closed.id });
    const emile = contact('Émile Zola');
    const gone = contact('Bo Gone', { deletedAt: CREATED });
    const notSelected = contact('Al Out');
    await db.contacts.bulkAdd([zoe, ann, emile, gone, notSelected]);

    const { contacts, companyName } = await contactsForExport(db, [zoe.id, gone.id, emile.id, crypto.randomUUID(), ann.id, zoe.id]);
    expect(contacts.map((c) => c.name)).toEqual(['Ann Lee', 'Émile Zola', 'Zoë Mthembu']);
    expect(companyName(zoe.companyId)).toBe('Acme');
    expect(companyName(ann.companyId)).toBeUndefined();
    expect(companyName(undefined)).toBeUndefined();
    const csv = contactsToCsv(contacts, companyName).split('\r\n');
    expect(csv).toHaveLength(4);
    expect(csv[3]).toContain('Zoë Mthembu');
    expect(csv[3]).toContain('Acme');
  });
});
