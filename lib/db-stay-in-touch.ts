import Dexie, { type DBCore, type DBCoreKeyRange, type DBCoreMutateRequest, type DBCoreRangeType, type DBCoreTable, type DBCoreTransaction, type Middleware, type Transaction } from 'dexie';
import type { Contact, Deal, Interaction } from './schema';
import {
  CADENCES_KEY,
  DEFAULT_CADENCES,
  STAY_IN_TOUCH_SOURCES,
  chosenCadenceOf,
  countsAsContact,
  isOpenDeal,
  sameRow,
  stayInTouchRow,
  type Cadences,
  type StayInTouch,
} from './stay-in-touch';
import { alive } from './validate';

/** Writes to these change whose cadence lapses when: a contact's cadence, tags or snooze, a deal opening or closing, a contact made. */
const TRIGGERS: ReadonlySet<string> = new Set(['contacts', 'deals', 'interactions']);

/** Transactions that write many records and derive the rows once at the end (rebuildStayInTouch). */
const deferred = new WeakSet<DBCoreTransaction>();

/** Inside `tx`, writes leave the stay-in-touch rows alone: the caller rebuilds them before it commits. */
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
 * Keeps the stay-in-touch rows (lib/stay-in-touch.ts) right in the same transaction as every write
 * that can move them, in every context that opens the database, so no writer has to remember to:
 * each read-write transaction over contacts, deals or interactions is widened to the tables the
 * rows are derived from, and after each such write the rows of the contacts it touched (before
 * and after, so a record moved to another contact counts for both) are derived again.
 */
export const stayInTouchMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'stay-in-touch',
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

    async function refresh(psd: unknown, trans: DBCoreTransaction, ids: Set<string>, lastMayChange: boolean) {
      const rows = down.table('stayInTouch');
      const setting = (await down.table('settings').get({ trans, key: CADENCES_KEY })) as { value: Cadences } | undefined;
      const cadences = setting?.value ?? DEFAULT_CADENCES;
      const keys = [...ids];
      const [contacts, current] = await Promise.all([
        down.table('contacts').getMany({ trans, keys }) as Promise<(Contact | undefined)[]>,
        rows.getMany({ trans, keys }) as Promise<(StayInTouch | undefined)[]>,
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
          if (days > 0) row = stayInTouchRow(contact, days, was && !lastMayChange ? was.lastAt : await lastContactAt(trans, id));
        }
        if (row && !sameRow(row, was)) put.push(row);
        else if (!row && was) remove.push(id);
      }
      if (put.length) await zone.usePSD(psd, () => rows.mutate({ type: 'put', trans, values: put }));
      if (remove.length) await zone.usePSD(psd, () => rows.mutate({ type: 'delete', trans, keys: remove }));
    }

    /** The contacts a write to `table` touches: for deals and interactions, their owners before and after. */
    async function owners(name: string, table: DBCoreTable, req: DBCoreMutateRequest): Promise<Set<string>> {
      const ids = new Set<string>();
      const values = req.type === 'add' || req.type === 'put' ? (req.values as { id: string; contactId?: string }[]) : [];
      const keys = req.type === 'delete' ? (req.keys as string[]) : values.map((v) => v.id);
      if (name === 'contacts') keys.forEach((k) => ids.add(k));
      else {
        for (const v of values) if (v.contactId) ids.add(v.contactId);
        const before = (await table.getMany({ trans: req.trans, keys })) as ({ contactId: string } | undefined)[];
        for (const b of before) if (b) ids.add(b.contactId);
      }
      return ids;
    }

    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.some((s) => TRIGGERS.has(s)) ? [...new Set([...stores, ...STAY_IN_TOUCH_SOURCES])] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!TRIGGERS.has(name)) return table;
        return {
          ...table,
          async mutate(req) {
            // An upgrade may run before the table exists; version 4's derives every row at its end.
            if (deferred.has(req.trans) || (req.trans as unknown as IDBTransaction).mode === 'versionchange') return table.mutate(req);
            const psd = zone.PSD;
            // Clearing a table (tests, never the app) re-derives every row there is.
            if (req.type === 'deleteRange') {
              const result = await table.mutate(req);
              const rows = down.table('stayInTouch');
              const all = await rows.query({ trans: req.trans, values: false, query: { index: rows.schema.primaryKey, range: { type: RANGE, lower: down.MIN_KEY, upper: down.MAX_KEY } } });
              await refresh(psd, req.trans, new Set(all.result as string[]), true);
              return result;
            }
            const ids = await owners(name, table, req);
            const result = await zone.usePSD(psd, () => table.mutate(req));
            if (ids.size) await refresh(psd, req.trans, ids, name === 'interactions');
            return result;
          },
        };
      },
    };
  },
};
