import type { Page } from 'puppeteer-core';
import { demoData } from '../../scripts/demo-data.mjs';
import {
  GMAIL_URL,
  clickInSidebar,
  expectText,
  extensionTab,
  fixture,
  gmailTab,
  launchFirefox,
  openExtensionTab,
  seed,
  sidebar,
  switchThread,
  type FirefoxApp,
} from '../../scripts/firefox.mjs';

// One Firefox for the file (a launch costs seconds); each test opens its own Gmail tab, and
// each uses its own senders, so none depends on another's data.
describe('the sidebar in Firefox', () => {
  let app: FirefoxApp;
  let served: string;
  let tab: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await launchFirefox();
    await seed(app, demoData());
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    served = fixture('thread-single.html');
    tab = await gmailTab(app, () => served);
    pageErrors.length = 0;
    tab.on('pageerror', (e) => pageErrors.push(String(e)));
  });
  afterEach(() => tab.close());

  const name = '[data-testid=contact-name]';

  it('connects, offers to add an unknown sender, adds them in one click, and knows them after a reload and in the dashboard', async () => {
    served = fixture('thread-sent-by-me.html');
    await tab.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    const frame = sidebar(app, tab);
    await expectText(frame, 'form[aria-label="Add contact"] h1', 'New sender');
    await expectText(frame, 'form[aria-label="Add contact"]', 'omar.haddad@initech.example');

    await clickInSidebar(tab, frame, 'Add contact');
    await expectText(frame, name, 'Omar Haddad');
    await expectText(frame, '[data-testid=contact-company]', 'Initech');

    await tab.reload();
    await expectText(frame, name, 'Omar Haddad');

    const dashboard = await openExtensionTab(app, '/dashboard.html#contacts');
    await expectText(dashboard, '.contacts-body', 'omar.haddad@initech.example');
    expect(pageErrors).toEqual([]);
  });

  it('switches the card when Gmail switches threads without a page load', async () => {
    await tab.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    const frame = sidebar(app, tab);
    await expectText(frame, name, 'Priya Raman');
    const loads: string[] = [];
    tab.on('load', () => loads.push(tab.url()));

    await switchThread(tab, fixture('thread-long-collapsed.html'), '#inbox/FMfcgz2');
    await expectText(frame, name, 'Daniel Okafor');
    await switchThread(tab, fixture('inbox.html'), '#inbox');
    await expectText(frame, '[role=status]', 'No email open');
    expect(loads).toEqual([]);
  });

  it('opens the dashboard from the sidebar’s menu', async () => {
    await tab.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    const frame = sidebar(app, tab);
    await expectText(frame, name, 'Priya Raman');
    await clickInSidebar(tab, frame, 'Menu');
    await clickInSidebar(tab, frame, 'Open dashboard');
    // Its home: what is due today.
    const dashboard = await extensionTab(app, '/dashboard.html');
    await expectText(dashboard, 'main h1', 'Today');
  });
});
