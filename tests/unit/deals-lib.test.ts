import { db } from '@/lib/db';
import {
  changeStage,
  contactDeals,
  createDeal,
  deleteDeal,
  lastUsedCurrency,
  newDealCurrency,
  stageChangeTitle,
  stageLabel,
  linkThread,
  nextStage,
  unlinkThread,
  updateDeal,
  type DealDraft,
} from '@/lib/deals';
import { ValidationError } from '@/lib/errors';
import { applyLanguage } from '@/lib/i18n';
import { loadHistory } from '@/lib/history';
import type { Contact } from '@/lib/schema';

const T0 = 1_750_000_000_000;
const COMPANY = crypto.randomUUID();

async function addContact(extra: Partial<Contact> = {}): Promise<Contact> {
  const contact: Contact = {
    id: crypto.randomUUID(),
    name: 'Priya Raman',
    emails: [`${crypto.randomUUID()}@acme.example`],
    companyId: COMPANY,
    tags: [],
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
  await db.contacts.add(contact);
  return contact;
}

const draft = (over: Partial<DealDraft> = {}): DealDraft => ({
  title: 'Q3 pilot',
  amount: '48,000',
  currency: 'EUR',
  stage: 'proposal',
  expectedClose: '',
  ...over,
});

const stageEntries = () => db.interactions.filter((i) => i.kind === 'stage-change').toArray();

describe('deals', () => {
  let contact: Contact;
  beforeEach(async () => {
    await db.delete();
    await db.open();
    contact = await addContact();
  });

  describe('createDeal', () => {
    it('reads the amount as typed in minor units, at the contact’s company', async () => {
      const deal = await createDeal(db, contact, draft({ amount: '48,000.50', expectedClose: '2025-09-30' }), T0);
      expect(deal).toMatchObject({
        contactId: contact.id,
        companyId: COMPANY,
        title: 'Q3 pilot',
        stage: 'proposal',
        amountMinor: 4_800_050,
        currency: 'EUR',
        expectedCloseAt: new Date(2025, 8, 30).getTime(),
        gmailThreadIds: [],
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await db.deals.get(deal.id)).toEqual(deal);
    });

    it('knows currencies without cents', async () => {
      const deal = await createDeal(db, contact, draft({ amount: '1.500.000', currency: 'JPY' }), T0);
      expect(deal.amountMinor).toBe(1_500_000);
    });

    it.each([
      [{ title: '   ' }, /title is required/i],
      [{ amount: 'lots' }, /amount "lots" is not a number/i],
      [{ amount: '12.3456' }, /amount "12.3456" is not a number/i],
      [{ currency: 'XYZW' }, /not a currency code/i],
      [{ expectedClose: '2025-02-30' }, /expected close must be a date/i],
    ])('explains %o in words and writes nothing', async (over, message) => {
      await expect(createDeal(db, contact, draft(over), T0)).rejects.toThrow(message);
      expect(await db.deals.count()).toBe(0);
    });

    it('refuses a deleted contact', async () => {
      const gone = await addContact({ deletedAt: T0 });
      await expect(createDeal(db, gone, draft(), T0)).rejects.toThrow(/no longer exists/);
      expect(await db.deals.count()).toBe(0);
    });
  });

  describe('changeStage', () => {
    it('moves the deal and writes the move into the history, in one go', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      const moved = await changeStage(db, deal.id, 'negotiation', '', T0 + 1000);
      expect(moved).toMatchObject({ stage: 'negotiation', updatedAt: T0 + 1000 });
      expect(moved.closedAt).toBeUndefined();
      expect(await db.deals.get(deal.id)).toMatchObject({ stage: 'negotiation' });
      expect(await stageEntries()).toEqual([
        expect.objectContaining({
          contactId: contact.id,
          dealId: deal.id,
          kind: 'stage-change',
          subject: 'Q3 pilot: proposal → negotiation',
          occurredAt: T0 + 1000,
        }),
      ]);
    });

    it('closes the deal when won', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      await changeStage(db, deal.id, 'won', '', T0 + 5);
      expect(await db.deals.get(deal.id)).toMatchObject({ stage: 'won', closedAt: T0 + 5 });
    });

    it('asks why a deal was lost, and writes neither deal nor history without an answer', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      const error = await changeStage(db, deal.id, 'lost', '  ', T0 + 5).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toBe('Say why the deal was lost');
      expect(await db.deals.get(deal.id)).toEqual(deal);
      expect(await stageEntries()).toEqual([]);
    });

    it('writes neither when the reason fails validation', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      await expect(changeStage(db, deal.id, 'lost', 'x'.repeat(1001), T0 + 5)).rejects.toThrow(/at most 1000/i);
      expect(await db.deals.get(deal.id)).toEqual(deal);
      expect(await stageEntries()).toEqual([]);
    });

    it('rolls the deal back when the history cannot be written', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      const spy = vi.spyOn(db.interactions, 'add').mockRejectedValueOnce(new Error('disk full'));
      await expect(changeStage(db, deal.id, 'won', '', T0 + 5)).rejects.toThrow('disk full');
      spy.mockRestore();
      expect(await db.deals.get(deal.id)).toEqual(deal);
      expect(await stageEntries()).toEqual([]);
    });

    it('keeps the reason of a lost deal, and forgets it when reopened', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      await changeStage(db, deal.id, 'lost', ' Went with a competitor ', T0 + 5);
      expect(await db.deals.get(deal.id)).toMatchObject({ stage: 'lost', closedAt: T0 + 5, lostReason: 'Went with a competitor' });
      expect((await stageEntries())[0]).toMatchObject({ subject: 'Q3 pilot: proposal → lost', body: 'Went with a competitor' });

      const reopened = await changeStage(db, deal.id, 'negotiation', '', T0 + 9);
      expect(reopened.closedAt).toBeUndefined();
      expect(reopened.lostReason).toBeUndefined();
      expect((await stageEntries()).map((i) => i.subject).sort()).toEqual(['Q3 pilot: lost → negotiation', 'Q3 pilot: proposal → lost']);
    });

    it('writes nothing when the stage does not change', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      await changeStage(db, deal.id, 'proposal', '', T0 + 5);
      expect(await db.deals.get(deal.id)).toEqual(deal);
      expect(await stageEntries()).toEqual([]);
    });

    it('refuses a deleted deal', async () => {
      const deal = await createDeal(db, contact, draft(), T0);
      await db.deals.update(deal.id, { deletedAt: T0 + 1 });
      await expect(changeStage(db, deal.id, 'won', '', T0 + 5)).rejects.toThrow(/no longer exists/);
      expect(await stageEntries()).toEqual([]);
    });
  });

  it('edits title, amount, currency and close date, and bumps updatedAt', async () => {
    const deal = await createDeal(db, contact, draft({ expectedClose: '2025-09-30' }), T0);
    const next = await updateDeal(db, deal.id, { title: 'Q3 pilot, 50 seats', amount: '60000', currency: 'usd', expectedClose: '' }, T0 + 7);
    expect(next).toMatchObject({ title: 'Q3 pilot, 50 seats', amountMinor: 6_000_000, currency: 'USD', stage: 'proposal', updatedAt: T0 + 7 });
    expect(next.expectedCloseAt).toBeUndefined();
    await expect(updateDeal(db, deal.id, { title: '', amount: '1', currency: 'EUR', expectedClose: '' })).rejects.toThrow(/title is required/i);
    expect(await db.deals.get(deal.id)).toMatchObject({ title: 'Q3 pilot, 50 seats' });
  });

  it('deletes a deal with the stage changes it logged, leaving tombstones without its words', async () => {
    const deal = await createDeal(db, contact, draft({ title: 'Wrong pilot' }), T0);
    const kept = await createDeal(db, contact, draft({ title: 'Real pilot' }), T0);
    await changeStage(db, deal.id, 'negotiation', '', T0 + 1);
    await changeStage(db, deal.id, 'lost', 'Duplicate of Real pilot', T0 + 2);
    await changeStage(db, kept.id, 'negotiation', '', T0 + 3);
    await linkThread(db, deal.id, 'thread-f:9', T0 + 4);
    await db.interactions.add({ id: crypto.randomUUID(), contactId: contact.id, dealId: deal.id, kind: 'note', subject: 'Kept note', occurredAt: T0, createdAt: T0, updatedAt: T0 });

    await deleteDeal(db, deal.id, T0 + 10);

    expect(await contactDeals(db, contact.id)).toEqual({ open: [await db.deals.get(kept.id)], closed: [] });
    const tombstone = await db.deals.get(deal.id);
    expect(tombstone).toMatchObject({ deletedAt: T0 + 10, updatedAt: T0 + 10, title: 'Deleted deal', gmailThreadIds: [] });
    expect(tombstone).not.toHaveProperty('lostReason');
    const subjects = (await loadHistory(db, contact.id)).entries.map((e) => (e.record as { subject?: string }).subject);
    expect(subjects.sort()).toEqual(['Kept note', 'Real pilot: proposal → negotiation']);
    const gone = (await stageEntries()).filter((r) => r.dealId === deal.id);
    expect(gone).toHaveLength(2);
    expect(gone.every((r) => r.deletedAt === T0 + 10 && r.subject === undefined && r.body === undefined)).toBe(true);

    await expect(deleteDeal(db, deal.id)).rejects.toThrow('This deal no longer exists.');
  });

  it('links a thread once, and unlinks it', async () => {
    const deal = await createDeal(db, contact, draft(), T0);
    await linkThread(db, deal.id, 'thread-f:1', T0 + 1);
    await linkThread(db, deal.id, 'thread-f:1', T0 + 2);
    expect(await db.deals.get(deal.id)).toMatchObject({ gmailThreadIds: ['thread-f:1'], updatedAt: T0 + 1 });
    expect(await db.deals.where('gmailThreadIds').equals('thread-f:1').count()).toBe(1);
    await unlinkThread(db, deal.id, 'thread-f:1', T0 + 3);
    expect(await db.deals.get(deal.id)).toMatchObject({ gmailThreadIds: [], updatedAt: T0 + 3 });
  });

  it('lists open deals furthest along first, closed ones apart, and no deleted ones', async () => {
    const lead = await createDeal(db, contact, draft({ title: 'Lead', stage: 'lead' }), T0);
    const nego = await createDeal(db, contact, draft({ title: 'Nego', stage: 'negotiation' }), T0);
    const won = await createDeal(db, contact, draft({ title: 'Won' }), T0);
    await changeStage(db, won.id, 'won', '', T0 + 1);
    const gone = await createDeal(db, contact, draft({ title: 'Gone' }), T0);
    await db.deals.update(gone.id, { deletedAt: T0 + 1 });
    const other = await addContact();
    await createDeal(db, other, draft({ title: 'Not hers' }), T0);

    const { open, closed } = await contactDeals(db, contact.id);
    expect(open.map((d) => d.id)).toEqual([nego.id, lead.id]);
    expect(closed.map((d) => d.title)).toEqual(['Won']);
  });

  it('defaults to the currency used last, else EUR', async () => {
    expect(await lastUsedCurrency(db)).toBe('EUR');
    await createDeal(db, contact, draft({ currency: 'GBP' }), T0);
    await createDeal(db, contact, draft({ currency: 'CHF' }), T0 + 10);
    expect(await lastUsedCurrency(db)).toBe('CHF');
  });

  it('knows the next stage', () => {
    expect(nextStage('lead')).toBe('qualified');
    expect(nextStage('negotiation')).toBeUndefined();
    expect(nextStage('won')).toBeUndefined();
  });
});

describe('a new deal’s currency', () => {
  it('comes from the locale’s region first, then the last deal’s, then the euro', () => {
    expect(newDealCurrency('zu-ZA', 'USD')).toBe('ZAR');
    expect(newDealCurrency('ny-MW', undefined)).toBe('MWK');
    expect(newDealCurrency('en-US', 'CHF')).toBe('CHF');
    expect(newDealCurrency(undefined, undefined)).toBe('EUR');
  });
});

describe('a stage change in the history', () => {
  afterEach(() => applyLanguage('en', ['en']));

  it('names its stages in the chosen language, though stored with their codes', async () => {
    await applyLanguage('af', ['af-ZA']);
    expect(stageChangeTitle('Q3 pilot: proposal → won')).toBe(`Q3 pilot: ${stageLabel('proposal')} → ${stageLabel('won')}`);
    expect(stageLabel('won')).not.toBe('won');
  });

  it('shows a subject it did not write as it is', () => {
    expect(stageChangeTitle('Called: about → pricing')).toBe('Called: about → pricing');
  });
});
