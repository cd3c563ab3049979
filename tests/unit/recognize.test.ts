import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SidecarDB } from '../../lib/db';
import { recognize } from '../../lib/recognize';
import type { Company, Contact } from '../../lib/schema';

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const stamps = { createdAt: 1, updatedAt: 1 };
const company = (over: Partial<Company> = {}): Company => ({
  id: crypto.randomUUID(),
  ...stamps,
  name: 'Acme',
  domains: ['acme.com'],
  ...over,
});
const contact = (over: Partial<Contact> = {}): Contact => ({
  id: crypto.randomUUID(),
  ...stamps,
  name: 'Ann Lee',
  emails: ['ann@acme.com'],
  tags: [],
  ...over,
});

describe('recognize', () => {
  it('finds a contact by its second address, with its company', async () => {
    const acme = company();
    const ann = contact({ emails: ['ann@acme.com', 'ann.lee@gmail.com'], companyId: acme.id });
    await db.companies.add(acme);
    await db.contacts.add(ann);
    expect(await recognize(db, 'ann.lee@gmail.com')).toEqual({
      kind: 'contact',
      email: 'ann.lee@gmail.com',
      contact: ann,
      company: acme,
    });
  });

  it.each(['  ANN@Acme.COM ', '"Ann Lee" <Ann@acme.com>', 'Ann <ann@ACME.com>', 'mailto:ann@acme.com'])(
    'matches %j case- and whitespace-insensitively',
    async (input) => {
      const ann = contact();
      await db.contacts.add(ann);
      const r = await recognize(db, input);
      expect(r).toMatchObject({ kind: 'contact', email: 'ann@acme.com', contact: { id: ann.id } });
    },
  );

  it('leaves out a deleted company of a contact', async () => {
    const gone = company({ deletedAt: 2 });
    await db.companies.add(gone);
    await db.contacts.add(contact({ companyId: gone.id }));
    const r = await recognize(db, 'ann@acme.com');
    expect(r.kind).toBe('contact');
    expect(r).not.toHaveProperty('company');
  });

  it('finds a company by any of its domains', async () => {
    const acme = company({ domains: ['acme.com', 'acme.io', 'acme-corp.co.uk'] });
    await db.companies.add(acme);
    for (const email of ['bob@acme.io', 'carol@acme-corp.co.uk']) {
      expect(await recognize(db, email)).toEqual({ kind: 'company', email, company: acme });
    }
  });

  it('prefers the contact over its company domain', async () => {
    await db.companies.add(company());
    await db.contacts.add(contact());
    expect((await recognize(db, 'ann@acme.com')).kind).toBe('contact');
    expect((await recognize(db, 'bob@acme.com')).kind).toBe('company');
  });

  it('never matches a company by a free-mail domain', async () => {
    await db.companies.add(company({ name: 'Mistake', domains: ['gmail.com', 'yahoo.co.uk'] }));
    expect(await recognize(db, 'someone@gmail.com')).toEqual({ kind: 'unknown', email: 'someone@gmail.com' });
    expect((await recognize(db, 'x@yahoo.co.uk')).kind).toBe('unknown');
  });

  it("never matches the user's own domain as a company", async () => {
    await db.companies.add(company({ name: 'Us', domains: ['us.io'] }));
    expect((await recognize(db, 'colleague@us.io')).kind).toBe('company');
    const own = { ownAddresses: ['Me <ME@us.io>'] };
    expect(await recognize(db, 'colleague@us.io', own)).toEqual({ kind: 'unknown', email: 'colleague@us.io' });
    expect((await recognize(db, 'colleague@us.io', { ownDomains: ['US.io'] })).kind).toBe('unknown');
  });

  it("a free-mail own address does not hide other people's companies", async () => {
    await db.companies.add(company());
    expect((await recognize(db, 'bob@acme.com', { ownAddresses: ['me@gmail.com'] })).kind).toBe('company');
  });

  it('ignores deleted contacts and companies', async () => {
    await db.contacts.add(contact({ deletedAt: 5 }));
    await db.companies.add(company({ deletedAt: 5 }));
    expect(await recognize(db, 'ann@acme.com')).toEqual({ kind: 'unknown', email: 'ann@acme.com' });
  });

  it('finds the live contact when a deleted one held the same address', async () => {
    await db.contacts.add(contact({ name: 'Old', deletedAt: 5 }));
    const fresh = contact({ name: 'New' });
    await db.contacts.add(fresh);
    expect(await recognize(db, 'ann@acme.com')).toMatchObject({ kind: 'contact', contact: { id: fresh.id } });
  });

  it('says unknown for an address nobody holds', async () => {
    await db.contacts.add(contact());
    expect(await recognize(db, 'Zed <zed@elsewhere.org>')).toEqual({ kind: 'unknown', email: 'zed@elsewhere.org' });
  });

  it.each(['', 'ann', 'ann@', 'a@x.com, b@y.com', '<>'])('says invalid for %j', async (input) => {
    expect(await recognize(db, input)).toEqual({ kind: 'invalid' });
  });
});
