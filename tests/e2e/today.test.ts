import type { Page } from 'playwright-core';
import type { FollowUp } from '../../lib/schema';
import { fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText } from './deals-helpers';
import { announceChange, badgeText, followUpsInDb } from './followups-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;
const HOUR = 3_600_000;

// The dashboard's home: what is late and due, acted on in one click, the toolbar badge agreeing.
describe('Today in the dashboard', () => {
  let app: App;
  let today: Page;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    await serveGmail(app.context, () => fixture('thread-single.html'));
    const data = demoData();
    const person = (name: string) => data.contacts.find((c) => c.name === name)!.id;
    const now = Date.now();
    const stamp = { createdAt: now - 24 * HOUR, updatedAt: now - 24 * HOUR };
    const seeded: FollowUp[] = [
      // The saved thread's id, as the sidebar stores it.
      { id: crypto.randomUUID(), contactId: person('Priya Raman'), dueAt: now - 2 * HOUR, note: 'Reply on pricing', status: 'open', ifNoReply: false, gmailThreadId: 'thread-f:1840980617747713117', ...stamp },
      { id: crypto.randomUUID(), contactId: person('Priya Raman'), dueAt: now - HOUR, note: 'Ask for the PO', status: 'open', ifNoReply: false, ...stamp },
    ];
    (data.followUps as FollowUp[]).push(...seeded);
    await seed(app.worker, data);
    await announceChange(app);
    today = await app.context.newPage();
    pageErrors.length = 0;
    today.on('pageerror', (e) => pageErrors.push(String(e)));
    await today.goto(`chrome-extension://${app.extensionId}/dashboard.html`);
  }, 60_000);
  afterEach(() => app.close());

  const overdue = () => today.getByRole('list', { name: 'Overdue' }).getByTestId('followup');
  const item = (note: string) => today.getByTestId('followup').filter({ hasText: note });

  it('lists the late with their contact; Done and Snooze act at once, and the badge keeps count', async () => {
    await expectText(today.getByRole('heading', { level: 1 }), 'Today');
    // The demo's late "if no reply" follow-up and the two seeded here; the badge adds Carla, whose
    // open deal went 30 days without a word.
    await expect.poll(() => overdue().count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('4');
    await expectText(item('Reply on pricing'), 'Priya Raman');

    await item('Ask for the PO').getByRole('button', { name: 'Mark done: Ask for the PO' }).click();
    await expect.poll(() => overdue().count(), { timeout: 10_000 }).toBe(2);
    expect((await followUpsInDb(app.worker)).find((f) => f.note === 'Ask for the PO')).toMatchObject({ status: 'done' });
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('3');

    const chase = item('Chase the security questionnaire');
    await chase.getByRole('button', { name: 'Snooze' }).click();
    await chase.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => overdue().count(), { timeout: 10_000 }).toBe(1);
    const moved = (await followUpsInDb(app.worker)).find((f) => f.note === 'Chase the security questionnaire')!;
    const d = new Date(moved.dueAt);
    expect([d.getDay(), d.getHours(), d.getMinutes()]).toEqual([1, 9, 0]);
    expect(moved.dueAt).toBeGreaterThan(Date.now());
    await today.getByText('Next 7 days').click();
    await expectText(today.getByRole('list', { name: 'Next 7 days' }), 'Chase the security questionnaire');
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('2');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('opens the follow-up’s thread in Gmail, where the sidebar shows it and Done there shows here at once', async () => {
    const [gmail] = await Promise.all([app.context.waitForEvent('page'), item('Reply on pricing').getByRole('link', { name: 'Open the thread' }).click()]);
    await gmail.waitForURL('https://mail.google.com/mail/u/0/#all/198c7a1e2f3b4c5d');
    await expectText(sidebar(gmail).getByTestId('contact-name'), 'Priya Raman');
    await expectText(sidebar(gmail).getByRole('region', { name: 'Follow-ups' }), 'Reply on pricing');
    // Done in Gmail's sidebar, gone from the open dashboard without a reload.
    await sidebar(gmail).getByRole('button', { name: 'Mark done: Reply on pricing' }).click();
    await expect.poll(() => item('Reply on pricing').count(), { timeout: 10_000 }).toBe(0);
    // Without a thread, the contact opens in the dashboard itself.
    await item('Ask for the PO').getByRole('button', { name: 'Open the contact' }).click();
    await expectText(today.getByTestId('contact-name'), 'Priya Raman');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('lists a contact whose cadence lapsed; a call logged from the row resets it and the badge follows', async () => {
    const data = demoData();
    const ben = { ...data.contacts.find((c) => c.name === 'Ben Wu')!, cadenceDays: 7 };
    const called = Date.now() - 8.5 * 24 * HOUR;
    const call = { id: crypto.randomUUID(), contactId: ben.id, kind: 'call', subject: 'Partner terms', occurredAt: called, createdAt: called, updatedAt: called };
    // Ben as the demo has him, with a weekly cadence and a call eight and a half days ago.
    const seeded = await app.worker.evaluate(() => new Promise<string[]>((resolve) => {
      const open = indexedDB.open('sidecar-crm');
      open.onsuccess = () => {
        const r = open.result.transaction('contacts').objectStore('contacts').getAll();
        r.onsuccess = () => resolve((r.result as { id: string; name: string }[]).filter((c) => c.name === 'Ben Wu').map((c) => c.id));
      };
    }));
    await seed(app.worker, { contacts: [{ ...ben, id: seeded[0]! }], interactions: [{ ...call, contactId: seeded[0]! }] });
    await announceChange(app);
    await today.reload();

    const inTouch = today.getByRole('list', { name: 'Stay in touch' });
    const row = inTouch.getByRole('listitem', { name: 'Ben Wu' });
    await expectText(row, '1 day over');
    await expectText(row, 'Every 7 days');
    await expectText(inTouch.getByRole('listitem', { name: 'Carla Díaz' }), 'Never in touch');
    await expectText(today.getByRole('heading', { name: /Stay in touch/ }), 'Stay in touch 2');
    // Three overdue follow-ups and two lapsed contacts.
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('5');

    await row.getByRole('button', { name: 'Log' }).click();
    const form = today.getByRole('form', { name: 'Log an interaction' });
    await form.getByLabel('Subject').fill('Called about the partner terms');
    await form.getByRole('button', { name: 'Log' }).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await expectText(today.getByRole('heading', { name: /Stay in touch/ }), 'Stay in touch 1');
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('4');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
