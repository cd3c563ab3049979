import Dexie from 'dexie';

/**
 * Every record of `store`, in primary-key order, handed to `visit` in pages of `pageSize`, read
 * with one native cursor of the current Dexie transaction. In Chromium a cursor reads about 1.5x
 * as many rows per second as Dexie's paged toArray (getAll), which is what export and import time
 * is made of at a million rows (bench/RESULTS.md). `visit` must not await: the transaction only
 * stays open while the cursor has a request pending.
 */
export function scanStore<T>(store: string, pageSize: number, visit: (page: T[]) => void): Promise<number> {
  const trans = Dexie.currentTransaction?.idbtrans;
  if (!trans) return Promise.reject(new Error(`scanStore(${store}) must run inside a transaction`));
  return new Promise((resolve, reject) => {
    let page: T[] = [];
    let total = 0;
    const request = trans.objectStore(store).openCursor();
    request.onerror = () => reject(request.error ?? new Error(`reading ${store} failed`));
    request.onsuccess = () => {
      try {
        const cursor = request.result;
        if (cursor) page.push(cursor.value as T);
        if (page.length && (!cursor || page.length >= pageSize)) {
          total += page.length;
          const full = page;
          page = [];
          visit(full);
        }
        if (cursor) cursor.continue();
        else resolve(total);
      } catch (e) {
        reject(e);
      }
    };
  });
}
