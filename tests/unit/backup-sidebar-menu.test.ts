import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import SidebarMenu from '@/components/SidebarMenu.vue';
import TheSidebar from '@/components/TheSidebar.vue';
import { db } from '@/lib/db';
import type { FrameChannel } from '@/lib/frame-channel';
import { SOURCE } from '@/lib/messages';
import { useBackupStore } from '@/stores/backup';
import { useGmailStore } from '@/stores/gmail';
import { seedSample, uuid } from './backup-helpers';

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('the sidebar menu', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await seedSample(db);
    setActivePinia(createPinia());
    const channel: FrameChannel = { send: () => {}, close: () => {} };
    useGmailStore().attach(channel);
  });

  it('shows how far an export from the sidebar got, and an error over it', async () => {
    const menu = mount(SidebarMenu);
    const backup = useBackupStore();
    backup.progress = 'Exporting: 120,000 of 1,115,021 records';
    await flushPromises();
    expect(menu.get('[role=status]').text()).toBe('Exporting: 120,000 of 1,115,021 records');
    backup.error = 'The browser ran out of storage space';
    await flushPromises();
    expect(menu.find('[role=status]').exists()).toBe(false);
    expect(menu.get('[role=alert]').text()).toContain('ran out of storage');
  });

  it('erases the open contact only after a confirmation that names them', async () => {
    const sidebar = mount(TheSidebar, { attachTo: document.body });
    useGmailStore().receive({
      source: SOURCE,
      type: 'thread',
      account: 'me@sidecar.example',
      thread: {
        threadId: 'thread-f:1',
        subject: 'Hello',
        messages: [{ id: '#msg-f:1', from: { name: 'Priya Raman', email: 'priya@acme.example' }, to: [{ name: 'me', email: 'me@sidecar.example' }], cc: [], expanded: true }],
      },
    });
    await until(() => sidebar.find('[data-testid=contact-name]').exists());
    await sidebar.get('button[aria-label=Menu]').trigger('click');
    const items = sidebar.findAll('[role=menuitem]').map((b) => b.text());
    expect(items).toEqual(['Export backup', 'Open dashboard', 'Export this contact', 'Erase this contact…']);
    await sidebar.findAll('[role=menuitem]')[3]!.trigger('click');
    const dialog = sidebar.get('[role=alertdialog]');
    expect(dialog.text()).toContain('Erase Priya Raman?');
    await dialog.findAll('button').find((b) => b.text() === 'Cancel')!.trigger('click');
    expect((await db.contacts.get(uuid(1)))?.deletedAt).toBeUndefined();

    await sidebar.get('button[aria-label=Menu]').trigger('click');
    await sidebar.findAll('[role=menuitem]')[3]!.trigger('click');
    await sidebar.get('[role=alertdialog]').findAll('button').find((b) => b.text() === 'Erase Priya Raman')!.trigger('click');
    await until(() => !sidebar.find('[data-testid=contact-name]').exists());
    expect((await db.contacts.get(uuid(1)))?.name).toBe('Erased');
    sidebar.unmount();
  });
});
