import type { DBCore, Middleware } from 'dexie';
import type { z } from 'zod';
import { RecordSchemas, Setting } from './schema';
import { toValidationError } from './validate';

const SCHEMAS: Record<string, z.ZodType> = { ...RecordSchemas, settings: Setting };

/**
 * Nothing reaches IndexedDB that its own schema would refuse when read back: one record the
 * backup reader refuses makes every later backup of this machine unreadable. The write
 * functions parse what they build; this is the guarantee for every path, present and future,
 * including Dexie's modify(). Records are checked, not replaced: the writer's value is stored.
 */
export const schemaGuardMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'schema-guard',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const schema = SCHEMAS[name];
        if (!schema) return table;
        return {
          ...table,
          mutate(req) {
            if (req.type === 'put' || req.type === 'add') {
              for (const value of req.values) {
                const r = schema.safeParse(value);
                if (!r.success) return Promise.reject(toValidationError(r.error));
              }
            }
            return table.mutate(req);
          },
        };
      },
    };
  },
};
