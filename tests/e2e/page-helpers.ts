import type { Worker } from 'playwright-core';

/** Every table of the extension's database, each row as stored, read from its service worker. */
export function dumpDatabase(worker: Worker): Promise<Record<string, unknown[]>> {
  return worker.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('sidecar-crm');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const dump: Record<string, unknown[]> = {};
          for (const name of names) {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => (dump[name] = request.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(dump);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
