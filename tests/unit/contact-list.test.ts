import { listContacts } from '@/lib/contact-list';
import { prefixMatch } from '@/lib/match';
import { SidecarDB } from '@/lib/db';

let db: SidecarDB;
beforeEach(async () => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
  const base = () => ({ id: crypto.randomUUID(), createdAt: 1, updatedAt: 1, tags: [] });
  const acme = { id: crypto.randomUUID(), createdAt: 1, updatedAt: 1, name: 'Acme', domains: ['acme.example'] };
  await db.companies.add(acme);
  await db.contacts.bulkAdd([
    { ...base(), name: 'Zoe Park', emails: ['zoe@acme.example'], companyId: acme.id, tags: ['Wholesale', 'wholesale-east'] },
    { ...base(), name: 'adam Smith', emails: ['adam@initech.example'] },
    { ...base(), name: 'Bea Zimmer', emails: ['bea@zeta.example'] },
    { ...base(), name: 'Gone', emails: ['gone@acme.example'], deletedAt: 2 },
  ]);
});
afterEach(() => db.delete());

describe('listContacts', () => {
  it('lists the living contacts by name, with their company', async () => {
    const rows = await listContacts(db, '');
    expect(rows.map((r) => r.contact.name)).toEqual(['Bea Zimmer', 'Zoe Park', 'adam Smith']);
    expect(rows.find((r) => r.contact.name === 'Zoe Park')?.company?.name).toBe('Acme');
  });

  it('finds by the start of a name, any case, or of an address', async () => {
    expect((await listContacts(db, 'ADA')).map((r) => r.contact.name)).toEqual(['adam Smith']);
    expect((await listContacts(db, 'z')).map((r) => r.contact.name)).toEqual(['Zoe Park']);
    expect((await listContacts(db, 'bea@')).map((r) => r.contact.name)).toEqual(['Bea Zimmer']);
    expect(await listContacts(db, 'gone')).toEqual([]);
  });

  it('finds by the start of the company’s name and of a tag, any case, each contact once', async () => {
    expect((await listContacts(db, 'acm')).map((r) => r.contact.name)).toEqual(['Zoe Park']);
    expect((await listContacts(db, 'WHOLE')).map((r) => r.contact.name)).toEqual(['Zoe Park']);
    expect(await listContacts(db, 'sale')).toEqual([]);
  });
});

describe('prefixMatch', () => {
  it('cuts at the start of the text or of a word, in the text’s own letters', () => {
    expect(prefixMatch('Thandi Nkosi', 'nk')).toEqual(['Thandi ', 'Nk', 'osi']);
    expect(prefixMatch('thandi@acme.example', 'ACME')).toEqual(['thandi@', 'acme', '.example']);
    expect(prefixMatch('Banda', 'and')).toBeNull();
    expect(prefixMatch('İstanbul Ltd', 'ltd')).toEqual(['İstanbul ', 'Ltd', '']);
  });
});
