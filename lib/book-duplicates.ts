import { mergeContacts } from './contact-edit';
import type { SidecarDB } from './db';
import { findDuplicates, pairKey, type DuplicateCandidate, type DuplicatePair } from './duplicates';
import { Contact, Setting, type Company } from './schema';
import { alive, parseOrThrow, revise } from './validate';

/**
 * The duplicates finder over the database: the book's live contacts as candidates, the pairs the
 * user dismissed left out, and the merge of one pair with the values the user chose.
 */

export const NOT_DUPLICATES_KEY = 'notDuplicates';

/** Calling codes of the countries the product's users are in, by region: "082 ..." then equals "+27 82 ...". */
const CALLING_CODES: Record<string, string> = { ZA: '27', MW: '265', NA: '264', BW: '267', ZW: '263', ZM: '260', MZ: '258', LS: '266', SZ: '268' };
export function callingCodeOf(languages: readonly string[]): string | undefined {
  for (const tag of languages) {
    const region = tag.split('-')[1]?.toUpperCase();
    if (region && CALLING_CODES[region]) return CALLING_CODES[region];
  }
  return undefined;
}

/** A contact as the finder sees it, with its company's domains. */
export const candidateOf = (c: Pick<Contact, 'id' | 'name' | 'emails' | 'phone' | 'companyId'>, company: Company | undefined): DuplicateCandidate => ({
  id: c.id,
  name: c.name,
  emails: c.emails,
  phone: c.phone,
  companyId: company?.id,
  companyDomains: company?.domains,
});

export interface BookDuplicates {
  pairs: DuplicatePair[];
  /** The contacts the pairs name, and their companies, by id. */
  contacts: Map<string, Contact>;
  companies: Map<string, Company>;
  checked: number;
}

export async function findBookDuplicates(db: SidecarDB, options: { callingCode?: string; onProgress?: (done: number, total: number) => void } = {}): Promise<BookDuplicates> {
  const [contacts, companies, dismissed] = await db.transaction('r', db.contacts, db.companies, db.settings, () =>
    Promise.all([db.contacts.toArray(), db.companies.toArray(), db.settings.get(NOT_DUPLICATES_KEY)]),
  );
  const byId = new Map(companies.filter(alive).map((c) => [c.id, c]));
  const living = contacts.filter(alive);
  const pairs = await findDuplicates(
    living.map((c) => candidateOf(c, c.companyId ? byId.get(c.companyId) : undefined)),
    { ...options, ignore: new Set((dismissed?.value as string[] | undefined) ?? []) },
  );
  const named = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const shown = living.filter((c) => named.has(c.id));
  const theirs = new Map(shown.flatMap((c) => (c.companyId && byId.has(c.companyId) ? [[c.companyId, byId.get(c.companyId)!] as const] : [])));
  return { pairs, contacts: new Map(shown.map((c) => [c.id, c])), companies: theirs, checked: living.length };
}

/** "Not a duplicate": remembered, and joined with the other machine's list when a backup is imported. */
export async function dismissPair(db: SidecarDB, a: string, b: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const current = ((await db.settings.get(NOT_DUPLICATES_KEY))?.value as string[] | undefined) ?? [];
    const key = pairKey(a, b);
    if (!current.includes(key)) await db.settings.put(parseOrThrow(Setting, { key: NOT_DUPLICATES_KEY, value: [...current, key] }));
  });
}

/** The values of the two the user keeps, field by field; what is not chosen is the kept contact's. */
export type MergeChoices = Partial<Pick<Contact, 'name' | 'title' | 'phone' | 'companyId'>>;

/**
 * Folds `mergedId` into `keptId` with the existing merge (addresses, tags, history, deals, scores
 * and follow-ups move over; the merge travels in backups), then gives the kept contact the chosen
 * values, in one transaction.
 */
export async function mergePair(db: SidecarDB, keptId: string, mergedId: string, choices: MergeChoices, now = Date.now()): Promise<Contact> {
  return db.transaction('rw', [db.contacts, db.companies, db.interactions, db.deals, db.satisfaction, db.followUps], async () => {
    const merged = await mergeContacts(db, keptId, mergedId, now);
    const chosen = Object.fromEntries(Object.entries(choices).filter(([field, v]) => v !== undefined && v !== merged[field as keyof Contact]));
    if (!Object.keys(chosen).length) return merged;
    const next = parseOrThrow(Contact, revise(merged, chosen, now));
    await db.contacts.put(next);
    return next;
  });
}
