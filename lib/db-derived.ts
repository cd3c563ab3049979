import Dexie, { type DBCore, type DBCoreKeyRange, type DBCoreMutateRequest, type DBCoreRangeType, type DBCoreTable, type DBCoreTransaction, type Middleware, type Transaction } from 'dexie';
import { applyWritten, monthsWritten, scoresOf, type MonthFacts, type Written } from './insight-months';
import { countsAsContact, type LastContact } from './last-contact';
import { wordKey, wordRows, type NameWord } from './name-words';
import { threadReplies, threadsOf, type Reply } from './replies';
import type { Contact, Deal, Interaction, Satisfaction } from './schema';
import {
  CADENCES_KEY,
  DEFAULT_CADENCES,
  STAY_IN_TOUCH_SOURCES,
  chosenCadenceOf,
  isOpenDeal,
  sameRow,
  stayInTouchRow,
  type Cadences,
  type StayInTouch,
} from './stay-in-touch';
import { alive } from './validate';

/** Writes to these change whose cadence lapses when: a contact's cadence, tags or snooze, a deal opening or closing, a contact made. */
const TRIGGERS: ReadonlySet<string> = new Set(['contacts', 'deals', 'interactions']);

/** What the derived rows of every write to the triggers, or to the scores, live in. */
const DERIVED = [...STAY_IN_TOUCH_SOURCES, 'nameWords', 'replies', 'insightMonths'];

/** Transactions that write many records and derive the rows once at the end (rebuildStayInTouch). */
const deferred = new WeakSet<DBCoreTransaction>();

/**
 * Inside `tx`, writes leave the stay-in-touch rows alone: the caller rebuilds them before it
 * commits. The lastContact rows are kept as usual: they cost little per write.
 */
export function deferStayInTouch(tx: Transaction | null): void {
  if (tx) deferred.add(tx.idbtrans as unknown as DBCoreTransaction);
}

/**
 * Dexie's zone (its current transaction) as a write begins. The hooks layer below reads it on each
 * write, and the native awaits in between lose it: each write down is made back inside it.
 */
const zone = Dexie.Promise as unknown as { PSD: unknown; usePSD<T>(psd: unknown, fn: () => T): T };

const EQUAL = 1 as DBCoreRangeType;
const RANGE = 2 as DBCoreRangeType;

/**
 * Keeps the derived rows (lastContact, lib/last-contact.ts; stayInTouch, lib/stay-in-touch.ts;
 * replies, lib/replies.ts; insightMonths, lib/insight-months.ts) right in the same transaction as
 * every write that can move them, in every context that opens the database, so no writer has to
 * remember to: each read-write transaction over contacts, deals, interactions or scores is widened
 * to the tables the rows are derived from, and after each such write the
 * rows of the contacts it touched (before and after, so a record moved to another contact counts
 * for both) are derived again.
 */
export const derivedMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'derived-rows',
  create(down) {
    const index = (table: string, keyPath: string | string[]) => down.table(table).schema.getIndexByKeyPath(keyPath)!;
    const equal = (key: unknown): DBCoreKeyRange => ({ type: EQUAL, lower: key, upper: key });

    async function lastContactAt(trans: DBCoreTransaction, contactId: string): Promise<number | undefined> {
      const range: DBCoreKeyRange = { type: RANGE, lower: [contactId, down.MIN_KEY], upper: [contactId, down.MAX_KEY] };
      const cursor = await down
        .table('interactions')
        .openCursor({ trans, values: true, reverse: true, query: { index: index('interactions', ['contactId', 'occurredAt']), range } });
      if (!cursor) return undefined;
      return (await cursor.start(() => {
        const i = cursor.value as Interaction;
        if (countsAsContact(i)) cursor.stop(i.occurredAt);
        else cursor.continue();
      })) as number | undefined;
    }

    async function hasOpenDeal(trans: DBCoreTransaction, contactId: string): Promise<boolean> {
      const { result } = await down.table('deals').query({ trans, values: true, query: { index: index('deals', 'contactId'), range: equal(contactId) } });
      return (result as Deal[]).some(isOpenDeal);
    }

    /**
     * The owners' lastContact rows after a write to interactions that replaced `before` with
     * `after`: a newer contact moves a row forward at once; only when the record that may have been
     * the latest changed is the timeline read again.
     */
    async function refreshLastContact(psd: unknown, trans: DBCoreTransaction, before: (Interaction | undefined)[], after: Interaction[]) {
      const rows = down.table('lastContact');
      const keys = [...new Set([...before, ...after].flatMap((i) => (i ? [i.contactId] : [])))];
      if (!keys.length) return;
      const current = (await rows.getMany({ trans, keys })) as (LastContact | undefined)[];
      const put: LastContact[] = [];
      const remove: string[] = [];
      const kept = new Map(after.map((a) => [a.id, a]));
      // Written again as it was (a backup merged twice): it is still there to count.
      const same = (b: Interaction) => {
        const a = kept.get(b.id);
        return a !== undefined && countsAsContact(a) && a.contactId === b.contactId && a.occurredAt === b.occurredAt;
      };
      for (const [k, contactId] of keys.entries()) {
        const was = current[k]?.at;
        const lost = before.some((b) => b?.contactId === contactId && countsAsContact(b) && b.occurredAt >= (was ?? 0) && !same(b));
        let at = lost ? await lastContactAt(trans, contactId) : was;
        for (const a of after) if (a.contactId === contactId && countsAsContact(a) && a.occurredAt > (at ?? -1)) at = a.occurredAt;
        if (at === was) continue;
        if (at === undefined) remove.push(contactId);
        else put.push({ contactId, at });
      }
      if (put.length) await zone.usePSD(psd, () => rows.mutate({ type: 'put', trans, values: put }));
      if (remove.length) await zone.usePSD(psd, () => rows.mutate({ type: 'delete', trans, keys: remove }));
    }

    async function refresh(psd: unknown, trans: DBCoreTransaction, ids: Set<string>) {
      const rows = down.table('stayInTouch');
      const setting = (await down.table('settings').get({ trans, key: CADENCES_KEY })) as { value: Cadences } | undefined;
      const cadences = setting?.value ?? DEFAULT_CADENCES;
      const keys = [...ids];
      const [contacts, current, last] = await Promise.all([
        down.table('contacts').getMany({ trans, keys }) as Promise<(Contact | undefined)[]>,
        rows.getMany({ trans, keys }) as Promise<(StayInTouch | undefined)[]>,
        down.table('lastContact').getMany({ trans, keys }) as Promise<(LastContact | undefined)[]>,
      ]);
      const put: StayInTouch[] = [];
      const remove: string[] = [];
      for (const [i, id] of keys.entries()) {
        const contact = contacts[i];
        const was = current[i];
        let row: StayInTouch | undefined;
        if (alive(contact)) {
          // The deals are read only when the answer depends on them.
          const chosen = chosenCadenceOf(contact, cadences);
          const days = chosen ?? (cadences.openDeal > 0 && (await hasOpenDeal(trans, id)) ? cadences.openDeal : 0);
          if (days > 0) row = stayInTouchRow(contact, days, last[i]?.at);
        }
        if (row && !sameRow(row, was)) put.push(row);
        else if (!row && was) remove.push(id);
      }
      if (put.length) await zone.usePSD(psd, () => rows.mutate({ type: 'put', trans, values: put }));
      if (remove.length) await zone.usePSD(psd, () => rows.mutate({ type: 'delete', trans, keys: remove }));
    }

    /** Insights' month rows after a write of scores or replies (lib/insight-months.ts). */
    async function refreshMonths(psd: unknown, trans: DBCoreTransaction, written: Written) {
      const months = monthsWritten(written);
      if (!months.length) return;
      const rows = down.table('insightMonths');
      const current = (await rows.getMany({ trans, keys: months })) as (MonthFacts | undefined)[];
      const { put, remove } = applyWritten(months, current, written);
      if (remove.length) await zone.usePSD(psd, () => rows.mutate({ type: 'delete', trans, keys: remove }));
      if (put.length) await zone.usePSD(psd, () => rows.mutate({ type: 'put', trans, values: put }));
    }

    /** The reply rows of every thread the write touched, derived again from the thread's emails. */
    async function refreshReplies(psd: unknown, trans: DBCoreTransaction, threads: Set<string>) {
      if (!threads.size) return;
      const rows = down.table('replies');
      const byThread = index('replies', 'threadId');
      const inThread = index('interactions', 'gmailThreadId');
      const ids = [...threads];
      // Every thread's reads at once, as plain DBCore promises: an async function per thread
      // would leave Dexie's zone behind for the writes after it.
      const [emails, current] = await Promise.all([
        Promise.all(ids.map((t) => down.table('interactions').query({ trans, values: true, query: { index: inThread, range: equal(t) } }))),
        Promise.all(ids.map((t) => rows.query({ trans, values: true, query: { index: byThread, range: equal(t) } }))),
      ]);
      const put: Reply[] = [];
      const remove: string[] = [];
      const replacedRows: Reply[] = [];
      for (const [k, threadId] of ids.entries()) {
        const was = new Map((current[k]!.result as Reply[]).map((r) => [r.id, r]));
        for (const r of threadReplies(emails[k]!.result as Interaction[], threadId)) {
          const old = was.get(r.id);
          if (!old || old.ms !== r.ms || old.at !== r.at || old.contactId !== r.contactId) {
            put.push(r);
            if (old) replacedRows.push(old);
          }
          was.delete(r.id);
        }
        remove.push(...was.keys());
        replacedRows.push(...was.values());
      }
      if (remove.length) await zone.usePSD(psd, () => rows.mutate({ type: 'delete', trans, keys: remove }));
      if (put.length) await zone.usePSD(psd, () => rows.mutate({ type: 'put', trans, values: put }));
      await zone.usePSD(psd, () => refreshMonths(psd, trans, { kind: 'replies', before: replacedRows, after: put }));
    }

    /** After clearing scores (tests, never the app): the month rows lose the scores that are gone. */
    async function rederiveScores(psd: unknown, trans: DBCoreTransaction) {
      const rows = down.table('insightMonths');
      const all = (await rows.query({ trans, values: true, query: { index: rows.schema.primaryKey, range: { type: RANGE, lower: down.MIN_KEY, upper: down.MAX_KEY } } })).result as MonthFacts[];
      const kept = all.flatMap(scoresOf);
      const still = await down.table('satisfaction').getMany({ trans, keys: kept.map((s) => s.id) });
      await zone.usePSD(psd, () => refreshMonths(psd, trans, { kind: 'scores', before: kept.filter((_, i) => !still[i]), after: [] }));
    }

    /** What a write replaces (nothing for an add). */
    async function replaced(table: DBCoreTable, req: DBCoreMutateRequest, keys: string[]) {
      if (req.type === 'add') return [];
      return (await table.getMany({ trans: req.trans, keys })) as ({ contactId?: string } | undefined)[];
    }

    /** The name words of contacts written: the old ones out, the new ones in, only where they differ. */
    async function refreshNameWords(psd: unknown, trans: DBCoreTransaction, before: (Contact | undefined)[], after: Contact[]) {
      const key = (r: NameWord) => wordKey(r).join('\u0000');
      const old = new Map(before.flatMap(wordRows).map((r) => [key(r), r]));
      const now = new Map(after.flatMap(wordRows).map((r) => [key(r), r]));
      const gone = [...old].filter(([k]) => !now.has(k)).map(([, r]) => wordKey(r));
      const added = [...now].filter(([k]) => !old.has(k)).map(([, r]) => r);
      const words = down.table('nameWords');
      if (gone.length) await zone.usePSD(psd, () => words.mutate({ type: 'delete', trans, keys: gone }));
      if (added.length) await zone.usePSD(psd, () => words.mutate({ type: 'put', trans, values: added }));
    }

    /** After clearing a table (tests, never the app): the rows of what is gone, derived again. */
    async function rederiveAll(psd: unknown, trans: DBCoreTransaction, name: string) {
      const all = (table: string) =>
        down.table(table).query({ trans, values: false, query: { index: down.table(table).schema.primaryKey, range: { type: RANGE, lower: down.MIN_KEY, upper: down.MAX_KEY } } });
      if (name === 'contacts') {
        const words = (await down.table('nameWords').query({ trans, values: true, query: { index: down.table('nameWords').schema.primaryKey, range: { type: RANGE, lower: down.MIN_KEY, upper: down.MAX_KEY } } })).result as NameWord[];
        const owners = (await down.table('contacts').getMany({ trans, keys: words.map((w) => w.contactId) })) as (Contact | undefined)[];
        const stale = words.filter((_, i) => !owners[i]).map(wordKey);
        if (stale.length) await zone.usePSD(psd, () => down.table('nameWords').mutate({ type: 'delete', trans, keys: stale }));
      }
      if (name === 'interactions') {
        const ids = (await all('lastContact')).result as string[];
        const stale: string[] = [];
        for (const id of ids) if ((await lastContactAt(trans, id)) === undefined) stale.push(id);
        if (stale.length) await zone.usePSD(psd, () => down.table('lastContact').mutate({ type: 'delete', trans, keys: stale }));
        const replies = (await down.table('replies').query({ trans, values: true, query: { index: down.table('replies').schema.primaryKey, range: { type: RANGE, lower: down.MIN_KEY, upper: down.MAX_KEY } } })).result as Reply[];
        await zone.usePSD(psd, () => refreshReplies(psd, trans, new Set(replies.map((r) => r.threadId))));
      }
      if (!deferred.has(trans)) {
        const ids = new Set((await zone.usePSD(psd, () => all('stayInTouch'))).result as string[]);
        await zone.usePSD(psd, () => refresh(psd, trans, ids));
      }
    }

    return {
      ...down,
      transaction(stores, mode, options) {
        const widen = mode === 'readwrite' && stores.some((s) => TRIGGERS.has(s) || s === 'satisfaction');
        return down.transaction(widen ? [...new Set([...stores, ...DERIVED])] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        const scores = name === 'satisfaction';
        if (!TRIGGERS.has(name) && !scores) return table;
        return {
          ...table,
          async mutate(req) {
            // An upgrade may run before the tables exist; version 5's derives every row at its end.
            if ((req.trans as unknown as IDBTransaction).mode === 'versionchange') return table.mutate(req);
            const psd = zone.PSD;
            if (req.type === 'deleteRange') {
              const result = await table.mutate(req);
              await (scores ? rederiveScores(psd, req.trans) : rederiveAll(psd, req.trans, name));
              return result;
            }
            if (scores) {
              // Written with their month rows (lib/insight-months.ts); nothing else derives from them.
              const after = req.type === 'delete' ? [] : (req.values as Satisfaction[]);
              const before = (await replaced(table, req, req.type === 'delete' ? (req.keys as string[]) : after.map((s) => s.id))) as (Satisfaction | undefined)[];
              const result = await zone.usePSD(psd, () => table.mutate(req));
              await refreshMonths(psd, req.trans, { kind: 'scores', before, after });
              return result;
            }
            const interactions = name === 'interactions';
            const contacts = name === 'contacts';
            const later = deferred.has(req.trans);
            if (later && !interactions && !contacts) return table.mutate(req);
            const values = req.type === 'add' || req.type === 'put' ? (req.values as { id: string; contactId?: string }[]) : [];
            const keys = req.type === 'delete' ? (req.keys as string[]) : values.map((v) => v.id);
            const before = await replaced(table, req, keys);
            const result = await zone.usePSD(psd, () => table.mutate(req));
            if (interactions) {
              await refreshLastContact(psd, req.trans, before as (Interaction | undefined)[], values as Interaction[]);
              // Started inside the write's zone: its many reads at once outlast Dexie's echo of the
              // zone, which the reads of the steps after it need.
              const threads = threadsOf([...(before as (Interaction | undefined)[]), ...(values as Interaction[])]);
              await zone.usePSD(psd, () => refreshReplies(psd, req.trans, threads));
            }
            if (contacts) await refreshNameWords(psd, req.trans, before as (Contact | undefined)[], values as unknown as Contact[]);
            if (later) return result;
            // The contacts touched: for deals and interactions, their owners before and after.
            const ids = new Set(contacts ? keys : [...before, ...values].flatMap((r) => (r?.contactId ? [r.contactId] : [])));
            if (ids.size) await zone.usePSD(psd, () => refresh(psd, req.trans, ids));
            return result;
          },
        };
      },
    };
  },
};
