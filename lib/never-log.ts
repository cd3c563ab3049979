import { domainOf } from './address';
import type { Company, Contact } from './schema';

/**
 * Whose emails are never logged, in words for "Emails with … are never logged": the contact or its
 * company when marked so, else the entry of the settings' never-log list (an address, or a domain
 * and its subdomains) that one of the contact's addresses falls under; null when logging is allowed.
 */
export function neverLoggedAs(contact: Contact, company: Company | null | undefined, list: readonly string[]): string | null {
  if (contact.neverLog) return contact.name;
  if (company?.neverLog && company.deletedAt === undefined) return company.name;
  for (const email of contact.emails) {
    const domain = domainOf(email);
    const entry = list.find((e) => e === email || e === domain || domain.endsWith(`.${e}`));
    if (entry) return entry;
  }
  return null;
}
