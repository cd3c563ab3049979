import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addContact, guessCompanyName } from '../../lib/contacts';
import { SidecarDB } from '../../lib/db';
import { EmailTakenError, ValidationError } from '../../lib/errors';
import type { Company, Contact, ContactDraft } from '../../lib/schema';

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = 1_750_000_000_000;
const company = (over: Partial<Company> = {}): Company => ({
  id: crypto.randomUUID(),
  createdAt: 1,
  updatedAt: 1,
  name: 'Acme',
  domains: ['acme.com'],
  ...over,
});
const contact = (over: Partial<Contact> = {}): Contact => ({
  id: crypto.randomUUID(),
  createdAt: 1,
  updatedAt: 1,
  name: 'Ann Lee',
  emails: ['ann@acme.com'],
  tags: [],
  ...over,
});
const snapshot = async () => ({
  contacts: await db.contacts.toArray(),
  companies: await db.companies.toArray(),
});

describe('addContact', () => {
  it('creates the contact and links the company owning its domain', async () => {
    const acme = company({ domains: ['acme.io', 'acme.com'] });
    await db.companies.add(acme);
    const c = await addContact(db, { name: ' Bob Stone ', emails: ['Bob@ACME.com'] }, NOW);
    expect(c).toMatchObject({
      name: 'Bob Stone',
      emails: ['bob@acme.com'],
      companyId: acme.id,
      tags: [],
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.contacts.get(c.id)).toEqual(c);
    expect(await db.companies.count()).toBe(1);
  });

  it('creates the named company with the address domain when none owns it', async () => {
    const c = await addContact(db, { name: 'Bob', emails: ['bob@initech.com'], companyName: 'Initech' }, NOW);
    const [created, ...rest] = await db.companies.toArray();
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ name: 'Initech', domains: ['initech.com'], createdAt: NOW });
    expect(c.companyId).toBe(created?.id);
  });

  it('reuses a company of the same name and teaches it the new domain', async () => {
    const acme = company({ name: 'Acme' });
    await db.companies.add(acme);
    const c = await addContact(db, { name: 'Bob', emails: ['bob@acme.io'], companyName: 'ACME' }, NOW);
    expect(c.companyId).toBe(acme.id);
    expect(await db.companies.get(acme.id)).toMatchObject({ domains: ['acme.com', 'acme.io'], updatedAt: NOW });
  });

  it('never links by a free-mail domain, and leaves the company out when none is named', async () => {
    await db.companies.add(company({ domains: ['gmail.com'] }));
    const c = await addContact(db, { name: 'Bob', emails: ['bob@gmail.com'] }, NOW);
    expect(c.companyId).toBeUndefined();
    expect(await db.companies.count()).toBe(1);
  });

  it('gives a named company no free-mail domain', async () => {
    await addContact(db, { name: 'Bob', emails: ['bob@gmail.com'], companyName: 'Bob & Co' }, NOW);
    expect(await db.companies.toArray()).toMatchObject([{ name: 'Bob & Co', domains: [] }]);
  });

  it('refuses an address another contact holds, naming both, and writes nothing', async () => {
    await db.contacts.add(contact({ name: 'Ann Lee', emails: ['ann@acme.com'] }));
    const before = await snapshot();
    const draft = { name: 'Impostor', emails: ['new@initech.com', 'ANN@acme.com'], companyName: 'Initech' };
    const err = await addContact(db, draft, NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmailTakenError);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe('ann@acme.com already belongs to Ann Lee');
    expect(await snapshot()).toEqual(before);
  });

  it('lets an address of a deleted contact be reused', async () => {
    await db.contacts.add(contact({ deletedAt: 5 }));
    const c = await addContact(db, { name: 'Ann Again', emails: ['ann@acme.com'] }, NOW);
    expect(await db.contacts.get(c.id)).toBeDefined();
  });

  it.each<[ContactDraft, string]>([
    [{ name: '   ', emails: ['bob@initech.com'], companyName: 'Initech' }, 'Name is required'],
    [{ name: 'Bob', emails: [], companyName: 'Initech' }, 'At least one email address is required'],
    [{ name: 'Bob', emails: ['bob at initech'], companyName: 'Initech' }, '"bob at initech" is not an email address'],
  ])('refuses an invalid draft %j and writes nothing', async (draft, message) => {
    const err = await addContact(db, draft, NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(message);
    expect(await snapshot()).toEqual({ contacts: [], companies: [] });
  });
});

describe('guessCompanyName', () => {
  it.each([
    ['acme.com', 'Acme'],
    ['acme-corp.co.uk', 'Acme Corp'],
    ['mail.initech.com', 'Initech'],
    ['EU.Mail.Globex.com.au', 'Globex'],
    ['acme.co', 'Acme'],
    ['gmail.com', ''],
    ['hotmail.co.uk', ''],
    ['not a domain', ''],
    ['', ''],
  ])('%j -> %j', (domain, name) => {
    expect(guessCompanyName(domain)).toBe(name);
  });
});
