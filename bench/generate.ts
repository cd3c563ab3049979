// The benchmark's database: generated contacts, companies and interactions, written through the
// product's zod schemas and Dexie tables (the same path as scripts/seed.ts). Bundled into
// bench/probe.ts. Seeded profiles are cached under a hash of this file (bench/profiles.mjs):
// change what it writes and the next run seeds again.
import Dexie from 'dexie';
import { deferStayInTouch } from '../lib/db-derived';
import { STAY_IN_TOUCH_SOURCES, rebuildStayInTouch } from '../lib/stay-in-touch';
import { SidecarDB } from '../lib/db';
import { RecordSchemas, type Company, type Contact, type Interaction, type InteractionKind } from '../lib/schema';

const DAY = 86_400_000;
/** Generated contacts per generated company. */
const CONTACTS_PER_COMPANY = 20;
export const INTERACTIONS_PER_CONTACT = 10;

const FIRST = ['Ada', 'Bruno', 'Chen', 'Dara', 'Elif', 'Femi', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kofi', 'Lucia', 'Mateo', 'Nadia', 'Oskar', 'Paula', 'Quinn', 'Rosa', 'Sami', 'Tomas', 'Uma', 'Vera', 'Wen', 'Yusuf', 'Zoe'];
const LAST = ['Abbott', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen', 'Kowalski', 'Laurent', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Varga', 'Weber', 'Yilmaz', 'Zhang'];
const KINDS: InteractionKind[] = ['email-in', 'email-out', 'email-in', 'email-out', 'call', 'meeting', 'note'];
const SUBJECTS = ['Pricing question', 'Follow-up on our call', 'Contract renewal', 'Onboarding plan', 'Invoice', 'Quarterly review', 'Intro', 'Support ticket'];
const BODY =
  'Thanks for the update. Could you send the revised figures before Friday? ' +
  'We would like to review them with the team and come back to you next week.';

/** Generated contact number i: its name and addresses are a function of i, so callers can look them up. */
export function contactName(i: number): string {
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
}
export function contactEmail(i: number): string {
  const [first, last] = contactName(i).toLowerCase().split(' ');
  return `${first}.${last}.${i}@${companyDomain(companyOf(i))}`;
}
/** An address nobody has, at a domain a generated company owns: recognize's fallback path. */
export function strangerEmail(i: number): string {
  return `stranger.${i}@${companyDomain(companyOf(i))}`;
}
export const companyOf = (i: number) => Math.floor(i / CONTACTS_PER_COMPANY);
const companyDomain = (k: number) => `c${k}.bench.example`;

/** Deterministic pseudo-random numbers (mulberry32), so two runs build the same database. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ids of generated records count up (in the shape of a v4 UUID) instead of being random like the
 * app's: LevelDB then appends instead of re-compacting the whole key range on every write, which
 * makes seeding 1.1 million rows minutes faster and grows no slower with size. Once written and
 * compacted, the database answers lookups the same way. The heavy contact's history (below) keeps
 * random ids, so its 50 rows lie scattered through the table as they would in real use.
 */
export function countingUuid(kind: 'company' | 'contact' | 'interaction', n: number): string {
  const prefix = { company: 'b3c4a000', contact: 'c0a7ac70', interaction: 'e1000000' }[kind];
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function interactionsOf(
  contactId: string,
  count: number,
  rnd: () => number,
  now: number,
  /** The first interaction's number, for counting ids and Gmail ids; random ids when absent. */
  first?: number,
): Interaction[] {
  const rows: Interaction[] = [];
  for (let j = 0; j < count; j++) {
    const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
    const occurredAt = Math.round(now - rnd() * 3 * 365 * DAY);
    const email = kind === 'email-in' || kind === 'email-out';
    const n = first === undefined ? undefined : first + j;
    // Gmail's legacy ids are 16 hex digits; stored as their keys (lib/gmail/thread-key.ts), the
    // thread's the same number as its first message's.
    const gmailId = n === undefined ? BigInt(`0x1${crypto.randomUUID().replace(/-/g, '').slice(0, 15)}`) : 0x1980000000000000n + BigInt(n);
    const updatedAt = n === undefined ? occurredAt : GENERATED_EPOCH + n;
    rows.push({
      id: n === undefined ? crypto.randomUUID() : countingUuid('interaction', n),
      contactId,
      kind,
      subject: SUBJECTS[Math.floor(rnd() * SUBJECTS.length)]!,
      ...(email ? { body: BODY, gmailThreadId: `thread-f:${gmailId}`, gmailMessageId: `#msg-f:${gmailId}` } : {}),
      occurredAt,
      createdAt: Math.min(occurredAt, updatedAt),
      updatedAt,
    });
  }
  return rows;
}

/** updatedAt of generated records: ascending with their number, for the same reason as the ids. */
const GENERATED_EPOCH = Date.UTC(2024, 0, 1);

export interface GrowResult {
  contacts: number;
  companies: number;
  interactions: number;
  /** Time spent in zod parsing and in the Dexie transaction, milliseconds. */
  parseMs: number;
  writeMs: number;
}

/**
 * Adds generated contacts number `from` to `to - 1` (with their companies and
 * INTERACTIONS_PER_CONTACT interactions each) in one transaction. Call it in chunks of about
 * 1,000 contacts (11,000 rows) to stay within the worker's memory.
 */
export async function grow(from: number, to: number, now: number, db: SidecarDB = connection()): Promise<GrowResult> {
  const rnd = random(from + 1);
  const companies: Company[] = [];
  const companyIds = new Map<number, string>();
  for (let k = companyOf(from); k <= companyOf(to - 1); k++) {
    // A company whose first contact came in an earlier chunk is put again, unchanged.
    const id = countingUuid('company', k);
    companyIds.set(k, id);
    companies.push({ id, name: `Company ${k}`, domains: [companyDomain(k)], createdAt: GENERATED_EPOCH + k, updatedAt: GENERATED_EPOCH + k });
  }
  const contacts: Contact[] = [];
  const interactions: Interaction[] = [];
  for (let i = from; i < to; i++) {
    const id = countingUuid('contact', i);
    const createdAt = GENERATED_EPOCH + i;
    contacts.push({
      id,
      name: contactName(i),
      // Every fourth person also writes from a private address.
      emails: i % 4 === 0 ? [contactEmail(i), `${contactEmail(i).split('@')[0]}@gmail.com`] : [contactEmail(i)],
      companyId: companyIds.get(companyOf(i))!,
      title: 'Buyer',
      tags: i % 3 === 0 ? ['customer'] : [],
      createdAt,
      updatedAt: createdAt,
    });
    interactions.push(...interactionsOf(id, INTERACTIONS_PER_CONTACT, rnd, now, i * INTERACTIONS_PER_CONTACT));
  }
  return write({ companies, contacts, interactions }, db);
}

/** One contact with `count` interactions (for the history figure), written in chunks of 10,000. */
export async function addHeavyContact(count: number, now: number): Promise<{ contactId: string; email: string }> {
  const rnd = random(424242);
  const id = crypto.randomUUID();
  const email = 'heavy.correspondent@bench-heavy.example';
  await write({ contacts: [{ id, name: 'Heavy Correspondent', emails: [email], tags: [], createdAt: now - DAY, updatedAt: now - DAY }] });
  for (let done = 0; done < count; done += 10_000) {
    await write({ interactions: interactionsOf(id, Math.min(10_000, count - done), rnd, now) });
  }
  return { contactId: id, email };
}

/** Parsed with the product's schemas exactly as scripts/seed.ts does, then one bulkPut per table. */
async function write(
  data: { companies?: unknown[]; contacts?: unknown[]; interactions?: unknown[] },
  db: SidecarDB = connection(),
): Promise<GrowResult> {
  const t0 = performance.now();
  const companies = (data.companies ?? []).map((r) => RecordSchemas.companies.parse(r));
  const contacts = (data.contacts ?? []).map((r) => RecordSchemas.contacts.parse(r));
  const interactions = (data.interactions ?? []).map((r) => RecordSchemas.interactions.parse(r));
  const t1 = performance.now();
  await db.transaction('rw', [db.companies, ...STAY_IN_TOUCH_SOURCES], async () => {
    // As scripts/seed.ts and an import do: the stay-in-touch rows derived once, at the end.
    deferStayInTouch(Dexie.currentTransaction);
    await db.companies.bulkPut(companies);
    await db.contacts.bulkPut(contacts);
    await db.interactions.bulkPut(interactions);
    await rebuildStayInTouch((name) => db.table(name));
  });
  return {
    contacts: contacts.length,
    companies: companies.length,
    interactions: interactions.length,
    parseMs: t1 - t0,
    writeMs: performance.now() - t1,
  };
}

let db: SidecarDB | undefined;
/** The app's database, one connection per worker. */
export function connection(): SidecarDB {
  db ??= new SidecarDB();
  return db;
}
