import type { Transaction } from 'dexie';
import { normalizeGmailIds } from './record-gmail-ids';
import { RecordSchemas } from './schema';
import { nextUpdatedAt } from './validate';

/**
 * Version 2: every stored Gmail id becomes its one key (lib/record-gmail-ids.ts). A changed
 * record is stamped like an edit, max(now, updatedAt + 1), so the fix wins over the old version
 * when this machine's backup is merged elsewhere. A record its schema refuses for another reason
 * is left as it was: an upgrade that failed would leave the whole database unopenable.
 */
export async function upgradeThreadKeys(tx: Transaction, now: number = Date.now()): Promise<void> {
  for (const table of ['interactions', 'deals', 'followUps'] as const) {
    await tx
      .table(table)
      .toCollection()
      // Returning false leaves the row alone: Dexie writes back every other row it visits.
      .modify((row: Record<string, unknown> & { updatedAt: number }, ref: { value: unknown }) => {
        const next = normalizeGmailIds(table, row);
        if (!next) return false;
        next.updatedAt = nextUpdatedAt(row, now);
        if (!RecordSchemas[table].safeParse(next).success) return false;
        ref.value = next;
        return true;
      });
  }
}
