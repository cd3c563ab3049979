import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVCards } from '@/lib/backup/vcard';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/backup', name), 'utf8');
const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');

describe('vCard 2.1, as old Nokia, Sony Ericsson and Outlook exports write it', () => {
  const { rows, broken } = parseVCards(fixture('contacts-2.1.vcf'));

  it('reads every card: bare types, quoted-printable with soft breaks, UTF-8 and ISO-8859-1 charsets', () => {
    expect(broken).toEqual([]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      name: 'Zoë Mthembu',
      emails: ['zoe@karoo-freight.example', 'zoe.m@example.co.za'],
      phone: '+27 82 123 4567',
      company: 'Karoo Freight',
      title: 'Operations Director',
      tags: ['Customers', 'Cape Town'],
    });
    // The soft break fell inside "assistant"; =0D=0A is a real line break.
    expect(rows[0]!.notes).toBe('Met at the Durban trade fair. Prefers WhatsApp to calls; her assistant Sipho books meetings.\nSecond line: café on Thursdays.\n\nOther phones: +27 21 555 0100');
    expect(rows[2]).toMatchObject({ name: 'Jürgen Müller', company: 'Müller Logistik', title: 'Geschäftsführer', phone: '+27 11 555 0199' });
  });

  it('keeps raw non-ASCII letters that a phone left inside a quoted-printable value', () => {
    expect(rows[1]).toMatchObject({ name: 'Ngũgĩ Kamau', emails: ['ngugi@lilongwe-agri.example'], phone: '+265 99 123 4567', company: 'Lilongwe Agri' });
    expect(parseVCards(card('VERSION:2.1', 'FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Zo=EB Ng=C5=A9g=C4=A9 ũ', 'EMAIL:z@example.co.za')).rows[0]!.name).toBe('Zoë NgÅ©gÄ© ũ');
  });

  it('takes a quoted-printable parameter on any property, bare or as ENCODING=', () => {
    const { rows } = parseVCards(card('VERSION:2.1', 'FN:Lindiwe Zulu', 'EMAIL;INTERNET;QUOTED-PRINTABLE:lindiwe=40zulu.example', 'TITLE;QUOTED-PRINTABLE;CHARSET=UTF-8:Directrice g=C3=A9n=C3=A9rale', 'CATEGORIES;ENCODING=QUOTED-PRINTABLE:Durban;Bo=C3=ABrs'));
    expect(rows[0]).toMatchObject({ emails: ['lindiwe@zulu.example'], title: 'Directrice générale', tags: ['Durban', 'Boërs'] });
  });
});

describe('vCard 3.0 and 4.0', () => {
  it.each([
    ['tel:+27-82-123-4567', '+27 82 123 4567'],
    ['tel:+265-99-123-4567;ext=12', '+265 99 123 4567 ext. 12'],
    ['tel:+27.21.555.0100', '+27 21 555 0100'],
    ['+27 82 123 4567', '+27 82 123 4567'],
  ])('shows the phone %s as %s', (value, shown) => {
    expect(parseVCards(card('VERSION:4.0', 'FN:Naledi Mokoena', 'EMAIL:naledi@example.co.za', `TEL;VALUE=uri;TYPE="voice,cell":${value}`)).rows[0]!.phone).toBe(shown);
  });

  it('unescapes commas, semicolons and line breaks of 3.0 text values', () => {
    const { rows } = parseVCards(card('VERSION:3.0', 'FN:Sipho Dlamini', 'EMAIL:sipho@example.co.za', 'ORG:Dlamini\\, Sons & Co;Sales', 'NOTE:Cape Town\\, Durban\\nand Lilongwe\\; Blantyre'));
    expect(rows[0]).toMatchObject({ company: 'Dlamini, Sons & Co', notes: 'Cape Town, Durban\nand Lilongwe; Blantyre' });
  });
});

describe('cards that cannot be read', () => {
  it('lists each with its number and name, reads the others, and reports lines outside any card', () => {
    const { rows, broken } = parseVCards(fixture('broken-cards.vcf'));
    expect(rows.map((r) => [r.row, r.name, r.phone])).toEqual([
      [1, 'Thandiwe Ndlovu', '+27 83 987 6543'],
      [3, 'Chikondi Banda', '+265 88 765 4321'],
      [5, 'Tiyamike Phiri', '+265 99 555 0123'],
    ]);
    expect(broken).toEqual([
      { row: 2, name: 'Sipho Dlamini', message: 'not a readable vCard: it has no END:VCARD before the next card begins on line 11' },
      { row: 4, name: 'Lindiwe Zulu', message: 'not a readable vCard: line 21 ("NOTE this line lost its colon") is not a property (NAME:value)' },
      { row: 6, name: 'Naledi Mokoena', message: 'not a readable vCard: it has no END:VCARD before the end of the file' },
      { row: 0, message: 'Lines 23–25 are outside any BEGIN:VCARD … END:VCARD and were not read' },
    ]);
  });

  it('lists every one of a megabyte of openings without ends as broken', () => {
    const openings = Math.ceil(1024 ** 2 / 'BEGIN:VCARD\r\n'.length);
    const { rows, broken } = parseVCards('BEGIN:VCARD\r\n'.repeat(openings));
    expect(rows).toEqual([]);
    expect(broken).toHaveLength(openings);
    expect(broken.map((b) => b.row)).toEqual(Array.from({ length: openings }, (_, i) => i + 1));
    expect(broken.every((b) => /no END:VCARD/.test(b.message))).toBe(true);
  });

  it('says in words which field is too long', () => {
    const { rows, broken } = parseVCards(card('VERSION:3.0', 'FN:Zoë Mthembu', 'EMAIL:zoe@example.co.za', `NOTE:${'x'.repeat(20_001)}`));
    expect(rows).toEqual([]);
    expect(broken).toEqual([{ row: 1, name: 'Zoë Mthembu', field: 'notes', message: 'is longer than 20,000 characters' }]);
  });

  it('joins a quoted-printable value soft-broken over thousands of lines', () => {
    const { rows } = parseVCards(card('VERSION:2.1', 'FN:Zoë', 'EMAIL:z@example.co.za', `NOTE;ENCODING=QUOTED-PRINTABLE:${'ab=\r\n'.repeat(5000)}c`));
    expect(rows[0]!.notes).toBe(`${'ab'.repeat(5000)}c`);
  });
});
