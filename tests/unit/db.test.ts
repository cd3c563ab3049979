import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, SidecarDB } from '../../lib/db';
import type { Contact, Deal, FollowUp, Interaction } from '../../lib/schema';

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const stamps = (t = 1) => ({ createdAt: t, updatedAt: t });
const contact = (over: Partial<Contact> = {}): Contact => ({
  id: crypto.randomUUID(),
  ...stamps(),
  name: 'Ann',
  emails: [],
  tags: [],
  ...over,
});

describe('SidecarDB', () => {
  it('is named sidecar-crm unless told otherwise', () => {
    expect(DB_NAME).toBe('sidecar-crm');
    expect(new SidecarDB().name).toBe('sidecar-crm');
  });

  it('declares exactly the designed indexes', async () => {
    await db.open();
    const indexes = Object.fromEntries(
      db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)]]),
    );
    expect(indexes).toEqual({
      contacts: ['id', '*emails', 'companyId', 'name', 'updatedAt', '*tags', 'cadenceDays', 'deletedAt'],
      companies: ['id', '*domains', 'name', 'updatedAt'],
      interactions: ['id', '[contactId+occurredAt]', 'gmailMessageId', 'updatedAt', 'gmailThreadId'],
      deals: ['id', 'contactId', 'stage', '*gmailThreadIds', 'updatedAt', 'closedAt'],
      satisfaction: ['id', '[contactId+occurredAt]', 'updatedAt'],
      followUps: ['id', '[status+dueAt]', 'contactId', 'updatedAt'],
      settings: ['key'],
      stayInTouch: ['contactId', 'lapsesAt'],
      lastContact: ['contactId', 'at'],
      nameWords: ['[word+name+contactId]'],
      replies: ['id', 'at', 'threadId'],
      bandHistory: ['[scope+month]'],
      insightMonths: ['month'],
    });
  });

  it('finds a contact by any one of its addresses', async () => {
    const ann = contact({ emails: ['ann@acme.com', 'ann.lee@acme.io'] });
    await db.contacts.bulkAdd([ann, contact({ emails: ['bob@acme.com'] })]);
    const hits = await db.contacts.where('emails').equals('ann.lee@acme.io').toArray();
    expect(hits.map((c) => c.id)).toEqual([ann.id]);
  });

  it("lists a contact's timeline in time order via [contactId+occurredAt]", async () => {
    const annId = crypto.randomUUID();
    const note = (contactId: string, occurredAt: number): Interaction => ({
      id: crypto.randomUUID(),
      ...stamps(),
      contactId,
      kind: 'note',
      occurredAt,
    });
    await db.interactions.bulkAdd([note(annId, 30), note(crypto.randomUUID(), 20), note(annId, 10)]);
    const timeline = await db.interactions
      .where('[contactId+occurredAt]')
      .between([annId, 0], [annId, Infinity])
      .reverse()
      .toArray();
    expect(timeline.map((i) => i.occurredAt)).toEqual([30, 10]);
  });

  it('finds open follow-ups due before a time via [status+dueAt]', async () => {
    const f = (status: FollowUp['status'], dueAt: number): FollowUp => ({
      id: crypto.randomUUID(),
      ...stamps(),
      contactId: crypto.randomUUID(),
      dueAt,
      status,
      ifNoReply: false,
    });
    await db.followUps.bulkAdd([f('open', 5), f('open', 50), f('done', 5)]);
    const due = await db.followUps.where('[status+dueAt]').between(['open', 0], ['open', 10]).toArray();
    expect(due.map((x) => x.dueAt)).toEqual([5]);
  });

  it('finds the deals of a Gmail thread', async () => {
    const d = (gmailThreadIds: string[]): Deal => ({
      id: crypto.randomUUID(),
      ...stamps(),
      contactId: crypto.randomUUID(),
      title: 'Pilot',
      stage: 'lead',
      amountMinor: 0,
      currency: 'EUR',
      gmailThreadIds,
    });
    const hit = d(['thread-f:1', 'thread-f:2']);
    await db.deals.bulkAdd([hit, d(['thread-f:3'])]);
    expect((await db.deals.where('gmailThreadIds').equals('thread-f:2').toArray()).map((x) => x.id)).toEqual([
      hit.id,
    ]);
  });

  it('keeps databases with different names apart', async () => {
    const other = new SidecarDB(`t-${crypto.randomUUID()}`);
    try {
      await db.contacts.add(contact());
      expect(await other.contacts.count()).toBe(0);
    } finally {
      await other.delete();
    }
  });
});
