import type { Collection, EntityTable } from 'dexie';
import { factsOf, healthOf, openDealsByContact, openDueByContact, type ContactFacts, type OpenWork } from './contact-facts';
import type { SidecarDB } from './db';
import type { Health, HealthBand } from './health';
import { t, type CatalogKey } from './i18n';
import { ignoreCaseIndexable } from './ignore-case';
import { ORDER_WORD, foldForSearch, nameWords, wordKey, type NameWord } from './name-words';
import type { Company, Contact, Deal } from './schema';
import { alive } from './validate';

/**
 * The dashboard's contacts list: search, filters and sorts over the whole book through indexes
 * (contacts' name, *emails, *tags, companyId; companies' name; lastContact's at; deals' stage;
 * follow-ups' [status+dueAt]), so a keystroke never reads every contact.
 */

export const CONTACT_SORTS = ['name', 'last-contacted', 'health', 'open-value', 'next-follow-up'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
/** Each sort's natural order, the one its column starts with; `reverse` turns it round. */
export const SORT_LABEL_KEYS = {
  name: 'lib.sort.name',
  'last-contacted': 'lib.sort.lastContacted',
  health: 'lib.sort.health',
  'open-value': 'lib.sort.openValue',
  'next-follow-up': 'lib.sort.nextFollowUp',
} as const satisfies Record<ContactSort, CatalogKey>;
/** The sort's column heading, in the language of the moment. */
export const sortLabel = (sort: ContactSort): string => t(SORT_LABEL_KEYS[sort]);
/** Whether each sort's natural order is ascending (A to Z, least healthy, soonest) or descending (latest, largest). */
export const SORT_ASCENDING: Record<ContactSort, boolean> = { name: true, 'last-contacted': false, health: true, 'open-value': false, 'next-follow-up': true };
/** The "no contact in N days" choices. */
export const QUIET_DAYS = [7, 14, 30, 60, 90] as const;

export interface ContactQuery {
  text: string;
  sort: ContactSort;
  /**
   * Against the sort's natural order (name A to Z, latest contact first, least healthy first,
   * largest open value first, soonest follow-up first). Contacts without the value come last either way.
   */
  reverse: boolean;
  tag?: string;
  companyId?: string;
  band?: HealthBand;
  openDeal?: boolean;
  quietDays?: number;
}
export const DEFAULT_QUERY: ContactQuery = { text: '', sort: 'name', reverse: false };

export interface ContactListRow extends ContactFacts {
  contact: Contact;
  company?: Company;
}

export interface ContactPage {
  rows: ContactListRow[];
  /** Every contact that matches, not only those listed; left out of a plain search's page, which countMatches counts. */
  total?: number;
}

/** Every table a page of the list is read from: a write to any of them may change the page. */
export const CONTACT_LIST_TABLES = ['contacts', 'companies', 'nameWords', 'lastContact', 'deals', 'followUps', 'satisfaction'] as const satisfies readonly (keyof SidecarDB)[];

/**
 * Contacts read at first, a laptop screen's rows and more; the list asks for more as it is
 * scrolled. Each row read costs a keystroke about a tenth of a millisecond (bench: keystroke).
 */
export const CONTACT_PAGE = 40;

const DAY = 86_400_000;
/**
 * Up to this many matches are read and sorted in memory (by name, in the language's order);
 * beyond it the name words' order rows are walked (lib/name-words.ts, ORDER_WORD): names with
 * case and accents aside, letter by letter, where the language's order may differ ("Item 10"
 * before "Item 2"). Walking an index to pick out a few thousand matches costs seconds at 100,000
 * contacts; reading them, a few hundred milliseconds (bench: keystroke).
 */
const IN_MEMORY_MAX = 5000;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: Contact, b: Contact) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);

/** The ids whose address, company's name or a tag starts with `q` (lower case); at most `limit` of each when given. */
async function otherMatches(db: SidecarDB, q: string, limit?: number): Promise<Set<string>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any of Dexie's collection types
  const capped = <C extends Collection<any, any, any>>(c: C): C => (limit === undefined ? c : (c.limit(limit) as C));
  const startingWith = <T extends { id: string; deletedAt?: number }>(table: EntityTable<T, 'id'>, index: string, field: (r: T) => string | string[], living = false) => {
    const found = ignoreCaseIndexable(q, true) ? table.where(index).startsWithIgnoreCase(q) : table.filter((r) => ([] as string[]).concat(field(r)).some((v) => v.toLowerCase().startsWith(q)));
    // A deleted company's people do not match by its name (contacts' tombstones are left out later).
    return capped(living ? found.filter(alive) : found).primaryKeys();
  };
  const companyIds = await startingWith(db.companies, 'name', (c) => c.name, true);
  const found = await Promise.all([
    capped(db.contacts.where('emails').startsWith(q)).primaryKeys(),
    startingWith(db.contacts, 'tags', (c) => c.tags),
    companyIds.length ? capped(db.contacts.where('companyId').anyOf(companyIds)).primaryKeys() : [],
  ]);
  return new Set(found.flat() as string[]);
}

/**
 * The ids with a word of the name starting with each word of `q`, accents aside ("nkosi",
 * "alvaro", "nkosi th"): the words stand in for the name itself, its first word being one.
 * An address being typed is not a name.
 */
async function wordMatches(db: SidecarDB, q: string): Promise<Set<string>> {
  const each = await Promise.all(
    (q.includes('@') ? [] : nameWords(q)).map(async (w) => {
      const keys = (await wordsStarting(db, w).primaryKeys()) as [string, string, string][];
      return new Set(keys.map(([, , id]) => id));
    }),
  );
  return each.length ? intersect(each) : new Set();
}

/** Every id the search `q` (lower case) finds, by any of its ways. */
async function textMatches(db: SidecarDB, q: string): Promise<Set<string>> {
  const [words, others] = [await wordMatches(db, q), await otherMatches(db, q)];
  return new Set([...words, ...others]);
}

/** The name words starting with `w` (folded), by word, then by the whole name. */
const wordsStarting = (db: SidecarDB, w: string) => db.nameWords.where('[word+name+contactId]').between([w], [`${w}\uffff`]);

/** Whether any filter narrows the list (the search aside). */
export const hasFilters = (query: ContactQuery): boolean => Boolean(query.tag || query.companyId || query.band || query.openDeal || query.quietDays);

/** A search with nothing else asked: its page can be read in order without finding every match. */
export const isPlainSearch = (query: ContactQuery): boolean => query.text.trim() !== '' && query.sort === 'name' && !query.reverse && !hasFilters(query);

/**
 * The first `limit` matches of a plain search, without finding them all (a keystroke's budget):
 * those with a word of the name starting with the search, by that word and then by name, walking
 * the name words' index no further than the page; then those found only by an address, a tag or
 * their company's name, by name. The named ones are ids only (the name words are of live contacts
 * only): their records and facts are then read at once.
 */
async function searchPage(db: SidecarDB, q: string, limit: number): Promise<{ ids: string[]; read: Contact[] }> {
  const [first, ...rest] = q.includes('@') ? [] : nameWords(q);
  const ids: string[] = [];
  if (first) {
    const seen = new Set<string>();
    const more = (r: NameWord) => {
      if (seen.has(r.contactId)) return false;
      const words = nameWords(r.name);
      if (!rest.every((w) => words.some((x) => x.startsWith(w)))) return false;
      seen.add(r.contactId);
      return true;
    };
    // "nadia o": names that start with what is typed, straight from the index, come first.
    if (rest.length) {
      const whole = foldForSearch(q).trim().replace(/\s+/g, ' ');
      ids.push(...(await walkWords(db, [first, whole], [first, `${whole}\uffff`], more, limit)).map((r) => r.contactId));
    }
    if (ids.length < limit) ids.push(...(await walkWords(db, [first], [`${first}\uffff`], more, limit - ids.length)).map((r) => r.contactId));
  }
  if (ids.length >= limit) return { ids, read: [] };
  const others = await otherMatches(db, q, limit);
  const listed = new Set(ids);
  const extra = (await db.contacts.bulkGet([...others].filter((id) => !listed.has(id)))).filter(alive).sort(byName).slice(0, limit - ids.length);
  return { ids: [...ids, ...extra.map((c) => c.id)], read: extra };
}

/**
 * The name words from `lower` up to `upper` (not included) kept by `keep`, in the index's order
 * or against it, until `limit` are kept: a chunk at a time in one read each, where a cursor waits
 * on the database for every word.
 */
async function walkWords(db: SidecarDB, lower: unknown[], upper: unknown[], keep: (r: NameWord) => boolean, limit: number, reverse = false): Promise<NameWord[]> {
  const kept: NameWord[] = [];
  let [from, to] = [lower, upper];
  for (let chunk = limit * 2, first = true; kept.length < limit; chunk = 1000, first = false) {
    const range = db.nameWords.where('[word+name+contactId]');
    const rows = await (reverse ? range.between(lower, to, true, false).reverse() : range.between(from, upper, first, false)).limit(chunk).toArray();
    for (const r of rows) if (kept.length < limit && keep(r)) kept.push(r);
    if (rows.length < chunk) break;
    if (reverse) to = wordKey(rows.at(-1)!);
    else from = wordKey(rows.at(-1)!);
  }
  return kept;
}

function intersect(sets: Set<string>[]): Set<string> {
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...smallest!].filter((id) => rest.every((s) => s.has(id))));
}

interface Matches {
  /** The matching ids, when a search or filter narrowed them; undefined: every live contact but `isMatch`'s exclusions. */
  ids?: string[];
  isMatch: (id: string) => boolean;
  total: number;
  everyone: () => Promise<string[]>;
  health?: Map<string, Health>;
  openDeals?: Map<string, Deal[]>;
}

/** Who matches `query`'s search and filters, and how many. */
async function findMatches(db: SidecarDB, query: ContactQuery, now: number, { signal, open }: ListOptions = {}): Promise<Matches> {
  const q = query.text.trim().toLowerCase();
  const tombstones = new Set((await db.contacts.where('deletedAt').aboveOrEqual(0).primaryKeys()) as string[]);
  // What must match (each a set of ids) and what must not.
  const include: Set<string>[] = [];
  let exclude = new Set<string>();
  if (q) include.push(await textMatches(db, q));
  if (query.tag) include.push(new Set((await db.contacts.where('tags').equals(query.tag).primaryKeys()) as string[]));
  if (query.companyId) include.push(new Set((await db.contacts.where('companyId').equals(query.companyId).primaryKeys()) as string[]));
  const openDeals = query.openDeal || query.sort === 'open-value' ? (open ? (await open).deals : await openDealsByContact(db)) : undefined;
  if (query.openDeal) include.push(new Set(openDeals!.keys()));
  if (query.quietDays) exclude = new Set((await db.lastContact.where('at').aboveOrEqual(now - query.quietDays * DAY).primaryKeys()) as string[]);
  const everyone = async () => ((await db.contacts.toCollection().primaryKeys()) as string[]).filter((id) => !tombstones.has(id) && !exclude.has(id));
  // A query the typing has moved on from stops here, before the costly part.
  signal?.throwIfAborted();
  const needsHealth = query.band || query.sort === 'health';
  const health = needsHealth ? await healthOf(db, include.length ? [...intersect(include)] : await everyone(), !include.length, now, await open) : undefined;
  if (query.band) include.push(new Set([...health!].filter(([, h]) => h.band === query.band).map(([id]) => id)));

  const ids = include.length ? [...intersect(include)].filter((id) => !tombstones.has(id) && !exclude.has(id)) : undefined;
  const matching = ids ? new Set(ids) : undefined;
  const isMatch = (id: string) => (matching ? matching.has(id) : !tombstones.has(id) && !exclude.has(id));
  const total = ids ? ids.length : (await db.contacts.count()) - tombstones.size - [...exclude].filter((id) => !tombstones.has(id)).length;
  return { ids, isMatch, total, everyone, health, openDeals };
}

/** How many contacts match `query`. */
export async function countMatches(db: SidecarDB, query: ContactQuery, now = Date.now()): Promise<number> {
  return (await findMatches(db, query, now)).total;
}

/** Every contact that matches `query`: "select all matches". */
export async function matchingIds(db: SidecarDB, query: ContactQuery, now = Date.now()): Promise<string[]> {
  const found = await findMatches(db, query, now);
  return found.ids ?? (await found.everyone());
}

export interface ListOptions {
  /** Stops a query that is no longer wanted. */
  signal?: AbortSignal;
  /** The book's open work, when the caller keeps it (openWorkOf), awaited only once needed: read here otherwise. */
  open?: OpenWork | Promise<OpenWork>;
}

/**
 * One page of the contacts that match `query`, in its order, with the count of all matches.
 * `limit` grows as the list is scrolled. Not one transaction: Dexie let a read transaction this
 * deep in async helpers commit before its last read (PrematureCommitError); the list reads again
 * after any write to CONTACT_LIST_TABLES, so a page is never left half old.
 */
export async function listContacts(db: SidecarDB, query: ContactQuery, limit = CONTACT_PAGE, now = Date.now(), options: ListOptions = {}): Promise<ContactPage> {
  const { signal, open } = options;
  if (isPlainSearch(query)) {
    const { ids, read } = await searchPage(db, query.text.trim().toLowerCase(), limit);
    signal?.throwIfAborted();
    return { rows: await rowsOf(db, ids, now, { read, open, signal }) };
  }
  const found = await findMatches(db, query, now, options);
  signal?.throwIfAborted();
  const { isMatch, total, health, openDeals } = found;
  // A book of a few thousand is listed from memory, in the language's order (IN_MEMORY_MAX).
  const matches = found.ids ?? (total <= IN_MEMORY_MAX ? await found.everyone() : undefined);

  // The matches that have the sort's value, in its order; the others follow by name.
  let ranked: string[] | undefined;
  const sign = query.reverse ? -1 : 1;
  if (query.sort === 'health') {
    ranked = [...health!].filter(([id]) => isMatch(id)).sort(([a, x], [b, y]) => sign * (x.score - y.score) || (a < b ? -1 : 1)).map(([id]) => id);
  } else if (query.sort === 'open-value') {
    // Mixed currencies are not added up: the currency with the most open deals ranks first.
    const counts = new Map<string, number>();
    for (const deals of openDeals!.values()) for (const d of deals) counts.set(d.currency, (counts.get(d.currency) ?? 0) + 1);
    const currencies = [...counts].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    const value = (id: string) => currencies.map((c) => openDeals!.get(id)!.reduce((sum, d) => sum + (d.currency === c ? d.amountMinor : 0), 0));
    const keyed = [...openDeals!.keys()].filter(isMatch).map((id) => [id, value(id)] as const);
    const compare = (x: number[], y: number[]) => x.reduce((r, v, i) => r || y[i]! - v, 0);
    ranked = keyed.sort(([a, x], [b, y]) => sign * compare(x, y) || (a < b ? -1 : 1)).map(([id]) => id);
  } else if (query.sort === 'next-follow-up') {
    const due = [...(open ? (await open).due : await openDueByContact(db))].filter(([id]) => isMatch(id)).map(([id, dues]) => [id, Math.min(...dues)] as const);
    ranked = due.sort(([a, x], [b, y]) => sign * (x - y) || (a < b ? -1 : 1)).map(([id]) => id);
  } else if (query.sort === 'last-contacted' && matches && matches.length <= IN_MEMORY_MAX) {
    const rows = (await db.lastContact.bulkGet(matches)).filter((r) => r !== undefined);
    ranked = rows.sort((a, b) => sign * (b.at - a.at) || (a.contactId < b.contactId ? -1 : 1)).map((r) => r.contactId);
  }

  signal?.throwIfAborted();
  let contacts: Contact[];
  if (ranked) contacts = await rankedThenByName(db, ranked, matches, isMatch, limit);
  else if (query.sort === 'last-contacted') contacts = await walkLastContact(db, isMatch, limit, query.reverse, query.quietDays ? now - query.quietDays * DAY : undefined);
  else contacts = await restByName(db, matches, isMatch, limit, query.reverse);
  return { rows: await rowsOf(db, contacts.map((c) => c.id), now, { read: contacts, open, signal }), total };
}

/** The ranked ids first, then the other matches by name, `limit` in all. */
async function rankedThenByName(db: SidecarDB, ranked: string[], matches: string[] | undefined, isMatch: (id: string) => boolean, limit: number) {
  const first = (await db.contacts.bulkGet(ranked.slice(0, limit))).filter(alive);
  if (first.length >= limit) return first;
  const seen = new Set(ranked);
  const rest = await restByName(db, matches, (id) => isMatch(id) && !seen.has(id), limit - first.length);
  return [...first, ...rest];
}

/** The matches kept by `keep`, by name: sorted in memory when few, else down the name index. */
async function restByName(db: SidecarDB, matches: string[] | undefined, keep: (id: string) => boolean, limit: number, reverse = false) {
  const kept = matches?.filter(keep);
  if (kept && kept.length <= IN_MEMORY_MAX) {
    const found = (await db.contacts.bulkGet(kept)).filter(alive).sort(byName);
    return (reverse ? found.reverse() : found).slice(0, limit);
  }
  // Every live contact has an order row: the rows between [ORDER_WORD] and the next word up.
  const ordered = await walkWords(db, [ORDER_WORD], [`${ORDER_WORD}\u0000`], (r) => keep(r.contactId), limit, reverse);
  return (await db.contacts.bulkGet(ordered.map((r) => r.contactId))).filter(alive);
}

/** Down (or up) the lastContact index, a chunk at a time, then the never-contacted by name. */
async function walkLastContact(db: SidecarDB, isMatch: (id: string) => boolean, limit: number, reverse: boolean, before?: number): Promise<Contact[]> {
  // One cursor down the index, stopping at the page's last match; quiet days start it at their cutoff.
  const byAt = before === undefined ? db.lastContact.orderBy('at') : db.lastContact.where('at').below(before);
  const ordered = reverse ? byAt : byAt.reverse();
  const ids = (await ordered.filter((r) => isMatch(r.contactId)).limit(limit).primaryKeys()) as string[];
  const out = (await db.contacts.bulkGet(ids)).filter(alive);
  if (out.length >= limit) return out;
  const contacted = new Set((await db.lastContact.toCollection().primaryKeys()) as string[]);
  return [...out, ...(await restByName(db, undefined, (id) => isMatch(id) && !contacted.has(id), limit - out.length))];
}

/**
 * The rows of `ids`, in that order, leaving out any no longer alive: the records not among `read`
 * and the facts read at once, then the companies.
 */
async function rowsOf(db: SidecarDB, ids: string[], now: number, { read = [], open, signal }: ListOptions & { read?: Contact[] }): Promise<ContactListRow[]> {
  const known = new Map(read.map((c) => [c.id, c]));
  const [fresh, facts] = await Promise.all([db.contacts.bulkGet(ids.filter((id) => !known.has(id))), factsOf(db, ids, now, open)]);
  signal?.throwIfAborted();
  for (const c of fresh) if (alive(c)) known.set(c.id, c);
  const contacts = ids.flatMap((id) => known.get(id) ?? []);
  const companyIds = [...new Set(contacts.flatMap((c) => (c.companyId ? [c.companyId] : [])))];
  const companies = new Map((await db.companies.bulkGet(companyIds)).filter(alive).map((c) => [c.id, c]));
  return contacts.map((contact) => ({ contact, company: contact.companyId ? companies.get(contact.companyId) : undefined, ...facts.get(contact.id)! }));
}
