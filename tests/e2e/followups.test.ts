import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { announceChange, badgeText, followUpsInDb, notificationIds } from './followups-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;
const HOUR = 3_600_000;

describe('follow-ups in Gmail', () => {
  let app: App;
  let page: Page;
  let data: ReturnType<typeof demoData>;
  const pageErrors: string[] = [];

  async function start(extra: (d: typeof data) => void = () => {}) {
    data = demoData();
    extra(data);
    await seed(app.worker, data);
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await sidebar(page).getByTestId('contact-name').filter({ hasText: 'Priya Raman' }).waitFor({ timeout: 10_000 });
  }
  const priyaId = () => data.contacts.find((c) => c.name === 'Priya Raman')!.id;
  const panel = () => sidebar(page).getByRole('region', { name: 'Follow-ups' });
  const items = () => panel().getByTestId('followup');

  beforeEach(async () => {
    app = await launchWithExtension();
    await serveGmail(app.context, () => fixture('thread-single.html'));
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  });
  afterEach(() => app.close());

  it('schedules "tomorrow 9:00" from the top of the sidebar in two clicks, and marks it done', async () => {
    await start();
    await expect.poll(() => items().count()).toBe(1); // Priya's demo follow-up, due tomorrow
    const [top, card] = [await panel().boundingBox(), await sidebar(page).getByTestId('contact-name').boundingBox()];
    expect(top!.y).toBeLessThan(card!.y);

    await panel().getByRole('button', { name: 'Follow up' }).click();
    await panel().getByRole('textbox', { name: 'Note (optional)' }).fill('Share the rollout plan');
    await panel().getByRole('button', { name: /^Tomorrow 9:00/ }).click();
    const added = items().filter({ hasText: 'Share the rollout plan' });
    await added.waitFor({ timeout: 10_000 });

    const now = new Date();
    const tomorrowNine = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9).getTime();
    const saved = (await followUpsInDb(app.worker)).find((f) => f.note === 'Share the rollout plan');
    expect(saved).toMatchObject({ contactId: priyaId(), dueAt: tomorrowNine, status: 'open', ifNoReply: false, gmailThreadId: 'thread-f:1840980617747713117' });

    await added.getByRole('button', { name: 'Mark done: Share the rollout plan' }).click();
    await expect.poll(() => added.count()).toBe(0);
    await expect.poll(() => items().count()).toBe(1);
    const done = (await followUpsInDb(app.worker)).find((f) => f.id === saved!.id);
    expect(done).toMatchObject({ status: 'done' });
    expect(done!.doneAt).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('highlights an overdue one, counts overdue ones on the badge, and reminds of them', async () => {
    await start((d) => {
      const priya = d.contacts.find((c) => c.name === 'Priya Raman')!;
      const at = Date.now() - 2 * HOUR;
      d.followUps.push({ id: crypto.randomUUID(), contactId: priya.id, dueAt: at, note: 'Confirm the seat count', status: 'open', ifNoReply: false, createdAt: at - HOUR, updatedAt: at - HOUR });
    });
    const overdue = items().filter({ hasText: 'Confirm the seat count' });
    await overdue.waitFor({ timeout: 10_000 });
    expect(await overdue.getAttribute('data-overdue')).toBe('true');
    expect(await overdue.textContent()).toContain('Overdue');
    expect(await items().first().textContent()).toContain('Confirm the seat count'); // soonest first
    expect(await items().filter({ hasText: 'Send the signed pilot terms' }).getAttribute('data-overdue')).toBe('false');

    // Seeded rows announce nothing: tell the background, as the sidebar does after its writes.
    await announceChange(app);
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('3'); // Priya's and Daniel's, and Carla, whose open deal went 30 days without a word
    const dueIds = (await followUpsInDb(app.worker)).filter((f) => f.dueAt < Date.now()).map((f) => f.id);
    await expect.poll(async () => (await notificationIds(app.worker)).sort()).toEqual(dueIds.map((id) => `followup:${id}`).sort());
    for (const f of (await followUpsInDb(app.worker)).filter((r) => dueIds.includes(r.id))) expect(f.notifiedAt).toBeGreaterThan(0);

    // Done in the sidebar: the background hears of it and the badge follows.
    await overdue.getByRole('button', { name: 'Mark done: Confirm the seat count' }).click();
    await expect.poll(() => overdue.count()).toBe(0);
    await expect.poll(() => badgeText(app.worker), { timeout: 10_000 }).toBe('2');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('raises the reminder when a follow-up falls due', async () => {
    const dueAt = Date.now() + 8_000;
    const id = crypto.randomUUID();
    await start((d) => {
      const priya = d.contacts.find((c) => c.name === 'Priya Raman')!;
      // demoData's rows carry no thread id, hence a variable rather than a literal for the push (thread-single.html's key).
      const row = { id, contactId: priya.id, dueAt, note: 'Ring Priya', status: 'open', ifNoReply: true, gmailThreadId: 'thread-f:1840980617747713117', createdAt: Date.now(), updatedAt: Date.now() };
      d.followUps.push(row);
    });
    await announceChange(app); // the background aims its one alarm at this due time
    const notifiedAt = async () => (await followUpsInDb(app.worker)).find((f) => f.id === id)?.notifiedAt;
    expect(await notifiedAt()).toBeUndefined();
    // The reminder is shown first and marked after (at least once), so the mark means it was shown.
    await expect.poll(notifiedAt, { timeout: 25_000, interval: 500 }).toBeGreaterThanOrEqual(dueAt);
    expect(await notificationIds(app.worker)).toContain(`followup:${id}`);
  }, 45_000);
});
