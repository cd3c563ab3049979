import { mount } from '@vue/test-utils';
import ContactCard from '@/components/ContactCard.vue';
import SidebarMenuErase from '@/components/SidebarMenuErase.vue';
import { updateContact } from '@/lib/contact-edit';
import { DEFAULT_QUERY, listContacts } from '@/lib/contact-list';
import { addContact } from '@/lib/contacts';
import { SidecarDB } from '@/lib/db';
import { logInteraction } from '@/lib/interactions';
import { Contact, Interaction, type Company } from '@/lib/schema';

// "Invoice from " + RLO + "fdp.exe": shown as "Invoice from exe.pdf" if the override survives.
const RLO = '\u202E';
const INVISIBLE = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F'];

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('invisible characters in names, tags and subjects', () => {
  it.each(INVISIBLE.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase(), c]))('U+%s is taken out of a stored name', async (_hex, c) => {
    const contact = await addContact(db, { name: `Ann${c} Lee${c}`, emails: ['ann@acme.example'], companyName: `Ac${c}me` }, 1);
    expect(contact.name).toBe('Ann Lee');
    expect((await db.companies.toArray())[0]!.name).toBe('Acme');
  });

  it('takes them out of tags and subjects, and keeps every visible letter', async () => {
    const ann = await addContact(db, { name: `Zoë ${RLO}Ngũgĩ`, emails: ['ann@acme.example'] }, 1);
    expect(ann.name).toBe('Zoë Ngũgĩ');
    const edited = await updateContact(db, ann.id, { name: 'Zoë', title: `C${RLO}EO`, companyName: '', phone: '', tags: `v\u200Bip, ${RLO}lead`, notes: '' }, 2);
    expect(edited).toMatchObject({ title: 'CEO', tags: ['vip', 'lead'] });
    const call = await logInteraction(db, ann.id, { kind: 'call', occurredAt: '2026-01-31T09:00', subject: `Invoice ${RLO}fdp.exe`, summary: '' }, 3);
    expect(call.subject).toBe('Invoice fdp.exe');
  });

  it('refuses a tag or a name of invisible characters only, and writes nothing', async () => {
    const ann = await addContact(db, { name: 'Ann', emails: ['ann@acme.example'] }, 1);
    await expect(updateContact(db, ann.id, { name: 'Ann', title: '', companyName: '', phone: '', tags: 'vip, \u200B\u200D', notes: '' }, 2)).rejects.toThrow('Tag is required');
    await expect(addContact(db, { name: `${RLO}\u2066`, emails: ['bo@acme.example'] }, 2)).rejects.toThrow('Name is required');
    expect(await db.contacts.toArray()).toEqual([ann]);
  });

  it('strips them from backup rows too, which pass through the same schemas', () => {
    const row = { id: crypto.randomUUID(), contactId: crypto.randomUUID(), kind: 'note', subject: `a${RLO}b`, occurredAt: 1, createdAt: 1, updatedAt: 1 };
    expect(Interaction.parse(row).subject).toBe('ab');
    expect(Contact.safeParse({ id: crypto.randomUUID(), name: 'A', emails: [], tags: ['\uFEFF'], createdAt: 1, updatedAt: 1 }).success).toBe(false);
  });
});

describe('user text in the app’s own sentences is isolated', () => {
  it('keeps a right-to-left name from reordering "Erase … ?"', () => {
    const confirm = mount(SidebarMenuErase, { props: { name: 'مريم' } });
    for (const bdi of confirm.findAll('bdi')) expect(bdi.text()).toBe('مريم');
    expect(confirm.findAll('bdi')).toHaveLength(2);
  });

  it('isolates the title and company on the card, and the name', () => {
    const company: Company = { id: crypto.randomUUID(), name: 'שלום בע״מ', domains: [], createdAt: 1, updatedAt: 1 };
    const contact: Contact = { id: crypto.randomUUID(), name: 'مريم', title: 'CEO', companyId: company.id, emails: ['m@x.example'], tags: ['vip'], createdAt: 1, updatedAt: 1 };
    const card = mount(ContactCard, { props: { contact, company } });
    expect(card.findAll('.contact-card-role bdi').map((b) => b.text())).toEqual(['CEO', 'שלום בע״מ']);
    expect(card.get('[data-testid=contact-name]').attributes('dir')).toBe('auto');
    expect(card.get('.chip').attributes('dir')).toBe('auto');
  });
});

describe('names in scripts whose capitals sort after their small letters', () => {
  // Georgian: Mtavruli capitals (U+1C90…) sort after Mkhedruli (U+10D0…); IndexedDB refuses the
  // range Dexie's ignore-case queries would build, so these must not go through them.
  it('adds a contact at a company named in Georgian, and finds the company again by name', async () => {
    const first = await addContact(db, { name: 'ნინო', emails: ['nino@gmail.com'], companyName: 'თბილისი' }, 1);
    const second = await addContact(db, { name: 'გიორგი', emails: ['giorgi@gmail.com'], companyName: 'თბილისი' }, 2);
    expect(first.companyId).toBeDefined();
    expect(second.companyId).toBe(first.companyId);
  });

  it('finds a contact by the start of a Georgian name in the contact list', async () => {
    await addContact(db, { name: 'ნინო ბერიძე', emails: ['nino@gmail.com'] }, 1);
    expect((await listContacts(db, { ...DEFAULT_QUERY, text: 'ნინ' })).rows.map((r) => r.contact.name)).toEqual(['ნინო ბერიძე']);
  });
});
