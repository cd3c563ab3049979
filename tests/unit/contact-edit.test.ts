import { addEmail, mergeContacts, removeEmail, updateContact } from '@/lib/contact-edit';
import { contactSignals } from '@/lib/contact-signals';
import { SidecarDB } from '@/lib/db';
import { EmailTakenError } from '@/lib/errors';
import type { Company, Contact, Interaction } from '@/lib/schema';

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const NOW = 1_760_000_000_000;
const base = () => ({ id: crypto.randomUUID(), createdAt: 1, updatedAt: 1 });
const contact = (over: Partial<Contact> = {}): Contact => ({ ...base(), name: 'Ann Lee', emails: ['ann@acme.example'], tags: [], ...over });
const company = (over: Partial<Company> = {}): Company => ({ ...base(), name: 'Acme', domains: ['acme.example'], ...over });
const interaction = (contactId: string, over: Partial<Interaction> = {}): Interaction => ({
  ...base(),
  contactId,
  kind: 'call',
  occurredAt: NOW - 1000,
  ...over,
});
const dump = async () => Promise.all(db.tables.map((t) => t.toArray()));
const edit = { name: 'Ann Lee', title: '', companyName: '', phone: '', tags: '', notes: '' };

describe('updateContact', () => {
  it('saves the edit, links a chosen company by name, and bumps updatedAt', async () => {
    const ann = contact();
    const globex = company({ name: 'Globex', domains: ['globex.example'] });
    await db.contacts.add(ann);
    await db.companies.add(globex);
    const saved = await updateContact(db, ann.id, { ...edit, title: ' CFO ', companyName: 'globex', phone: '+1 555', tags: 'vip, renewal, vip,', notes: 'Met at SaaStr' }, NOW);
    expect(saved).toMatchObject({ title: 'CFO', companyId: globex.id, phone: '+1 555', tags: ['vip', 'renewal'], notes: 'Met at SaaStr', updatedAt: NOW });
    expect(await db.contacts.get(ann.id)).toEqual(saved);
    // Her domain was nobody's: Globex learns it.
    expect((await db.companies.get(globex.id))!.domains).toEqual(['globex.example', 'acme.example']);
  });

  it('creates a new company when the name is new, and unlinks when emptied', async () => {
    const ann = contact();
    await db.contacts.add(ann);
    const linked = await updateContact(db, ann.id, { ...edit, companyName: 'Initech' }, NOW);
    expect((await db.companies.get(linked.companyId!))!.name).toBe('Initech');
    const unlinked = await updateContact(db, ann.id, edit, NOW + 1);
    expect(unlinked.companyId).toBeUndefined();
  });

  it('refuses an empty name and writes nothing', async () => {
    const ann = contact();
    await db.contacts.add(ann);
    const before = await dump();
    await expect(updateContact(db, ann.id, { ...edit, name: '  ', companyName: 'New Co' }, NOW)).rejects.toThrow('Name is required');
    expect(await dump()).toEqual(before);
  });
});

describe('addresses', () => {
  it('adds an address, and refuses one that another contact owns', async () => {
    const ann = contact();
    const bo = contact({ name: 'Bo', emails: ['bo@initech.example'] });
    await db.contacts.bulkAdd([ann, bo]);
    await addEmail(db, ann.id, ' Ann.Lee@Gmail.com ', NOW);
    expect((await db.contacts.get(ann.id))!.emails).toEqual(['ann@acme.example', 'ann.lee@gmail.com']);

    const before = await dump();
    const error = await addEmail(db, ann.id, 'bo@initech.example', NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailTakenError);
    expect(error).toMatchObject({ ownerId: bo.id, ownerName: 'Bo', message: 'bo@initech.example already belongs to Bo' });
    expect(await dump()).toEqual(before);
  });

  it('rejects something that is not an address', async () => {
    const ann = contact();
    await db.contacts.add(ann);
    await expect(addEmail(db, ann.id, 'not an address', NOW)).rejects.toThrow('is not an email address');
  });

  it('removes an address but never the last one', async () => {
    const ann = contact({ emails: ['ann@acme.example', 'ann@gmail.com'] });
    await db.contacts.add(ann);
    await removeEmail(db, ann.id, 'ann@gmail.com', NOW);
    expect((await db.contacts.get(ann.id))!.emails).toEqual(['ann@acme.example']);
    await expect(removeEmail(db, ann.id, 'ann@acme.example', NOW)).rejects.toThrow('at least one address');
  });
});

describe('mergeContacts', () => {
  it('moves addresses, tags and every record over, and leaves a tombstone without addresses', async () => {
    const ann = contact({ tags: ['vip'] });
    const dup = contact({ name: 'A. Lee', emails: ['ann.lee@gmail.com'], phone: '+44 1', tags: ['vip', 'uk'], notes: 'From the conference' });
    await db.contacts.bulkAdd([ann, dup]);
    await db.interactions.bulkAdd([interaction(dup.id), interaction(dup.id, { kind: 'note' })]);
    await db.deals.add({ ...base(), contactId: dup.id, title: 'Pilot', stage: 'lead', amountMinor: 100, currency: 'EUR', gmailThreadIds: [] });
    await db.satisfaction.add({ ...base(), contactId: dup.id, kind: 'nps', score: 9, occurredAt: NOW - 5 });
    await db.followUps.add({ ...base(), contactId: dup.id, dueAt: NOW + 5, status: 'open', ifNoReply: false });

    const kept = await mergeContacts(db, ann.id, dup.id, NOW);
    expect(kept).toMatchObject({ name: 'Ann Lee', emails: ['ann@acme.example', 'ann.lee@gmail.com'], phone: '+44 1', tags: ['vip', 'uk'], notes: 'From the conference' });
    const gone = await db.contacts.get(dup.id);
    expect(gone).toMatchObject({ deletedAt: NOW, emails: [] });
    for (const table of [db.interactions, db.deals, db.satisfaction, db.followUps]) {
      const rows = await table.toArray();
      expect(rows.every((r) => r.contactId === ann.id && r.updatedAt === NOW)).toBe(true);
    }
    expect(await db.contacts.where('emails').equals('ann.lee@gmail.com').primaryKeys()).toEqual([ann.id]);
  });

  it('refuses to merge a contact into itself', async () => {
    const ann = contact();
    await db.contacts.add(ann);
    await expect(mergeContacts(db, ann.id, ann.id, NOW)).rejects.toThrow('into itself');
  });
});

describe('contactSignals', () => {
  it('takes the latest email, call or meeting as last contact, never a note or a tombstone', async () => {
    const ann = contact();
    await db.contacts.add(ann);
    await db.interactions.bulkAdd([
      interaction(ann.id, { kind: 'meeting', occurredAt: NOW - 5000 }),
      interaction(ann.id, { kind: 'note', occurredAt: NOW - 100 }),
      interaction(ann.id, { kind: 'call', occurredAt: NOW - 200, deletedAt: NOW }),
      interaction(crypto.randomUUID(), { kind: 'call', occurredAt: NOW }),
    ]);
    await db.followUps.bulkAdd([
      { ...base(), contactId: ann.id, dueAt: NOW - 1, status: 'open', ifNoReply: false },
      { ...base(), contactId: ann.id, dueAt: NOW - 2, status: 'done', ifNoReply: false },
    ]);
    const signals = await contactSignals(db, ann.id);
    expect(signals).toEqual({ lastContactedAt: NOW - 5000, latestSatisfaction: undefined, openFollowUpDueAts: [NOW - 1] });
  });
});
