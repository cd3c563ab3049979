import type { Browser, WxtBrowser } from 'wxt/browser';
import { Hello } from '@/lib/messages';

/**
 * Firefox runs the sidebar frame inside Gmail's process with the content-script APIs only (no
 * `tabs`), so the frame cannot reach its tab's content script itself: its hello comes here and
 * goes on to the top frame of the tab it came from. Only our own sidebar page is relayed, never
 * to another tab; the content script still checks the token, so a relayed hello proves nothing
 * by itself. Chromium's frame has `tabs` and never uses this.
 */
export function startHelloRelay(browser: WxtBrowser): void {
  const sidebarUrl = browser.runtime.getURL('/sidebar.html');

  const fromSidebar = (sender: Browser.runtime.MessageSender): boolean => {
    if (sender.id !== browser.runtime.id || typeof sender.url !== 'string') return false;
    const url = new URL(sender.url);
    url.hash = '';
    url.search = '';
    return url.href === sidebarUrl;
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !fromSidebar(sender)) return undefined;
    const hello = Hello.safeParse(message);
    if (!hello.success) return undefined;
    // frameId 0: the content script of the top frame, never one in Gmail's own iframes.
    return browser.tabs.sendMessage(tabId, hello.data, { frameId: 0 }).then(() => true);
  });
}
