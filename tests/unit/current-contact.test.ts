import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import ContactPanels from '@/components/ContactPanels.vue';
import FollowUpsPanel from '@/components/FollowUpsPanel.vue';
import SidebarPanels from '@/components/SidebarPanels.vue';
import { db } from '@/lib/db';
import { SOURCE } from '@/lib/messages';
import type { Company, Contact } from '@/lib/schema';
import { useCurrentContactStore } from '@/stores/currentContact';
import { useDealsStore } from '@/stores/deals';
import { useGmailStore } from '@/stores/gmail';
import { useHistoryStore } from '@/stores/history';
import { useSenderStore } from '@/stores/sender';
import { until } from './panel-helpers';

const ME = 'me@sidecar.example';
const T0 = 1_750_000_000_000;
const acme: Company = { id: crypto.randomUUID(), name: 'Acme', domains: ['acme.example'], createdAt: T0, updatedAt: T0 };
const priya: Contact = { id: crypto.randomUUID(), name: 'Priya Raman', emails: ['priya@acme.example'], companyId: acme.id, tags: ['vip'], createdAt: T0, updatedAt: T0 };
const daniel: Contact = { id: crypto.randomUUID(), name: 'Daniel Okafor', emails: ['daniel@initech.example'], tags: [], createdAt: T0, updatedAt: T0 };

const reportThreadFrom = (email: string) =>
  useGmailStore().receive({
    source: SOURCE,
    type: 'thread',
    account: ME,
    thread: { threadId: 'thread-f:1', subject: 'Pilot', messages: [{ id: '#msg-f:1', from: { name: '', email }, to: [{ name: '', email: ME }], cc: [], expanded: true }] },
  });

/** The sidebar's route: Gmail reports a thread, the sender store looks its other party up. */
function openThreadFrom(email: string) {
  useSenderStore();
  reportThreadFrom(email);
}

describe('the current contact', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.companies.add(acme);
    await db.contacts.bulkAdd([priya, daniel]);
    await db.deals.add({ id: crypto.randomUUID(), contactId: priya.id, title: 'Q3 pilot', stage: 'proposal', amountMinor: 100, currency: 'EUR', gmailThreadIds: [], createdAt: T0, updatedAt: T0 });
    await db.interactions.add({ id: crypto.randomUUID(), contactId: priya.id, kind: 'call', subject: 'Discovery call', occurredAt: T0, createdAt: T0, updatedAt: T0 });
    await db.settings.put({ key: 'locale', value: 'en-US' });
  });

  it('is the thread’s other party in the sidebar and the opened contact in the dashboard, with its company, live', async () => {
    setActivePinia(createPinia());
    const current = useCurrentContactStore();
    openThreadFrom('priya@acme.example');
    await until(() => current.contactId === priya.id);
    expect(current.company?.name).toBe('Acme');

    setActivePinia(createPinia());
    const dashboard = useCurrentContactStore();
    dashboard.open(priya.id);
    await until(() => dashboard.contactId === priya.id);
    expect(dashboard.company?.name).toBe('Acme');
    await db.contacts.update(priya.id, { name: 'Priya R.', updatedAt: T0 + 1 });
    await until(() => dashboard.contact?.name === 'Priya R.');
    dashboard.open(null);
    await until(() => dashboard.contact === null);
  });

  it('is what every panel store reads: switching it switches their records, with nothing passed to them', async () => {
    setActivePinia(createPinia());
    const current = useCurrentContactStore();
    const deals = useDealsStore();
    const history = useHistoryStore();
    current.open(priya.id);
    await until(() => deals.deals?.open.length === 1 && history.entries.length === 1);
    current.open(daniel.id);
    await until(() => deals.deals?.open.length === 0 && history.entries.length === 0);
  });

  it('replaces the card in place on a thread switch: the previous one stays until the next is known, the panels are not mounted again', async () => {
    setActivePinia(createPinia());
    const sidebar = mount(SidebarPanels);
    openThreadFrom('priya@acme.example');
    await until(() => sidebar.text().includes('Priya Raman'));
    const followUps = sidebar.findComponent(FollowUpsPanel).vm.$.uid;

    reportThreadFrom('daniel@initech.example');
    await nextTick();
    expect(sidebar.find('[data-testid=contact-name]').text()).toBe('Priya Raman');
    await until(() => sidebar.find('[data-testid=contact-name]').text() === 'Daniel Okafor');
    expect(sidebar.findComponent(FollowUpsPanel).vm.$.uid).toBe(followUps);
  });

  it('renders the panels the same whether the sidebar or the dashboard set it', async () => {
    setActivePinia(createPinia());
    const sidebar = mount(ContactPanels);
    openThreadFrom('priya@acme.example');
    await until(() => sidebar.text().includes('Q3 pilot') && sidebar.text().includes('Discovery call'));

    // The same thread is open, so that only the route by which the contact was set differs.
    setActivePinia(createPinia());
    reportThreadFrom('priya@acme.example');
    useCurrentContactStore().open(priya.id);
    const dashboard = mount(ContactPanels);
    await until(() => dashboard.text().includes('Q3 pilot') && dashboard.text().includes('Discovery call'));

    expect(dashboard.find('[data-testid=contact-name]').text()).toBe('Priya Raman');
    for (const title of ['Follow-ups', 'Log', 'Deals', 'Satisfaction', 'History']) expect(dashboard.text()).toContain(title);
    expect(dashboard.html()).toBe(sidebar.html());
  });
});
