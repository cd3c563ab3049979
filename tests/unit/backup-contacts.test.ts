import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { exportContact, eraseContact } from '@/lib/backup/contact-rights';
import { importContacts, previewContacts } from '@/lib/backup/contacts-import';
import { contactsToCsv, parseContactsCsv } from '@/lib/backup/csv';
import { exportBackup } from '@/lib/backup/export';
import { applyImport } from '@/lib/backup/apply';
import { readBackup } from '@/lib/backup/read';
import { decodeQuotedPrintable, parseVCards } from '@/lib/backup/vcard';
import type { SidecarDB } from '@/lib/db';
import { freshDb, seedSample, uuid } from './backup-helpers';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/backup', name), 'utf8');

describe('contacts from Google, Outlook and vCard files', () => {
  it('reads a Google Contacts CSV: every address, phones, organization, labels; explains broken rows', () => {
    const { rows, broken } = parseContactsCsv(fixture('google.csv'));
    expect(rows[0]).toMatchObject({
      name: 'Priya Raman',
      emails: ['priya@acme.example', 'priya.raman@gmail.com'],
      phone: '+44 7700 900123',
      company: 'Acme',
      title: 'Head of Procurement',
      tags: ['Customers'],
    });
    expect(rows[0]!.notes).toContain('Prefers calls\nafter 3pm');
    expect(rows[0]!.notes).toContain('Other phones: +44 20 7946 0000');
    expect(rows[1]).toMatchObject({ name: 'José Núñez', emails: ['jose@globex.example', 'jn@globex.example'] });
    expect(broken).toEqual([
      { row: 3, name: 'Nobody Atall', field: 'emails', message: expect.stringContaining('has no email address') },
      { row: 4, name: 'Broken Address', field: 'emails.0', message: '"not-an-address" is not an email address' },
    ]);
  });

  it('reads an Outlook CSV, using Job Title (not the Mr./Ms. "Title")', () => {
    const { rows } = parseContactsCsv(fixture('outlook.csv'));
    expect(rows[0]).toMatchObject({ name: 'Daniel Okafor', emails: ['daniel@initech.example', 'd.okafor@initech.example'], title: 'Account Manager', company: 'Initech', phone: '+1 917 555 0101', tags: ['Customers', 'VIP'] });
  });

  it('names the row whose quote is never closed, and reads the rows before it', () => {
    const { rows, broken } = parseContactsCsv('First Name,Last Name,E-mail Address\r\nNgũgĩ,Kamau,ngugi@example.mw\r\nZoë,"Mthembu,zoe@example.co.za\r\nThandiwe,Ndlovu,thandi@ndlovu.example\r\n');
    expect(rows.map((r) => r.name)).toEqual(['Ngũgĩ Kamau']);
    expect(broken).toContainEqual({ row: 2, message: 'a quoted cell (") is never closed, so this row and every line after it could not be read' });
    expect(broken.every((b) => b.row === 2)).toBe(true);
  });

  it('says which columns it needs when the CSV is from somewhere else', () => {
    expect(parseContactsCsv(fixture('broken.csv')).broken[0]!.message).toMatch(/neither Google Contacts nor Outlook/);
  });

  it('reads vCard 3.0 with folded lines and quoted-printable, and reports the broken card', () => {
    const { rows, broken } = parseVCards(fixture('contacts-3.0.vcf'));
    expect(rows[0]).toMatchObject({ name: 'Priya Raman', emails: ['priya@acme.example', 'priya.home@example.org'], company: 'Acme', title: 'Head of Procurement', phone: '+44 7700 900123', tags: ['Customers', 'VIP'] });
    expect(rows[0]!.notes).toContain('seventy-five octets on one line.');
    expect(rows[1]).toMatchObject({ name: 'José Núñez', notes: 'Café con leche, mañana' });
    expect(broken).toEqual([{ row: 3, message: expect.stringContaining('not a readable vCard') }]);
  });

  it('reads vCard 4.0', () => {
    const { rows, broken } = parseVCards(fixture('contacts-4.0.vcf'));
    expect(rows[0]).toMatchObject({ name: 'Carla Díaz', emails: ['carla@umbrella.example', 'carla@example.net'], company: 'Umbrella', title: 'COO', notes: 'Line one\nline two' });
    expect(broken).toEqual([{ row: 2, name: 'No Address', field: 'emails', message: expect.stringContaining('no email address') }]);
  });

  it('decodes quoted-printable with soft line breaks and charsets', () => {
    expect(decodeQuotedPrintable('Caf=C3=A9=\r\n au lait')).toBe('Café au lait');
    expect(decodeQuotedPrintable('Caf=E9', 'iso-8859-1')).toBe('Café');
    expect(decodeQuotedPrintable('100=3D100 =ZZ')).toBe('100=100 =ZZ');
  });

  it('neutralizes spreadsheet formulas in the CSV export', () => {
    const csv = contactsToCsv(
      [{ id: uuid(1), name: '=HYPERLINK("http://x")', emails: ['a@b.example'], tags: ['+1', '-x', '@y'], createdAt: 0, updatedAt: 0, notes: 'plain' }],
      () => undefined,
    );
    const [row] = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(row!.Name).toBe(`'=HYPERLINK("http://x")`);
    expect(row!.Tags).toBe(`'+1 ; -x ; @y`);
    expect(row!.Notes).toBe('plain');
  });

  it.each([
    ['a formula after a line break', 'Call back\n=HYPERLINK("http://x","y")'],
    ['a formula after a carriage return and spaces', 'ok\r  +SUM(A1)'],
    ['a full-width equals sign', '＝HYPERLINK("http://x")'],
    ['a full-width plus', '＋27 82 123 4567'],
    ['a full-width minus', '－1+1'],
    ['a full-width at sign', '＠SUM(A1)'],
    ['a leading tab', '\tindented'],
    ['a phone number with its country code', '+27 82 123 4567'],
  ])('neutralizes a cell holding %s', (_, value) => {
    const csv = contactsToCsv([{ id: uuid(1), name: 'Zoë Mthembu', emails: ['zoe@karoo-freight.example'], tags: [], notes: value, phone: value, createdAt: 0, updatedAt: 0 }], () => undefined);
    const [row] = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(row!.Notes).toBe(`'${value}`);
    expect(row!.Phone).toBe(`'${value}`);
    expect(row!.Name).toBe('Zoë Mthembu');
  });

  it('leaves ordinary text alone, line breaks and signs inside a line included', () => {
    const notes = 'Met in Lilongwe\nMeeting 10:00 - 11:00, budget R5 000 = fine\nemail ngugi@example.mw';
    const csv = contactsToCsv([{ id: uuid(1), name: 'Ngũgĩ Kamau', emails: ['ngugi@example.mw'], tags: ['Malawi'], notes, createdAt: 0, updatedAt: 0 }], () => undefined);
    const [row] = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(row).toMatchObject({ Name: 'Ngũgĩ Kamau', Notes: notes, Tags: 'Malawi' });
  });
});

describe('importing contacts into a database', () => {
  let db: SidecarDB;
  beforeEach(async () => {
    db = freshDb();
    await seedSample(db);
  });
  afterEach(() => db.delete());

  it('previews and merges rows matching an existing contact by address instead of duplicating', async () => {
    const { rows } = parseContactsCsv(fixture('google.csv'));
    const preview = await previewContacts(db, rows);
    expect(preview[0]).toMatchObject({ name: 'Priya Raman', match: { id: uuid(1), name: 'Priya Raman' } });
    expect(preview[1]!.match).toBeUndefined();
    expect(await importContacts(db, rows, 5)).toEqual({ added: 1, merged: 1 });
    const priya = await db.contacts.get(uuid(1));
    expect(priya).toMatchObject({ emails: ['priya@acme.example', 'priya.raman@gmail.com'], title: 'Head of Procurement', tags: ['vip', 'Customers'] });
    expect(await db.contacts.count()).toBe(3);
    // The same file again adds nobody.
    expect(await importContacts(db, rows, 6)).toEqual({ added: 0, merged: 2 });
    expect(await db.contacts.count()).toBe(3);
  });
});

describe('per-contact rights', () => {
  let db: SidecarDB;
  beforeEach(async () => {
    db = freshDb();
    await seedSample(db);
  });
  afterEach(() => db.delete());

  it('exports one contact with everything about them', async () => {
    const doc = await exportContact(db, uuid(1), 9);
    expect(doc.contact.name).toBe('Priya Raman');
    expect(doc.interactions).toHaveLength(1);
    expect(doc.deals[0]!.title).toBe('Renewal');
  });

  it('erases a contact and their records down to tombstones that travel in the next backup', async () => {
    await eraseContact(db, uuid(1), Date.now());
    const dump = JSON.stringify(await Promise.all([db.contacts.toArray(), db.interactions.toArray(), db.deals.toArray()]));
    expect(dump).not.toMatch(/Priya|priya@|Renewal|#msg-f:1000|vip/);
    expect((await db.contacts.get(uuid(1)))?.deletedAt).toBeDefined();
    expect((await db.deals.get(uuid(20)))?.deletedAt).toBeDefined();

    // Another machine that still has her forgets her after importing this machine's backup.
    const other = freshDb();
    await seedSample(other);
    await applyImport(other, (await readBackup((await exportBackup(db)).blob)).data);
    const otherDump = JSON.stringify(await Promise.all([other.contacts.toArray(), other.interactions.toArray(), other.deals.toArray()]));
    expect(otherDump).not.toMatch(/Priya|Renewal/);
    await other.delete();
  });

  it('offers a row that matches no address but looks like a contact, and merges it only when chosen', async () => {
    await db.contacts.add({ id: uuid(50), name: 'Thandi Nkosi', emails: ['thandi@acme.example'], phone: '+27 82 555 1234', tags: [], createdAt: 1, updatedAt: 1 });
    const rows = [
      { row: 2, name: 'T. Nkosi', emails: ['t.nkosi@gmail.com'], phone: '082 555 1234', tags: ['csv'] },
      { row: 3, name: 'Pieter Botha', emails: ['pieter@botha.example'], tags: [] },
    ];
    const preview = await previewContacts(db, rows, '27');
    expect(preview[0]).toMatchObject({ row: 2, likely: { id: uuid(50), name: 'Thandi Nkosi' } });
    expect(preview[0]!.likely!.reasons.join(' ')).toContain('Same phone');
    expect(preview[1]!.likely).toBeUndefined();

    const before = await db.contacts.count();
    expect(await importContacts(db, rows, 5, new Map([[2, uuid(50)]]))).toEqual({ added: 1, merged: 1 });
    expect(await db.contacts.count()).toBe(before + 1);
    expect((await db.contacts.get(uuid(50)))!.emails).toEqual(['thandi@acme.example', 't.nkosi@gmail.com']);
    // Without the choice, the look-alike is added as new.
    const again = [{ row: 2, name: 'T. Nkosi', emails: ['tn@other.example'], tags: [] }];
    expect(await importContacts(db, again, 6)).toEqual({ added: 1, merged: 0 });
  });

  it('refuses the whole import when the chosen contact is gone since the preview', async () => {
    await db.contacts.add({ id: uuid(51), name: 'Gone Soon', emails: ['gone@x.example'], tags: [], createdAt: 1, updatedAt: 1, deletedAt: 2 });
    const before = await db.contacts.count();
    await expect(importContacts(db, [{ row: 1, name: 'G. Soon', emails: ['g@y.example'], tags: [] }], 5, new Map([[1, uuid(51)]]))).rejects.toThrow('gone since the preview');
    expect(await db.contacts.count()).toBe(before);
  });
});
