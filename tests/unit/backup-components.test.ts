import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import DashboardBackups from '@/components/DashboardBackups.vue';
import TheDashboard from '@/components/TheDashboard.vue';
import { dumpDatabase } from '@/lib/backup/apply';
import { exportBackup } from '@/lib/backup/export';
import { db } from '@/lib/db';
import { freshDb, seedSample, uuid } from './backup-helpers';

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

async function choose(wrapper: ReturnType<typeof mount>, label: string, file: File) {
  const input = wrapper.findAll('label.field').find((l) => l.text().includes(label))!.get('input');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

describe('the Backups section', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    setActivePinia(createPinia());
  });

  it('is selected by dashboard.html#backups', async () => {
    location.hash = '#backups';
    const dashboard = mount(TheDashboard);
    await until(() => dashboard.find('#backups-title').exists());
    location.hash = '';
  });

  it('reminds about a backup older than a week, and not about a fresh one', async () => {
    await db.settings.put({ key: 'lastBackupAt', value: Date.now() - 8 * 86_400_000 });
    const section = mount(DashboardBackups);
    await until(() => section.text().includes('more than a week old'));
    await db.settings.put({ key: 'lastBackupAt', value: Date.now() });
    await until(() => !section.text().includes('more than a week old'));
  });

  it('says how far it got while a file is read, and stops saying it once the preview is there', async () => {
    const other = freshDb();
    await seedSample(other, 100);
    const bytes = new Uint8Array(await (await exportBackup(other)).blob.arrayBuffer());
    await other.delete();
    // The second half of the file arrives when the test lets it, as from a slow disk.
    let release!: () => void;
    const later = new Promise<void>((r) => (release = r));
    const half = Math.floor(bytes.length / 2);
    const slow = new File([bytes], 'backup.json');
    Object.defineProperty(slow, 'stream', {
      value: () =>
        new ReadableStream<Uint8Array>({
          async start(c) {
            c.enqueue(bytes.slice(0, 64));
            c.enqueue(bytes.slice(64, half));
            await later;
            c.enqueue(bytes.slice(half));
            c.close();
          },
        }),
    });
    const section = mount(DashboardBackups);
    await choose(section, 'Backup file', slow);
    await until(() => section.find('[data-testid=backup-progress]').exists());
    expect(section.get('[data-testid=backup-progress]').text()).toBe(`Reading and checking the file: ${Math.floor((half / bytes.length) * 100)}%`);
    release();
    await until(() => section.find('[data-testid=preview-contacts]').exists());
    expect(section.find('[data-testid=backup-progress]').exists()).toBe(false);
  });

  it('previews a backup from another machine, then merges it on Apply', async () => {
    const other = freshDb();
    await seedSample(other, 100);
    const { blob } = await exportBackup(other);
    await other.delete();
    await seedSample(db);
    const section = mount(DashboardBackups);
    await choose(section, 'Backup file', new File([blob], 'backup.json'));
    await until(() => section.find('[data-testid=preview-contacts]').exists());
    expect(section.get('[data-testid=preview-contacts]').text()).toMatch(/Contacts\s*2\s*0\s*0\s*2/);
    expect(await db.contacts.count()).toBe(2);
    await section.findAll('button').find((b) => b.text() === 'Apply')!.trigger('click');
    await until(() => section.text().includes('Imported: '));
    expect(await db.contacts.count()).toBe(4);
  });

  it('names a contact here that the file would rename before Apply, and shows the names isolated', async () => {
    const other = freshDb();
    await seedSample(other);
    const priya = (await other.contacts.get(uuid(1)))!;
    await other.contacts.put({ ...priya, name: 'Priya Raman-Shah', updatedAt: priya.updatedAt + 1 });
    const { blob } = await exportBackup(other);
    await other.delete();
    await seedSample(db);
    const section = mount(DashboardBackups);
    await choose(section, 'Backup file', new File([blob], 'backup.json'));
    await until(() => section.find('[data-testid=preview-affected]').exists());
    const item = section.get('[data-testid=preview-affected]');
    expect(item.text().replace(/\s+/g, ' ')).toBe('Priya Raman would be renamed Priya Raman-Shah');
    expect(item.findAll('bdi').map((b) => b.text())).toEqual(['Priya Raman', 'Priya Raman-Shah']);
    expect((await db.contacts.get(uuid(1)))?.name).toBe('Priya Raman');
  });

  it('shows table, row and field of a broken file and changes nothing', async () => {
    await seedSample(db);
    const text = await (await exportBackup(db)).blob.text();
    const before = await dumpDatabase(db);
    const section = mount(DashboardBackups);
    await choose(section, 'Backup file', new File([text.replace('"amountMinor":120000', '"amountMinor":-1')], 'bad.json'));
    await until(() => section.find('[aria-label="Problems in the file"]').exists());
    const problems = section.get('[aria-label="Problems in the file"]').text();
    expect(problems).toContain('Nothing was imported');
    expect(problems).toMatch(/Deals\s*1\s*amountMinor/);
    expect(await dumpDatabase(db)).toBe(before);
  });

  it('previews a vCard import with matches and broken cards', async () => {
    await seedSample(db);
    const section = mount(DashboardBackups);
    const vcf = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya R.\r\nEMAIL:priya@acme.example\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Mail\r\nEND:VCARD\r\n';
    await choose(section, 'Contacts file', new File([vcf], 'people.vcf'));
    await until(() => section.find('[aria-label="Contacts preview"]').exists());
    const preview = section.get('[aria-label="Contacts preview"]').text();
    expect(preview).toContain('Card 1: Priya R. — merged into Priya Raman');
    expect(preview).toMatch(/Card 2 \(No Mail\), emails: has no email address/);
  });
});
