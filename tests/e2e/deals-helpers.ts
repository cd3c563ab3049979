import type { Page, Worker } from 'playwright-core';

/** Every row of one table of the extension's database, read from its service worker. */
export async function readTable<T = Record<string, unknown>>(worker: Worker, table: string): Promise<T[]> {
  return worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('sidecar-crm');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

export async function expectText(locator: ReturnType<Page['locator']>, text: string | RegExp) {
  await locator.first().waitFor({ timeout: 10_000 });
  const check = (t: string | null) => (typeof text === 'string' ? (t ?? '').includes(text) : text.test(t ?? ''));
  await expect.poll(async () => check(await locator.first().textContent()), { timeout: 10_000 }).toBe(true);
}
