import { latestScores } from './contact-facts';
import type { SidecarDB } from './db';
import { ValidationError } from './errors';
import { t } from './i18n';
import { ignoreCaseIndexable } from './ignore-case';
import { sumByCurrency, type Totals } from './pipeline';
import { Company, type Contact, type Deal, type Satisfaction } from './schema';
import { splitList } from './settings';
import { isOpenDeal } from './stay-in-touch';
import { alive, nextUpdatedAt, parseOrThrow, revise } from './validate';

/** The dashboard's companies: the list with what each one adds up to, editing, and merging two. */

export interface CompanyRow {
  company: Company;
  people: number;
  openValue: Totals;
  lastAt?: number;
  /** The average of the latest score of each of its people who has one, per kind. */
  satisfaction: { csat?: number; nps?: number; responses: number };
}

/** Companies listed at first; "Show more" reads as many again. */
export const COMPANY_PAGE = 50;

/** The first `limit` live companies by name, or of those whose name starts with `text`. */
export function companiesNamed(db: SidecarDB, text: string, limit: number): Promise<Company[]> {
  const q = text.trim().toLowerCase();
  const byName = !q
    ? db.companies.orderBy('name')
    : ignoreCaseIndexable(q, true)
      ? db.companies.where('name').startsWithIgnoreCase(q)
      : db.companies.filter((c) => c.name.toLowerCase().startsWith(q));
  return byName.filter(alive).limit(limit).toArray();
}

/** A page of the live companies by name, or those whose name starts with `text`, with their figures. */
export async function listCompanies(db: SidecarDB, text: string, limit = COMPANY_PAGE): Promise<CompanyRow[]> {
  const companies = await companiesNamed(db, text, limit);
  const people = (await db.contacts.where('companyId').anyOf(companies.map((c) => c.id)).toArray()).filter(alive);
  const ids = people.map((p) => p.id);
  const [deals, last, latest] = await Promise.all([db.deals.where('contactId').anyOf(ids).toArray(), db.lastContact.bulkGet(ids), latestScores(db, ids)]);
  const lastAt = new Map(last.flatMap((r) => (r ? [[r.contactId, r.at] as const] : [])));
  return companies.map((company) => {
    const theirs = people.filter((p) => p.companyId === company.id);
    const mine = new Set(theirs.map((p) => p.id));
    const open = deals.filter((d) => isOpenDeal(d) && mine.has(d.contactId));
    const times = theirs.flatMap((p) => (lastAt.has(p.id) ? [lastAt.get(p.id)!] : []));
    const latestScores = theirs.flatMap((p) => (latest.has(p.id) ? [latest.get(p.id)!] : []));
    const mean = (kind: Satisfaction['kind']) => {
      const xs = latestScores.filter((s) => s.kind === kind).map((s) => s.score);
      return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : undefined;
    };
    return {
      company,
      people: theirs.length,
      openValue: sumByCurrency(open),
      ...(times.length ? { lastAt: Math.max(...times) } : {}),
      satisfaction: { csat: mean('csat'), nps: mean('nps'), responses: latestScores.length },
    };
  });
}

/** A company's people by name and its open and closed deals: the company view. */
export async function companyDetails(db: SidecarDB, id: string): Promise<{ company: Company; people: Contact[]; deals: Deal[] } | undefined> {
  const company = await db.companies.get(id);
  if (!alive(company)) return undefined;
  const people = (await db.contacts.where('companyId').equals(id).toArray()).filter(alive).sort((a, b) => a.name.localeCompare(b.name));
  const deals = (await db.deals.where('contactId').anyOf(people.map((p) => p.id)).toArray()).filter(alive).sort((a, b) => b.updatedAt - a.updatedAt);
  return { company, people, deals };
}

/** A domain the edit gives the company already belongs to another: the UI offers to merge the two. */
export class DomainTakenError extends ValidationError {
  override name = 'DomainTakenError';
  constructor(
    readonly domain: string,
    readonly ownerId: string,
    readonly ownerName: string,
  ) {
    super([{ path: 'domains', message: t('errors.domainTaken', { domain, owner: ownerName }) }]);
  }
}

/** Saves a company's name and domains ("acme.co.za, acme.com"); a domain of another company is refused, naming it. */
export async function updateCompany(db: SidecarDB, id: string, edit: { name: string; domains: string }, now = Date.now()): Promise<Company> {
  return db.transaction('rw', db.companies, async () => {
    const company = await db.companies.get(id);
    if (!alive(company)) throw new ValidationError(t('errors.companyMergedAway'));
    const next = parseOrThrow(Company, revise(company, { name: edit.name, domains: splitList(edit.domains) }, now));
    const owners = (await db.companies.where('domains').anyOf(next.domains).toArray()).filter((c) => alive(c) && c.id !== id);
    const taken = owners[0];
    if (taken) throw new DomainTakenError(next.domains.find((d) => taken.domains.includes(d))!, taken.id, taken.name);
    await db.companies.put(next);
    return next;
  });
}

/**
 * Folds `mergedId` into `keptId` in one transaction: the domains are joined, the people and deals
 * move over, and what stays of the merged company is a tombstone without domains (so it
 * recognizes nobody), which carries the merge to other machines through backups.
 */
export async function mergeCompanies(db: SidecarDB, keptId: string, mergedId: string, now = Date.now()): Promise<Company> {
  if (keptId === mergedId) throw new ValidationError(t('errors.companyIntoItself'));
  return db.transaction('rw', [db.companies, db.contacts, db.deals], async () => {
    const [kept, merged] = await db.companies.bulkGet([keptId, mergedId]);
    if (!alive(kept) || !alive(merged)) throw new ValidationError(t('errors.companiesMergedAway'));
    const next = parseOrThrow(Company, revise(kept, { domains: [...new Set([...kept.domains, ...merged.domains])].slice(0, 50), neverLog: kept.neverLog || merged.neverLog || undefined }, now));
    await db.companies.put(next);
    await db.companies.put({ ...merged, domains: [], updatedAt: nextUpdatedAt(merged, now), deletedAt: now });
    const move = (r: { companyId?: string; updatedAt: number }) => {
      r.companyId = keptId;
      r.updatedAt = nextUpdatedAt(r, now);
    };
    await db.contacts.where('companyId').equals(mergedId).modify(move);
    await db.deals.filter((d) => d.companyId === mergedId).modify(move);
    return next;
  });
}
