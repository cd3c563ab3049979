import { LIST_MAX, type Contact, type RecordTable } from '../schema';
import { canonicalJson, RECORD_TABLES, type PortableSetting, type Records } from './format';

/**
 * The merge of two databases as a pure function, so that its laws (idempotent, commutative,
 * deletions never undone) can be checked by property tests without a database.
 *
 * merge(local, incoming) = canonical(join(local, incoming)) where
 * - join keeps, per table and id, the winning version (compareVersions): a semilattice;
 * - canonical applies the de-duplication rules as a function of the joined state alone:
 *   interactions sharing a gmailMessageId are one (the smallest id survives), contacts sharing
 *   an address are one (the smallest live id survives, the others become tombstones that keep
 *   their content so the merge can be recomputed identically wherever the files meet).
 * Because canonical(join(canonical(X), Y)) = canonical(join(X, Y)), the order of imports does not matter.
 */

interface Versioned {
  id: string;
  updatedAt: number;
  deletedAt?: number;
}

/**
 * > 0 when `a` wins over `b`. Newer updatedAt wins. At the same time a tombstone wins (a deletion
 * is never undone by a copy as old as itself), then the key-sorted content decides, so that every
 * machine picks the same version.
 */
export function compareVersions(a: Versioned, b: Versioned): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  if (a === b) return 0;
  if ((a.deletedAt === undefined) !== (b.deletedAt === undefined)) return a.deletedAt === undefined ? -1 : 1;
  if (sameShape(a, b)) return 0;
  const ja = canonicalJson(a);
  const jb = canonicalJson(b);
  return ja === jb ? 0 : ja > jb ? 1 : -1;
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * True only when canonicalJson(a) === canonicalJson(b) for certain: the same plain data, key order
 * and undefined-valued keys aside. False means "not sure" (callers then compare canonicalJson).
 */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (v === undefined) continue;
    n++;
    if (!Object.hasOwn(y, k) || !sameShape(v, y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) n--;
  return n === 0;
}

/** canonicalJson(a) === canonicalJson(b), computed without serializing when the answer is clear. */
export function sameVersion(a: unknown, b: unknown): boolean {
  if (sameShape(a, b)) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object' && isPlain(a) && isPlain(b)) {
    const ua = (a as { updatedAt?: unknown }).updatedAt;
    const ub = (b as { updatedAt?: unknown }).updatedAt;
    // Two different finite numbers never serialize alike.
    if (typeof ua === 'number' && typeof ub === 'number' && Number.isFinite(ua) && Number.isFinite(ub) && ua !== ub) return false;
  }
  return canonicalJson(a) === canonicalJson(b);
}

export type State = { [T in RecordTable]: Map<string, Records[T][number]> };

export function toState(records: Records): State {
  const state = {} as Record<RecordTable, Map<string, Versioned>>;
  for (const t of RECORD_TABLES) {
    // A loop, not new Map(rows.map(...)): a million [id, row] pairs would be garbage at once.
    const map = new Map<string, Versioned>();
    for (const r of records[t]) map.set(r.id, r);
    state[t] = map;
  }
  return state as State;
}

export function fromState(state: State): Records {
  const out = {} as Record<RecordTable, Versioned[]>;
  for (const t of RECORD_TABLES) out[t] = [...state[t].values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out as Records;
}

/** Per id, the winning version of the two. Mutates and returns `into`. */
export function join(into: State, incoming: Records): State {
  for (const t of RECORD_TABLES) {
    const map = into[t] as Map<string, Versioned>;
    for (const r of incoming[t] as Versioned[]) {
      const mine = map.get(r.id);
      if (!mine || compareVersions(r, mine) > 0) map.set(r.id, r);
    }
  }
  return into;
}

const tombstone = <T extends Versioned>(r: T): T => (r.deletedAt === undefined ? { ...r, deletedAt: r.updatedAt } : r);
const byId = (a: Versioned, b: Versioned) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `kept` with the addresses, tags and "never log" of `other`. Only these set-like fields travel:
 * a union gives the same result whatever order the contacts meet in, so the merge stays
 * commutative. Scalar fields (title, phone, company, notes) stay the survivor's; the merged
 * contact's remain readable in its tombstone. The first address stays first (it is the one shown).
 */
export function foldContact(kept: Contact, other: Contact): Contact {
  const [first, ...rest] = kept.emails;
  const emails = first === undefined ? [...new Set(other.emails)].sort() : [first, ...[...new Set([...rest, ...other.emails])].filter((e) => e !== first).sort()];
  const next: Contact = { ...kept, emails: emails.slice(0, LIST_MAX), tags: [...new Set([...kept.tags, ...other.tags])].sort().slice(0, 100) };
  if (kept.neverLog || other.neverLog) next.neverLog = true;
  return next;
}

function find(parent: Map<string, string>, x: string): string {
  let root = x;
  while (parent.get(root) !== root) root = parent.get(root)!;
  parent.set(x, root);
  return root;
}

/** Contacts sharing an address become one; returns loser id -> survivor id. */
function mergeContactsByAddress(contacts: Map<string, Contact>): Map<string, string> {
  const parent = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const c of contacts.values()) {
    if (c.emails.length === 0) continue;
    parent.set(c.id, c.id);
    for (const e of c.emails) {
      const o = owner.get(e);
      if (o === undefined) owner.set(e, c.id);
      else {
        const [ra, rb] = [find(parent, o), find(parent, c.id)];
        if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
      }
    }
  }
  const groups = new Map<string, Contact[]>();
  for (const id of parent.keys()) {
    const root = find(parent, id);
    const list = groups.get(root) ?? [];
    list.push(contacts.get(id)!);
    groups.set(root, list);
  }
  const moved = new Map<string, string>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    members.sort(byId);
    const winner = members.find((m) => m.deletedAt === undefined);
    if (!winner) continue;
    let folded = winner;
    for (const m of members) {
      if (m === winner) continue;
      folded = foldContact(folded, m);
      moved.set(m.id, winner.id);
      if (m.deletedAt === undefined) contacts.set(m.id, tombstone(m));
    }
    if (!sameVersion(folded, winner)) contacts.set(winner.id, folded);
  }
  return moved;
}

/** Applies the de-duplication rules to a joined state, in place. */
export function canonicalize(state: State): State {
  const moved = mergeContactsByAddress(state.contacts);
  if (moved.size > 0) {
    for (const t of ['interactions', 'deals', 'satisfaction', 'followUps'] as const) {
      const map = state[t] as Map<string, Versioned & { contactId: string }>;
      for (const [id, r] of map) {
        const to = moved.get(r.contactId);
        if (to) map.set(id, { ...r, contactId: to });
      }
    }
  }
  const byMessage = new Map<string, string>();
  for (const r of state.interactions.values()) {
    if (r.gmailMessageId === undefined) continue;
    const first = byMessage.get(r.gmailMessageId);
    if (first === undefined || r.id < first) byMessage.set(r.gmailMessageId, r.id);
  }
  for (const [id, r] of state.interactions) {
    if (r.gmailMessageId !== undefined && r.deletedAt === undefined && byMessage.get(r.gmailMessageId) !== id) {
      state.interactions.set(id, tombstone(r));
    }
  }
  return state;
}

/** merge(local, incoming) as whole record sets. */
export function mergeRecords(local: Records, incoming: Records): Records {
  return fromState(canonicalize(join(toState(local), incoming)));
}

export interface TableChanges<R> {
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Records to write: new ones and new versions. */
  put: R[];
}
export type MergePlan = { [T in RecordTable]: TableChanges<Records[T][number]> } & { settings: TableChanges<PortableSetting> };

/** What importing `incoming` into `local` would do, record by record; `put` is all the writing needed. */
export function planMerge(local: Records, incoming: Records, localSettings: PortableSetting[] = [], incomingSettings: PortableSetting[] = []): MergePlan {
  const before = toState(local);
  const after = canonicalize(join(toState(local), incoming));
  const plan = {} as Record<RecordTable, TableChanges<Versioned>>;
  for (const t of RECORD_TABLES) {
    const changes: TableChanges<Versioned> = { added: 0, updated: 0, deleted: 0, unchanged: 0, put: [] };
    const old = before[t] as Map<string, Versioned>;
    for (const [id, r] of after[t] as Map<string, Versioned>) {
      const mine = old.get(id);
      if (mine === r || (mine && sameVersion(mine, r))) {
        changes.unchanged++;
        continue;
      }
      changes.put.push(r);
      if (r.deletedAt !== undefined && mine?.deletedAt === undefined) changes.deleted++;
      else if (!mine) changes.added++;
      else changes.updated++;
    }
    plan[t] = changes;
  }
  return { ...(plan as unknown as MergePlan), settings: planSettings(localSettings, incomingSettings) };
}

/** Lists of own addresses and domains are unions: order-independent, and nothing typed on one machine is lost. */
export function planSettings(local: PortableSetting[], incoming: PortableSetting[]): TableChanges<PortableSetting> {
  const changes: TableChanges<PortableSetting> = { added: 0, updated: 0, deleted: 0, unchanged: 0, put: [] };
  for (const s of incoming) {
    const mine = local.find((l) => l.key === s.key);
    const value = [...new Set([...(mine?.value ?? []), ...s.value])].sort();
    if (mine && mine.value.length === value.length && value.every((v) => mine.value.includes(v))) {
      changes.unchanged++;
      continue;
    }
    changes.put.push({ key: s.key, value } as PortableSetting);
    if (mine) changes.updated++;
    else changes.added++;
  }
  return changes;
}

/** Contacts (local ids) that canonicalize would fold into another once `incoming` is joined to `local`. */
export function movedContacts(local: Iterable<Contact>, incoming: Contact[]): Set<string> {
  const map = new Map<string, Contact>();
  for (const c of local) map.set(c.id, c);
  for (const r of incoming) {
    const mine = map.get(r.id);
    if (!mine || compareVersions(r, mine) > 0) map.set(r.id, r);
  }
  return new Set(mergeContactsByAddress(map).keys());
}

const OWNED = ['interactions', 'deals', 'satisfaction', 'followUps'] as const;
const zeroCounts = () => Object.fromEntries(RECORD_TABLES.map((t) => [t, 0])) as Record<RecordTable, number>;

/**
 * The part of a local database that planMerge needs for one incoming file, collected from pages of
 * local records (each table in turn, contacts first), so that an import never holds the whole
 * database: planSubset(subset) equals planMerge(whole database), which the property tests check.
 *
 * Kept: every contact (the address rule joins contacts transitively); records whose id is in the
 * file (an identical local copy is replaced by the file's object, so a re-import holds one copy);
 * records owned by a contact that the merge folds into another; interactions sharing a Gmail
 * message id with one in the file, with a kept one, or with another local one (extraMessages()
 * names those not met yet: the caller adds them with addExtra). Everything else is untouched by
 * the merge, and only counted.
 */
export class LocalSubset {
  readonly records: Records = { contacts: [], companies: [], interactions: [], deals: [], satisfaction: [], followUps: [] };
  readonly counts = zeroCounts();
  /**
   * Lookup tables over the file, built when the first local page of their table arrives: into a
   * new machine's empty database none is built, and the file is the only large thing in memory.
   */
  private incoming: Partial<Record<RecordTable, Map<string, Versioned>>> = {};
  private messagesInFile: Set<string> | undefined;
  /** Local messages that are not in the file, to find the ones repeated locally. */
  private seenMessages = new Set<string>();
  private repeatedMessages = new Set<string>();
  private moved: Set<string> | undefined;

  constructor(private readonly file: Records) {}

  private incomingOf<T extends RecordTable>(table: T): Map<string, Records[T][number]> {
    let map = this.incoming[table];
    if (!map) {
      map = new Map();
      for (const r of this.file[table] as Versioned[]) map.set(r.id, r);
      this.incoming[table] = map;
    }
    return map as Map<string, Records[T][number]>;
  }

  private get incomingMessages(): Set<string> {
    if (!this.messagesInFile) {
      this.messagesInFile = new Set();
      for (const r of this.file.interactions) if (r.gmailMessageId !== undefined) this.messagesInFile.add(r.gmailMessageId);
    }
    return this.messagesInFile;
  }

  /** One page of local records of `table`; tables must come in RECORD_TABLES order. */
  add<T extends RecordTable>(table: T, page: Records[T]): void {
    if (table !== 'contacts' && !this.moved) this.moved = movedContacts(this.records.contacts, this.file.contacts);
    this.counts[table] += page.length;
    const incoming = this.incomingOf(table) as Map<string, Versioned>;
    const out = this.records[table] as Versioned[];
    for (const r of page as Versioned[]) {
      const theirs = incoming.get(r.id);
      // The file's copy when it is the same version: then the sets below hold the file's strings,
      // not a second copy of a million ids and message ids from the database.
      const keep = theirs !== undefined && sameVersion(r, theirs) ? theirs : r;
      if (table === 'interactions') {
        const msg = (keep as Records['interactions'][number]).gmailMessageId;
        const inFile = msg !== undefined && this.incomingMessages.has(msg);
        if (msg !== undefined && !inFile) {
          if (this.seenMessages.has(msg)) this.repeatedMessages.add(msg);
          else this.seenMessages.add(msg);
        }
        if (theirs !== undefined || inFile || this.isMoved(r)) {
          out.push(keep);
        }
      } else if (table === 'contacts' || theirs !== undefined || ((OWNED as readonly string[]).includes(table) && this.isMoved(r))) {
        out.push(keep);
      }
    }
  }

  /** Kept as the file's own object: the database holds this record in the file's version. */
  private isSame(table: RecordTable, r: Versioned): boolean {
    return this.incomingOf(table).get(r.id) === r;
  }

  private isMoved(r: Versioned): boolean {
    return this.moved!.has((r as Versioned & { contactId: string }).contactId);
  }

  /** Gmail message ids whose local interactions are not all kept yet. Call after every page is added. */
  extraMessages(): string[] {
    this.moved ??= movedContacts(this.records.contacts, this.file.contacts);
    const extra = new Set(this.repeatedMessages);
    for (const r of this.records.interactions) {
      if (r.gmailMessageId !== undefined && !this.incomingMessages.has(r.gmailMessageId)) extra.add(r.gmailMessageId);
    }
    return [...extra].sort();
  }

  /** The local interactions carrying extraMessages() (any others are ignored). */
  addExtra(rows: Records['interactions']): void {
    const wanted = new Set(this.extraMessages());
    const kept = new Set(this.records.interactions.map((r) => r.id));
    let added = false;
    for (const r of rows) {
      if (r.gmailMessageId === undefined || !wanted.has(r.gmailMessageId) || kept.has(r.id)) continue;
      const theirs = this.incomingOf('interactions').get(r.id);
      this.records.interactions.push(theirs !== undefined && sameVersion(r, theirs) ? theirs : r);
      kept.add(r.id);
      added = true;
    }
    // Keep the primary-key order the pages came in, so the plan lists records as over the whole database.
    if (added) this.records.interactions.sort(byId);
  }

  /**
   * The kept records and the file without the records both hold in the same version that the
   * merge cannot change: any but contacts (which the address rule needs whole), not owned by a
   * contact it folds, and, for interactions, with a Gmail message id no other record holds. The
   * merge leaves them as they are and they change nothing else, so planning without them gives
   * the same plan, with less to hold and compare: on a re-import, almost every record.
   */
  withoutSettled(file: Records): { local: Records; file: Records; settled: Record<RecordTable, number> } {
    this.moved ??= movedContacts(this.records.contacts, this.file.contacts);
    // Into a new database nothing is settled: skip the message table over the whole file.
    const anySame = RECORD_TABLES.some((t) => t !== 'contacts' && (this.records[t] as Versioned[]).some((r) => this.isSame(t, r)));
    if (!anySame) return { local: this.records, file, settled: zeroCounts() };
    const owner = new Map<string, string>();
    const shared = new Set<string>();
    for (const list of [file.interactions, this.records.interactions]) {
      for (const r of list) {
        const m = r.gmailMessageId;
        if (m === undefined) continue;
        const o = owner.get(m);
        if (o === undefined) owner.set(m, r.id);
        else if (o !== r.id) shared.add(m);
      }
    }
    owner.clear();
    const local = { ...this.records };
    const rest = { ...file };
    const settled = zeroCounts();
    for (const t of RECORD_TABLES) {
      if (t === 'contacts') continue;
      const isSettled = (r: Versioned): boolean => {
        if (!this.isSame(t, r)) return false;
        if (t === 'companies') return true;
        if (this.moved!.has((r as Versioned & { contactId: string }).contactId)) return false;
        const m = (r as Records['interactions'][number]).gmailMessageId;
        return t !== 'interactions' || m === undefined || !shared.has(m);
      };
      // Settled records are the file's own objects, kept in the subset in place of the local copy.
      const settledRows = new Set<Versioned>();
      const keptLocal = (this.records[t] as Versioned[]).filter((r) => !(isSettled(r) && settledRows.add(r)));
      settled[t] = settledRows.size;
      if (settled[t] === 0) continue;
      (local as Record<RecordTable, Versioned[]>)[t] = keptLocal;
      (rest as Record<RecordTable, Versioned[]>)[t] = (file[t] as Versioned[]).filter((r) => !settledRows.has(r));
    }
    return { local, file: rest, settled };
  }

  /**
   * Drops the lookup tables over the file (a million entries for a large one), so that planning
   * does not hold them next to its own; records and counts stay. Nothing else can be called after.
   */
  release(): void {
    this.incoming = {};
    this.messagesInFile = undefined;
    this.seenMessages = new Set();
    this.repeatedMessages = new Set();
  }
}

/** planMerge over a LocalSubset: the same plan as over the whole local database. */
export function planSubset(subset: LocalSubset, incoming: Records, localSettings: PortableSetting[] = [], incomingSettings: PortableSetting[] = []): MergePlan {
  const { local, file, settled } = subset.withoutSettled(incoming);
  subset.release();
  const plan = planMerge(local, file, localSettings, incomingSettings);
  for (const t of RECORD_TABLES) plan[t].unchanged += subset.counts[t] - subset.records[t].length + settled[t];
  return plan;
}
