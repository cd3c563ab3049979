import { LIST_MAX, type Contact, type RecordTable } from '../schema';
import { RECORD_TABLES, type PortableSetting, type Records } from './format';
import { compareVersions, sameVersion, type Versioned } from './versions';

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
export const byId = (a: Versioned, b: Versioned) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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
