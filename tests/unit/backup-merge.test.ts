import fc from 'fast-check';
import { canonicalJson, emptyData, RECORD_TABLES, type Records } from '@/lib/backup/format';
import { mergeRecords, planMerge } from '@/lib/backup/merge';
import { LocalSubset, planSubset } from '@/lib/backup/subset';
import { compareVersions, sameVersion } from '@/lib/backup/versions';
import { threeMachines, twoMachines } from './backup-arbitraries';

const same = (a: Records, b: Records) => expect(canonicalJson(b)).toBe(canonicalJson(a));
/**
 * What the user can see: every live record exactly, and which records are deleted. A contact
 * folded into another keeps, in its tombstone, the addresses it had when it was folded, which
 * depends on the order; those addresses all belong to the survivor either way.
 */
const visible = (r: Records) =>
  Object.fromEntries(
    Object.entries(r).map(([t, rows]) => [t, (rows as { id: string; deletedAt?: number }[]).map((x) => (x.deletedAt === undefined ? x : { id: x.id, deleted: true }))]),
  );
const sameForUser = (a: Records, b: Records) => expect(canonicalJson(visible(b))).toBe(canonicalJson(visible(a)));
const RUNS = { numRuns: 1000 };

describe('merge laws over random histories', () => {
  it('is idempotent: importing the same file twice changes nothing', () => {
    fc.assert(
      fc.property(twoMachines, ([local, file]) => {
        const once = mergeRecords(local, file);
        same(once, mergeRecords(once, file));
      }),
      RUNS,
    );
  });

  it('is commutative: A then B gives the same database as B then A', () => {
    fc.assert(
      fc.property(threeMachines, ([local, a, b]) => {
        sameForUser(mergeRecords(mergeRecords(local, a), b), mergeRecords(mergeRecords(local, b), a));
      }),
      RUNS,
    );
  });

  it('never undoes a deletion with an older record', () => {
    fc.assert(
      fc.property(twoMachines, ([local, file]) => {
        const merged = mergeRecords(local, file);
        for (const table of ['contacts', 'interactions', 'deals'] as const) {
          for (const dead of [...local[table], ...file[table]].filter((r) => r.deletedAt !== undefined)) {
            const now = merged[table].find((r) => r.id === dead.id)!;
            if (now.updatedAt <= dead.updatedAt) expect(now.deletedAt).toBeDefined();
          }
        }
      }),
      RUNS,
    );
  });

  it('leaves one live contact per address and one live interaction per Gmail message', () => {
    fc.assert(
      fc.property(twoMachines, ([local, file]) => {
        const merged = mergeRecords(local, file);
        const liveEmails = merged.contacts.filter((c) => c.deletedAt === undefined).flatMap((c) => c.emails);
        expect(new Set(liveEmails).size).toBe(liveEmails.length);
        const liveMessages = merged.interactions.filter((i) => i.deletedAt === undefined && i.gmailMessageId).map((i) => i.gmailMessageId);
        expect(new Set(liveMessages).size).toBe(liveMessages.length);
      }),
      RUNS,
    );
  });
});

/** Feeds `local` to a LocalSubset the way apply does: table by table, in pages, then the extra messages by index. */
function subsetOf(local: Records, file: Records, pageSize: number): LocalSubset {
  const subset = new LocalSubset(file);
  for (const t of RECORD_TABLES) {
    const rows = [...local[t]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let i = 0; i < rows.length; i += pageSize) subset.add(t, rows.slice(i, i + pageSize) as never);
  }
  const extra = new Set(subset.extraMessages());
  subset.addExtra(local.interactions.filter((r) => r.gmailMessageId !== undefined && extra.has(r.gmailMessageId)));
  return subset;
}

describe('planning on the part of the database an import touches', () => {
  it('gives the same plan as planning on the whole database', () => {
    fc.assert(
      fc.property(twoMachines, fc.integer({ min: 1, max: 4 }), fc.subarray([...RECORD_TABLES]), ([local, whole], pageSize, tables) => {
        // Files that hold only some tables too, so that local duplicates the file does not mention occur.
        const file = { ...whole, ...Object.fromEntries(tables.map((t) => [t, []])) } as Records;
        const sorted = { ...local, ...Object.fromEntries(RECORD_TABLES.map((t) => [t, [...local[t]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))])) } as Records;
        expect(canonicalJson(planSubset(subsetOf(sorted, file, pageSize), file))).toBe(canonicalJson(planMerge(sorted, file)));
      }),
      RUNS,
    );
  });

  it('gives the same plan when re-importing a merged database, which holds the file itself', () => {
    fc.assert(
      fc.property(threeMachines, ([local, a, b]) => {
        const merged = mergeRecords(mergeRecords(local, a), b);
        for (const file of [a, b, merged]) expect(canonicalJson(planSubset(subsetOf(merged, file, 3), file))).toBe(canonicalJson(planMerge(merged, file)));
      }),
      RUNS,
    );
  });

  it('compares versions exactly as their canonical JSON does', () => {
    fc.assert(
      fc.property(twoMachines, ([x, y]) => {
        for (const t of RECORD_TABLES) {
          for (const a of [...x[t], ...y[t]]) {
            for (const b of [...x[t], ...y[t]]) {
              const copy = JSON.parse(JSON.stringify(b)) as typeof b;
              expect(sameVersion(a, copy)).toBe(canonicalJson(a) === canonicalJson(b));
              const ja = canonicalJson(a);
              const jb = canonicalJson(b);
              const slow = a.updatedAt !== b.updatedAt ? a.updatedAt - b.updatedAt : (a.deletedAt === undefined) !== (b.deletedAt === undefined) ? (a.deletedAt === undefined ? -1 : 1) : ja === jb ? 0 : ja > jb ? 1 : -1;
              expect(Math.sign(compareVersions(a, copy))).toBe(Math.sign(slow));
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('merge rules', () => {
  const base = { createdAt: 1, name: 'Priya', tags: [] as string[] };
  const id1 = '00000000-0000-4000-8000-000000000001';
  const id2 = '00000000-0000-4000-8000-000000000002';

  it('keeps the newer edit of a record, whichever side it is on', () => {
    const older = { ...emptyData(), contacts: [{ ...base, id: id1, emails: [], updatedAt: 1, title: 'Old' }] };
    const newer = { ...emptyData(), contacts: [{ ...base, id: id1, emails: [], updatedAt: 2, title: 'New' }] };
    expect(mergeRecords(older, newer).contacts[0]!.title).toBe('New');
    expect(mergeRecords(newer, older).contacts[0]!.title).toBe('New');
  });

  it('folds two contacts owning one address into the smaller id and moves their records', () => {
    const local = {
      ...emptyData(),
      contacts: [{ ...base, id: id2, emails: ['p@acme.example', 'p2@acme.example'], updatedAt: 5, phone: '555' }],
      deals: [{ id: '00000000-0000-4000-8000-000000000021', contactId: id2, title: 'Deal', stage: 'lead' as const, amountMinor: 1, currency: 'EUR', gmailThreadIds: [], createdAt: 1, updatedAt: 1 }],
    };
    const file = { ...emptyData(), contacts: [{ ...base, id: id1, emails: ['p@acme.example'], updatedAt: 3 }] };
    const merged = mergeRecords(local, file);
    const [kept, gone] = merged.contacts;
    expect(kept).toMatchObject({ id: id1, emails: ['p@acme.example', 'p2@acme.example'] });
    expect(gone!.deletedAt).toBeDefined();
    expect(merged.deals[0]!.contactId).toBe(id1);
    const plan = planMerge(local, file);
    expect(plan.contacts).toMatchObject({ added: 1, deleted: 1 });
    expect(plan.deals).toMatchObject({ updated: 1 });
  });
});
