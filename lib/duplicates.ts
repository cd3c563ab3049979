/**
 * Likely duplicate contacts, scored and explained, in a book of up to 100,000 contacts.
 *
 * Comparing every pair of 100,000 contacts is five billion comparisons, so candidates are first
 * put into buckets by keys that every duplicate pair shares under at least one rule (blocking):
 * folded last name + first initial (in a crowd, + first name), company + name (for one-word
 * names), phone, and address local part + registrable domain name or + owning company. Only
 * contacts that share a bucket are compared, and each such pair is checked against every rule, so
 * a pair found through one key is still explained by all the rules it meets. At 100,000
 * contacts that is about a million comparisons in the worst books we tried, about a second.
 *
 * A bucket holding more contacts than its cap is skipped: a key shared by that many people is no
 * sign of a duplicate (a switchboard number, 2,000 "John Smith"s), and comparing within it would
 * cost its size squared. The cost: a pair whose only shared keys are in skipped buckets is not
 * found, for example "J. Smith" and "John Smith" among more than 50 Smiths named J... (their
 * first names differ, so they share no smaller bucket). Pairs that also share a phone, an
 * address or a company are still found through those keys. A phone or an address local part
 * shared by more than 10 contacts is not counted as evidence at all, even for a pair found
 * through its names: it is a switchboard or a role mailbox, not a person.
 *
 * The work runs in slices, yielding to the event loop between them, so the page showing it
 * stays responsive. Framework-free: no Vue, no Dexie, so it could also move to a worker.
 */
import { FREE_MAIL_DOMAINS } from './freemail';
import { t } from './i18n';

/** One contact as the finder sees it; `companyDomains` are the domains of its company, used only with `companyId`. */
export interface DuplicateCandidate {
  id: string;
  name: string;
  emails: string[];
  phone?: string;
  companyId?: string;
  companyDomains?: string[];
}

export type DuplicateReason = 'same-name-company' | 'same-phone' | 'similar-name' | 'same-local-part';

/** `a` < `b` in string order; `score` 0..100; each reason's `text` is a sentence to show the user. */
export interface DuplicatePair {
  a: string;
  b: string;
  score: number;
  reasons: { rule: DuplicateReason; text: string }[];
}

export interface FindOptions {
  /** The user's country calling code without "+", e.g. '27': national numbers ("082 ...") then equal international ones. */
  callingCode?: string;
  /** pairKey()s of pairs the user said are not duplicates. */
  ignore?: ReadonlySet<string>;
  /** At most this many pairs, the best first; default 500. */
  maxPairs?: number;
  /** Called at each yield and once at the end (done === total); the units are arbitrary but monotonic. */
  onProgress?: (done: number, total: number) => void;
  /** Work this long (ms) before yielding to the event loop; default 12, under one 60 Hz frame with room for the page. */
  sliceMs?: number;
}

/** Order-independent key of a pair: 'smallerId|largerId'. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

const SCORE: Record<DuplicateReason, number> = {
  'same-name-company': 70,
  'same-phone': 60,
  'same-local-part': 45,
  'similar-name': 40,
};
// Bits of a pair's rule set, listed strongest first: the order reasons are shown in.
const RULES: readonly DuplicateReason[] = ['same-name-company', 'same-phone', 'same-local-part', 'similar-name'];
const NAME_COMPANY = 1;
const PHONE = 2;
const LOCAL = 4;
const SIMILAR = 8;

/** Independent pieces of evidence: the chance that all of them mislead is the product of each one's. */
const combinedScore = (mask: number): number => {
  let doubt = 1;
  RULES.forEach((rule, bit) => {
    if (mask & (1 << bit)) doubt *= (100 - SCORE[rule]) / 100;
  });
  return Math.min(100, Math.round(100 - 100 * doubt));
};
const SCORE_OF_MASK = Array.from({ length: 1 << RULES.length }, (_, mask) => combinedScore(mask));

/**
 * Caps on a bucket's size. Name keys are legitimately shared by several people (many Nkosis
 * named T...), of whom only a few are the same person, so they may hold more; a phone, an
 * address local part or a name at one company shared by more than a handful is a shared line or
 * a role, not a duplicated person, and such pairs are still found through their name keys.
 */
const NAME_BUCKET_MAX = 50;
const EXACT_BUCKET_MAX = 10;

// ---------------------------------------------------------------------------------------------
// Phones

/** International call prefixes other than "00", by calling code: North America dials 011, Australia 0011. */
const EXIT_PREFIX: Record<string, string> = { '1': '011', '61': '0011' };
/** Countries whose leading 0 is part of the number, dialled from abroad too (Italy, San Marino). */
const KEEPS_ZERO = new Set(['39', '378']);

/**
 * A phone number as digits, with "+" and the country code when it is known: "+27825551234".
 * A national number with a leading trunk 0 becomes international when `callingCode` is given;
 * without it, it stays national ("0825551234") and equals only numbers written the same way.
 * Undefined for anything with fewer than 7 digits (extensions, short codes) or more than 15
 * (E.164's limit: two numbers in one field, or no number at all).
 */
export function normalPhone(raw: string, callingCode?: string): string | undefined {
  const start = raw.search(/[+\d]/);
  if (start < 0) return undefined;
  // "+27 (0)82 ...": the bracketed trunk zero is dialled only from inside the country.
  let s = raw.slice(start).replace(/\(\s*0\s*\)/g, '');
  // An extension or a second number ("ext 12", "x12", "#12", "/ 083 ...") is not part of this number.
  const end = s.search(/[a-z#;,/]/i);
  if (end >= 0) s = s.slice(0, end);
  const digits = s.replace(/\D/g, '');
  const cc = callingCode?.replace(/\D/g, '') || undefined;
  let out: string;
  if (s.startsWith('+')) {
    out = digits;
    // "+27 082 ...": people often keep the trunk zero after their own country code.
    if (cc && !KEEPS_ZERO.has(cc) && out.startsWith(`${cc}0`)) out = cc + out.slice(cc.length + 1);
    out = `+${out}`;
  } else if (cc && EXIT_PREFIX[cc] && digits.startsWith(EXIT_PREFIX[cc])) {
    out = `+${digits.slice(EXIT_PREFIX[cc].length)}`;
  } else if (digits.startsWith('00')) {
    out = `+${digits.slice(2)}`;
  } else if (cc && digits.startsWith('0')) {
    out = `+${cc}${KEEPS_ZERO.has(cc) ? digits : digits.slice(1)}`;
  } else if (cc === '1' && digits.length === 10) {
    // North America has no trunk zero: a ten-digit number is national.
    out = `+1${digits}`;
  } else if (cc === '1' && digits.length === 11 && digits.startsWith('1')) {
    out = `+${digits}`;
  } else {
    out = digits;
  }
  const count = out.length - (out.startsWith('+') ? 1 : 0);
  return count < 7 || count > 15 ? undefined : out;
}

// ---------------------------------------------------------------------------------------------
// Names

// Letters that NFD does not take apart into a base letter and a mark.
const PLAIN_NAME = /^[a-z]+(?: [a-z]+)*$/;
const LETTER_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * A name for comparison: lower case, without accents, punctuation or extra spaces:
 * "José  Álvarez" -> "jose alvarez", "T. Nkosi" -> "t nkosi", "O'Brien-Smith" -> "obrien smith".
 */
export function foldName(name: string): string {
  let s = name.toLowerCase();
  // The common case, already folded: spared four new strings per name in a big book.
  if (PLAIN_NAME.test(s)) return s;
  // Most names are plain ASCII: skip the costly normalization for them.
  if (/[^\x00-\x7f]/.test(s)) {
    s = s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[ßæœøłđðþı]/g, (c) => LETTER_FOLDS[c] ?? c);
  }
  // An apostrophe joins ("O'Brien" is one name); every other punctuation mark separates ("T.Nkosi").
  return s
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'cpa', 'esq']);

const tokensOf = (s: string): string[] => {
  const folded = foldName(s);
  return folded === '' ? [] : folded.split(' ');
};

/**
 * A name's words in given-names-then-last-name order, without titles and suffixes:
 * "Nkosi, Thandi" and "Dr Thandi Nkosi, PhD" both give ["thandi", "nkosi"]. Empty for a
 * name that is an email address (contacts saved before anyone typed their name): not a name.
 */
function nameTokens(raw: string): string[] {
  if (raw.includes('@')) return [];
  if (!raw.includes(',')) return withoutTitles(tokensOf(raw));
  const parts = raw.split(',');
  while (parts.length > 1 && tokensOf(parts[parts.length - 1] ?? '').every((t) => SUFFIXES.has(t))) parts.pop();
  let tokens: string[];
  if (parts.length === 2 && tokensOf(parts[0] ?? '').length > 0 && tokensOf(parts[1] ?? '').length > 0) {
    // "Last, First": how directories and spreadsheets write names.
    tokens = [...tokensOf(parts[1] ?? ''), ...tokensOf(parts[0] ?? '')];
  } else {
    tokens = tokensOf(parts.join(' '));
  }
  return withoutTitles(tokens);
}

function withoutTitles(tokens: string[]): string[] {
  while (tokens.length > 1 && TITLES.has(tokens[0] ?? '')) tokens.shift();
  while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1] ?? '')) tokens.pop();
  return tokens;
}

const sameWords = (x: readonly string[], y: readonly string[]): boolean =>
  x.length > 0 && x.length === y.length && x.every((w, k) => w === y[k]);

/** Equal, or one is an initial of the other. */
const wordsAlike = (x: string, y: string): boolean =>
  x === y || (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));

/**
 * Names of two or more words with the same last name, whose first names are alike and whose
 * other given names line up in order with some of the other name's: "T. Nkosi" / "Thandi Nkosi",
 * "Thandi Nkosi" / "Thandi Z. Nkosi". A last name that is only an initial says too little.
 */
function namesAlike(x: readonly string[], y: readonly string[]): boolean {
  if (x.length < 2 || y.length < 2) return false;
  const last = x[x.length - 1] ?? '';
  if (last.length < 2 || last !== y[y.length - 1]) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (!wordsAlike(short[0] ?? '', long[0] ?? '')) return false;
  let j = 1;
  for (let i = 1; i < short.length - 1; i++) {
    while (j < long.length - 1 && !wordsAlike(short[i] ?? '', long[j] ?? '')) j++;
    if (j >= long.length - 1) return false;
    j++;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Addresses

/** Local parts that name a role or a machine, shared by whoever does the job: never one person's. */
const GENERIC_LOCAL_PARTS = new Set([
  'info', 'sales', 'admin', 'support', 'hello', 'contact', 'office', 'accounts', 'noreply', 'no-reply',
  'team', 'enquiries', 'mail', 'donotreply', 'do-not-reply', 'enquiry', 'inquiries', 'help', 'billing',
  'careers', 'jobs', 'hr', 'marketing', 'press', 'reception', 'postmaster', 'webmaster', 'newsletter',
]);

/**
 * Second-level labels under a two-letter country code that are public suffixes (acme.co.za,
 * acme.com.au). A heuristic in place of the 200 KB Public Suffix List: it misreads private
 * suffixes such as github.io, which rarely carry people's mail.
 */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ltd', 'plc', 'nom', 'or', 'ne', 'go', 'gob', 'mil', 'sch', 'web', 'gen', 'biz', 'info']);

/** The label just left of the public suffix: "acme" for mail.acme.co.za, acme.com and acme.de. */
function registrableName(domain: string): string {
  const dot1 = domain.lastIndexOf('.');
  const dot2 = domain.lastIndexOf('.', dot1 - 1);
  if (dot1 < 0) return domain;
  if (dot2 < 0) return domain.slice(0, dot1);
  const dot3 = domain.lastIndexOf('.', dot2 - 1);
  const twoLabelSuffix = domain.length - dot1 === 3 && SECOND_LEVEL.has(domain.slice(dot2 + 1, dot1));
  // "acme.co.za" has no label left of "co.za" but "acme"; "mail.acme.co.za" has "acme" between dots.
  return twoLabelSuffix ? domain.slice(dot3 + 1, dot2) : domain.slice(dot2 + 1, dot1);
}

interface Mail {
  address: string;
  local: string;
  /** The registrable name: addresses at acme.co.za, acme.com and mail.acme.co.za share "acme". */
  reg: string;
  /** Companies (ids) that list this domain as theirs. */
  companies: readonly string[] | undefined;
  /** Its buckets' keys, filled in as it joins them. */
  keys: string[];
}

function mailOf(raw: string, companiesOfDomain: ReadonlyMap<string, string[]>): Mail | undefined {
  const address = raw.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  let local = address.slice(0, at);
  // "thandi+crm@" is thandi's mailbox with a tag for filtering.
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const domain = address.slice(at + 1);
  // A free-mail address says nothing of an employer, so thandi@gmail.com and thandi@outlook.com
  // are two strangers who chose the same name; the same address twice cannot be (addresses are unique).
  if (!domain.includes('.') || GENERIC_LOCAL_PARTS.has(local) || FREE_MAIL_DOMAINS.has(domain)) return undefined;
  return { address, local, reg: registrableName(domain), companies: companiesOfDomain.get(domain), keys: [] };
}

const shareCompany = (x: readonly string[] | undefined, y: readonly string[] | undefined): boolean =>
  x !== undefined && y !== undefined && x.some((c) => y.includes(c));

function relatedMails(xs: readonly Mail[], ys: readonly Mail[]): [Mail, Mail] | undefined {
  for (const x of xs) {
    for (const y of ys) {
      if (x.local === y.local && (x.reg === y.reg || shareCompany(x.companies, y.companies))) return [x, y];
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The search

/** A pair found, before its sentences are written (only the kept ones get them). */
interface Found {
  a: string;
  b: string;
  /** Indexes of a and b in the candidates. */
  ia: number;
  ib: number;
  mask: number;
  score: number;
}

/** True when p ranks before q: higher score, then smaller ids. */
const ranksBefore = (p: Found, q: Found): boolean =>
  p.score !== q.score ? p.score > q.score : p.a !== q.a ? p.a < q.a : p.b < q.b;

/**
 * The best `max` pairs seen, as a heap with the worst kept pair on top: a book full of namesakes
 * can yield hundreds of thousands of pairs, and sorting them all at the end would block the page.
 */
class BestPairs {
  readonly heap: Found[] = [];
  constructor(private readonly max: number) {}

  /** Whether a pair of this score and ids would make the list. */
  wouldKeep(score: number, a: string, b: string): boolean {
    const worst = this.heap[0];
    if (this.heap.length < this.max) return true;
    if (worst === undefined) return false;
    return score !== worst.score ? score > worst.score : a !== worst.a ? a < worst.a : b < worst.b;
  }

  offer(p: Found): void {
    const h = this.heap;
    if (h.length < this.max) {
      h.push(p);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBefore(h[parent]!, h[i]!)) break;
        [h[parent], h[i]] = [h[i]!, h[parent]!];
        i = parent;
      }
    } else if (h.length > 0 && ranksBefore(p, h[0]!)) {
      h[0] = p;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < h.length && ranksBefore(h[worst]!, h[l]!)) worst = l;
        if (r < h.length && ranksBefore(h[worst]!, h[r]!)) worst = r;
        if (worst === i) break;
        [h[worst], h[i]] = [h[i]!, h[worst]!];
        i = worst;
      }
    }
  }

  sorted(): Found[] {
    return [...this.heap].sort((p, q) => (ranksBefore(p, q) ? -1 : ranksBefore(q, p) ? 1 : 0));
  }
}

const NO_MAILS: Mail[] = [];

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Likely duplicate pairs among `candidates`, the best first (score, then ids). Pairs in
 * `options.ignore` are left out. Yields to the event loop every `sliceMs`.
 */
export async function findDuplicates(candidates: readonly DuplicateCandidate[], options: FindOptions = {}): Promise<DuplicatePair[]> {
  const { callingCode, ignore, onProgress } = options;
  const maxPairs = Math.max(0, Math.floor(options.maxPairs ?? 500));
  const sliceMs = options.sliceMs ?? 12;
  const n = candidates.length;
  // Half the progress for reading the candidates, half for comparing within buckets.
  const total = 2 * n;
  let sliceStart = performance.now();
  const maybePause = async (done: number) => {
    if (performance.now() - sliceStart < sliceMs) return;
    onProgress?.(done, total);
    await pause();
    sliceStart = performance.now();
  };

  const companiesOfDomain = new Map<string, string[]>();
  // The registrable names of each company's domains: acme.com and acme.co.za are one, acmegroup.de another.
  const namesOfCompany = new Map<string, Set<string>>();
  for (const c of candidates) {
    if (c.companyId === undefined || !c.companyDomains) continue;
    for (const raw of c.companyDomains) {
      const d = raw.trim().toLowerCase();
      // A company is never recognized by a free-mail domain, even one typed into its domains.
      if (FREE_MAIL_DOMAINS.has(d)) continue;
      const list = companiesOfDomain.get(d);
      if (list?.includes(c.companyId)) continue;
      if (!list) companiesOfDomain.set(d, [c.companyId]);
      else list.push(c.companyId);
      const names = namesOfCompany.get(c.companyId);
      if (!names) namesOfCompany.set(c.companyId, new Set([registrableName(d)]));
      else names.add(registrableName(d));
    }
  }

  const tokens: string[][] = new Array(n);
  const phones: (string | undefined)[] = new Array(n);
  const mails: Mail[][] = new Array(n);
  // The folded last name and first initial, and for those whose bucket is too full, the first name.
  const nameKeys: (string | undefined)[] = new Array(n);
  const firstKeys: (string | undefined)[] = new Array(n);
  // Most keys belong to one candidate only: a bare index until a second one arrives, to spare
  // hundreds of thousands of one-element arrays. OVERFULL marks a bucket past its cap.
  const OVERFULL: number[] = [];
  const nameBuckets = new Map<string, number | number[]>();
  const exactBuckets = new Map<string, number | number[]>();
  // Keyed by the phone itself: one string fewer to build and hash per contact.
  const phoneBuckets = new Map<string, number | number[]>();
  const add = (buckets: Map<string, number | number[]>, key: string, i: number, cap: number) => {
    const cur = buckets.get(key);
    if (cur === undefined) buckets.set(key, i);
    else if (typeof cur === 'number') {
      if (cur !== i) buckets.set(key, [cur, i]);
    } else if (cur !== OVERFULL && cur[cur.length - 1] !== i) {
      if (cur.length >= cap) buckets.set(key, OVERFULL);
      else cur.push(i);
    }
  };

  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0) await maybePause(i);
    const c = candidates[i]!;
    const t = nameTokens(c.name);
    tokens[i] = t;
    const last = t[t.length - 1] ?? '';
    if (t.length >= 2 && last.length >= 2) {
      const key = `${last}\u0000${t[0]![0]}`;
      nameKeys[i] = key;
      add(nameBuckets, key, i, NAME_BUCKET_MAX);
    }
    const phone = c.phone === undefined ? undefined : normalPhone(c.phone, callingCode);
    phones[i] = phone;
    if (phone !== undefined) add(phoneBuckets, phone, i, EXACT_BUCKET_MAX);
    let ms = NO_MAILS;
    for (const e of c.emails) {
      const m = mailOf(e, companiesOfDomain);
      if (!m) continue;
      if (ms === NO_MAILS) ms = [];
      ms.push(m);
      m.keys.push(`l${m.local}\u0000${m.reg}`);
      // A company whose domains all share one registrable name adds no pairs to the key above.
      for (const company of m.companies ?? []) {
        if ((namesOfCompany.get(company)?.size ?? 0) > 1) m.keys.push(`k${m.local}\u0000${company}`);
      }
      for (const key of m.keys) add(exactBuckets, key, i, EXACT_BUCKET_MAX);
    }
    mails[i] = ms;
  }
  const crowdedMail = (m: Mail) => m.keys.some((key) => exactBuckets.get(key) === OVERFULL);
  for (let i = 0; i < n; i++) {
    // A phone or an address name shared by a crowd is a switchboard or a role: no evidence.
    if (phones[i] !== undefined && phoneBuckets.get(phones[i]!) === OVERFULL) phones[i] = undefined;
    if (mails[i]!.some(crowdedMail)) mails[i] = mails[i]!.filter((m) => !crowdedMail(m));
    const key = nameKeys[i];
    const t = tokens[i]!;
    const crowded = key !== undefined && nameBuckets.get(key) === OVERFULL;
    // Within a crowd of T. Nkosis too big to compare, the Thandi Nkosis can still be compared.
    // Only there: elsewhere the first-name bucket would repeat pairs its initial's bucket has.
    if (crowded && t[0]!.length > 1) {
      firstKeys[i] = `${t[t.length - 1]}\u0000${t[0]}`;
      add(nameBuckets, firstKeys[i]!, i, NAME_BUCKET_MAX);
    }
    // The same name at one company shares a name bucket anyway, unless it is a single word or crowded.
    const companyId = candidates[i]!.companyId;
    if (companyId !== undefined && t.length > 0 && (key === undefined || crowded)) {
      add(exactBuckets, `c${companyId}\u0000${t.join(' ')}`, i, EXACT_BUCKET_MAX);
    }
  }

  /** Whether i and j share a name bucket that is compared: then that bucket judges them. */
  const shareNameBucket = (i: number, j: number): boolean => {
    const key = nameKeys[i];
    if (key === undefined || key !== nameKeys[j]) return false;
    if (nameBuckets.get(key) !== OVERFULL) return true;
    const first = firstKeys[i];
    return first !== undefined && first === firstKeys[j] && nameBuckets.get(first) !== OVERFULL;
  };

  const rulesOf = (i: number, j: number): number => {
    let mask = 0;
    const ci = candidates[i]!.companyId;
    if (ci !== undefined && ci === candidates[j]!.companyId && sameWords(tokens[i]!, tokens[j]!)) mask |= NAME_COMPANY;
    // The same name at the same company already counts the names' likeness.
    else if (namesAlike(tokens[i]!, tokens[j]!)) mask |= SIMILAR;
    if (phones[i] !== undefined && phones[i] === phones[j]) mask |= PHONE;
    if (mails[i]!.length > 0 && mails[j]!.length > 0 && relatedMails(mails[i]!, mails[j]!)) mask |= LOCAL;
    return mask;
  };

  const best = new BestPairs(maxPairs);
  const judge = (i: number, j: number) => {
    const mask = rulesOf(i, j);
    if (mask === 0) return;
    const idI = candidates[i]!.id;
    const idJ = candidates[j]!.id;
    if (idI === idJ) return;
    const score = SCORE_OF_MASK[mask]!;
    const a = idI < idJ ? idI : idJ;
    const b = idI < idJ ? idJ : idI;
    // Checked before anything is allocated: most pairs of a big book do not make the list.
    if (!best.wouldKeep(score, a, b) || ignore?.has(`${a}|${b}`)) return;
    best.offer({ a, b, ia: a === idI ? i : j, ib: a === idI ? j : i, mask, score });
  };

  const groupsOf = (buckets: Map<string, number | number[]>) => {
    const groups: number[][] = [];
    for (const b of buckets.values()) if (typeof b !== 'number' && b.length > 1) groups.push(b);
    return groups;
  };
  const nameGroups = groupsOf(nameBuckets);
  const exactGroups = [...groupsOf(phoneBuckets), ...groupsOf(exactBuckets)];
  const groupCount = nameGroups.length + exactGroups.length;
  // Exact keys rarely overlap (the same phone and the same address): few pairs to remember.
  const judgedExact = new Set<string>();
  for (let g = 0; g < groupCount; g++) {
    if ((g & 15) === 0) await maybePause(n + Math.floor((n * g) / groupCount));
    const exact = g >= nameGroups.length;
    const members = exact ? exactGroups[g - nameGroups.length]! : nameGroups[g]!;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!;
        const j = members[y]!; // i < j: candidates join buckets in index order
        if (exact) {
          if (shareNameBucket(i, j)) continue;
          const key = `${i} ${j}`;
          if (judgedExact.has(key)) continue;
          judgedExact.add(key);
        }
        judge(i, j);
      }
    }
  }
  onProgress?.(total, total);

  return best
    .sorted()
    .map((p) => ({ a: p.a, b: p.b, score: p.score, reasons: explain(candidates[p.ia]!, candidates[p.ib]!, mails[p.ia]!, mails[p.ib]!, p.mask) }));
}

function explain(a: DuplicateCandidate, b: DuplicateCandidate, mailsA: Mail[], mailsB: Mail[], mask: number): DuplicatePair['reasons'] {
  const nameA = a.name.trim();
  const nameB = b.name.trim();
  const reasons: DuplicatePair['reasons'] = [];
  if (mask & NAME_COMPANY) {
    const text = nameA === nameB ? t('lib.duplicates.sameNameOne', { name: nameA }) : t('lib.duplicates.sameNameTwo', { a: nameA, b: nameB });
    reasons.push({ rule: 'same-name-company', text });
  }
  if (mask & PHONE) reasons.push({ rule: 'same-phone', text: t('lib.duplicates.samePhone', { phone: (a.phone ?? '').trim() }) });
  if (mask & LOCAL) {
    const [x, y] = relatedMails(mailsA, mailsB)!;
    reasons.push({ rule: 'same-local-part', text: t('lib.duplicates.sameLocalPart', { a: x.address, b: y.address }) });
  }
  if (mask & SIMILAR) reasons.push({ rule: 'similar-name', text: t('lib.duplicates.similarName', { a: nameA, b: nameB }) });
  return reasons;
}
