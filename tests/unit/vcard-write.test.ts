import fc from 'fast-check';
import { parseVCards } from '@/lib/backup/vcard';
import { contactsToVcard } from '@/lib/backup/vcard-write';
import type { Contact } from '@/lib/schema';
import { uuid } from './backup-helpers';

const contact = (n: number, fields: Partial<Contact> & Pick<Contact, 'name'>): Contact => ({
  id: uuid(n),
  emails: [`c${n}@example.co.za`],
  tags: [],
  createdAt: 0,
  updatedAt: 0,
  ...fields,
});
const noCompany = () => undefined;
const lines = (vcf: string) => vcf.split('\r\n');
const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (vcf: string) => vcf.replace(/\r\n /g, '');
// What the reader in vcard-split.ts takes for a card boundary, and what a reader trimming lines would.
const boundary = /^\s*(BEGIN|END)\s*:/i;

describe('contactsToVcard: structure and escaping', () => {
  it('writes one vCard 3.0 per contact, every line ending in CRLF', () => {
    const vcf = contactsToVcard(
      [
        contact(1, {
          name: 'Sipho Dlamini',
          emails: ['sipho@dlamini.example', 'sipho@example.co.za'],
          phone: '+27 82 123 4567',
          companyId: uuid(9),
          title: 'Director; Sales, East',
          notes: 'Met in Durban\nback\\slash',
          tags: ['vip', 'Cape Town, Durban'],
        }),
        contact(2, { name: 'Chikondi' }),
      ],
      (id) => (id === uuid(9) ? 'Dlamini, Sons & Co; Ltd' : undefined),
    );
    expect(vcf.endsWith('\r\n')).toBe(true);
    expect(vcf.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines(vcf)).toEqual([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Sipho Dlamini',
      'N:Dlamini;Sipho;;;',
      'EMAIL;TYPE=INTERNET;TYPE=PREF:sipho@dlamini.example',
      'EMAIL;TYPE=INTERNET:sipho@example.co.za',
      'TEL:+27 82 123 4567',
      'ORG:Dlamini\\, Sons & Co\\; Ltd',
      'TITLE:Director\\; Sales\\, East',
      'NOTE:Met in Durban\\nback\\\\slash',
      'CATEGORIES:vip,Cape Town\\, Durban',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Chikondi',
      'N:;Chikondi;;;',
      'EMAIL;TYPE=INTERNET;TYPE=PREF:c2@example.co.za',
      'END:VCARD',
      '',
    ]);
  });

  it('puts the last word in the family name and the rest in the given names', () => {
    const vcf = contactsToVcard([contact(1, { name: 'Pieter  van der Merwe' }), contact(2, { name: 'Naledi, Jr' })], noCompany);
    expect(lines(vcf).filter((l) => l.startsWith('N:'))).toEqual(['N:Merwe;Pieter van der;;;', 'N:Jr;Naledi\\,;;;']);
  });

  it('leaves out tombstones, and writes nothing for no contacts', () => {
    const vcf = contactsToVcard([contact(1, { name: 'Gone', deletedAt: 5 }), contact(2, { name: 'Here' })], noCompany);
    expect(vcf.match(/^BEGIN:VCARD$/gm)).toHaveLength(1);
    expect(vcf).toContain('FN:Here');
    expect(vcf).not.toContain('Gone');
    expect(contactsToVcard([], noCompany)).toBe('');
  });

  it('turns every kind of line break into \\n and drops other control characters', () => {
    const vcf = contactsToVcard([contact(1, { name: 'Zoë\r\nMthembu', notes: 'a\rb\nc\r\nd\u2028e\u0085f\vg\fh\u0000i\u0007j\u001bk\u007fl\tm\uD800n' })], noCompany);
    expect(lines(vcf)).toContain('FN:Zoë\\nMthembu');
    expect(lines(vcf)).toContain('N:Mthembu;Zoë;;;');
    expect(lines(vcf)).toContain('NOTE:a\\nb\\nc\\nd\\ne\\nf\\ng\\nh' + 'ijkl\tm\uFFFDn');
  });
});

describe('contactsToVcard: folding', () => {
  // Accented letters (2 octets), CJK (3) and emoji (4, a surrogate pair): at every offset one straddles the 75th octet.
  const long = 'Thandiwe Nkosi, Ngũgĩ Kamau and Zoë met at the café in Lilongwe 🇲🇼 😀 👩🏾‍💻 — 会議 — '.repeat(12);

  it.each([0, 1, 2, 3, 4, 5])('folds a long note at 75 octets, never inside a character (offset %i)', (offset) => {
    const notes = `${'x'.repeat(offset)}${long}`.trim();
    const vcf = contactsToVcard([contact(1, { name: 'Thandiwe Nkosi', notes })], noCompany);
    const physical = lines(vcf).slice(0, -1);
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/);
    }
    // The first piece fills the line: the folding is greedy, not cautious.
    const first = physical.find((l) => l.startsWith('NOTE:'))!;
    expect(octets(first)).toBeGreaterThan(71);
    expect(lines(unfold(vcf))).toContain(`NOTE:${notes.replace(/,/g, '\\,')}`);
    expect(parseVCards(vcf).rows[0]!.notes).toBe(notes);
  });

  it('folds every property, names and tags included', () => {
    const name = `Pieter ${'Ngũgĩ '.repeat(20)}van der Merwe`;
    const tags = ['Gauteng, Limpopo & KwaZulu-Natal regional office', 'Zoë 😀 Chikondi Banda Lilongwe Blantyre Zomba'];
    const vcf = contactsToVcard([contact(1, { name, tags })], noCompany);
    expect(lines(vcf).every((l) => octets(l) <= 75)).toBe(true);
    expect(parseVCards(vcf).rows[0]).toMatchObject({ name, tags });
  });
});

describe('contactsToVcard: hostile text', () => {
  it('keeps a note that spells out the end of the card and a new one inside its card', () => {
    const notes = 'Hello\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Evil';
    const vcf = contactsToVcard([contact(1, { name: 'Thandiwe Nkosi', notes })], noCompany);
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(lines(vcf).filter((l) => boundary.test(l))).toEqual(['BEGIN:VCARD', 'END:VCARD']);
    const { rows, broken } = parseVCards(vcf);
    expect(broken).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Thandiwe Nkosi', notes: 'Hello\nEND:VCARD\nBEGIN:VCARD\nFN:Evil' });
  });

  it('keeps a name with line breaks and card boundaries in its own property', () => {
    const name = 'Evil\nEND:VCARD\r\nBEGIN:VCARD\rFN:Other';
    const vcf = contactsToVcard([contact(1, { name })], noCompany);
    const { rows, broken } = parseVCards(vcf);
    expect(broken).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(name.replace(/\r\n?/g, '\n'));
  });

  // A fold landing just before "END:VCARD" (after blanks, which readers trim) would end the card there.
  it.each([' ', '\t', '\u3000', '\u00a0'])('never starts a continuation line with a card boundary, whatever blanks (%j) pad it', (blank) => {
    for (let pad = 0; pad < 160; pad++) {
      const notes = `x${blank.repeat(pad)}END:VCARD${blank.repeat(pad % 7)}begin : vcard and more`;
      const vcf = contactsToVcard([contact(1, { name: 'Chikondi Banda', notes })], noCompany);
      const physical = lines(vcf);
      expect(physical.filter((l) => boundary.test(l))).toEqual(['BEGIN:VCARD', 'END:VCARD']);
      expect(physical.every((l) => octets(l) <= 75)).toBe(true);
      const { rows, broken } = parseVCards(vcf);
      expect(broken).toEqual([]);
      expect(rows.map((r) => r.notes)).toEqual([notes]);
    }
  });
});

describe('contactsToVcard: read back by parseVCards', () => {
  it('gives back names, addresses, phone, title, company, tags and notes', () => {
    const companies = new Map([
      [uuid(91), 'Nkosi & Daughters (Pty) Ltd'],
      [uuid(92), 'Van der Merwe, Boerdery; Stellenbosch'],
    ]);
    const contacts = [
      contact(1, {
        name: 'Thandiwe Nkosi',
        emails: ['thandiwe@nkosi.example', 'thandi@example.co.za'],
        phone: '+27 82 555 0101',
        companyId: uuid(91),
        title: 'Uhlelo Lwezimali, Umphathi',
        tags: ['Durban, KZN', 'vip'],
        notes: 'Sawubona! Ngiyabonga 🙏🏾 for the meeting.\nFollow up in Ndebele; she prefers isiZulu.',
      }),
      contact(2, {
        name: 'Pieter van der Merwe',
        emails: ['pieter@vdmerwe.example'],
        phone: '+27 21 555 0199',
        companyId: uuid(92),
        title: 'Bestuurder: Wynkelder',
        tags: ['Wynland; Kaap', 'boer'],
        notes: 'Baie dankie vir die koffie ☕ — ons praat weer in Maart.',
      }),
      contact(3, {
        name: 'Chikondi Banda',
        emails: ['chikondi@banda.example'],
        phone: '+265 99 123 4567',
        tags: ['Lilongwe', 'Zikomo kwambiri, abwana'],
        notes: 'Muli bwanji? Tinakumana ku Blantyre 🇲🇼 \\ pa 3 Marichi.',
      }),
      contact(4, { name: 'Ngũgĩ wa Thiong’o', emails: ['ngugi@example.ke'], tags: [] }),
      contact(5, { name: 'Deleted Person', deletedAt: 1 }),
    ];
    const { rows, broken } = parseVCards(contactsToVcard(contacts, (id) => (id ? companies.get(id) : undefined)));
    expect(broken).toEqual([]);
    expect(rows).toEqual(
      contacts
        .filter((c) => !c.deletedAt)
        .map((c, i) => ({
          row: i + 1,
          name: c.name,
          emails: c.emails,
          phone: c.phone,
          title: c.title,
          company: c.companyId ? companies.get(c.companyId) : undefined,
          notes: c.notes,
          tags: c.tags,
        })),
    );
  });

  it('gives back any text made of the characters that escaping, folding and card boundaries care about', () => {
    const unit = fc.constantFrom('a', 'n', 'N', 'é', 'ũ', '会', '😀', '👩🏾‍💻', ' ', '\u3000', '\t', '\n', '\r\n', ',', ';', ':', '\\', 'END:VCARD', 'BEGIN:VCARD', '\u0000');
    // Counted in units, so that no limit cuts a surrogate pair and every value stays within the schema's.
    const value = (lead: string, maxLength: number) => fc.string({ unit, maxLength }).map((s) => `${lead}${s}`);
    const clean = (s: string) => s.replace(/\0/g, '').replace(/\r\n/g, '\n').trim();
    fc.assert(
      fc.property(value('Z', 15), value('T', 15), value('C', 15), fc.array(value('g', 3), { maxLength: 4 }), value('', 400), (name, title, company, tags, notes) => {
        const vcf = contactsToVcard([contact(1, { name, title, tags, notes, companyId: uuid(9) })], () => company);
        expect(lines(vcf).filter((l) => boundary.test(l))).toEqual(['BEGIN:VCARD', 'END:VCARD']);
        expect(lines(vcf).every((l) => octets(l) <= 75)).toBe(true);
        const { rows, broken } = parseVCards(vcf);
        expect(broken).toEqual([]);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ name: clean(name), title: clean(title), company: clean(company), tags: tags.map(clean) });
        expect(rows[0]!.notes).toBe(clean(notes) || undefined);
      }),
      { numRuns: 300 },
    );
  });
});
