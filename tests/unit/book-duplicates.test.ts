import { applyImport } from '@/lib/backup/apply';
import { exportBackup } from '@/lib/backup/export';
import { readBackup } from '@/lib/backup/read';
import { callingCodeOf, dismissPair, findBookDuplicates, mergePair, NOT_DUPLICATES_KEY } from '@/lib/book-duplicates';
import { SidecarDB } from '@/lib/db';
import { pairKey } from '@/lib/duplicates';
import type { Contact, Interaction } from '@/lib/schema';

const T0 = 1_760_000_000_000;
const base = () => ({ id: crypto.randomUUID(), createdAt: T0, updatedAt: T0 });
const person = (name: string, over: Partial<Contact> = {}): Contact => ({ ...base(), name, emails: [`${crypto.randomUUID().slice(0, 8)}@x.example`], tags: [], ...over });

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('the duplicates finder over the book', () => {
  it('finds the pair by phone in local and international form, names them, and leaves out tombstones', async () => {
    const thandi = person('Thandi Nkosi', { phone: '+27 82 555 1234' });
    const again = person('T. Nkosi', { phone: '082 555 1234' });
    await db.contacts.bulkAdd([thandi, again, person('Thandi Nkosi', { deletedAt: T0, emails: [] }), person('Pieter Botha')]);
    const found = await findBookDuplicates(db, { callingCode: '27' });
    expect(found.checked).toBe(3);
    expect(found.pairs.map((p) => pairKey(p.a, p.b))).toEqual([pairKey(thandi.id, again.id)]);
    expect(found.pairs[0]!.reasons.map((r) => r.rule)).toContain('same-phone');
    expect([...found.contacts.keys()].sort()).toEqual([thandi.id, again.id].sort());
  });

  it('remembers "not a duplicate", and the choice travels through a backup to the other machine', async () => {
    const a = person('Chikondi Banda', { phone: '+265 999 123 456' });
    const b = person('C. Banda', { phone: '+265 999 123 456' });
    await db.contacts.bulkAdd([a, b]);
    await dismissPair(db, b.id, a.id);
    await dismissPair(db, a.id, b.id);
    expect((await db.settings.get(NOT_DUPLICATES_KEY))?.value).toEqual([pairKey(a.id, b.id)]);
    expect((await findBookDuplicates(db)).pairs).toEqual([]);

    const other = new SidecarDB(`t-${crypto.randomUUID()}`);
    await applyImport(other, (await readBackup((await exportBackup(db, T0)).blob)).data);
    expect((await findBookDuplicates(other)).pairs).toEqual([]);
    await other.delete();
  });

  it('merges with the chosen values, moving the history over, in one step', async () => {
    const kept = person('D. Okafor', { title: 'IT' });
    const gone = person('Daniel Okafor', { title: 'Head of IT', phone: '+27 11 555 0000' });
    await db.contacts.bulkAdd([kept, gone]);
    const call: Interaction = { ...base(), contactId: gone.id, kind: 'call', occurredAt: T0 - 1000 };
    await db.interactions.add(call);
    const merged = await mergePair(db, kept.id, gone.id, { name: 'Daniel Okafor', title: 'Head of IT' }, T0 + 1);
    expect(merged).toMatchObject({ id: kept.id, name: 'Daniel Okafor', title: 'Head of IT', phone: '+27 11 555 0000' });
    expect(merged.emails.sort()).toEqual([...kept.emails, ...gone.emails].sort());
    expect((await db.interactions.get(call.id))?.contactId).toBe(kept.id);
    expect((await db.contacts.get(gone.id))?.deletedAt).toBeDefined();
    expect(await db.lastContact.get(kept.id)).toEqual({ contactId: kept.id, at: T0 - 1000 });
  });

  it('refuses a chosen value the schema refuses, and changes nothing', async () => {
    const a = person('Ann Lee');
    const b = person('Ann Lee');
    await db.contacts.bulkAdd([a, b]);
    await expect(mergePair(db, a.id, b.id, { name: '   ' })).rejects.toThrow('Name is required');
    expect((await db.contacts.get(b.id))?.deletedAt).toBeUndefined();
  });

  it('takes the calling code from the first language with a region it knows', () => {
    expect(callingCodeOf(['en-ZA', 'en'])).toBe('27');
    expect(callingCodeOf(['en', 'ny-MW'])).toBe('265');
    expect(callingCodeOf(['en-US', 'fr'])).toBeUndefined();
  });
});
