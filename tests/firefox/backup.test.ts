import { readFile } from 'node:fs/promises';
import { demoData } from '../../scripts/demo-data.mjs';
import {
  GMAIL_URL,
  click,
  downloaded,
  expectText,
  fixture,
  gmailTab,
  launchFirefox,
  openExtensionTab,
  seed,
  sidebar,
  type FirefoxApp,
} from '../../scripts/firefox.mjs';

const omar = {
  contacts: [
    {
      id: '0a0a0a0a-0000-4000-8000-000000000001',
      name: 'Omar Haddad',
      emails: ['omar.haddad@initech.example'],
      tags: [],
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    },
  ],
};

describe('backups between two Firefox profiles', () => {
  const apps: FirefoxApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps.length = 0;
  });

  it('exports a file from one and merges it into the other, whose sidebar then knows both', async () => {
    const laptop = await launchFirefox();
    apps.push(laptop);
    await seed(laptop, demoData());
    const exporting = await openExtensionTab(laptop, '/dashboard.html#backups');
    // unlimitedStorage lets Firefox grant persist() without a prompt: the data is kept when the disk runs low.
    await expectText(exporting, '[data-testid=storage-status]', 'The browser keeps it');
    await click(exporting, 'Export backup');
    const text = await readFile(await downloaded(laptop, /^sidecar-backup.*\.json$/), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'sidecar-crm-backup', version: 1 });
    await expectText(exporting, 'main', 'Backup saved to your downloads.');

    const desktop = await launchFirefox();
    apps.push(desktop);
    await seed(desktop, omar);
    const importing = await openExtensionTab(desktop, '/dashboard.html#backups');
    // The tab is open before the dashboard has rendered its file input.
    await expectText(importing, 'main', 'Backup file');
    // BiDi cannot reach extension pages, so the file goes in as a file picker would hand it over.
    await importing.evaluate(`(() => {
      const input = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('Backup file')).querySelector('input');
      const files = new DataTransfer();
      files.items.add(new File([${JSON.stringify(text)}], 'sidecar-backup.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`);
    await expectText(importing, '[aria-label="Import preview"]', 'Apply');
    await click(importing, 'Apply');
    await expectText(importing, 'main', 'Imported:');

    const inbox = await gmailTab(desktop, () => fixture('thread-single.html'));
    await inbox.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expectText(sidebar(desktop, inbox), '[data-testid=contact-name]', 'Priya Raman');
    const sent = await gmailTab(desktop, () => fixture('thread-sent-by-me.html'));
    await sent.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    await expectText(sidebar(desktop, sent), '[data-testid=contact-name]', 'Omar Haddad');
  });
});
