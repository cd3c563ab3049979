import Dexie from 'dexie';
import type { SidecarDB } from './db';
import type { HealthSignals } from './health';
import type { InteractionKind } from './schema';
import { alive } from './validate';

/** Notes and stage changes are bookkeeping, not contact with the person. */
export const CONTACT_KINDS: ReadonlySet<InteractionKind> = new Set(['email-in', 'email-out', 'call', 'meeting']);

/** What the card needs for "last contacted" and health, through indexes only. */
export async function contactSignals(db: SidecarDB, contactId: string): Promise<HealthSignals> {
  return db.transaction('r', db.interactions, db.satisfaction, db.followUps, async () => {
    const range = [[contactId, Dexie.minKey], [contactId, Dexie.maxKey]] as const;
    const lastContact = await db.interactions
      .where('[contactId+occurredAt]')
      .between(...range)
      .reverse()
      .filter((i) => alive(i) && CONTACT_KINDS.has(i.kind))
      .first();
    const latestSatisfaction = await db.satisfaction
      .where('[contactId+occurredAt]')
      .between(...range)
      .reverse()
      .filter(alive)
      .first();
    const followUps = await db.followUps.where('contactId').equals(contactId).toArray();
    return {
      lastContactedAt: lastContact?.occurredAt,
      latestSatisfaction,
      openFollowUpDueAts: followUps.filter((f) => alive(f) && f.status === 'open').map((f) => f.dueAt),
    };
  });
}
