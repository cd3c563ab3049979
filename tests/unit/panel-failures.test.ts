import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createApp, defineComponent, h } from 'vue';
import ContactPanels from '@/components/ContactPanels.vue';
import { logUncaughtErrors } from '@/composables/appErrors';
import { db } from '@/lib/db';
import * as deals from '@/lib/deals';
import * as satisfaction from '@/lib/satisfaction';
import type { Contact } from '@/lib/schema';
import { useCurrentContactStore } from '@/stores/currentContact';
import { useDealsStore } from '@/stores/deals';
import { until } from './panel-helpers';

vi.mock('@/lib/satisfaction', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/satisfaction')>();
  return { ...actual, trendOf: vi.fn(actual.trendOf) };
});
vi.mock('@/lib/deals', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/deals')>();
  return { ...actual, contactDeals: vi.fn(actual.contactDeals) };
});

const T0 = 1_750_000_000_000;
const priya: Contact = { id: crypto.randomUUID(), name: 'Priya Raman', emails: ['priya@acme.example'], tags: [], createdAt: T0, updatedAt: T0 };
const daniel: Contact = { id: crypto.randomUUID(), name: 'Daniel Okafor', emails: ['daniel@initech.example'], tags: [], createdAt: T0, updatedAt: T0 };
const FAILED = 'This part could not load.';

const panel = (w: ReturnType<typeof mount>, title: string) => w.findAll('section.panel').find((s) => s.find('h2').exists() && s.get('h2').text() === title);
const failures = (w: ReturnType<typeof mount>) => w.findAll('[role=alert]').filter((a) => a.text().startsWith(FAILED));

describe('a panel that fails', () => {
  let logged: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.contacts.bulkAdd([priya, daniel]);
    await db.satisfaction.add({ id: crypto.randomUUID(), contactId: priya.id, kind: 'csat', score: 4, occurredAt: T0, createdAt: T0, updatedAt: T0 });
    setActivePinia(createPinia());
    logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.mocked(satisfaction.trendOf).mockRestore();
    vi.mocked(deals.contactDeals).mockRestore();
    logged.mockRestore();
  });

  async function openPanels(contact = priya) {
    useCurrentContactStore().open(contact.id);
    const panels = mount(ContactPanels);
    await until(() => panels.find('[data-testid=contact-name]').exists() && panel(panels, 'Deals') !== undefined);
    return panels;
  }

  it('shows why in its place when its store throws while rendering, and the others keep working', async () => {
    vi.mocked(satisfaction.trendOf).mockImplementation(() => {
      throw new Error('The scores are unreadable');
    });
    const panels = await openPanels();
    await until(() => failures(panels).length === 1);
    expect(failures(panels)[0]!.text()).toBe(`${FAILED} The scores are unreadable`);
    expect(panel(panels, 'Satisfaction')).toBeUndefined();
    expect(logged).toHaveBeenCalled();

    // The deals panel still works: a new deal is written and shown.
    await panel(panels, 'Deals')!.get('button.deals-panel-add').trigger('click');
    const form = panels.get('form[aria-label="New deal"]');
    await form.get('input[name=title]').setValue('Renewal');
    await form.get('input[name=amount]').setValue('100');
    await form.trigger('submit');
    await until(() => panels.text().includes('Renewal'));
    expect(panels.get('[data-testid=contact-name]').text()).toBe('Priya Raman');
    for (const title of ['Follow-ups', 'Log', 'Deals', 'History']) expect(panel(panels, title)).toBeDefined();

    // Another contact gives the panel another chance.
    vi.mocked(satisfaction.trendOf).mockRestore();
    useCurrentContactStore().open(daniel.id);
    await until(() => panel(panels, 'Satisfaction') !== undefined);
    expect(failures(panels)).toHaveLength(0);
  });

  it('shows why in its place when a store action throws, and the others keep working', async () => {
    const panels = await openPanels();
    useDealsStore().create = () => {
      throw new Error('The deals store broke');
    };
    await panel(panels, 'Deals')!.get('button.deals-panel-add').trigger('click');
    const form = panels.get('form[aria-label="New deal"]');
    await form.get('input[name=title]').setValue('Renewal');
    await form.get('input[name=amount]').setValue('100');
    await form.trigger('submit');
    await until(() => failures(panels).length === 1);
    expect(failures(panels)[0]!.text()).toBe(`${FAILED} The deals store broke`);
    expect(panel(panels, 'Deals')).toBeUndefined();
    for (const title of ['Follow-ups', 'Log', 'Satisfaction', 'History']) expect(panel(panels, title)).toBeDefined();
    expect(panels.get('[data-testid=contact-name]').text()).toBe('Priya Raman');
  });

  it('says the same, under its title, when its store cannot read its records', async () => {
    vi.mocked(deals.contactDeals).mockRejectedValue(new Error('IndexedDB is gone'));
    const panels = await openPanels();
    await until(() => panel(panels, 'Deals')!.find('[role=alert]').exists());
    expect(panel(panels, 'Deals')!.get('[role=alert]').text()).toBe(`${FAILED} IndexedDB is gone`);
    expect(panel(panels, 'Deals')!.find('button.deals-panel-add').exists()).toBe(false);
    await until(() => panel(panels, 'Satisfaction')!.text().includes('CSAT 4/5'));
  });
});

describe('the app-level error handler', () => {
  it('logs what no panel caught', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = defineComponent({
      setup: () => () => h('button', { onClick: () => { throw new Error('Menu broke'); } }, 'Menu'),
    });
    const root = document.createElement('div');
    const app = logUncaughtErrors(createApp(Broken), 'sidebar');
    app.mount(root);
    root.querySelector('button')!.click();
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Sidecar sidebar: uncaught error/), new Error('Menu broke'));
    app.unmount();
    logged.mockRestore();
  });
});
