import type { WxtBrowser } from 'wxt/browser';
import type { Hello } from '@/lib/messages';

/**
 * Delivers the frame's hello to the content script of its own tab's top frame. Chromium gives
 * the frame `tabs`; Firefox runs it in Gmail's process with content-script APIs only, where
 * `tabs` is undefined, and the background relays it instead (entrypoints/background/hello-relay.ts).
 */
export async function sendHello(browser: WxtBrowser, hello: Hello): Promise<void> {
  if (!browser.tabs) {
    await browser.runtime.sendMessage(hello);
    return;
  }
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) throw new Error('The sidebar is not inside a Gmail tab.');
  // frameId 0: only the content script of the top frame, never one in Gmail's own iframes.
  await browser.tabs.sendMessage(tab.id, hello, { frameId: 0 });
}
