import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import DealsPanel from '@/components/DealsPanel.vue';
import { db } from '@/lib/db';
import { SOURCE } from '@/lib/messages';
import type { Contact, Deal } from '@/lib/schema';
import { useGmailStore } from '@/stores/gmail';
import { mountPanel } from './panel-helpers';

const T0 = 1_750_000_000_000;
const THREAD = 'thread-f:1840980617747713117';

const contact: Contact = {
  id: crypto.randomUUID(),
  name: 'Priya Raman',
  emails: ['priya@acme.example'],
  companyId: crypto.randomUUID(),
  tags: [],
  createdAt: T0,
  updatedAt: T0,
};
const pilot = (over: Partial<Deal> = {}): Deal => ({
  id: crypto.randomUUID(),
  contactId: contact.id,
  title: 'Q3 pilot',
  stage: 'proposal',
  amountMinor: 4_800_000,
  currency: 'EUR',
  gmailThreadIds: [],
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('DealsPanel', () => {
  let panel: VueWrapper;
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.contacts.add(contact);
    await db.settings.put({ key: 'locale', value: 'en-US' });
    setActivePinia(createPinia());
    useGmailStore().receive({
      source: SOURCE,
      type: 'thread',
      account: 'me@sidecar.example',
      thread: { threadId: THREAD, subject: 'Pilot', messages: [] },
    });
  });
  afterEach(() => panel?.unmount());

  const item = (title: string) => panel.get(`article[aria-label="${title}"]`);
  const shows = (text: string) => () => panel.text().includes(text);

  it('shows open deals with stage and value in the user’s locale', async () => {
    await db.deals.add(pilot());
    panel = await mountPanel(DealsPanel, contact);
    await until(() => panel.find('[data-testid=deal-value]').exists());
    expect(item('Q3 pilot').get('[data-testid=deal-value]').text()).toBe('€48,000.00');
    expect(item('Q3 pilot').get('[data-testid=deal-stage]').text()).toBe('proposal');
  });

  it('creates a deal from the form, in the currency used last', async () => {
    await db.deals.add(pilot({ currency: 'GBP', contactId: crypto.randomUUID() }));
    panel = await mountPanel(DealsPanel, contact);
    await until(shows('No open deals'));
    await panel.get('button.deals-panel-add').trigger('click');
    const form = panel.get('form[aria-label="New deal"]');
    expect((form.get('select[name=currency]').element as HTMLSelectElement).value).toBe('GBP');
    await form.get('input[name=title]').setValue('Renewal');
    await form.get('input[name=amount]').setValue('12,500.50');
    await form.get('select[name=stage]').setValue('qualified');
    await form.trigger('submit');
    await until(() => panel.find('article[aria-label="Renewal"]').exists());
    expect(item('Renewal').get('[data-testid=deal-value]').text()).toBe('£12,500.50');
    expect(panel.find('form[aria-label="New deal"]').exists()).toBe(false);
    expect(await db.deals.where('contactId').equals(contact.id).first()).toMatchObject({ companyId: contact.companyId, amountMinor: 1_250_050, stage: 'qualified' });
  });

  it('says in words why a deal cannot be created', async () => {
    panel = await mountPanel(DealsPanel, contact);
    await until(shows('No open deals'));
    await panel.get('button.deals-panel-add').trigger('click');
    await panel.get('input[name=title]').setValue('Renewal');
    await panel.get('input[name=amount]').setValue('a lot');
    await panel.get('form').trigger('submit');
    await until(() => panel.find('[role=alert]').exists());
    expect(panel.get('[role=alert]').text()).toMatch(/amount "a lot" is not a number/i);
    expect(await db.deals.count()).toBe(0);
  });

  it('moves the stage with the select and logs the move', async () => {
    await db.deals.add(pilot());
    panel = await mountPanel(DealsPanel, contact);
    await until(() => panel.find('select').exists());
    await item('Q3 pilot').get('select[aria-label="Stage of Q3 pilot"]').setValue('negotiation');
    await until(() => item('Q3 pilot').get('[data-testid=deal-stage]').text() === 'negotiation');
    expect((await db.interactions.toArray()).map((i) => i.subject)).toEqual(['Q3 pilot: proposal → negotiation']);
  });

  it('asks for a reason before marking lost, then tucks the deal away under "1 closed"', async () => {
    await db.deals.add(pilot());
    panel = await mountPanel(DealsPanel, contact);
    await until(() => panel.find('article').exists());
    const button = (name: string) => item('Q3 pilot').findAll('button').find((b) => b.text() === name)!;
    await button('Mark lost').trigger('click');
    await item('Q3 pilot').get('form').trigger('submit');
    await until(() => panel.find('[role=alert]').exists());
    expect(panel.get('[role=alert]').text()).toBe('Say why the deal was lost');
    expect((await db.deals.toArray())[0]!.stage).toBe('proposal');

    await item('Q3 pilot').get('input[name=lostReason]').setValue('Budget frozen');
    await item('Q3 pilot').get('form').trigger('submit');
    await until(shows('1 closed'));
    expect(panel.find('article[aria-label="Q3 pilot"]').exists()).toBe(false);
    const toggle = panel.get('button[aria-expanded]');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(item('Q3 pilot').text()).toContain('Reason: Budget frozen');
    expect(item('Q3 pilot').get('[data-testid=deal-stage]').text()).toBe('lost');
  });

  it('links the open thread to a deal', async () => {
    await db.deals.add(pilot());
    panel = await mountPanel(DealsPanel, contact);
    await until(() => panel.find('article').exists());
    expect(panel.text()).not.toContain('linked to this thread');
    await item('Q3 pilot').findAll('button').find((b) => b.text() === 'Link this thread')!.trigger('click');
    await until(shows('linked to this thread'));
    expect((await db.deals.toArray())[0]!.gmailThreadIds).toEqual([THREAD]);
    expect(item('Q3 pilot').findAll('button').some((b) => b.text() === 'Link this thread')).toBe(false);
  });

  it('edits a deal in place', async () => {
    await db.deals.add(pilot());
    panel = await mountPanel(DealsPanel, contact);
    await until(() => panel.find('article').exists());
    await item('Q3 pilot').findAll('button').find((b) => b.text() === 'Edit')!.trigger('click');
    const form = panel.get('form[aria-label="Edit Q3 pilot"]');
    expect((form.get('input[name=amount]').element as HTMLInputElement).value).toBe('48000.00');
    await form.get('input[name=amount]').setValue('52000');
    await form.trigger('submit');
    await until(() => panel.find('[data-testid=deal-value]').exists() && panel.get('[data-testid=deal-value]').text() === '€52,000.00');
  });

  it('deletes a deal made by mistake only after a second click, and Keep leaves it', async () => {
    const wrong = pilot({ title: 'Wrong pilot' });
    await db.deals.bulkAdd([wrong, pilot({ title: 'Real pilot' })]);
    panel = await mountPanel(DealsPanel, contact, { attachTo: document.body });
    await until(() => panel.findAll('article').length === 2);
    const button = (text: string) => item('Wrong pilot').findAll('button').find((b) => b.text() === text)!;

    await button('Delete').trigger('click');
    expect(item('Wrong pilot').text()).toContain('Delete Wrong pilot?');
    await flushPromises();
    expect(document.activeElement).toBe(button('Keep').element);
    await button('Keep').trigger('click');
    expect(item('Wrong pilot').text()).not.toContain('Delete Wrong pilot?');
    expect((await db.deals.get(wrong.id))!.deletedAt).toBeUndefined();

    await button('Delete').trigger('click');
    await button('Delete deal').trigger('click');
    await until(() => panel.findAll('article').length === 1);
    expect(panel.get('article').attributes('aria-label')).toBe('Real pilot');
    expect((await db.deals.get(wrong.id))!.deletedAt).toBeDefined();
  });

  it('answers the delete question as the history does: Keep or Escape give the keyboard back to Delete', async () => {
    await db.deals.add(pilot({ title: 'Wrong pilot' }));
    panel = await mountPanel(DealsPanel, contact, { attachTo: document.body });
    await until(() => panel.findAll('article').length === 1);
    const button = (text: string) => item('Wrong pilot').findAll('button').find((b) => b.text() === text)!;

    await button('Delete').trigger('click');
    await flushPromises();
    await button('Keep').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(button('Delete').element);

    await button('Delete').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(button('Keep').element);
    await item('Wrong pilot').get('[role=group]').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(item('Wrong pilot').text()).not.toContain('Delete Wrong pilot?');
    expect(document.activeElement).toBe(button('Delete').element);
  });
});
