import { flushPromises, mount } from '@vue/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPinia, setActivePinia } from 'pinia';
import DashboardBackupsStorage from '@/components/DashboardBackupsStorage.vue';
import { formatBytes } from '@/lib/format';
import { keepStorage } from '@/lib/storage';

const manager = (persisted: boolean, grant: boolean, usage = 12_345_678) => ({
  persisted: vi.fn(async () => persisted),
  persist: vi.fn(async () => grant),
  estimate: vi.fn(async () => ({ usage, quota: 1e11 })),
});

describe('keeping the database from eviction', () => {
  it('asks for persistent storage when the browser has not granted it', async () => {
    const storage = manager(false, true);
    expect(await keepStorage(storage)).toEqual({ usedBytes: 12_345_678, persistent: true });
    expect(storage.persist).toHaveBeenCalledOnce();
  });

  it('does not ask again once granted', async () => {
    const storage = manager(true, false);
    expect((await keepStorage(storage)).persistent).toBe(true);
    expect(storage.persist).not.toHaveBeenCalled();
  });

  it('does not ask where the browser never evicts the extension (Chromium with unlimitedStorage)', async () => {
    const storage = manager(false, false);
    expect(await keepStorage(storage, true)).toEqual({ usedBytes: 12_345_678, persistent: true });
    expect(storage.persist).not.toHaveBeenCalled();
  });

  it('says so when the browser refuses, or has no storage manager', async () => {
    expect((await keepStorage(manager(false, false))).persistent).toBe(false);
    expect(await keepStorage(undefined)).toEqual({ usedBytes: null, persistent: false });
  });

  it('writes sizes as people read them', () => {
    expect(formatBytes(12_345_678, 'en')).toBe('12 MB');
    expect(formatBytes(2_500_000, 'en')).toBe('2.5 MB');
    expect(formatBytes(1_200_000_000, 'en')).toBe('1.2 GB');
    expect(formatBytes(40_000, 'en')).toBe('40 kB');
  });
});

describe('the dashboard’s storage line', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it.each([
    [true, /Stored in this browser: 12 MB\. The browser keeps it even when the disk runs low/],
    [false, /may delete it when the disk runs low: export backups often/],
  ])('granted %s', async (grant, text) => {
    const storage = manager(false, grant);
    vi.stubGlobal('navigator', { ...navigator, storage });
    // As in Firefox: the permission alone does not keep the data, persist() does.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const wrapper = mount(DashboardBackupsStorage);
    await flushPromises();
    expect(storage.persist).toHaveBeenCalledOnce();
    expect(wrapper.get('[data-testid=storage-status]').text()).toMatch(text);
  });
});
