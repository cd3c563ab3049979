import type { Worker } from 'playwright-core';
import type { WxtBrowser } from 'wxt/browser';
import type { launchWithExtension } from '../../scripts/chromium.mjs';
import type { FollowUp } from '../../lib/schema';

/** Evaluated inside the extension, where Chrome's own API is the global `chrome`. */
declare const chrome: WxtBrowser;

type App = Awaited<ReturnType<typeof launchWithExtension>>;

/** Every follow-up row in the extension's database, read from its service worker. */
export function followUpsInDb(worker: Worker): Promise<FollowUp[]> {
  return worker.evaluate(
    () =>
      new Promise<FollowUp[]>((resolve, reject) => {
        const open = indexedDB.open('sidecar-crm');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('followUps').objectStore('followUps').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as FollowUp[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** The toolbar badge's text. */
export function badgeText(worker: Worker): Promise<string> {
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** The ids of the notifications the extension shows. */
export function notificationIds(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

/**
 * Tells the background that follow-ups changed, the way the sidebar does after a write, from an
 * extension page: records seeded straight into the database announce nothing by themselves.
 */
export async function announceChange(app: App): Promise<void> {
  const page = await app.context.newPage();
  try {
    await page.goto(`chrome-extension://${app.extensionId}/sidebar.html`);
    await page.evaluate(() => chrome.runtime.sendMessage({ source: 'sidecar-crm', type: 'followups-changed' }).catch(() => {}));
  } finally {
    await page.close();
  }
}
