import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import TheSidebar from '@/components/TheSidebar.vue';
import { addContact } from '@/lib/contacts';
import { db } from '@/lib/db';
import type { FrameChannel } from '@/lib/frame-channel';
import { SOURCE, type GmailThread, type ToContent } from '@/lib/messages';
import { useGmailStore } from '@/stores/gmail';

const ME = 'me@sidecar.example';
const thread = (from: { name: string; email: string }): GmailThread => ({
  threadId: `thread-f:${from.email}`,
  subject: 'Hello',
  messages: [{ id: '#msg-f:1', from, to: [{ name: 'me', email: ME }], cc: [], expanded: true }],
});

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('TheSidebar', () => {
  let sent: ToContent[];
  beforeEach(async () => {
    await db.delete();
    await db.open();
    setActivePinia(createPinia());
    sent = [];
    const channel: FrameChannel = { send: (m) => sent.push(m), close: () => {} };
    useGmailStore().attach(channel);
  });

  const open = (t: GmailThread | null) => useGmailStore().receive({ source: SOURCE, type: 'thread', thread: t, account: ME });

  it('says no email is open on the inbox list', async () => {
    const sidebar = mount(TheSidebar);
    open(null);
    await flushPromises();
    expect(sidebar.get('[role=status]').text()).toContain('No email open');
  });

  it('offers to add an unknown sender, and shows their card once added', async () => {
    const sidebar = mount(TheSidebar);
    open(thread({ name: 'Omar Haddad', email: 'omar.haddad@initech.example' }));
    await until(() => sidebar.find('form').exists());
    expect(sidebar.text()).toContain('omar.haddad@initech.example');

    await sidebar.get('form').trigger('submit');
    await until(() => sidebar.find('[data-testid=contact-name]').exists());
    expect(sidebar.get('[data-testid=contact-name]').text()).toBe('Omar Haddad');
    expect(sidebar.get('[data-testid=contact-company]').text()).toBe('Initech');
    expect(await db.contacts.count()).toBe(1);
  });

  it('switches from one sender to the next, showing the previous one only until the next is known', async () => {
    const sidebar = mount(TheSidebar);
    open(thread({ name: 'Ann', email: 'ann@acme.example' }));
    await until(() => sidebar.find('form').exists());
    await sidebar.get('form').trigger('submit');
    await until(() => sidebar.find('[data-testid=contact-name]').exists());

    open(thread({ name: 'Bo', email: 'bo@initech.example' }));
    await until(() => !sidebar.find('[data-testid=contact-name]').exists());
    await until(() => sidebar.find('input[name=name]').exists());
    expect((sidebar.get('input[name=name]').element as HTMLInputElement).value).toBe('Bo');
  });

  it('explains why a contact could not be added and writes nothing', async () => {
    const sidebar = mount(TheSidebar);
    open(thread({ name: 'Ann', email: 'ann@acme.example' }));
    await until(() => sidebar.find('form').exists());
    await sidebar.get('input[name=name]').setValue('   ');
    await sidebar.get('form').trigger('submit');
    await until(() => sidebar.find('[role=alert]').exists());
    expect(sidebar.get('[role=alert]').text()).toMatch(/name is required/i);
    expect(await db.contacts.count()).toBe(0);
  });

  it('collapses to a tab and tells the page', async () => {
    const sidebar = mount(TheSidebar);
    await sidebar.get('button[aria-label="Collapse sidebar"]').trigger('click');
    expect(sent).toEqual([{ source: SOURCE, type: 'collapse', collapsed: true }]);
    expect(sidebar.find('button[aria-label="Open Sidecar sidebar"]').exists()).toBe(true);
    await sidebar.get('button[aria-label="Open Sidecar sidebar"]').trigger('click');
    expect(sent.at(-1)).toEqual({ source: SOURCE, type: 'collapse', collapsed: false });
  });
});

describe('TheSidebar in a frame without a connected channel', () => {
  const priya = thread({ name: 'Priya Raman', email: 'priya@acme.example' });
  let pinia: ReturnType<typeof createPinia>;
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await addContact(db, { name: 'Priya Raman', emails: ['priya@acme.example'] });
    pinia = createPinia();
    setActivePinia(pinia);
  });

  // Gmail's page can frame the sidebar itself; such a frame never gets the channel.
  it.each(['connecting', 'failed'] as const)('shows no contact and offers nothing to click while %s', async (state) => {
    const sidebar = mount(TheSidebar);
    if (state === 'failed') useGmailStore().fail();
    // Even a thread that reached the store some other way shows nothing.
    useGmailStore().receive({ source: SOURCE, type: 'thread', thread: priya, account: ME });
    await new Promise((r) => setTimeout(r, 50));
    await flushPromises();

    expect(sidebar.get('[role=status]').text()).toContain(state === 'failed' ? 'Not connected to Gmail' : 'Connecting');
    expect(sidebar.text()).not.toContain('Priya');
    expect(sidebar.findAll('button, input, select, textarea, a')).toHaveLength(0);
    // Nothing was even asked of the database: no store that reads it exists yet.
    expect(Object.keys(pinia.state.value)).toEqual(['gmail']);

    // The same frame, once connected, is the sidebar again.
    useGmailStore().attach({ send: () => {}, close: () => {} });
    await until(() => sidebar.find('[data-testid=contact-name]').exists());
    expect(sidebar.find('button[aria-label=Menu]').exists()).toBe(true);
  });
});
