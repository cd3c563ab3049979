import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import DashboardBackupsContacts from '@/components/DashboardBackupsContacts.vue';
import { dumpDatabase } from '@/lib/backup/apply';
import { readContactsFile } from '@/lib/backup/contacts-file';
import { db } from '@/lib/db';
import { seedSample } from './backup-helpers';

const bytes = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/backup', name)));
const outlookUtf16 = bytes('outlook-utf16le.csv');
const outlookText = new TextDecoder('utf-16le').decode(outlookUtf16);
const swapPairs = (b: Uint8Array) => b.map((_, i) => b[i ^ 1]!);
const concat = (...parts: ArrayLike<number>[]) => new Uint8Array(parts.flatMap((p) => Array.from(p)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('contacts files in any encoding', () => {
  it.each([
    ['UTF-8', utf8(outlookText)],
    ['UTF-8 with BOM', concat([0xef, 0xbb, 0xbf], utf8(outlookText))],
    ['UTF-16 LE', outlookUtf16],
    ['UTF-16 BE', swapPairs(outlookUtf16)],
    ['UTF-16 LE', outlookUtf16.subarray(2)],
  ] as const)('reads an Outlook CSV in %s', async (encoding, file) => {
    const read = await readContactsFile(new File([file], 'contacts.csv'));
    expect(read).toMatchObject({ format: 'CSV', encoding, unreadable: { count: 0, rows: [] } });
    expect(read.rows.map((r) => [r.name, r.phone])).toEqual([
      ['Zoë Mthembu', '+27 82 123 4567'],
      ['Ngũgĩ Kamau', '+265 99 123 4567'],
    ]);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, with its € and dashes', async () => {
    const read = await readContactsFile(new File([bytes('google-windows-1252.csv')], 'google.csv'));
    expect(read.encoding).toBe('Windows-1252');
    expect(read.rows.map((r) => r.name)).toEqual(['Zoë Mthembu', 'Jürgen Müller', 'Thandiwe Ndlovu']);
    expect(read.rows[0]!.notes).toBe('Owes us €1 200 – call first');
    expect(read.rows[1]).toMatchObject({ company: 'Müller Logistik', title: 'Geschäftsführer' });
  });

  it('reads a vCard whose raw 8-bit text is Windows-1252', async () => {
    const card = 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Zoë Müller\r\nEMAIL:zoe@example.co.za\r\nEND:VCARD\r\n';
    const read = await readContactsFile(new File([new Uint8Array(Buffer.from(card, 'latin1'))], 'phone.vcf'));
    expect(read).toMatchObject({ format: 'vCard', encoding: 'Windows-1252' });
    expect(read.rows[0]!.name).toBe('Zoë Müller');
  });

  it('counts the replacement characters left in the text and names their rows', async () => {
    const damaged = outlookText.replace('Ngũgĩ', 'Ng\uFFFDg\uFFFD');
    expect((await readContactsFile(new File([utf8(damaged)], 'contacts.csv'))).unreadable).toEqual({ count: 2, rows: [2] });
    // A BOM says UTF-8, so bytes that are not stay as replacement characters.
    const badBytes = concat([0xef, 0xbb, 0xbf], utf8(outlookText.slice(0, outlookText.indexOf('Zoë'))), [0x5a, 0x6f, 0xff], utf8(outlookText.slice(outlookText.indexOf('Zoë') + 3)));
    expect((await readContactsFile(new File([badBytes], 'contacts.csv'))).unreadable).toEqual({ count: 1, rows: [1] });
  });
});

async function until(check: () => boolean) {
  for (let i = 0; i < 300 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('the contacts import preview', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await seedSample(db);
    setActivePinia(createPinia());
  });

  async function preview(file: File) {
    const section = mount(DashboardBackupsContacts);
    const input = section.get('input[type=file]');
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await until(() => section.find('[aria-label="Contacts preview"]').exists());
    return section;
  }

  it('says which encoding it used, shows the names as written, and imports them', async () => {
    const section = await preview(new File([outlookUtf16], 'outlook.csv'));
    const text = section.get('[aria-label="Contacts preview"]').text();
    expect(section.get('[data-testid=contacts-encoding]').text()).toBe('Read as CSV in UTF-16 LE.');
    expect(text).toContain('Row 1: Zoë Mthembu — new contact');
    expect(text).toContain('Row 2: Ngũgĩ Kamau — new contact');
    expect(text).toContain('Row 3 (Chikondi Banda), emails: has no email address');
    await section.findAll('button').find((b) => b.text() === 'Import 2 contacts')!.trigger('click');
    await until(() => !section.find('[aria-label="Contacts preview"]').exists());
    expect((await db.contacts.where('emails').equals('ngugi@lilongwe-agri.example').first())?.name).toBe('Ngũgĩ Kamau');
  });

  it('reads a Windows-1252 file as such, not as "Zo�"', async () => {
    const section = await preview(new File([bytes('google-windows-1252.csv')], 'google.csv'));
    expect(section.get('[data-testid=contacts-encoding]').text()).toBe('Read as CSV in Windows-1252.');
    expect(section.text()).toContain('Row 2: Jürgen Müller — new contact');
    expect(section.find('[data-testid=contacts-unreadable]').exists()).toBe(false);
  });

  it('warns when the text still holds replacement characters', async () => {
    const section = await preview(new File([utf8(outlookText.replace('Ngũgĩ', 'Ng\uFFFDg\uFFFD'))], 'outlook.csv'));
    expect(section.get('[data-testid=contacts-unreadable]').text()).toMatch(/^2 characters in this file could not be read and show as “�” \(row 2\)\./);
  });

  it('lists broken cards by number and name, changes nothing until Import, then adds only the readable ones', async () => {
    const before = await dumpDatabase(db);
    const section = await preview(new File([bytes('broken-cards.vcf')], 'phone.vcf'));
    const text = section.get('[aria-label="Contacts preview"]').text();
    expect(text).toContain('Read as vCard in UTF-8.');
    expect(text).toContain('Card 3: Chikondi Banda — new contact');
    expect(text).toContain('Card 2 (Sipho Dlamini): not a readable vCard: it has no END:VCARD before the next card begins on line 11');
    expect(text).toContain('Card 4 (Lindiwe Zulu): not a readable vCard');
    expect(text).toContain('The file: Lines 23–25 are outside any BEGIN:VCARD … END:VCARD and were not read');
    expect(await dumpDatabase(db)).toBe(before);
    await section.findAll('button').find((b) => b.text() === 'Import 3 contacts')!.trigger('click');
    await until(() => !section.find('[aria-label="Contacts preview"]').exists());
    expect((await db.contacts.toArray()).map((c) => c.name).sort()).toEqual(['Chikondi Banda', 'Daniel Okafor', 'Priya Raman', 'Thandiwe Ndlovu', 'Tiyamike Phiri']);
  });

  it('refuses a megabyte of openings without ends: the first hundred listed, the rest counted, nothing to import', async () => {
    const before = await dumpDatabase(db);
    const openings = Math.ceil(1024 ** 2 / 13);
    const section = await preview(new File(['BEGIN:VCARD\r\n'.repeat(openings)], 'cards.vcf'));
    expect(section.findAll('[role=alert] li')).toHaveLength(101);
    expect(section.text()).toContain(`… and ${openings - 100} more`);
    expect(section.findAll('button').find((b) => b.text().startsWith('Import'))!.attributes('disabled')).toBeDefined();
    expect(await dumpDatabase(db)).toBe(before);
  });
});
