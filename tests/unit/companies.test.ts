import { DomainTakenError, companyDetails, listCompanies, mergeCompanies, updateCompany } from '@/lib/companies';
import { SidecarDB } from '@/lib/db';
import { recognize } from '@/lib/recognize';
import type { Company, Contact, Deal, Interaction, Satisfaction } from '@/lib/schema';

const T0 = 1_760_000_000_000;
const base = () => ({ id: crypto.randomUUID(), createdAt: T0, updatedAt: T0 });
const company = (name: string, domains: string[]): Company => ({ ...base(), name, domains });
const person = (name: string, companyId: string, email: string): Contact => ({ ...base(), name, emails: [email], tags: [], companyId });

let db: SidecarDB;
let acme: Company;
let acmeZa: Company;
let ann: Contact;
let bo: Contact;
beforeEach(async () => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
  acme = company('Acme', ['acme.com']);
  acmeZa = company('Acme South Africa', ['acme.co.za']);
  ann = person('Ann Lee', acme.id, 'ann@acme.com');
  bo = person('Bo Chen', acmeZa.id, 'bo@acme.co.za');
  await db.companies.bulkAdd([acme, acmeZa, company('Gone', ['gone.example'])].map((c, i) => (i === 2 ? { ...c, deletedAt: T0 } : c)));
  await db.contacts.bulkAdd([ann, bo]);
  const deal = (contactId: string, amountMinor: number, stage: Deal['stage'] = 'proposal'): Deal => ({ ...base(), contactId, companyId: contactId === ann.id ? acme.id : acmeZa.id, title: 'Tanks', stage, amountMinor, currency: 'ZAR', gmailThreadIds: [] });
  await db.deals.bulkAdd([deal(ann.id, 100_00), deal(ann.id, 50_00, 'won'), deal(bo.id, 30_00)]);
  const call: Interaction = { ...base(), contactId: ann.id, kind: 'call', occurredAt: T0 - 5000 };
  await db.interactions.add(call);
  const score = (contactId: string, s: number, at: number): Satisfaction => ({ ...base(), contactId, kind: 'csat', score: s, occurredAt: at });
  await db.satisfaction.bulkAdd([score(ann.id, 2, T0 - 10), score(ann.id, 4, T0), score(bo.id, 5, T0)]);
});
afterEach(() => db.delete());

describe('the companies', () => {
  it('lists the live ones by name with their people, open value, last contact and latest satisfaction', async () => {
    const rows = await listCompanies(db, '');
    expect(rows.map((r) => r.company.name)).toEqual(['Acme', 'Acme South Africa']);
    expect(rows[0]).toMatchObject({ people: 1, openValue: [{ currency: 'ZAR', amountMinor: 100_00 }], lastAt: T0 - 5000, satisfaction: { csat: 4, responses: 1 } });
    expect(rows[1]).toMatchObject({ people: 1, satisfaction: { csat: 5 } });
    expect(rows[1]!.lastAt).toBeUndefined();
    expect((await listCompanies(db, 'acme s')).map((r) => r.company.name)).toEqual(['Acme South Africa']);
    expect(await listCompanies(db, 'gone')).toEqual([]);
  });

  it('refuses a domain another company owns, naming it, and saves nothing', async () => {
    const refused = await updateCompany(db, acme.id, { name: 'Acme Group', domains: 'acme.com, ACME.co.za' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainTakenError);
    expect(refused).toMatchObject({ domain: 'acme.co.za', ownerId: acmeZa.id, ownerName: 'Acme South Africa' });
    expect((await db.companies.get(acme.id))?.name).toBe('Acme');
    expect(await updateCompany(db, acme.id, { name: 'Acme Group', domains: 'acme.com acme.io' }, T0 + 1)).toMatchObject({ name: 'Acme Group', domains: ['acme.com', 'acme.io'] });
  });

  it('merges two: domains joined, people and deals moved, the other a tombstone that recognizes nobody', async () => {
    const kept = await mergeCompanies(db, acme.id, acmeZa.id, T0 + 2);
    expect(kept.domains).toEqual(['acme.com', 'acme.co.za']);
    expect((await db.contacts.get(bo.id))?.companyId).toBe(acme.id);
    expect((await db.deals.where('contactId').equals(bo.id).first())?.companyId).toBe(acme.id);
    expect(await db.companies.get(acmeZa.id)).toMatchObject({ domains: [], deletedAt: T0 + 2 });
    const details = await companyDetails(db, acme.id);
    expect(details?.people.map((p) => p.name)).toEqual(['Ann Lee', 'Bo Chen']);
    expect(details?.deals).toHaveLength(3);
    expect(await recognize(db, 'new.person@acme.co.za')).toMatchObject({ kind: 'company', company: { id: acme.id } });
    await expect(mergeCompanies(db, acme.id, acmeZa.id)).rejects.toThrow('gone');
  });
});
