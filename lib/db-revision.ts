import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';

export const REVISION_KEY = 'revision';

/**
 * Every read-write transaction, in every context that opens the database through SidecarDB,
 * writes a fresh random token to settings.revision before its first change (an empty bulkPut is
 * no change: the background's reminder check runs one every few minutes). Reading the token
 * in a later transaction tells whether anything was written in between, without reading the
 * data: a backup import planned in its preview is applied without planning it again.
 */
export const revisionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'revision',
  create(down) {
    const stamped = new WeakSet<DBCoreTransaction>();
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && !stores.includes('settings') ? [...stores, 'settings'] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          async mutate(req) {
            // bulkPut([]) still reaches here: a write of nothing must not look like a change.
            const empty = req.type === 'deleteRange' ? false : (req.type === 'delete' ? req.keys : req.values).length === 0;
            if (!empty && !stamped.has(req.trans)) {
              stamped.add(req.trans);
              await down.table('settings').mutate({ type: 'put', trans: req.trans, values: [{ key: REVISION_KEY, value: crypto.randomUUID() }] });
            }
            return table.mutate(req);
          },
        };
      },
    };
  },
};
