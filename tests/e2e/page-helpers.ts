import type { BrowserContext, Page, Request, Worker } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';

/** Evaluated inside the extension, where Chrome's own API is the global `chrome`. */
declare const chrome: WxtBrowser;

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

export interface Recorded {
  url: string;
  /** 'worker' for the background service worker, else the URL of the frame that asked. */
  from: string;
  type: string;
}

/**
 * Records every request the context makes: pages, their frames (the sidebar frame included),
 * the content script (which uses its page's network) and the service worker (Playwright 1.65
 * reports a worker's requests by default), plus WebSockets, which are no `request`.
 * `leaks()` are the ones that are neither the extension's own files nor the served Gmail pages.
 */
export function recordRequests(context: BrowserContext, extensionId: string) {
  const requests: Recorded[] = [];
  const origin = `chrome-extension://${extensionId}/`;
  const from = (request: Request) => {
    if (request.serviceWorker()) return 'worker';
    try {
      return request.frame().url();
    } catch {
      return 'unknown';
    }
  };
  context.on('request', (request) => requests.push({ url: request.url(), from: from(request), type: request.resourceType() }));
  const watchSockets = (page: Page) => page.on('websocket', (ws) => requests.push({ url: ws.url(), from: page.url(), type: 'websocket' }));
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);

  const ours = ({ url, type }: Recorded) =>
    url.startsWith(origin) ||
    url.startsWith(`blob:${origin}`) ||
    url.startsWith('data:') ||
    // The saved Gmail pages the test itself serves in place of the real site, and nothing else there.
    (type === 'document' && url.startsWith('https://mail.google.com/mail/'));
  return { requests, leaks: () => requests.filter((r) => !ours(r)) };
}

/**
 * Stops the background service worker and wakes it with a message, so that its start happens
 * while the test listens (the first start comes with the browser's, before any listener).
 * Returns the epoch ms at which the new instance started.
 */
export async function restartBackground(context: BrowserContext, worker: Worker, extensionId: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/sidebar.html`);
    const cdp = await context.newCDPSession(page);
    const running = new Map<string, string>();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => versions.forEach((v) => running.set(v.versionId, v.runningStatus)));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => [...running.values()]).toContain('running');
    const stoppedAt = Date.now();
    for (const versionId of running.keys()) await cdp.send('ServiceWorker.stopWorker', { versionId });
    await expect.poll(() => [...running.values()]).not.toContain('running');
    await page.evaluate(() => chrome.runtime.sendMessage({ source: 'sidecar-crm', type: 'followups-changed' }).catch(() => {}));
    const startedAt = await worker.evaluate(() => performance.timeOrigin);
    expect(startedAt).toBeGreaterThan(stoppedAt);
    return startedAt;
  } finally {
    await page.close();
  }
}
