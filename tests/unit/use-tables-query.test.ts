import { effectScope, nextTick, shallowRef } from 'vue';
import { useTablesQuery } from '@/composables/useTablesQuery';
import { SidecarDB } from '@/lib/db';
import type { Company } from '@/lib/schema';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

const company = (name: string): Company => ({ id: crypto.randomUUID(), name, domains: [], createdAt: 1, updatedAt: 1 });

describe('useTablesQuery', () => {
  let db: SidecarDB;
  beforeEach(() => {
    db = new SidecarDB(`t-${crypto.randomUUID()}`);
  });
  afterEach(() => db.delete());

  it('asks at once, again when its deps change and after a write to one of its tables, not to another', async () => {
    const prefix = shallowRef('A');
    let runs = 0;
    const written: string[][] = [];
    const scope = effectScope();
    const { data, loading } = scope.run(() =>
      useTablesQuery(
        db,
        ['companies'],
        async (_signal, since) => {
          runs++;
          written.push([...since]);
          return (await db.companies.where('name').startsWith(prefix.value).toArray()).map((c) => c.name);
        },
        [prefix],
      ),
    )!;
    // Started in the same task: no timer stands between the question and its first read.
    expect(runs).toBe(1);
    expect(loading.value).toBe(true);
    await until(() => !loading.value);
    expect(data.value).toEqual([]);

    await db.companies.add(company('Acme'));
    await until(() => data.value?.length === 1);
    expect(data.value).toEqual(['Acme']);
    // Each run is told which of its tables were written since the one before it.
    expect(written.at(-1)).toEqual(['companies']);

    const before = runs;
    await db.contacts.add({ id: crypto.randomUUID(), name: 'Thandi', emails: [], tags: [], createdAt: 1, updatedAt: 1 });
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(before);

    prefix.value = 'I';
    await nextTick();
    expect(data.value).toBeUndefined();
    expect(written.at(-1)).toEqual([]);
    await db.companies.add(company('Initech'));
    await until(() => data.value?.[0] === 'Initech');
    scope.stop();
  });

  it('keeps only the newest question’s answer, however late an older one arrives', async () => {
    const which = shallowRef(1);
    const answers = new Map<number, (value: string) => void>();
    const aborted: number[] = [];
    const scope = effectScope();
    const { data } = scope.run(() =>
      useTablesQuery(
        db,
        ['companies'],
        (signal) => {
          const asked = which.value;
          signal.addEventListener('abort', () => aborted.push(asked));
          return new Promise<string>((resolve) => answers.set(asked, resolve));
        },
        [which],
        { keepPrevious: true },
      ),
    )!;
    which.value = 2;
    await nextTick();
    answers.get(2)!('second');
    await until(() => data.value === 'second');
    answers.get(1)!('first');
    await new Promise((r) => setTimeout(r, 10));
    expect(data.value).toBe('second');
    expect(aborted).toEqual([1]);
    scope.stop();
  });

  it('lets a run that a write came during finish, keeping what is shown, then asks once for every write since', async () => {
    const answers: ((value: number) => void)[] = [];
    const told: string[][] = [];
    let aborted = 0;
    const scope = effectScope();
    const { data, loading } = scope.run(() =>
      useTablesQuery(
        db,
        ['companies'],
        (signal, written) => {
          told.push([...written]);
          signal.addEventListener('abort', () => aborted++);
          return new Promise<number>((resolve) => answers.push(resolve));
        },
        [],
      ),
    )!;
    answers[0]!(1);
    await until(() => data.value === 1);
    await db.companies.add(company('Acme'));
    await until(() => answers.length === 2);
    // Two more writes while the second run reads: it goes on, and what is shown stays.
    await db.companies.add(company('Initech'));
    await db.companies.add(company('Umbrella'));
    await new Promise((r) => setTimeout(r, 20));
    expect(answers).toHaveLength(2);
    expect([data.value, loading.value]).toEqual([1, false]);
    answers[1]!(2);
    await until(() => answers.length === 3);
    expect(data.value).toBe(2);
    answers[2]!(3);
    await until(() => data.value === 3);
    expect(aborted).toBe(0);
    expect(told).toEqual([[], ['companies'], ['companies']]);
    scope.stop();
  });

  it('stops listening when its scope ends, and reports a failing query as an error', async () => {
    let runs = 0;
    const scope = effectScope();
    const { error, loading } = scope.run(() =>
      useTablesQuery(
        db,
        ['companies'],
        () => {
          runs++;
          return Promise.reject(new Error('quota exceeded'));
        },
        [],
      ),
    )!;
    await until(() => !loading.value);
    expect(String(error.value)).toContain('quota exceeded');
    scope.stop();
    await db.companies.add(company('Acme'));
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(1);
  });
});
