import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import TheSidebar from '@/components/TheSidebar.vue';
import { db } from '@/lib/db';
import { SOURCE } from '@/lib/messages';
import type { Contact } from '@/lib/schema';
import { useGmailStore } from '@/stores/gmail';

const ME = 'me@sidecar.example';
const base = () => ({ id: crypto.randomUUID(), createdAt: 1, updatedAt: 1 });
const ann: Contact = { ...base(), name: 'Ann Lee', emails: ['ann@acme.example'], tags: [] };
const annGmail: Contact = { ...base(), name: 'Annie', emails: ['ann.lee@gmail.com'], tags: ['conference'] };

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

async function openAnn(): Promise<VueWrapper> {
  const sidebar = mount(TheSidebar);
  useGmailStore().attach({ send: () => {}, close: () => {} });
  useGmailStore().receive({
    source: SOURCE,
    type: 'thread',
    account: ME,
    thread: { threadId: 'thread-f:1', subject: 'Hi', messages: [{ id: '#msg-f:1', from: { name: 'Ann', email: 'ann@acme.example' }, to: [], cc: [], expanded: true }] },
  });
  await until(() => sidebar.find('[data-testid=contact-name]').exists());
  return sidebar;
}

describe('the contact card', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.contacts.bulkAdd([ann, annGmail]);
    setActivePinia(createPinia());
  });

  it('edits in place and shows the result', async () => {
    const sidebar = await openAnn();
    await sidebar.get('button[aria-label="Edit contact"]').trigger('click');
    await sidebar.get('form[aria-label="Edit contact"] input[name=title]').setValue('Head of Procurement');
    await sidebar.get('form[aria-label="Edit contact"] input[name=company]').setValue('Acme');
    await sidebar.get('form[aria-label="Edit contact"] input[name=tags]').setValue('vip, renewal');
    await sidebar.get('form[aria-label="Edit contact"]').trigger('submit');
    await until(() => sidebar.find('[data-testid=contact-company]').exists());
    expect(sidebar.text()).toContain('Head of Procurement');
    expect(sidebar.get('[data-testid=contact-company]').text()).toBe('Acme');
    expect(sidebar.findAll('[aria-label=Tags] li').map((li) => li.text())).toEqual(['vip', 'renewal']);
    expect(sidebar.find('form[aria-label="Edit contact"]').exists()).toBe(false);
  });

  it('keeps the form and says why when the edit is rejected', async () => {
    const sidebar = await openAnn();
    await sidebar.get('button[aria-label="Edit contact"]').trigger('click');
    await sidebar.get('form[aria-label="Edit contact"] input[name=name]').setValue(' ');
    await sidebar.get('form[aria-label="Edit contact"]').trigger('submit');
    await until(() => sidebar.find('[role=alert]').exists());
    expect(sidebar.get('[role=alert]').text()).toContain('Name is required');
    expect(sidebar.find('form[aria-label="Edit contact"]').exists()).toBe(true);
    expect((await db.contacts.get(ann.id))!.name).toBe('Ann Lee');
  });

  it('offers to merge when an added address belongs to another contact', async () => {
    const sidebar = await openAnn();
    await sidebar.get('form[aria-label="Add address"] input').setValue('ann.lee@gmail.com');
    await sidebar.get('form[aria-label="Add address"]').trigger('submit');
    await until(() => sidebar.find('.emails-taken').exists());
    expect(sidebar.get('.emails-taken').text()).toContain('ann.lee@gmail.com already belongs to Annie');

    await sidebar.get('.emails-taken button').trigger('click');
    await until(() => sidebar.findAll('[aria-label="Email addresses"] li').length === 2);
    expect(sidebar.get('[aria-label="Email addresses"]').text()).toContain('ann.lee@gmail.com');
    expect(sidebar.findAll('[aria-label=Tags] li').map((li) => li.text())).toEqual(['conference']);
    expect((await db.contacts.get(annGmail.id))!.deletedAt).toBeDefined();
  });

  it('shows health with its reasons on hover, and when she was last contacted', async () => {
    await db.interactions.add({ ...base(), contactId: ann.id, kind: 'call', occurredAt: Date.now() - 3 * 86_400_000 });
    const sidebar = await openAnn();
    await until(() => sidebar.find('[data-testid=health]').exists());
    const badge = sidebar.get('[data-testid=health]');
    expect(badge.get('.health-score').text()).toBe('80');
    expect(badge.get('.health-band').text()).toBe('healthy');
    expect(badge.attributes('title')).toBe('Last contact 3 days ago (+50)\nNo satisfaction score yet (+20)\nNo overdue follow-ups (+10)');
    expect(sidebar.get('[data-testid=last-contacted]').text()).toBe('Last contacted 3 days ago');
  });
});
