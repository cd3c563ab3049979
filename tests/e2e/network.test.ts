import { readFile } from 'node:fs/promises';
import type { Page, Worker } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';
import { expectText } from './deals-helpers';
import { recordRequests, restartBackground } from './page-helpers';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

/** A request to a host that cannot exist, made on purpose to prove the recorder sees that context. */
const canary = (where: string) => `https://canary.invalid/${where}`;
const ask = (url: string) => fetch(url).then(() => undefined, () => undefined);

describe('nothing leaves the browser', () => {
  let app: App;
  afterEach(() => app?.close());

  it('makes no request but for its own files during a whole tour of the product', async () => {
    app = await launchWithExtension();
    const recorder = recordRequests(app.context, app.extensionId);
    const worker = app.worker;
    await restartBackground(app.context, worker, app.extensionId);
    await seed(worker, demoData());
    await serveGmail(app.context, () => fixture('thread-sent-by-me.html'));

    // Gmail: a thread with someone not yet in the CRM, added in one click.
    const gmail = await app.context.newPage();
    await gmail.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    const form = sidebar(gmail).getByRole('form', { name: 'Add contact' });
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expectText(sidebar(gmail).getByTestId('contact-name'), 'Omar Haddad');

    // A note, a deal and a follow-up.
    await sidebar(gmail).getByRole('button', { name: 'Log an interaction' }).click();
    const log = sidebar(gmail).getByRole('form', { name: 'Log an interaction' });
    await log.getByLabel('Kind').selectOption('note');
    await log.getByLabel('Subject').fill('Wants a demo for 12 seats');
    await log.getByRole('button', { name: 'Log', exact: true }).click();
    await expectText(sidebar(gmail).getByTestId('history-list'), 'Wants a demo for 12 seats');

    const deals = sidebar(gmail).getByRole('region', { name: 'Deals' });
    await deals.getByRole('button', { name: 'New deal' }).click();
    const deal = deals.getByRole('form', { name: 'New deal' });
    await deal.getByRole('textbox', { name: 'Title' }).fill('Initech pilot');
    await deal.getByRole('textbox', { name: 'Amount' }).fill('9000');
    await deal.getByRole('button', { name: 'Add deal' }).click();
    await expectText(deals.getByRole('article', { name: 'Initech pilot' }), 'Initech pilot');

    const followUps = sidebar(gmail).getByRole('region', { name: 'Follow-ups' });
    await followUps.getByRole('button', { name: 'Follow up' }).click();
    await followUps.getByRole('textbox', { name: 'Note (optional)' }).fill('Send the demo link');
    await followUps.getByRole('button', { name: /^Tomorrow 9:00/ }).click();
    await expectText(followUps.getByTestId('followup'), 'Send the demo link');

    // The dashboard, from the sidebar's menu: a backup out, and the same file back in.
    await sidebar(gmail).getByRole('button', { name: 'Menu' }).click();
    const [dashboard] = await Promise.all([app.context.waitForEvent('page'), sidebar(gmail).getByRole('menuitem', { name: 'Open dashboard' }).click()]);
    await dashboard.waitForURL(`chrome-extension://${app.extensionId}/dashboard.html*`);
    // A tab the extension opens can start loading before Playwright listens to it: load it again, heard.
    await dashboard.reload();
    // It opens on Today, where the follow-up just scheduled waits among the next days.
    await expectText(dashboard.getByRole('region', { name: 'Today' }), 'Send the demo link');
    await dashboard.getByRole('button', { name: 'Backups' }).click();
    await dashboard.getByRole('heading', { name: 'Backups' }).waitFor();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export backup' }).click()]);
    const file = await download.path();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'sidecar-crm-backup' });
    await dashboard.getByLabel('Backup file').setInputFiles(file);
    await dashboard.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dashboard.getByRole('status').last().textContent(), { timeout: 10_000 }).toContain('Imported:');

    // Every context took part, and the recorder heard each of them.
    const froms = new Set(recorder.requests.map((r) => r.from));
    expect(froms).toContain(`chrome-extension://${app.extensionId}/sidebar.html`);
    expect([...froms].some((f) => f.startsWith(`chrome-extension://${app.extensionId}/dashboard.html`))).toBe(true);
    await canaries(gmail, dashboard, worker, app.extensionId);
    expect(recorder.leaks().filter((r) => !r.url.startsWith(canary('')))).toEqual([]);
    // Had the sidebar, the dashboard, the background or the content script asked for anything, it would show like these.
    await expect.poll(() => recorder.leaks().map((r) => r.url).sort()).toEqual(['dashboard', 'gmail', 'sidebar', 'worker'].map(canary));
  }, 120_000);
});

async function canaries(gmail: Page, dashboard: Page, worker: Worker, extensionId: string) {
  const frame = gmail.frames().find((f) => f.url() === `chrome-extension://${extensionId}/sidebar.html`)!;
  await Promise.all([
    frame.evaluate(ask, canary('sidebar')),
    dashboard.evaluate(ask, canary('dashboard')),
    worker.evaluate(ask, canary('worker')),
    // The content script shares its page's network: a request from Gmail's page stands for one of its.
    gmail.evaluate(ask, canary('gmail')),
  ]);
}
