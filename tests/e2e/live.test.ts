import { GMAIL_URL, fixture, launchWithExtension, serveGmail, sidebar } from '../../scripts/chromium.mjs';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

// Two Gmail tabs and the dashboard read one database: a write in one shows in the others, live.
describe('one database, every view live', () => {
  let app: App;
  beforeEach(async () => {
    app = await launchWithExtension();
    await serveGmail(app.context, () => fixture('thread-sent-by-me.html'));
  }, 60_000);
  afterEach(() => app.close());

  it('a contact added in one Gmail tab appears in the other tab and the dashboard without a reload', async () => {
    const [first, second, dashboard] = await Promise.all([app.context.newPage(), app.context.newPage(), app.context.newPage()]);
    await first.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    await second.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    await dashboard.goto(`chrome-extension://${app.extensionId}/dashboard.html#contacts`);
    await sidebar(second).getByRole('form', { name: 'Add contact' }).waitFor();
    await dashboard.getByText('No contacts yet').waitFor();

    await sidebar(first).getByRole('form', { name: 'Add contact' }).getByRole('button', { name: 'Add contact' }).click();

    await expect.poll(() => sidebar(second).getByTestId('contact-name').textContent(), { timeout: 10_000 }).toBe('Omar Haddad');
    await expect.poll(() => dashboard.getByRole('table').textContent(), { timeout: 10_000 }).toContain('omar.haddad@initech.example');

    // Opened in the dashboard, the contact has the sidebar's panels: a call logged there is in Gmail's history.
    await dashboard.getByRole('button', { name: 'Omar Haddad' }).click();
    await expect.poll(() => dashboard.getByTestId('contact-name').textContent(), { timeout: 10_000 }).toBe('Omar Haddad');
    await dashboard.getByRole('button', { name: 'Log an interaction' }).click();
    const form = dashboard.getByRole('form', { name: 'Log an interaction' });
    await form.getByLabel('Kind').selectOption('call');
    await form.getByLabel('Subject').fill('Intro call from the dashboard');
    await form.getByRole('button', { name: 'Log', exact: true }).click();
    await expect.poll(() => dashboard.getByTestId('history-list').textContent(), { timeout: 10_000 }).toContain('Intro call from the dashboard');
    await expect.poll(() => sidebar(first).getByTestId('history-list').textContent(), { timeout: 10_000 }).toContain('Intro call from the dashboard');
  });
});
