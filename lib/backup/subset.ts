import { RECORD_TABLES, type PortableSetting, type Records } from './format';
import { byId, movedContacts, planMerge, type MergePlan } from './merge';
import type { RecordTable } from '../schema';
import { sameVersion, type Versioned } from './versions';

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

  /**
   * The table of the file other than `except` that holds `id`, if any. Builds the lookup tables
   * of every table, which a database holding every table builds anyway; they go with release().
   */
  fileTableOf(id: string, except: RecordTable): RecordTable | undefined {
    for (const t of RECORD_TABLES) if (t !== except && this.incomingOf(t).has(id)) return t;
    return undefined;
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
