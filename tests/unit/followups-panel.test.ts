import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import FollowUpsPanel from '@/components/FollowUpsPanel.vue';
import { db } from '@/lib/db';
import { DEFAULT_REMINDER_TIME, formatTimeOfDay, inDaysMorning, tomorrowMorning } from '@/lib/followups-time';
import { SOURCE, type GmailMessage, type GmailThread } from '@/lib/messages';
import type { Contact, FollowUp } from '@/lib/schema';
import { useGmailStore } from '@/stores/gmail';
import { mountPanel } from './panel-helpers';

const HOUR = 3_600_000;
const ME = { name: 'me', email: 'me@sidecar.example' };
const PRIYA = { name: 'Priya Raman', email: 'priya.raman@acme.example' };
const priya: Contact = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'Priya Raman',
  emails: ['priya.raman@acme.example', 'priya@acme.example'],
  tags: [],
  createdAt: 1,
  updatedAt: 1,
};
const message = (id: string, from = PRIYA): GmailMessage => ({ id, from, to: [ME], cc: [], expanded: true });
const thread = (messages: GmailMessage[]): GmailThread => ({
  threadId: 'thread-f:1840980617747713117',
  legacyThreadId: '198c7a1e2f3b4c5d',
  subject: 'Pricing for the Q3 pilot',
  messages,
});

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(await check()).toBe(true);
}

let seq = 0;
async function followUp(over: Partial<FollowUp>): Promise<FollowUp> {
  const f: FollowUp = {
    id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    contactId: priya.id,
    dueAt: Date.now() + HOUR,
    status: 'open',
    ifNoReply: false,
    createdAt: Date.now() - HOUR,
    updatedAt: Date.now() - HOUR,
    ...over,
  };
  await db.followUps.add(f);
  return f;
}

describe('FollowUpsPanel', () => {
  let toBackground: unknown[];
  beforeEach(async () => {
    fakeBrowser.reset();
    toBackground = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void toBackground.push(m));
    await db.delete();
    await db.open();
    await db.contacts.add(priya);
    setActivePinia(createPinia());
  });

  const openThread = (t: GmailThread | null) =>
    useGmailStore().receive({ source: SOURCE, type: 'thread', thread: t, account: ME.email });
  const items = (panel: ReturnType<typeof mount>) => panel.findAll('[data-testid=followup]');
  const button = (panel: ReturnType<typeof mount>, text: string) => {
    const found = panel.findAll('button').find((b) => b.text() === text);
    if (!found) throw new Error(`no button "${text}"`);
    return found;
  };

  it('schedules "tomorrow 9:00" in two clicks, for this thread, and tells the background', async () => {
    openThread(thread([message('#msg-f:1840980617747713117')]));
    const panel = await mountPanel(FollowUpsPanel, priya);
    await button(panel, 'Follow up').trigger('click');
    await panel.get('input[name=note]').setValue('Send the signed terms');
    await button(panel, `Tomorrow ${formatTimeOfDay(DEFAULT_REMINDER_TIME)}`).trigger('click');

    await until(() => items(panel).length === 1);
    expect(items(panel)[0]!.text()).toContain('Send the signed terms');
    const [saved] = await db.followUps.toArray();
    expect(saved).toMatchObject({
      contactId: priya.id,
      dueAt: tomorrowMorning(Date.now()),
      note: 'Send the signed terms',
      ifNoReply: false,
      status: 'open',
      gmailThreadId: 'thread-f:1840980617747713117',
    });
    expect(panel.find('[role=group][aria-label="Schedule a follow-up"]').exists()).toBe(false);
    expect(toBackground).toContainEqual({ source: SOURCE, type: 'followups-changed' });
  });

  it('shows open follow-ups soonest first, the overdue one highlighted, and hides done ones', async () => {
    await followUp({ note: 'Later', dueAt: Date.now() + 48 * HOUR });
    await followUp({ note: 'Chase the questionnaire', dueAt: Date.now() - 24 * HOUR });
    await followUp({ note: 'Finished', status: 'done', doneAt: Date.now() });
    const panel = await mountPanel(FollowUpsPanel, priya);
    await until(() => items(panel).length === 2);
    const [first, second] = items(panel);
    expect(first!.text()).toContain('Chase the questionnaire');
    expect(first!.text()).toContain('Overdue');
    expect(first!.classes()).toContain('item-overdue');
    expect(first!.get('time').attributes('title')).toMatch(/\d/);
    expect(second!.text()).toContain('Later');
    expect(second!.classes()).not.toContain('item-overdue');
    expect(panel.text()).not.toContain('Finished');
  });

  it('marks one done and it leaves the panel', async () => {
    const f = await followUp({ note: 'Call back' });
    const panel = await mountPanel(FollowUpsPanel, priya);
    await until(() => items(panel).length === 1);
    await panel.get('button[aria-label="Mark done: Call back"]').trigger('click');
    await until(() => items(panel).length === 0);
    expect(await db.followUps.get(f.id)).toMatchObject({ status: 'done' });
  });

  it('snoozes by an hour and reschedules to a chosen time', async () => {
    const f = await followUp({ dueAt: Date.now() - HOUR, notifiedAt: Date.now() - HOUR });
    const panel = await mountPanel(FollowUpsPanel, priya);
    await until(() => items(panel).length === 1);

    const before = Date.now();
    await button(panel, 'Snooze').trigger('click');
    await button(panel, '1 hour').trigger('click');
    await until(async () => (await db.followUps.get(f.id))!.dueAt >= before + HOUR);
    expect((await db.followUps.get(f.id))!.notifiedAt).toBeUndefined();
    await until(() => !items(panel)[0]!.classes().includes('item-overdue'));

    await button(panel, 'Reschedule').trigger('click');
    await panel.get('input[name=rescheduleAt]').setValue('2099-05-04T10:30');
    await panel.get('form[aria-label=Reschedule]').trigger('submit');
    await until(async () => (await db.followUps.get(f.id))!.dueAt === new Date(2099, 4, 4, 10, 30).getTime());
  });

  it('explains a time in the past and saves nothing', async () => {
    openThread(thread([]));
    const panel = await mountPanel(FollowUpsPanel, priya);
    await button(panel, 'Follow up').trigger('click');
    await panel.get('input[name=dueAt]').setValue('2020-01-01T09:00');
    await panel.get('form[aria-label="Follow up on a date"]').trigger('submit');
    await until(() => panel.find('[role=alert]').exists());
    expect(panel.get('[role=alert]').text()).toMatch(/already passed/);
    expect(await db.followUps.count()).toBe(0);
  });

  it('closes an "if no reply" follow-up by itself when the contact answers in the thread', async () => {
    openThread(thread([message('#msg-f:1840980617747713117'), message('#msg-a:r-1', ME)]));
    const panel = await mountPanel(FollowUpsPanel, priya);
    await button(panel, 'Follow up').trigger('click');
    await panel.get('input[name=days]').setValue(5);
    await panel.get('form[aria-label="Follow up if no reply"]').trigger('submit');
    await until(() => items(panel).length === 1);
    const [saved] = await db.followUps.toArray();
    expect(saved).toMatchObject({ ifNoReply: true, dueAt: inDaysMorning(Date.now(), 5), gmailThreadId: 'thread-f:1840980617747713117' });
    expect(items(panel)[0]!.text()).toContain('if no reply');

    // Gmail re-renders the same thread: nothing new from Priya, so it stays open.
    openThread(thread([message('#msg-f:1840980617747713117'), message('#msg-a:r-1', ME)]));
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    expect((await db.followUps.get(saved!.id))!.status).toBe('open');

    // Her answer arrives (not yet given a dated id by the server).
    openThread(thread([message('#msg-f:1840980617747713117'), message('#msg-a:r-1', ME), message('#msg-a:r-2', { name: 'Priya', email: 'priya@acme.example' })]));
    await until(() => items(panel).length === 0);
    expect(await db.followUps.get(saved!.id)).toMatchObject({ status: 'done' });
  });

  it('offers "if no reply" only with a thread open', async () => {
    openThread(null);
    const panel = await mountPanel(FollowUpsPanel, priya);
    await button(panel, 'Follow up').trigger('click');
    expect(button(panel, 'Remind me').attributes('disabled')).toBeDefined();
  });
});
