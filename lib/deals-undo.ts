import type { SidecarDB } from './db';
import { ValidationError } from './errors';
import { t } from './i18n';
import { Deal } from './schema';
import { alive, parseOrThrow, revise, tombstoneOf } from './validate';

/**
 * Takes back a stage move made at `movedAt` (changeStage's `now`): the deal gets its stage, close
 * and reason from `before` again, and the move's history entry is deleted, both or neither. Refused
 * when the deal changed since the move, so an undo never overwrites someone's later edit.
 */
export async function undoStageChange(db: SidecarDB, before: Deal, after: Deal, movedAt: number, now = Date.now()): Promise<Deal> {
  return db.transaction('rw', db.deals, db.interactions, async () => {
    const current = await db.deals.get(after.id);
    if (!alive(current)) throw new ValidationError(t('errors.dealGone'));
    if (current.updatedAt !== after.updatedAt) throw new ValidationError(t('errors.moveNotUndone'));
    const restored = parseOrThrow(
      Deal,
      revise(current, { stage: before.stage, stageChangedAt: before.stageChangedAt, closedAt: before.closedAt, lostReason: before.lostReason }, now),
    );
    const entries = await db.interactions
      .where('[contactId+occurredAt]')
      .equals([after.contactId, movedAt])
      .filter((r) => alive(r) && r.dealId === after.id && r.kind === 'stage-change')
      .toArray();
    await db.deals.put(restored);
    await db.interactions.bulkPut(entries.map((r) => tombstoneOf(r, now, ['subject', 'body'])));
    return restored;
  });
}
