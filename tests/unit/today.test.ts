import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import DashboardToday from '@/components/DashboardToday.vue';
import TheDashboard from '@/components/TheDashboard.vue';
import { db } from '@/lib/db';
import { overdueCount } from '@/lib/followups';
import { formatDate, formatDateTime } from '@/lib/format';
import type { Contact, FollowUp } from '@/lib/schema';
import { agenda, endOfLocalDay } from '@/lib/today';
import { IN_TOUCH_PAGE } from '@/stores/today';
import { at, inTimeZone, local } from './time-helpers';
import { until } from './panel-helpers';

inTimeZone('Europe/London');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Saturday noon, the day before the clocks go back: the week ahead has a 25-hour day in it.
const NOW = at('2026-10-24T12:00');

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const person = (name: string): Contact => ({ id: id(), name, emails: [`${name.split(' ')[0]!.toLowerCase()}@acme.example`], tags: [], createdAt: 1, updatedAt: 1 });
const priya = person('Priya Raman');
const omar = person('Omar Haddad');

async function followUp(over: Partial<FollowUp>): Promise<FollowUp> {
  const f: FollowUp = { id: id(), contactId: priya.id, dueAt: NOW, status: 'open', ifNoReply: false, createdAt: NOW - DAY, updatedAt: NOW - DAY, ...over };
  await db.followUps.add(f);
  return f;
}

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.contacts.bulkAdd([priya, omar]);
});

describe('agenda', () => {
  it('ends the day and the week at local midnight, across a change of the clocks', () => {
    expect(local(endOfLocalDay(NOW))).toBe('2026-10-25 00:00 Sun');
    expect(local(endOfLocalDay(NOW, 7))).toBe('2026-11-01 00:00 Sun');
    // 7 × 24 h would stop an hour short of that midnight.
    expect(endOfLocalDay(NOW, 7) - endOfLocalDay(NOW)).toBe(7 * DAY + HOUR);
  });

  it('sorts what is open into overdue, due today and the next seven days, with each contact', async () => {
    const late = await followUp({ dueAt: NOW - 3 * DAY, note: 'Send the quote' });
    const justNow = await followUp({ dueAt: NOW, contactId: omar.id });
    const tonight = await followUp({ dueAt: at('2026-10-24T23:59') });
    const monday = await followUp({ dueAt: at('2026-10-26T09:00') });
    const lastOfWeek = await followUp({ dueAt: at('2026-10-31T23:59') });
    const nextWeek = await followUp({ dueAt: at('2026-11-01T00:00') });
    await followUp({ dueAt: at('2026-11-20T09:00') });
    await followUp({ dueAt: NOW - DAY, status: 'done', doneAt: NOW - DAY });
    await followUp({ dueAt: NOW - DAY, deletedAt: NOW - DAY });

    const day = await agenda(db, NOW);
    expect(day.overdue.map((i) => i.followUp.id)).toEqual([late.id, justNow.id]);
    expect(day.overdue.map((i) => i.contact?.name)).toEqual(['Priya Raman', 'Omar Haddad']);
    expect(day.today.map((i) => i.followUp.id)).toEqual([tonight.id]);
    expect(day.week.map((i) => i.followUp.id)).toEqual([monday.id, lastOfWeek.id]);
    expect(day.later).toBe(nextWeek.dueAt);
    // The toolbar badge counts the same follow-ups as late.
    expect(await overdueCount(db, NOW)).toBe(day.overdue.length);
  });

  it('keeps a follow-up whose contact was erased, without the contact', async () => {
    await followUp({ dueAt: NOW - HOUR });
    await db.contacts.update(priya.id, { deletedAt: NOW });
    expect((await agenda(db, NOW)).overdue.map((i) => i.contact)).toEqual([undefined]);
  });

  it('has nothing later when nothing is due after the week', async () => {
    expect(await agenda(db, NOW)).toEqual({ overdue: [], today: [], week: [], later: null });
  });
});

describe('the Today view', () => {
  // A view left mounted keeps its live queries, whose cache outlives the database deleted between tests.
    let toBackground: unknown[];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    fakeBrowser.reset();
    toBackground = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void toBackground.push(m));
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const list = (view: ReturnType<typeof mount>, name: string) => view.find(`ul[aria-label="${name}"]`);
  const notes = (view: ReturnType<typeof mount>, name: string) => view.findAll(`ul[aria-label="${name}"] .item-note`).map((n) => n.text());
  const button = (view: ReturnType<typeof mount>, text: string) => view.findAll('button').find((b) => b.text() === text)!;

  it('shows the late first, then today, and folds the week; Done takes one off and tells the background', async () => {
    await followUp({ dueAt: NOW - 2 * DAY, note: 'Send the quote' });
    await followUp({ dueAt: NOW + 2 * HOUR, note: 'Call about the pilot', contactId: omar.id });
    await followUp({ dueAt: NOW + 2 * DAY, note: 'Check the contract' });
    const view = mount(DashboardToday, { attachTo: document.body });
    await until(() => view.find('.item-note').exists());

    expect(view.findAll('h2').map((h) => h.text())).toEqual(['Overdue 1', 'Due today 1', 'Stay in touch']);
    expect(notes(view, 'Overdue')).toEqual(['Send the quote']);
    expect(list(view, 'Overdue').text()).toContain('Priya Raman');
    expect(list(view, 'Overdue').text()).toContain('2 days ago');
    expect(notes(view, 'Due today')).toEqual(['Call about the pilot']);
    expect(list(view, 'Due today').text()).toContain('Omar Haddad');
    const week = view.get('details');
    expect(week.attributes('open')).toBeUndefined();
    expect(week.get('summary').text()).toBe('Next 7 days 1');

    await view.get('button[aria-label="Mark done: Send the quote"]').trigger('click');
    await until(() => !list(view, 'Overdue').exists());
    expect((await db.followUps.where('status').equals('done').toArray()).map((f) => f.note)).toEqual(['Send the quote']);
    expect(toBackground).toContainEqual(expect.objectContaining({ type: 'followups-changed' }));
    view.unmount();
  });

  it('snoozes to next week, and says when the next one is due once nothing is due today', async () => {
    await followUp({ dueAt: NOW + HOUR, note: 'Call about the pilot' });
    const view = mount(DashboardToday);
    await until(() => notes(view, 'Due today').length === 1);

    await button(view, 'Snooze').trigger('click');
    await button(view, 'Next week').trigger('click');
    await until(() => !list(view, 'Due today').exists());
    const moved = await db.followUps.toCollection().first();
    expect(local(moved!.dueAt)).toBe('2026-10-26 09:00 Mon');
    expect(view.text()).toContain(`Nothing due today. The next follow-up is due ${formatDateTime(moved!.dueAt)}.`);
    expect(view.findAll('h2').map((h) => h.text())).toEqual(['Due today', 'Stay in touch']);
    expect(view.get('details summary').text()).toBe('Next 7 days 1');
  });

  it('lists a contact whose cadence lapsed, with its last contact, days over and open value; a logged call takes it off', async () => {
    await db.contacts.update(priya.id, { cadenceDays: 7 });
    await db.interactions.add({ id: id(), contactId: priya.id, kind: 'email-out', occurredAt: NOW - 10 * DAY, createdAt: 1, updatedAt: 1 });
    await db.deals.add({ id: id(), contactId: priya.id, title: 'Tanks', stage: 'proposal', amountMinor: 4_800_000, currency: 'ZAR', gmailThreadIds: [], createdAt: 1, updatedAt: 1 });
    await db.contacts.update(omar.id, { cadenceDays: 30 });
    const view = mount(DashboardToday, { attachTo: document.body });
    await until(() => list(view, 'Stay in touch').exists());

    expect(view.findAll('h2').map((h) => h.text())).toContain('Stay in touch 2');
    const row = view.get('li[aria-label="Priya Raman"]');
    expect(row.text()).toContain(`Last in touch ${formatDate(NOW - 10 * DAY)}`);
    expect(row.text()).toContain('3 days over');
    expect(row.text()).toContain('Every 7 days');
    expect(row.text()).toContain('Open ZAR');
    expect(view.get('li[aria-label="Omar Haddad"]').text()).toContain('Never in touch');

    await button(row as never, 'Log').trigger('click');
    await view.get('form[aria-label="Log an interaction"] input[name=subject]').setValue('Called about the tanks');
    await view.get('form[aria-label="Log an interaction"]').trigger('submit');
    await until(() => !view.find('li[aria-label="Priya Raman"]').exists());
    expect(view.findAll('h2').map((h) => h.text())).toContain('Stay in touch 1');
    expect(toBackground).toContainEqual(expect.objectContaining({ type: 'followups-changed' }));
    view.unmount();
  });

  it('snoozes a lapsed contact for a week, and says when everyone is in time', async () => {
    await db.contacts.update(omar.id, { cadenceDays: 14 });
    const view = mount(DashboardToday);
    await until(() => view.find('li[aria-label="Omar Haddad"]').exists());
    await button(view, 'Snooze a week').trigger('click');
    await until(() => view.text().includes('Everyone with a cadence has heard from you in time.'));
    expect(local((await db.contacts.get(omar.id))!.inTouchSnoozedUntil!)).toBe('2026-10-31 09:00 Sat');
  });

  it('shows the lapsed contacts a page at a time', async () => {
    const many = Array.from({ length: IN_TOUCH_PAGE + 2 }, (_, i) => ({ ...person(`Lapsed ${String(i).padStart(2, '0')}`), cadenceDays: 7 as const }));
    await db.contacts.bulkAdd(many);
    const view = mount(DashboardToday);
    await until(() => view.findAll('li.in-touch').length === IN_TOUCH_PAGE);
    await button(view, 'Show more (2 more)').trigger('click');
    await until(() => view.findAll('li.in-touch').length === IN_TOUCH_PAGE + 2);
    expect(view.text()).not.toContain('Show more');
  });

  it('says why when the follow-ups cannot be read, in place of the view', async () => {
    vi.spyOn(db.followUps, 'where').mockImplementation(() => {
      throw new Error('the disk is full');
    });
    const view = mount(DashboardToday);
    await until(() => view.find('[role=alert]').exists());
    expect(view.get('[role=alert]').text()).toBe('This part could not load. the disk is full');
  });

  it('says so when nothing is scheduled at all', async () => {
    const view = mount(DashboardToday);
    await until(() => view.text().includes('Nothing due today'));
    expect(view.text()).toContain('No follow-ups are scheduled.');
    expect(view.find('details').exists()).toBe(false);
  });

  it('links to the thread when Gmail can open it, else opens the contact in the dashboard', async () => {
    await followUp({ dueAt: NOW - HOUR, note: 'Reply on pricing', gmailThreadId: 'thread-f:1840980617747713117' });
    await followUp({ dueAt: NOW - HOUR / 2, note: 'Ask for the PO', contactId: omar.id });
    location.hash = '';
    const dashboard = mount(TheDashboard);
    await until(() => notes(dashboard, 'Overdue').length === 2);

    const link = dashboard.get('a[target=_blank]');
    expect(link.text()).toBe('Open the thread');
    expect(link.attributes('href')).toBe('https://mail.google.com/mail/u/0/#all/198c7a1e2f3b4c5d');
    expect(dashboard.findAll('a').length).toBe(1);

    await button(dashboard, 'Open the contact').trigger('click');
    await until(() => dashboard.find('[data-testid=contact-name]').exists());
    expect(dashboard.get('[data-testid=contact-name]').text()).toBe('Omar Haddad');
    expect(dashboard.get('nav [aria-current=page]').text()).toBe('Contacts');
    await flushPromises();
  });
});
