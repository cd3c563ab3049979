import { applyImport, dumpDatabase } from '@/lib/backup/apply';
import { eraseContact } from '@/lib/backup/contact-rights';
import { importContacts } from '@/lib/backup/contacts-import';
import { exportBackup } from '@/lib/backup/export';
import { readBackup } from '@/lib/backup/read';
import { addEmail, mergeContacts, removeEmail, updateContact } from '@/lib/contact-edit';
import { companyNamed } from '@/lib/contacts';
import { SidecarDB } from '@/lib/db';
import { changeStage, deleteDeal, linkThread, unlinkThread, updateDeal } from '@/lib/deals';
import { closeAnswered, completeFollowUp, dueUnnotified, markNotified, rescheduleFollowUp } from '@/lib/followups';
import { setCompanyNeverLog, setContactNeverLog } from '@/lib/interactions';
import type { GmailThread } from '@/lib/messages';
import { MAX_EPOCH_MS, type Company, type Contact, type Deal, type FollowUp, type Interaction, type Satisfaction } from '@/lib/schema';

/**
 * The user's other computer ran 5 hours ahead: what it wrote carries updatedAt = AHEAD. Every
 * edit made here afterwards must still win over that version (max(now, previous + 1)), or the
 * next import of the other computer's backup silently reverts it.
 */
const NOW = 1_760_000_000_000;
const AHEAD = NOW + 5 * 3_600_000;

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const stamp = { createdAt: AHEAD, updatedAt: AHEAD };
const ids = { ann: crypto.randomUUID(), bob: crypto.randomUUID(), acme: crypto.randomUUID(), deal: crypto.randomUUID(), fu: crypto.randomUUID(), call: crypto.randomUUID(), score: crypto.randomUUID() };
const ann = (): Contact => ({ id: ids.ann, ...stamp, name: 'Ann Lee', emails: ['ann@acme.example', 'ann@lee.example'], tags: [], companyId: ids.acme });
const bob = (): Contact => ({ id: ids.bob, ...stamp, name: 'Bob Stone', emails: ['bob@acme.example'], tags: ['vip'], phone: '+27 82 555 0101', notes: 'Bob’s private notes' });
const acme = (): Company => ({ id: ids.acme, ...stamp, name: 'Acme', domains: ['acme.example'] });
const deal = (): Deal => ({ id: ids.deal, ...stamp, contactId: ids.bob, title: 'Renewal', stage: 'proposal', amountMinor: 100, currency: 'ZAR', gmailThreadIds: ['thread-f:1'] });
const followUp = (): FollowUp => ({ id: ids.fu, ...stamp, contactId: ids.bob, dueAt: NOW - 1, status: 'open', ifNoReply: true, gmailThreadId: 'thread-f:1' });
const call = (): Interaction => ({ id: ids.call, ...stamp, contactId: ids.bob, kind: 'call', subject: 'Bob’s budget call', occurredAt: NOW - 10 });
const score = (): Satisfaction => ({ id: ids.score, ...stamp, contactId: ids.bob, kind: 'nps', score: 9, note: 'Bob loves it', occurredAt: NOW - 10 });

async function seed() {
  await db.companies.add(acme());
  await db.contacts.bulkAdd([ann(), bob()]);
  await db.deals.add(deal());
  await db.followUps.add(followUp());
  await db.interactions.add(call());
  await db.satisfaction.add(score());
}

const answered: GmailThread = {
  threadId: 'thread-f:1',
  subject: 'Renewal',
  messages: [{ id: 'm2', from: { name: 'Bob', email: 'bob@acme.example' }, to: [], cc: [], expanded: true }],
};
const edit = { name: 'Ann Lee', title: 'CFO', companyName: 'Acme', phone: '', tags: '', notes: '' };

/** Each write path, and the records it rewrites. */
const paths: [string, () => Promise<unknown>, () => Promise<{ updatedAt: number }[]>][] = [
  ['editing a contact', () => updateContact(db, ids.ann, edit, NOW), async () => [(await db.contacts.get(ids.ann))!]],
  ['adding an address', () => addEmail(db, ids.ann, 'ann@new.example', NOW), async () => [(await db.contacts.get(ids.ann))!]],
  ['removing an address', () => removeEmail(db, ids.ann, 'ann@lee.example', NOW), async () => [(await db.contacts.get(ids.ann))!]],
  [
    'merging two contacts, and the records that move',
    () => mergeContacts(db, ids.ann, ids.bob, NOW),
    async () => [
      (await db.contacts.get(ids.ann))!,
      (await db.contacts.get(ids.bob))!,
      (await db.deals.get(ids.deal))!,
      (await db.followUps.get(ids.fu))!,
      (await db.interactions.get(ids.call))!,
      (await db.satisfaction.get(ids.score))!,
    ],
  ],
  [
    'erasing a contact and its records',
    () => eraseContact(db, ids.bob, NOW),
    async () => [
      (await db.contacts.get(ids.bob))!,
      (await db.deals.get(ids.deal))!,
      (await db.followUps.get(ids.fu))!,
      (await db.interactions.get(ids.call))!,
      (await db.satisfaction.get(ids.score))!,
    ],
  ],
  [
    'importing a CSV row into an existing contact',
    () => importContacts(db, [{ name: 'Ann', emails: ['ann@acme.example'], tags: ['csv'], phone: '+265 99 123 4567' }], NOW),
    async () => [(await db.contacts.get(ids.ann))!],
  ],
  ['never logging a contact', () => setContactNeverLog(db, ids.ann, true, NOW), async () => [(await db.contacts.get(ids.ann))!]],
  ['never logging a company', () => setCompanyNeverLog(db, ids.acme, true, NOW), async () => [(await db.companies.get(ids.acme))!]],
  ['a company learning a domain', () => db.transaction('rw', db.companies, () => companyNamed(db, 'Acme', ['acme.co.za'], NOW)), async () => [(await db.companies.get(ids.acme))!]],
  ['completing a follow-up', () => completeFollowUp(db, ids.fu, NOW), async () => [(await db.followUps.get(ids.fu))!]],
  ['rescheduling a follow-up', () => rescheduleFollowUp(db, ids.fu, NOW + 86_400_000, NOW), async () => [(await db.followUps.get(ids.fu))!]],
  ['marking a reminder shown', async () => markNotified(db, await dueUnnotified(db, NOW), NOW), async () => [(await db.followUps.get(ids.fu))!]],
  ['closing a follow-up when they answered', () => closeAnswered(db, answered, new Map([[ids.fu, new Set<string>()]]), NOW), async () => [(await db.followUps.get(ids.fu))!]],
  ['editing a deal', () => updateDeal(db, ids.deal, { title: 'Renewal 2027', amount: '2', currency: 'ZAR', expectedClose: '' }, NOW), async () => [(await db.deals.get(ids.deal))!]],
  ['moving a deal to another stage', () => changeStage(db, ids.deal, 'negotiation', '', NOW), async () => [(await db.deals.get(ids.deal))!]],
  ['linking a thread to a deal', () => linkThread(db, ids.deal, 'thread-f:2', NOW), async () => [(await db.deals.get(ids.deal))!]],
  ['unlinking a thread', () => unlinkThread(db, ids.deal, 'thread-f:1', NOW), async () => [(await db.deals.get(ids.deal))!]],
  ['deleting a deal', () => deleteDeal(db, ids.deal, NOW), async () => [(await db.deals.get(ids.deal))!]],
];

describe('every write wins over a version stamped by a clock running ahead', () => {
  it.each(paths)('%s', async (_name, write, written) => {
    await seed();
    await write();
    const records = await written();
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.updatedAt).toBe(AHEAD + 1);
  });
});

describe('a backup from a machine whose clock ran ahead, imported again', () => {
  async function fromAheadMachine() {
    const other = new SidecarDB(`t-${crypto.randomUUID()}`);
    await other.companies.add(acme());
    await other.contacts.bulkAdd([ann(), bob()]);
    await other.interactions.add(call());
    await other.satisfaction.add(score());
    await other.deals.add(deal());
    const { blob } = await exportBackup(other, AHEAD);
    await other.delete();
    return blob;
  }
  const reimport = async (blob: Blob) => applyImport(db, (await readBackup(blob)).data);

  it('does not revert an edit made here after the first import', async () => {
    const blob = await fromAheadMachine();
    await reimport(blob);
    await updateContact(db, ids.ann, { ...edit, notes: 'Edited here' }, NOW);
    await reimport(blob);
    expect((await db.contacts.get(ids.ann))!.notes).toBe('Edited here');
  });

  it('does not bring an erased contact back, nor anything about them', async () => {
    const blob = await fromAheadMachine();
    await reimport(blob);
    await eraseContact(db, ids.bob, NOW);
    await reimport(blob);
    const dump = await dumpDatabase(db);
    for (const personal of ['Bob Stone', 'bob@acme.example', '+27 82 555 0101', 'Bob’s private notes', 'Bob’s budget call', 'Bob loves it', 'Renewal', 'vip']) {
      expect(dump).not.toContain(personal);
    }
  });
});

describe('erasure reaches what was merged into the contact', () => {
  it('leaves nothing of a contact merged in by hand earlier', async () => {
    await seed();
    await mergeContacts(db, ids.ann, ids.bob, NOW);
    await eraseContact(db, ids.ann, NOW + 1);
    const dump = await dumpDatabase(db);
    for (const personal of ['Ann Lee', 'Bob Stone', 'bob@acme.example', '+27 82 555 0101', 'Bob’s private notes', 'Bob’s budget call', 'Bob loves it', 'vip']) {
      expect(dump).not.toContain(personal);
    }
  });

  it('leaves nothing of a contact that an import merged in by their shared address', async () => {
    await seed();
    // An import folded Carol into Ann (same address): her tombstone kept the address.
    const carol: Contact = { id: crypto.randomUUID(), ...stamp, deletedAt: AHEAD, name: 'Carol Ndlovu', emails: ['ann@lee.example'], tags: [], notes: 'Carol’s notes' };
    await db.contacts.add(carol);
    await eraseContact(db, ids.ann, NOW);
    const dump = await dumpDatabase(db);
    for (const personal of ['Carol Ndlovu', 'Carol’s notes', 'ann@lee.example', 'ann@acme.example']) expect(dump).not.toContain(personal);
  });
});

describe('no write stores what its schema would refuse', () => {
  it('refuses a record beyond what Date can represent, and the database stays as it was', async () => {
    await seed();
    const before = await dumpDatabase(db);
    await expect(db.deals.put({ ...deal(), updatedAt: 2 ** 53 })).rejects.toThrow(/beyond what a calendar can show/);
    await expect(db.contacts.put({ ...bob(), emails: ['not an address'] })).rejects.toThrow(/not an email address/);
    await expect(db.interactions.where('id').equals(ids.call).modify({ occurredAt: -1 })).rejects.toThrow();
    expect(await dumpDatabase(db)).toBe(before);
  });

  it('never stamps a deletion past the last instant Date can represent: it fails and changes nothing', async () => {
    await seed();
    await db.deals.put({ ...deal(), updatedAt: MAX_EPOCH_MS });
    const before = await dumpDatabase(db);
    await expect(deleteDeal(db, ids.deal, NOW)).rejects.toThrow(/beyond what a calendar can show/);
    expect(await dumpDatabase(db)).toBe(before);
  });
});

describe('a backup stamped more than a day ahead', () => {
  it('is refused, naming the table, row and field, and nothing is imported', async () => {
    const other = new SidecarDB(`t-${crypto.randomUUID()}`);
    await other.contacts.bulkAdd([ann(), { ...bob(), updatedAt: Date.now() + 25 * 3_600_000 }]);
    const { blob } = await exportBackup(other, Date.now());
    await other.delete();
    const before = await dumpDatabase(db);
    // Rows are exported in id order.
    const row = [ids.ann, ids.bob].sort().indexOf(ids.bob) + 1;
    await expect(readBackup(blob)).rejects.toThrow(`Contacts, row ${row}, updatedAt: this time is more than a day ahead`);
    expect(await dumpDatabase(db)).toBe(before);
  });

  it('is read when its clock ran ahead by less than a day', async () => {
    const other = new SidecarDB(`t-${crypto.randomUUID()}`);
    await other.contacts.add({ ...bob(), updatedAt: Date.now() + 23 * 3_600_000 });
    const { blob } = await exportBackup(other, Date.now());
    await other.delete();
    expect((await readBackup(blob)).data.contacts).toHaveLength(1);
  });
});
