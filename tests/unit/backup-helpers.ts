import { SidecarDB } from '@/lib/db';

let n = 0;
export const freshDb = () => new SidecarDB(`backup-test-${Date.now()}-${n++}`);
export const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

export async function seedSample(db: SidecarDB, offset = 0): Promise<void> {
  const t = 1_700_000_000_000;
  await db.contacts.bulkPut([
    { id: uuid(1 + offset), name: 'Priya Raman', emails: [`priya${offset || ''}@acme.example`], tags: ['vip'], createdAt: t, updatedAt: t },
    { id: uuid(2 + offset), name: 'Daniel Okafor', emails: [`daniel${offset || ''}@globex.example`], tags: [], createdAt: t, updatedAt: t },
  ]);
  await db.interactions.put({ id: uuid(10 + offset), contactId: uuid(1 + offset), kind: 'email-in', occurredAt: t, gmailMessageId: `#msg-f:${1000 + offset}`, createdAt: t, updatedAt: t });
  await db.deals.put({ id: uuid(20 + offset), contactId: uuid(1 + offset), title: 'Renewal', stage: 'proposal', amountMinor: 120000, currency: 'EUR', gmailThreadIds: [], createdAt: t, updatedAt: t });
  await db.settings.put({ key: 'ownAddresses', value: [`me${offset}@mine.example`] });
}

/** Two machines for a test: `a` holds the sample, `b` the sample at offset 100. */
export async function twoMachines(): Promise<[SidecarDB, SidecarDB]> {
  const a = freshDb();
  const b = freshDb();
  await seedSample(a);
  await seedSample(b, 100);
  return [a, b];
}
