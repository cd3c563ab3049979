import { applyImport, previewImport } from '@/lib/backup/apply';
import { exportBackup } from '@/lib/backup/export';
import { readBackup } from '@/lib/backup/read';
import { REVISION_KEY } from '@/lib/db-revision';
import { dueUnnotified, markNotified } from '@/lib/followups';
import type { SidecarDB } from '@/lib/db';
import { twoMachines, uuid } from './backup-helpers';

let a: SidecarDB;
let b: SidecarDB;
beforeEach(async () => {
  [a, b] = await twoMachines();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await a.delete();
  await b.delete();
});

const revision = async (db: SidecarDB) => (await db.settings.get(REVISION_KEY))?.value;
const fileOf = async (db: SidecarDB) => (await readBackup((await exportBackup(db, 1)).blob)).data;

describe('the database revision', () => {
  it('changes with every write transaction, whichever tables it covers, and not with reads', async () => {
    const r0 = await revision(b);
    await b.contacts.update(uuid(101), { name: 'Priya R.', updatedAt: 2 });
    const r1 = await revision(b);
    expect(r1).not.toBe(r0);
    await b.transaction('rw', b.deals, () => b.deals.update(uuid(120), { stage: 'won', updatedAt: 3 }));
    const r2 = await revision(b);
    expect(r2).not.toBe(r1);
    await b.contacts.toArray();
    await b.transaction('r', b.tables, () => b.interactions.count());
    expect(await revision(b)).toBe(r2);
  });

  it('stays when a write transaction writes nothing, like the reminder check with nothing due', async () => {
    const before = await revision(b);
    await markNotified(b, await dueUnnotified(b, Date.now()), Date.now());
    await b.transaction('rw', b.contacts, () => b.contacts.bulkPut([]));
    expect(await revision(b)).toBe(before);
  });

  it('is rolled back with a transaction that fails', async () => {
    const before = await revision(b);
    await expect(
      b.transaction('rw', b.contacts, async () => {
        await b.contacts.update(uuid(101), { name: 'Never saved', updatedAt: 2 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await revision(b)).toBe(before);
    expect((await b.contacts.get(uuid(101)))?.name).toBe('Priya Raman');
  });
});

describe('applying a previewed import', () => {
  it('applies the preview without reading the database again when nothing was written since', async () => {
    const data = await fileOf(a);
    const preview = await previewImport(b, data);
    const cursors = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    const plan = await applyImport(b, data, preview);
    expect(cursors).not.toHaveBeenCalled();
    expect(plan).toBe(preview.plan);
    expect(await b.contacts.count()).toBe(4);
  });

  it('plans again when the database changed after the preview, so a newer local edit is kept', async () => {
    await a.contacts.update(uuid(1), { name: 'Priya (from the laptop)', updatedAt: 1_700_000_000_100 });
    const data = await fileOf(a);
    await b.contacts.put({ ...(await a.contacts.get(uuid(1)))!, name: 'Priya (old copy)', updatedAt: 1_700_000_000_000 });
    const preview = await previewImport(b, data);
    expect(preview.plan.contacts.updated).toBe(1);
    // Edited on this machine while the preview was on screen.
    await b.contacts.update(uuid(1), { name: 'Priya (edited just now)', updatedAt: 1_700_000_000_200 });
    const plan = await applyImport(b, data, preview);
    expect(plan.contacts.updated).toBe(0);
    expect((await b.contacts.get(uuid(1)))?.name).toBe('Priya (edited just now)');
  });

  it('does not take a preview made for another file', async () => {
    const data = await fileOf(a);
    const other = await fileOf(b);
    const preview = await previewImport(b, other);
    const plan = await applyImport(b, data, preview);
    expect(plan).not.toBe(preview.plan);
    expect(plan.contacts.added).toBe(2);
  });
});

describe('progress of a long export or import', () => {
  const rising = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

  it('counts up to the whole: records exported, bytes read, local records compared, records written', async () => {
    // Enough contacts for the local read to come in several pages.
    const t = 1_700_000_000_000;
    await a.contacts.bulkPut(Array.from({ length: 1200 }, (_, i) => ({ id: uuid(1000 + i), name: `P ${i}`, emails: [`p${i}@x.example`], tags: [], createdAt: t, updatedAt: t })));
    const exported: [number, number][] = [];
    const { blob, counts } = await exportBackup(a, 1, (done, total) => exported.push([done, total]));
    const all = Object.values(counts).reduce((x, y) => x + y, 0);
    expect(exported.length).toBeGreaterThan(2);
    expect(rising(exported.map(([d]) => d))).toBe(true);
    expect(exported.at(-1)).toEqual([all, all]);

    const fractions: number[] = [];
    const { data } = await readBackup(new Blob([await blob.arrayBuffer()]), undefined, (f) => fractions.push(f));
    expect(rising(fractions)).toBe(true);
    expect(fractions.at(-1)).toBe(1);

    const compared: number[] = [];
    const preview = await previewImport(b, data, (n) => compared.push(n));
    expect(rising(compared)).toBe(true);
    expect(compared.at(-1)).toBe((await b.contacts.count()) + (await b.interactions.count()) + (await b.deals.count()));

    const written: [number, number][] = [];
    const plan = await applyImport(b, data, preview, (done, total) => written.push([done, total]));
    const puts = Object.values(plan).reduce((n, table) => n + table.put.length, 0) - plan.settings.put.length;
    expect(puts).toBeGreaterThan(1200);
    expect(rising(written.map(([d]) => d))).toBe(true);
    expect(written.at(-1)).toEqual([puts, puts]);
  });
});
