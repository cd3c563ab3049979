import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

describe('the contact card in Gmail', () => {
  let app: App;
  let page: Page;

  beforeEach(async () => {
    app = await launchWithExtension();
    const data = demoData();
    // A second record for Priya, made from her private address: the card should offer to merge it.
    const duplicate = { ...data.contacts[0], id: crypto.randomUUID(), name: 'Priya R.', emails: ['priya.raman@gmail.com'], title: undefined, tags: ['met-at-saastr'] };
    await seed(app.worker, { ...data, contacts: [...data.contacts, duplicate] });
    await serveGmail(app.context, () => fixture('thread-single.html'));
    page = await app.context.newPage();
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await sidebar(page).getByTestId('contact-name').waitFor();
  });
  afterEach(() => app.close());

  it('edits the contact in place', async () => {
    const card = sidebar(page).getByRole('article', { name: 'Contact' });
    await card.getByRole('button', { name: 'Edit contact' }).click();
    const form = card.getByRole('form', { name: 'Edit contact' });
    await form.getByLabel('Title').fill('COO');
    await form.getByLabel('Phone').fill('+44 20 7946 0000');
    await form.getByLabel('Tags').fill('pilot, decision-maker');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent()).toContain('COO');
    expect(await card.getByRole('list', { name: 'Tags' }).textContent()).toContain('decision-maker');
    expect(await card.getByRole('link', { name: '+44 20 7946 0000' }).count()).toBe(1);
  });

  it('merges a duplicate when an added address belongs to it', async () => {
    const card = sidebar(page).getByRole('article', { name: 'Contact' });
    await card.getByLabel('Another address').fill('priya.raman@gmail.com');
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByRole('button', { name: 'Merge Priya R. into this contact' }).click();
    await expect.poll(() => card.getByRole('list', { name: 'Email addresses' }).textContent()).toContain('priya.raman@gmail.com');
    expect(await card.getByRole('list', { name: 'Tags' }).textContent()).toContain('met-at-saastr');
  });

  it('shows last contact and a health score whose reasons appear on hover', async () => {
    const health = sidebar(page).getByTestId('health');
    // Demo: an email 3 days ago, CSAT 5/5, and a follow-up not yet due.
    await expect.poll(() => health.getAttribute('title')).toBe('Last contact 3 days ago (+50)\nLatest CSAT 5/5 (+40)\nNo overdue follow-ups (+10)');
    expect(await health.textContent()).toContain('100');
    expect(await health.textContent()).toContain('champion');
    expect((await sidebar(page).getByTestId('last-contacted').textContent())?.trim()).toBe('Last contacted 3 days ago');
  });
});
