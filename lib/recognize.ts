import { domainOf, parseAddress } from './address';
import type { SidecarDB } from './db';
import { isFreeMail } from './freemail';
import type { Company, Contact } from './schema';
import { alive } from './validate';

export type Recognition =
  | { kind: 'contact'; email: string; contact: Contact; company?: Company }
  | { kind: 'company'; email: string; company: Company }
  | { kind: 'unknown'; email: string }
  | { kind: 'invalid' };

export interface RecognizeOptions {
  /** The user's own addresses: their (non-free-mail) domain is never a company match. */
  ownAddresses?: string[];
  /** Further domains of the user's own organisation. */
  ownDomains?: string[];
}


/**
 * Who is this address? A contact holding it, else a company owning its domain, else unknown.
 * Runs on every participant of every opened thread, so it only does index lookups.
 */
export async function recognize(
  db: SidecarDB,
  input: string,
  opts: RecognizeOptions = {},
): Promise<Recognition> {
  const parsed = parseAddress(input);
  if (!parsed) return { kind: 'invalid' };
  const { email } = parsed;

  const domain = domainOf(email);
  const mightBeCompany = !isFreeMail(domain) && !ownDomains(opts).has(domain);
  return db.transaction('r', db.contacts, db.companies, db.settings, async (): Promise<Recognition> => {
    // All reads at once: a contact usually works at the company owning their domain, so most
    // lookups take one round trip to the database, not two (this runs on every thread switch).
    const [holders, owners, settings] = await Promise.all([
      db.contacts.where('emails').equals(email).toArray(),
      mightBeCompany ? db.companies.where('domains').equals(domain).toArray() : [],
      db.settings.bulkGet(['ownAddresses', 'ownDomains', 'freeMailDomains']),
    ]);
    // A gmail.com address says nothing about an employer, and colleagues are not "a company"
    // (the user's own addresses and domains and their free-mail domains, from the settings).
    const saved = (key: string) => (settings.find((r) => r?.key === key)?.value as string[] | undefined) ?? [];
    const byDomain =
      mightBeCompany &&
      !saved('freeMailDomains').includes(domain) &&
      !ownDomains({ ownAddresses: saved('ownAddresses'), ownDomains: saved('ownDomains') }).has(domain);
    const domainCompany = byDomain ? owners.find(alive) : undefined;
    const contact = holders.find(alive);
    if (contact) {
      const company = !contact.companyId
        ? undefined
        : contact.companyId === domainCompany?.id
          ? domainCompany
          : await db.companies.get(contact.companyId);
      return alive(company)
        ? { kind: 'contact', email, contact, company }
        : { kind: 'contact', email, contact };
    }
    return domainCompany ? { kind: 'company', email, company: domainCompany } : { kind: 'unknown', email };
  });
}

function ownDomains({ ownAddresses = [], ownDomains = [] }: RecognizeOptions): Set<string> {
  const fromAddresses = ownAddresses.map((a) => domainOf(parseAddress(a)?.email ?? ''));
  return new Set(
    [...fromAddresses, ...ownDomains.map((d) => d.trim().toLowerCase())].filter(
      (d) => d !== '' && !isFreeMail(d),
    ),
  );
}
