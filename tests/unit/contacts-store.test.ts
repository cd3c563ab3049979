import { createPinia, setActivePinia } from 'pinia';
import { db } from '@/lib/db';
import type { Contact, Deal } from '@/lib/schema';
import { useContactsStore } from '@/stores/contacts';
import { until } from './panel-helpers';

const T0 = 1_750_000_000_000;
const base = () => ({ id: crypto.randomUUID(), createdAt: T0, updatedAt: T0 });
const thandi: Contact = { ...base(), name: 'Thandi Nkosi', emails: ['thandi@acme.example'], tags: [] };

describe('the contacts store', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.contacts.add(thandi);
    setActivePinia(createPinia());
  });

  it('follows deals and follow-ups written while the list is open, in the rows and their sorts', async () => {
    const contacts = useContactsStore();
    await until(() => contacts.page?.rows.length === 1);
    expect(contacts.page!.rows[0]!.openValue).toEqual([]);

    const deal: Deal = { ...base(), contactId: thandi.id, title: 'Tanks', stage: 'proposal', amountMinor: 500_00, currency: 'ZAR', gmailThreadIds: [] };
    await db.deals.add(deal);
    await until(() => contacts.page?.rows[0]?.openValue.length === 1);
    expect(contacts.page!.rows[0]!.openValue).toEqual([{ currency: 'ZAR', amountMinor: 500_00 }]);

    contacts.text = 'thandi';
    await until(() => contacts.page?.text === 'thandi');
    await db.deals.update(deal.id, { stage: 'won', closedAt: T0 });
    await until(() => contacts.page?.rows[0]?.openValue.length === 0);

    await db.followUps.add({ ...base(), contactId: thandi.id, dueAt: T0 + 86_400_000, status: 'open', ifNoReply: false });
    await until(() => contacts.page?.rows[0]?.nextDueAt === T0 + 86_400_000);
    contacts.choose({ sort: 'next-follow-up' });
    await until(() => contacts.page?.rows[0]?.nextDueAt === T0 + 86_400_000 && contacts.query.sort === 'next-follow-up' && !contacts.loading);
  });
});
