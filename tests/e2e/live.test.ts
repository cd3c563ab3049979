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
    await dashboard.goto(`chrome-extension://${app.extensionId}/dashboard.html`);
    await sidebar(second).getByRole('form', { name: 'Add contact' }).waitFor();
    await dashboard.getByText('No contacts yet').waitFor();

    await sidebar(first).getByRole('form', { name: 'Add contact' }).getByRole('button', { name: 'Add contact' }).click();

    await expect.poll(() => sidebar(second).getByTestId('contact-name').textContent(), { timeout: 10_000 }).toBe('Omar Haddad');
    await expect.poll(() => dashboard.getByRole('table').textContent(), { timeout: 10_000 }).toContain('omar.haddad@initech.example');
  });
});
