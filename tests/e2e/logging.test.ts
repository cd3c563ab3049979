import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { confirmSentReply, expectText, readInteractions, renderSentReply } from './logging-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

const ME = { name: 'Sam Carter', email: 'me@sidecar.example' };
const PRIYA = { name: 'Priya Raman', email: 'priya.raman@acme.example' };
const REPLY_ID = '#msg-a:r-5566778899001122334';

describe('logging from the sidebar', () => {
  let app: App;
  let page: Page;
  let served: string;
  const pageErrors: string[] = [];

  beforeEach(async () => {
    app = await launchWithExtension();
    await seed(app.worker, demoData());
    served = fixture('thread-single.html');
    await serveGmail(app.context, () => served);
    page = await app.context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
  });
  afterEach(() => app.close());

  const history = () => sidebar(page).getByTestId('history-list').locator('li');

  it('logs a call and shows it at the top of the history at once', async () => {
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(sidebar(page).getByTestId('contact-name'), 'Priya Raman');
    await expectText(history(), 'Proposal and pricing sheet');

    await sidebar(page).getByRole('button', { name: 'Log an interaction' }).click();
    const form = sidebar(page).getByRole('form', { name: 'Log an interaction' });
    await form.getByLabel('Kind').selectOption('call');
    await form.getByLabel('Subject').fill('Scope call: 25 seats confirmed');
    await form.getByLabel('Summary').fill('Priya will sign by Friday.');
    await form.getByRole('button', { name: 'Log', exact: true }).click();

    await expectText(history().first(), 'Scope call: 25 seats confirmed');
    await expectText(history().first(), 'Call');
    expect(await form.count()).toBe(0);

    // A typo, corrected in place.
    await history().first().getByRole('button', { name: /^Edit call of / }).click();
    const edit = sidebar(page).getByRole('form', { name: 'Edit the entry' });
    await edit.getByLabel('Subject').fill('Scope call: 30 seats confirmed');
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    await expectText(history().first(), 'Scope call: 30 seats confirmed');

    // Logged on the wrong contact after all: delete it.
    await history().first().getByRole('button', { name: /^Delete call of / }).click();
    await history().first().getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => history().filter({ hasText: 'Scope call' }).count(), { timeout: 10_000 }).toBe(0);
    await expectText(history(), 'Proposal and pricing sheet');
    expect(pageErrors).toEqual([]);
  });

  it('offers the reply just sent, logs it once, and never offers it again', async () => {
    served = fixture('thread-reply-compose.html');
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(sidebar(page).getByTestId('contact-name'), 'Priya Raman');
    // Priya's message itself is not logged in the demo data: offered too.
    await expectText(sidebar(page).getByRole('region', { name: 'Emails not logged' }), '1 email from Priya Raman not logged');

    await page.locator('div.aoO[role="button"]').click();
    await renderSentReply(page, { id: REPLY_ID, from: ME, to: PRIYA, text: 'Hi Priya, the scope works for us. Sam' });
    const offer = sidebar(page).getByRole('region', { name: 'Reply just sent' });
    await expectText(offer, 'Pricing for the Q3 pilot');
    await expectText(offer, 'the scope works for us');
    await offer.getByRole('button', { name: 'Log this reply' }).click();

    await expectText(history().first(), 'Email sent');
    await expectText(history().first(), 'the scope works for us');
    await expect.poll(() => offer.count()).toBe(0);

    // Gmail re-renders the message once the server has it: still one entry, no second offer.
    await confirmSentReply(page, REPLY_ID, '198c7a1e2f3b4c5e');
    await page.waitForTimeout(500);
    expect(await offer.count()).toBe(0);
    const logged = (await readInteractions(app.worker)).filter((r) => r.gmailMessageId === REPLY_ID);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'email-out', subject: 'Pricing for the Q3 pilot' });
    expect(pageErrors).toEqual([]);
  });

  it('offers nothing when a message of the user appears without Send pressed', async () => {
    served = fixture('thread-reply-compose.html');
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(sidebar(page).getByTestId('contact-name'), 'Priya Raman');
    await renderSentReply(page, { id: REPLY_ID, from: ME, to: PRIYA, text: 'Sent from my phone' });
    await page.waitForTimeout(500);
    expect(await sidebar(page).getByRole('region', { name: 'Reply just sent' }).count()).toBe(0);
  });

  it('logs the received emails of the thread in one click', async () => {
    await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    const offer = sidebar(page).getByRole('region', { name: 'Emails not logged' });
    await expectText(offer, '1 email from Priya Raman not logged');
    await offer.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => offer.count()).toBe(0);
    // Dated by its Gmail id (the message is from August 2025), so it sits at that time in the history.
    await expectText(history().filter({ hasText: 'Pricing for the Q3 pilot' }), 'Email received');
    expect((await readInteractions(app.worker)).filter((r) => r.gmailMessageId === '#msg-f:1840980617747713117')).toHaveLength(1);
  });
});
