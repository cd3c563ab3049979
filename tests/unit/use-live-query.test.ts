import { effectScope, nextTick, shallowRef } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { SidecarDB } from '@/lib/db';
import type { Company } from '@/lib/schema';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

const company = (name: string, domain: string): Company => ({
  id: crypto.randomUUID(),
  name,
  domains: [domain],
  createdAt: 1,
  updatedAt: 1,
});

describe('useLiveQuery', () => {
  let db: SidecarDB;
  beforeEach(() => {
    db = new SidecarDB(`t-${crypto.randomUUID()}`);
  });
  afterEach(() => db.delete());

  it('follows writes to the tables it read, and the deps it was given', async () => {
    await db.companies.add(company('Acme', 'acme.example'));
    const domain = shallowRef('acme.example');
    const scope = effectScope();
    const { data, loading } = scope.run(() =>
      useLiveQuery(() => db.companies.where('domains').equals(domain.value).first(), [domain]),
    )!;
    expect(loading.value).toBe(true);
    await until(() => data.value?.name === 'Acme');

    domain.value = 'initech.example';
    await nextTick();
    // The previous answer is gone at once, so a stale company is never shown for a new thread.
    expect(data.value).toBeUndefined();
    await until(() => !loading.value);
    expect(data.value).toBeUndefined();

    await db.companies.add(company('Initech', 'initech.example'));
    await until(() => data.value?.name === 'Initech');
    scope.stop();
  });

  it('stops listening when its scope ends', async () => {
    const scope = effectScope();
    const { data } = scope.run(() => useLiveQuery(() => db.companies.count()))!;
    await until(() => data.value === 0);
    scope.stop();
    await db.companies.add(company('Acme', 'acme.example'));
    await new Promise((r) => setTimeout(r, 50));
    expect(data.value).toBe(0);
  });

  it('reports a failing query as an error', async () => {
    const scope = effectScope();
    const { error, loading } = scope.run(() =>
      useLiveQuery(() => Promise.reject(new Error('quota exceeded'))),
    )!;
    await until(() => !loading.value);
    expect(String(error.value)).toContain('quota exceeded');
    scope.stop();
  });
});
