import type { WxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NEXT_ALARM, NOTIFICATION_PREFIX, SAFETY_ALARM, badgeTitle, startFollowUps } from '@/entrypoints/background/followups';
import { activeLanguage } from '@/lib/i18n';
import { db } from '@/lib/db';
import { SOURCE } from '@/lib/protocol';
import type { Contact, FollowUp } from '@/lib/schema';

// WXT's fake browser is typed after webextension-polyfill, the product after Chrome's types.
const browser = fakeBrowser as unknown as WxtBrowser;
const T0 = Date.UTC(2025, 8, 1, 12);
const HOUR = 3_600_000;
let now = T0;
const clock = () => now;

const priya: Contact = {
  id: '00000000-0000-4000-8000-00000000000a',
  name: 'Priya Raman',
  emails: ['priya.raman@acme.example'],
  tags: [],
  createdAt: T0 - 100 * HOUR,
  updatedAt: T0 - 100 * HOUR,
};

let seq = 0;
async function followUp(over: Partial<FollowUp> = {}): Promise<FollowUp> {
  const f: FollowUp = {
    id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    contactId: priya.id,
    dueAt: T0 + HOUR,
    status: 'open',
    ifNoReply: false,
    createdAt: T0 - 10 * HOUR,
    updatedAt: T0 - 10 * HOUR,
    ...over,
  };
  await db.followUps.add(f);
  return f;
}

const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidebar.html') });
const changed = { source: SOURCE, type: 'followups-changed' };
const shown = async () => Object.keys(await fakeBrowser.notifications.getAll());
const badge = () => fakeBrowser.action.getBadgeText({});

describe('follow-up reminders in the background', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db.delete();
    await db.open();
    await db.contacts.add(priya);
    now = T0;
  });

  it('adds the contacts whose stay-in-touch cadence has lapsed to the badge, and says so in its tooltip', async () => {
    await followUp({ dueAt: T0 - HOUR });
    // Created 100 hours ago with a 7-day cadence and never in touch: lapses 68 hours from now.
    await db.contacts.update(priya.id, { cadenceDays: 7 });
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    expect(await badge()).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toBe('Sidecar CRM: 1 follow-up overdue');

    now = T0 + 68 * HOUR;
    await bg.rederive();
    expect(await badge()).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toBe('Sidecar CRM: 1 follow-up overdue, 1 contact to get in touch with');
  });

  it('speaks the language chosen in the settings in its reminders and tooltip, and retitles the badge when the choice changes', async () => {
    await followUp({ dueAt: T0 - HOUR, note: undefined });
    await db.settings.put({ key: 'language', value: 'af' });
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    expect(activeLanguage()).toBe('af');
    const title = await fakeBrowser.action.getTitle({});
    expect(title).toBe(badgeTitle(1, 0));
    expect(title).not.toBe('Sidecar CRM: 1 follow-up overdue');

    await db.settings.put({ key: 'language', value: 'en' });
    await vi.waitFor(async () => expect(await fakeBrowser.action.getTitle({})).toBe('Sidecar CRM: 1 follow-up overdue'));
  });

  it('on start, reminds of what fell due while it was stopped, once, and counts it on the badge', async () => {
    const missed = await followUp({ dueAt: T0 - 2 * HOUR, note: 'Send the signed pilot terms' });
    await followUp({ dueAt: T0 - 3 * HOUR, notifiedAt: T0 - 3 * HOUR }); // reminded before: overdue, not again
    const ahead = await followUp({ dueAt: T0 + 5 * HOUR });
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();

    expect(await shown()).toEqual([NOTIFICATION_PREFIX + missed.id]);
    const notification = (await fakeBrowser.notifications.getAll())[NOTIFICATION_PREFIX + missed.id] as { title: string; message: string };
    expect(notification).toMatchObject({ title: 'Follow up with Priya Raman', message: 'Send the signed pilot terms' });
    expect((await db.followUps.get(missed.id))!.notifiedAt).toBe(T0);
    expect(await badge()).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xb3, 0x26, 0x1e, 255]);
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(ahead.dueAt);
    expect((await fakeBrowser.alarms.get(SAFETY_ALARM))?.periodInMinutes).toBe(1);

    // A second wake-up (the worker was stopped and started again) shows nothing twice.
    await fakeBrowser.notifications.clear(NOTIFICATION_PREFIX + missed.id);
    startFollowUps(browser, db, clock);
    await bg.rederive();
    expect(await shown()).toEqual([]);
  });

  it('shows again at the next wake a reminder whose mark was never written (the worker stopped in between)', async () => {
    const due = await followUp({ dueAt: T0 - HOUR });
    const put = db.followUps.bulkPut.bind(db.followUps);
    const spy = vi.spyOn(db.followUps, 'bulkPut').mockRejectedValueOnce(new Error('the worker was stopped'));
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    expect(await shown()).toEqual([NOTIFICATION_PREFIX + due.id]);
    expect((await db.followUps.get(due.id))!.notifiedAt).toBeUndefined();

    spy.mockImplementation(put);
    await fakeBrowser.notifications.clear(NOTIFICATION_PREFIX + due.id);
    now = T0 + 60_000;
    await bg.rederive();
    expect(await shown()).toEqual([NOTIFICATION_PREFIX + due.id]);
    expect((await db.followUps.get(due.id))!.notifiedAt).toBe(now);
    spy.mockRestore();
  });

  it('keeps the alarms and the badge going when the database fails', async () => {
    await followUp({ dueAt: T0 - HOUR });
    const ahead = await followUp({ dueAt: T0 + 2 * HOUR });
    const spy = vi.spyOn(db.followUps, 'bulkPut').mockRejectedValue(new Error('QuotaExceededError'));
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    expect((await fakeBrowser.alarms.get(SAFETY_ALARM))?.periodInMinutes).toBe(1);
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(ahead.dueAt);
    expect(await badge()).toBe('1');

    // Reading fails too: the safety alarm stays, so the next tick tries again; later wakes still run.
    const read = vi.spyOn(db.followUps, 'where').mockImplementation(() => {
      throw new Error('The database connection is closing');
    });
    await fakeBrowser.alarms.clearAll();
    await bg.rederive();
    expect((await fakeBrowser.alarms.get(SAFETY_ALARM))?.periodInMinutes).toBe(1);
    read.mockRestore();
    spy.mockRestore();
    await db.followUps.update(ahead.id, { status: 'done', doneAt: T0, updatedAt: T0 });
    await bg.rederive();
    expect(await badge()).toBe('1');
    expect(await fakeBrowser.alarms.get(NEXT_ALARM)).toBeUndefined();
  });

  it('reminds when the next-due alarm fires, then aims the alarm at the one after', async () => {
    const first = await followUp({ dueAt: T0 + HOUR, ifNoReply: true, gmailThreadId: '198c7a1e2f3b4c5d' });
    const second = await followUp({ dueAt: T0 + 3 * HOUR });
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    expect(await shown()).toEqual([]);
    expect(await badge()).toBe('');

    now = T0 + HOUR;
    await fakeBrowser.alarms.onAlarm.trigger({ name: NEXT_ALARM, scheduledTime: now });
    await bg.settled();
    expect(await shown()).toEqual([NOTIFICATION_PREFIX + first.id]);
    expect(await badge()).toBe('1');
    expect((await fakeBrowser.alarms.get(NEXT_ALARM))?.scheduledTime).toBe(second.dueAt);
  });

  it('the periodic safety alarm catches up too, and clears the next alarm when nothing is ahead', async () => {
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    const late = await followUp({ dueAt: T0 + 30_000 });
    now = T0 + 60_000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: SAFETY_ALARM, scheduledTime: now, periodInMinutes: 1 });
    await bg.settled();
    expect(await shown()).toEqual([NOTIFICATION_PREFIX + late.id]);
    expect(await fakeBrowser.alarms.get(NEXT_ALARM)).toBeUndefined();
  });

  it('re-derives when its own page says follow-ups changed, and ignores anything else', async () => {
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    await followUp({ dueAt: T0 - HOUR });

    const ignored: [unknown, object][] = [
      [changed, { id: fakeBrowser.runtime.id, url: 'https://mail.google.com/mail/u/0/' }], // a content script
      [changed, { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' }],
      [changed, {}],
      [{ source: 'someone-else', type: 'followups-changed' }, ownPage()],
      [{ source: SOURCE, type: 'followups-changed', extra: '<script>' }, ownPage()],
      ['followups-changed', ownPage()],
    ];
    for (const [message, sender] of ignored) await fakeBrowser.runtime.onMessage.trigger(message, sender);
    await bg.settled();
    expect(await shown()).toEqual([]);
    expect(await badge()).toBe('');

    await fakeBrowser.runtime.onMessage.trigger(changed, ownPage());
    await bg.settled();
    expect(await shown()).toHaveLength(1);
    expect(await badge()).toBe('1');
  });

  it('clears the badge when the last overdue follow-up is done', async () => {
    const f = await followUp({ dueAt: T0 - HOUR });
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    expect(await badge()).toBe('1');
    await db.followUps.update(f.id, { status: 'done', doneAt: T0, updatedAt: T0 });
    await fakeBrowser.runtime.onMessage.trigger(changed, ownPage());
    await bg.settled();
    expect(await badge()).toBe('');
  });

  it('opens the thread in Gmail when the reminder is clicked, or the dashboard’s Today without one', async () => {
    const withThread = await followUp({ dueAt: T0 - HOUR, gmailThreadId: '198c7a1e2f3b4c5d' });
    const without = await followUp({ dueAt: T0 - HOUR });
    const bg = startFollowUps(browser, db, clock);
    await bg.settled();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');

    await fakeBrowser.notifications.onClicked.trigger(NOTIFICATION_PREFIX + withThread.id);
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(create).toHaveBeenLastCalledWith({ url: 'https://mail.google.com/mail/u/0/#all/198c7a1e2f3b4c5d' });
    expect(await shown()).toEqual([NOTIFICATION_PREFIX + without.id]);

    await fakeBrowser.notifications.onClicked.trigger(NOTIFICATION_PREFIX + without.id);
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(2));
    expect(create).toHaveBeenLastCalledWith({ url: fakeBrowser.runtime.getURL('/dashboard.html#today') });

    await fakeBrowser.notifications.onClicked.trigger('someone-elses-notification');
    await new Promise((r) => setTimeout(r, 20));
    expect(create).toHaveBeenCalledTimes(2);
  });
});

describe('the background entrypoint', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db.delete();
    await db.open();
  });

  it('registers its listeners before main returns, so a waking event is not lost', async () => {
    const { default: background } = await import('@/entrypoints/background');
    expect(background.main()).toBeUndefined(); // not async
    // The event that woke the worker arrives right away, before any of main's promises settle.
    const woken = fakeBrowser.alarms.onAlarm.trigger({ name: SAFETY_ALARM, scheduledTime: Date.now() });
    const clicked = fakeBrowser.notifications.onClicked.trigger('followup:nothing');
    await Promise.all([woken, clicked]);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SAFETY_ALARM)).toBeDefined());
    await db.contacts.add(priya);
    const f = await followUp({ dueAt: Date.now() - HOUR });
    await fakeBrowser.runtime.onMessage.trigger(changed, ownPage());
    await vi.waitFor(async () => expect(await shown()).toEqual([NOTIFICATION_PREFIX + f.id]));
  });
});
