import { domainOf, isDomain } from './address';
import type { SidecarDB } from './db';
import { EmailTakenError } from './errors';
import { isFreeMail } from './freemail';
import { ignoreCaseIndexable } from './ignore-case';
import { Company, Contact, ContactDraft } from './schema';
import { alive, parseOrThrow, revise, toValidationError } from './validate';

/**
 * Creates a contact from the "new contact" form and links it to a company.
 * All checks and writes share one transaction: on any error nothing is written.
 */
export async function addContact(
  db: SidecarDB,
  draft: ContactDraft,
  now: number = Date.now(),
): Promise<Contact> {
  const parsed = ContactDraft.safeParse(draft);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { name, emails, companyName } = parsed.data;
  // A gmail.com address tells nothing about where someone works.
  const domains = [...new Set(emails.map(domainOf))].filter((d) => !isFreeMail(d));

  return db.transaction('rw', db.contacts, db.companies, async () => {
    const holders = (await db.contacts.where('emails').anyOf(emails).toArray()).filter(alive);
    for (const email of emails) {
      const owner = holders.find((c) => c.emails.includes(email));
      if (owner) throw new EmailTakenError(email, owner.id, owner.name);
    }
    const companyId = await linkCompany(db, domains, companyName ?? '', now);
    const contact = parseOrThrow(Contact, {
      id: crypto.randomUUID(),
      name,
      emails,
      ...(companyId ? { companyId } : {}),
      tags: [],
      createdAt: now,
      updatedAt: now,
    });
    await db.contacts.add(contact);
    return contact;
  });
}

/** The company owning one of `domains`, else the one named `companyName` (created if needed). */
async function linkCompany(
  db: SidecarDB,
  domains: string[],
  companyName: string,
  now: number,
): Promise<string | undefined> {
  const byDomain = (await db.companies.where('domains').anyOf(domains).toArray()).filter(alive);
  // Prefer the domain of the first address the user typed.
  for (const d of domains) {
    const hit = byDomain.find((c) => c.domains.includes(d));
    if (hit) return hit.id;
  }
  return companyName ? companyNamed(db, companyName, domains, now) : undefined;
}

/**
 * The company called `name` (any case), created if there is none; it learns those of `domains`
 * that no other company owns, so the next person from there is recognized. Call inside a
 * transaction on `companies`.
 */
export async function companyNamed(db: SidecarDB, name: string, domains: string[], now: number): Promise<string> {
  const owned = new Set((await db.companies.where('domains').anyOf(domains).toArray()).filter(alive).flatMap((c) => c.domains));
  const free = domains.filter((d) => !owned.has(d) && !isFreeMail(d));
  const folded = name.toLowerCase();
  const named = ignoreCaseIndexable(name) ? db.companies.where('name').equalsIgnoreCase(name) : db.companies.filter((c) => c.name.toLowerCase() === folded);
  const existing = (await named.toArray()).find(alive);
  if (existing) {
    const learned = free.filter((d) => !existing.domains.includes(d));
    if (learned.length > 0) {
      await db.companies.put(parseOrThrow(Company, revise(existing, { domains: [...existing.domains, ...learned] }, now)));
    }
    return existing.id;
  }
  const company = parseOrThrow(Company, { id: crypto.randomUUID(), name, domains: free, createdAt: now, updatedAt: now });
  await db.companies.add(company);
  return company.id;
}

// Under a two-letter country code these are part of the public suffix: acme.co.uk, acme.com.au.
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc', 'ne', 'or']);

/** A starting point for the company name field: "mail.acme-corp.co.uk" -> "Acme Corp". */
export function guessCompanyName(domain: string): string {
  const d = domain.trim().toLowerCase();
  if (!isDomain(d) || isFreeMail(d)) return '';
  const labels = d.split('.');
  let i = labels.length - 2;
  const tld = labels[labels.length - 1] ?? '';
  if (tld.length === 2 && i > 0 && SECOND_LEVEL.has(labels[i] ?? '')) i--;
  const label = labels[i] ?? '';
  if (label.startsWith('xn--')) return ''; // punycode: let the user type the real name
  return label
    .split('-')
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
