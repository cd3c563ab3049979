import { applyImport, dumpDatabase, previewImport } from '@/lib/backup/apply';
import { exportBackup } from '@/lib/backup/export';
import { BACKUP_TABLES, type BackupData } from '@/lib/backup/format';
import { BackupFileError, readBackup } from '@/lib/backup/read';
import type { SidecarDB } from '@/lib/db';
import type { Contact } from '@/lib/schema';
import { twoMachines, uuid } from './backup-helpers';

let a: SidecarDB;
let b: SidecarDB;
beforeEach(async () => {
  [a, b] = await twoMachines();
});
afterEach(async () => {
  await a.delete();
  await b.delete();
});

const t = 1_700_000_000_000;
/** A backup holding just `data`, as another tool or a hand edit would write it (pretty-printed). */
function backupOf(data: Partial<BackupData>): Blob {
  const counts = Object.fromEntries(BACKUP_TABLES.map((k) => [k, data[k]?.length ?? 0]));
  return new Blob([JSON.stringify({ format: 'sidecar-crm-backup', version: 1, exportedAt: t, deviceId: uuid(9999), counts, data }, null, 2)]);
}
const contact = (i: number, name: string, emails: string[], more: Partial<Contact> = {}): Contact => ({ id: uuid(i), name, emails, tags: [], createdAt: t, updatedAt: t, ...more });
const note = (i: number, contactId: string, more = {}) => ({ id: uuid(i), contactId, kind: 'note' as const, occurredAt: t, createdAt: t, updatedAt: t, ...more });
const deal = (i: number, contactId: string, more = {}) => ({ id: uuid(i), contactId, title: 'Deal', stage: 'lead' as const, amountMinor: 1, currency: 'EUR', gmailThreadIds: [], createdAt: t, updatedAt: t, ...more });

/** Reading passes (the file alone cannot tell), the preview and the import refuse, and `db` is as it was. */
async function refusedInto(db: SidecarDB, file: Blob, message: RegExp) {
  const before = await dumpDatabase(db);
  const { data } = await readBackup(file);
  const preview = previewImport(db, data);
  await expect(preview).rejects.toBeInstanceOf(BackupFileError);
  await expect(preview).rejects.toThrow(message);
  await expect(applyImport(db, data)).rejects.toThrow(message);
  expect(await dumpDatabase(db)).toBe(before);
}

describe('references in an imported file', () => {
  it.each([
    ['a history entry of a contact that exists nowhere', { interactions: [note(30, uuid(999))] }, /History, row 1, contactId: points to a contact \(.*999\) that is neither in this file nor in this browser/],
    ['a deal of a contact that exists nowhere', { deals: [deal(31, uuid(999))] }, /Deals, row 1, contactId: points to a contact/],
    ['a deal of a company that exists nowhere', { deals: [deal(31, uuid(101), { companyId: uuid(998) })] }, /Deals, row 1, companyId: points to a company/],
    ['a contact at a company that exists nowhere', { contacts: [contact(32, 'Ann', ['ann@x.example'], { companyId: uuid(998) })] }, /Contacts, row 1, companyId: points to a company/],
    ['a history entry of a deal that exists nowhere', { interactions: [note(30, uuid(101), { dealId: uuid(997) })] }, /History, row 1, dealId: points to a deal/],
    ['a follow-up whose contact id is a deal', { followUps: [{ id: uuid(33), contactId: uuid(120), dueAt: t, status: 'open', ifNoReply: false, createdAt: t, updatedAt: t }] }, /Follow-ups, row 1, contactId: points to a contact/],
    ['a file id that this browser uses for a contact', { deals: [deal(101, uuid(101))] }, /Deals, row 1, id: .*101 is already the id of a contact in this browser/],
  ] as const)('refuses %s, naming table, row and field', async (_name, data, message) => {
    await refusedInto(b, backupOf(data as unknown as Partial<BackupData>), message);
  });

  it('accepts records whose owners are in this browser only, or later in the file', async () => {
    // b holds contact 101 and deal 120; contact 40 comes after the records that point to it.
    const file = backupOf({ interactions: [note(30, uuid(101), { dealId: uuid(120) }), note(31, uuid(40))], contacts: [contact(40, 'Ann', ['ann@x.example'])] });
    const { data } = await readBackup(file);
    expect((await previewImport(b, data)).plan.interactions.added).toBe(2);
    // The same file where contact 101 does not exist is refused.
    await refusedInto(a, file, /History, row 1, contactId: points to a contact .*101/);
  });

  it('refuses one id used in two tables of the file, wherever it is', async () => {
    const text = await (await exportBackup(a, 1)).blob.text();
    const before = await dumpDatabase(b);
    const read = readBackup(new Blob([text.replace(`"id":"${uuid(20)}"`, `"id":"${uuid(2)}"`)]));
    await expect(read).rejects.toThrow(/Deals, row 1, id: .*0002 is also the id of a record in contacts/);
    expect(await dumpDatabase(b)).toBe(before);
  });
});

describe('the preview names the contacts here that the import takes away or renames', () => {
  beforeEach(async () => {
    await b.contacts.bulkPut([contact(103, 'Carla Díaz', ['carla@x.example', 'carla@home.example']), contact(104, 'Old Lead', ['lead@x.example'])]);
  });
  const later = t + 1000;
  const file = () =>
    backupOf({
      contacts: [
        // Shares Daniel's address and has the smaller id: Daniel's record here is folded into it.
        contact(50, 'Dan Okafor', ['daniel100@globex.example'], { updatedAt: later }),
        contact(101, 'Priya Raman-Shah', ['priya100@acme.example'], { tags: ['vip'], updatedAt: later }),
        contact(103, 'Carla Díaz', ['carla@x.example'], { updatedAt: later }),
        contact(104, 'Old Lead', ['lead@x.example'], { updatedAt: later, deletedAt: later }),
        contact(105, 'Carla at home', ['carla@home.example'], { updatedAt: later }),
      ],
    });

  it('lists each one with what happens to it, before anything is written', async () => {
    const before = await dumpDatabase(b);
    const preview = await previewImport(b, (await readBackup(file())).data);
    expect(preview.affected).toEqual([
      { id: uuid(103), name: 'Carla Díaz', movedAddresses: [{ address: 'carla@home.example', to: 'Carla at home' }] },
      { id: uuid(102), name: 'Daniel Okafor', mergedInto: 'Dan Okafor' },
      { id: uuid(104), name: 'Old Lead', deleted: true },
      { id: uuid(101), name: 'Priya Raman', renamedTo: 'Priya Raman-Shah' },
    ]);
    expect(await dumpDatabase(b)).toBe(before);
    // Imported again, nothing more is taken away.
    await applyImport(b, preview.data, preview);
    expect((await previewImport(b, (await readBackup(file())).data)).affected).toEqual([]);
  });

  it('names nobody for a file that only adds', async () => {
    const { blob } = await exportBackup(a, 1);
    expect((await previewImport(b, (await readBackup(blob)).data)).affected).toEqual([]);
  });

  it('refuses to apply when a change made here since the preview would take away a contact it did not name', async () => {
    const { data } = await readBackup(backupOf({ contacts: [contact(50, 'Dan Okafor', ['daniel100@globex.example', 'dan@globex.example'], { updatedAt: later })] }));
    const preview = await previewImport(b, data);
    expect(preview.affected.map((c) => c.name)).toEqual(['Daniel Okafor']);
    // Added here after the preview, with an address of the file's Dan Okafor (who has the smaller id).
    await b.contacts.put(contact(106, 'Daniel at work', ['dan@globex.example']));
    const before = await dumpDatabase(b);
    await expect(applyImport(b, data, preview)).rejects.toThrow(/Since the preview.*Nothing was imported: open the file again/);
    expect(await dumpDatabase(b)).toBe(before);
    // Opened again, the preview names both, and then applies.
    const again = await previewImport(b, data);
    expect(again.affected.map((c) => c.name)).toEqual(['Daniel at work', 'Daniel Okafor']);
    await applyImport(b, data, again);
    expect((await b.contacts.get(uuid(106)))?.deletedAt).toBeDefined();
  });

  it('still applies a re-plan that takes away no one new', async () => {
    const { data } = await readBackup(file());
    const preview = await previewImport(b, data);
    await b.contacts.put(contact(107, 'Someone new', ['new@x.example']));
    await applyImport(b, data, preview);
    expect((await b.contacts.get(uuid(101)))?.name).toBe('Priya Raman-Shah');
    expect((await b.contacts.get(uuid(107)))?.name).toBe('Someone new');
  });
});
