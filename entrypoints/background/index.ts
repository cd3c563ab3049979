import { browser } from 'wxt/browser';
import { z } from 'zod';
import { db } from '@/lib/db';
import { startFollowUps } from './followups';
import { startHelloRelay } from './hello-relay';

export default defineBackground(() => {
  // Extension contexts forbid eval; without this zod probes for it and logs a CSP violation.
  z.config({ jitless: true });
  // Synchronously, at the top of main: a service worker woken by an alarm, a click or a message
  // only delivers that event to listeners registered before main returns.
  startFollowUps(browser, db);
  startHelloRelay(browser);
  // The toolbar button opens the dashboard: contacts, backups.
  (browser.action ?? browser.browserAction).onClicked.addListener(() => {
    void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
  });
});
