import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import TheDashboard from '@/components/TheDashboard.vue';
import { db } from '@/lib/db';
import type { Contact } from '@/lib/schema';
import { until } from './panel-helpers';

const T0 = 1_750_000_000_000;
const priya: Contact = { id: crypto.randomUUID(), name: 'Priya Raman', emails: ['priya@acme.example'], tags: [], createdAt: T0, updatedAt: T0 };

describe('the dashboard’s contact', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.contacts.add(priya);
    await db.deals.add({ id: crypto.randomUUID(), contactId: priya.id, title: 'Q3 pilot', stage: 'proposal', amountMinor: 100, currency: 'EUR', gmailThreadIds: [], createdAt: T0, updatedAt: T0 });
    setActivePinia(createPinia());
  });

  it('opens from the list with the sidebar’s panels, which work there too, and goes back to the list', async () => {
    const dashboard = mount(TheDashboard);
    await dashboard.findAll('nav button').find((b) => b.text() === 'Contacts')!.trigger('click');
    await until(() => dashboard.text().includes('Priya Raman'));
    await dashboard.get('.contacts-body .col-name button').trigger('click');
    await until(() => dashboard.find('[data-testid=contact-name]').exists() && dashboard.text().includes('Q3 pilot'));
    expect(dashboard.get('[data-testid=contact-name]').text()).toBe('Priya Raman');
    for (const title of ['Follow-ups', 'Log', 'Deals', 'Satisfaction', 'History']) expect(dashboard.findAll('h2').map((h) => h.text())).toContain(title);

    await dashboard.findAll('button').find((b) => b.text() === 'Record score')!.trigger('click');
    expect(dashboard.find('form').exists()).toBe(true);

    await dashboard.findAll('button').find((b) => b.text() === 'All contacts')!.trigger('click');
    await until(() => dashboard.find('.contacts-body').exists());
    expect(dashboard.find('[data-testid=contact-name]').exists()).toBe(false);
  });

  it('lists a search at once and counts its matches once the typing pauses', async () => {
    const dashboard = mount(TheDashboard);
    await dashboard.findAll('nav button').find((b) => b.text() === 'Contacts')!.trigger('click');
    await until(() => dashboard.text().includes('1 contact'));
    await dashboard.get('input[type=search]').setValue('raman');
    await until(() => dashboard.find('.contacts-view').attributes('data-search') === 'raman');
    await until(() => dashboard.get('.matches').text().startsWith('1 match'));
    await dashboard.get('input[type=search]').setValue('nobody');
    await until(() => dashboard.text().includes('Nobody matches.'));
    await until(() => dashboard.get('.matches').text().startsWith('0 matches'));
  });
});
