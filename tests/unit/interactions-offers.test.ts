import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import LogPanel from '@/components/LogPanel.vue';
import { db } from '@/lib/db';
import { saveSetting } from '@/lib/settings';
import { SOURCE, type GmailMessage, type GmailThread } from '@/lib/messages';
import type { Company, Contact } from '@/lib/schema';
import { useGmailStore } from '@/stores/gmail';
import { mountPanel } from './panel-helpers';

const ME = 'me@sidecar.example';
const PRIYA = { name: 'Priya Raman', email: 'priya.raman@acme.example' };
const acme: Company = { id: crypto.randomUUID(), name: 'Acme', domains: ['acme.example'], createdAt: 1, updatedAt: 1 };
const priya: Contact = { id: crypto.randomUUID(), name: 'Priya Raman', emails: [PRIYA.email], companyId: acme.id, tags: [], createdAt: 1, updatedAt: 1 };

const fromPriya = (id: string | undefined, snippet?: string): GmailMessage => ({
  ...(id ? { id } : {}), from: PRIYA, to: [{ name: 'me', email: ME }], cc: [], expanded: true, ...(snippet ? { snippet } : {}),
});
const reply: GmailMessage = { id: '#msg-a:r-77', from: { name: 'Sam Carter', email: ME }, to: [PRIYA], cc: [], expanded: true, snippet: 'Works for us. Terms tomorrow.' };
const thread = (messages: GmailMessage[], threadId = 'thread-f:1'): GmailThread => ({ threadId, subject: 'Pricing for the Q3 pilot', messages });

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('LogPanel offers for the open thread', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    setActivePinia(createPinia());
    await db.companies.add(acme);
    await db.contacts.add(priya);
  });

  const gmail = () => useGmailStore();
  const open = (t: GmailThread | null) => gmail().receive({ source: SOURCE, type: 'thread', thread: t, account: ME });
  const sending = (threadId = 'thread-f:1') => gmail().receive({ source: SOURCE, type: 'sending', threadId });
  const button = (w: ReturnType<typeof mount>, name: string) => w.findAll('button').find((b) => b.text() === name);

  it('offers the reply just sent once it appears, logs it once, and never offers it again', async () => {
    const panel = await mountPanel(LogPanel, priya);
    // An earlier reply of the user's is in the thread already: it is not the one just sent.
    const earlier: GmailMessage = { ...reply, id: '#msg-a:r-1', snippet: 'Earlier reply' };
    open(thread([fromPriya('#msg-f:1'), earlier]));
    await db.interactions.add({ id: crypto.randomUUID(), contactId: priya.id, kind: 'email-in', gmailMessageId: '#msg-f:1', occurredAt: 1, createdAt: 1, updatedAt: 1 });
    sending();
    await flushPromises();
    expect(panel.find('[aria-label="Reply just sent"]').exists()).toBe(false);

    open(thread([fromPriya('#msg-f:1'), earlier, reply]));
    await until(() => panel.find('[aria-label="Reply just sent"]').exists());
    const offer = panel.get('[aria-label="Reply just sent"]');
    expect(offer.text()).toContain('Pricing for the Q3 pilot');
    expect(offer.text()).toContain('To Priya Raman');
    expect(offer.text()).toContain('Works for us. Terms tomorrow.');
    expect(offer.text()).not.toContain('Earlier reply');

    await button(panel, 'Log this reply')!.trigger('click');
    await until(() => !panel.find('[aria-label="Reply just sent"]').exists());
    const logged = await db.interactions.where('gmailMessageId').equals('#msg-a:r-77').toArray();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'email-out', contactId: priya.id, subject: 'Pricing for the Q3 pilot', gmailThreadId: 'thread-f:1' });

    // Gmail re-renders the thread (the reply gains its legacy id); a second Send press is replayed.
    sending();
    open(thread([fromPriya('#msg-f:1'), earlier, { ...reply, legacyId: '198c7a1e2f3b4c5e' }]));
    await flushPromises();
    await new Promise((r) => setTimeout(r, 30));
    expect(panel.find('[aria-label="Reply just sent"]').exists()).toBe(false);
    expect(await db.interactions.where('gmailMessageId').equals('#msg-a:r-77').count()).toBe(1);
  });

  it('offers nothing when the send is undone, or when no Send was pressed', async () => {
    const panel = await mountPanel(LogPanel, priya);
    open(thread([fromPriya('#msg-f:1')]));
    await flushPromises();
    // A reply of the user's that was already there, or one arriving without a Send in this tab.
    open(thread([fromPriya('#msg-f:1'), reply]));
    await flushPromises();
    expect(panel.find('[aria-label="Reply just sent"]').exists()).toBe(false);

    open(thread([fromPriya('#msg-f:1')], 'thread-f:2'));
    await flushPromises();
    sending('thread-f:2');
    // Undo Send: the message shows, is withdrawn, and the thread is as before.
    open(thread([fromPriya('#msg-f:1'), { ...reply, id: '#msg-a:r-78' }], 'thread-f:2'));
    await until(() => panel.find('[aria-label="Reply just sent"]').exists());
    open(thread([fromPriya('#msg-f:1')], 'thread-f:2'));
    await until(() => !panel.find('[aria-label="Reply just sent"]').exists());
    expect(await db.interactions.count()).toBe(0);
  });

  it('offers to log the contact’s received messages not yet logged, all at once', async () => {
    const panel = await mountPanel(LogPanel, priya);
    open(thread([fromPriya('#msg-f:1'), fromPriya(undefined), { ...reply, id: '#msg-a:r-1' }, fromPriya('#msg-f:2'), fromPriya('#msg-f:3', 'See attached.')]));
    await until(() => panel.text().includes('3 emails from Priya Raman not logged'));
    await button(panel, 'Log them')!.trigger('click');
    await until(() => !panel.text().includes('not logged'));
    const rows = await db.interactions.toArray();
    expect(rows.map((r) => r.gmailMessageId).sort()).toEqual(['#msg-f:1', '#msg-f:2', '#msg-f:3']);
    expect(rows.every((r) => r.kind === 'email-in' && r.contactId === priya.id)).toBe(true);
    expect(rows.find((r) => r.gmailMessageId === '#msg-f:3')!.body).toBe('See attached.');

    open(thread([fromPriya('#msg-f:1'), fromPriya('#msg-f:4')]));
    await until(() => panel.text().includes('1 email from Priya Raman not logged'));
  });

  it('opens the log form when the "log an interaction" shortcut is pressed in Gmail', async () => {
    const panel = await mountPanel(LogPanel, priya);
    expect(panel.find('form').exists()).toBe(false);
    gmail().receive({ source: SOURCE, type: 'command', command: 'log-interaction' });
    await flushPromises();
    expect(panel.find('form[aria-label="Log an interaction"]').exists()).toBe(true);
  });

  it('offers nothing for a contact or company set to never log, and the menu sets both', async () => {
    const panel = await mountPanel(LogPanel, priya);
    open(thread([fromPriya('#msg-f:1')]));
    await until(() => panel.text().includes('not logged'));

    await panel.get('summary[aria-label="Logging options"]').trigger('click');
    const boxes = panel.findAll('input[type=checkbox]');
    expect(boxes.map((b) => b.element.parentElement!.textContent!.trim())).toEqual([
      'Never log emails with Priya Raman',
      'Never log emails with acme.example',
    ]);
    await boxes[1]!.setValue(true);
    await until(() => !panel.text().includes('not logged'));
    expect(panel.text()).toContain('Emails with Acme are never logged.');
    expect((await db.companies.get(acme.id))!.neverLog).toBe(true);

    // The company's toggle covers the reply just sent as well.
    sending();
    open(thread([fromPriya('#msg-f:1'), reply]));
    await flushPromises();
    await new Promise((r) => setTimeout(r, 30));
    expect(panel.find('[aria-label="Reply just sent"]').exists()).toBe(false);

    await boxes[0]!.setValue(true);
    await flushPromises();
    await new Promise((r) => setTimeout(r, 30));
    expect((await db.contacts.get(priya.id))!.neverLog).toBe(true);
    expect(await db.interactions.count()).toBe(0);
  });

  it('offers nothing for an address on the settings’ never-log list, as soon as it is saved', async () => {
    const panel = await mountPanel(LogPanel, priya);
    open(thread([fromPriya('#msg-f:1')]));
    await until(() => panel.text().includes('not logged'));
    await saveSetting(db, 'neverLogList', [priya.emails[0]!]);
    await until(() => panel.text().includes(`Emails with ${priya.emails[0]} are never logged.`));
    expect(panel.text()).not.toContain('not logged');
  });
});
