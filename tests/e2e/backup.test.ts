import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, seederSource, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';

type App = Awaited<ReturnType<typeof launchWithExtension>>;

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

async function dashboard(app: App): Promise<Page> {
  const page = await app.context.newPage();
  await page.goto(`chrome-extension://${app.extensionId}/dashboard.html#backups`);
  await page.getByRole('heading', { name: 'Backups' }).waitFor();
  return page;
}

async function count(app: App, table: string): Promise<number> {
  await app.worker.evaluate(`${await seederSource()};globalThis.SidecarSeed = SidecarSeed;`);
  return app.worker.evaluate((t) => (globalThis as unknown as { SidecarSeed: { count: (t: string) => Promise<number> } }).SidecarSeed.count(t), table);
}

describe('backups between two browsers', () => {
  const apps: App[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps.length = 0;
  });
  const launch = async () => {
    const app = await launchWithExtension();
    apps.push(app);
    return app;
  };

  it('exports from one profile and merges into another that has its own data', async () => {
    const laptop = await launch();
    await seed(laptop.worker, demoData());
    const page = await dashboard(laptop);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('not made a backup yet');
    // unlimitedStorage: the browser keeps the database when the disk runs low, and says so.
    await expect.poll(() => page.getByTestId('storage-status').textContent()).toMatch(/Stored in this browser: [\d.]+ [kMG]B\. The browser keeps it/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export backup' }).click()]);
    const file = await download.path();
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'sidecar-crm-backup', version: 1 });
    await expect.poll(() => page.getByTestId('last-backup').textContent()).not.toContain('never');

    const desktop = await launch();
    await seed(desktop.worker, omar);
    const other = await dashboard(desktop);
    await other.getByLabel('Backup file').setInputFiles(file);
    const preview = other.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await count(desktop, 'contacts')).toBe(1);
    await preview.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => other.getByRole('status').last().textContent()).toContain('Imported:');
    expect(await count(desktop, 'contacts')).toBe(demoData().contacts.length + 1);

    // The sidebar on the second machine knows both its own contact and the imported one.
    let served = fixture('thread-single.html');
    await serveGmail(desktop.context, () => served);
    const gmail = await desktop.context.newPage();
    await gmail.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expect.poll(() => sidebar(gmail).getByTestId('contact-name').first().textContent(), { timeout: 10_000 }).toBe('Priya Raman');
    served = fixture('thread-sent-by-me.html');
    const sent = await desktop.context.newPage();
    await sent.goto(`${GMAIL_URL}#sent/FMfcgz4`);
    await expect.poll(() => sidebar(sent).getByTestId('contact-name').first().textContent(), { timeout: 10_000 }).toBe('Omar Haddad');
  });

  it('refuses a broken file, names the row and field, and changes nothing', async () => {
    const app = await launch();
    await seed(app.worker, demoData());
    const page = await dashboard(app);
    const header = { format: 'sidecar-crm-backup', version: 1, exportedAt: 1, deviceId: '0a0a0a0a-0000-4000-8000-00000000000f' };
    const deal = { id: '0a0a0a0a-0000-4000-8000-000000000002', contactId: omar.contacts[0]!.id, title: 'Bad', stage: 'lead', amountMinor: -5, currency: 'EUR', gmailThreadIds: [], createdAt: 1, updatedAt: 1 };
    const counts = { contacts: 1, companies: 0, interactions: 0, deals: 1, satisfaction: 0, followUps: 0, settings: 0 };
    const body = JSON.stringify({ ...header, counts, data: { contacts: omar.contacts, deals: [deal] } });
    const before = await count(app, 'contacts');
    await page.getByLabel('Backup file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    const problems = page.getByRole('alert', { name: 'Problems in the file' });
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/Nothing was imported.*Deals\s*1\s*amountMinor/s);
    expect(await count(app, 'contacts')).toBe(before);
    expect(await count(app, 'deals')).toBe(demoData().deals.length);
  });

  it('downloads a backup straight from the sidebar menu in Gmail', async () => {
    const app = await launch();
    await seed(app.worker, demoData());
    await serveGmail(app.context, () => fixture('thread-single.html'));
    const gmail = await app.context.newPage();
    await gmail.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
    await expect.poll(() => sidebar(gmail).getByTestId('contact-name').first().textContent(), { timeout: 10_000 }).toBe('Priya Raman');
    await sidebar(gmail).getByRole('button', { name: 'Menu' }).click();
    const [download] = await Promise.all([gmail.waitForEvent('download'), sidebar(gmail).getByRole('menuitem', { name: 'Export backup' }).click()]);
    const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(backup.counts.contacts).toBe(demoData().contacts.length);
  });
});
