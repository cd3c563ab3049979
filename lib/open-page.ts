import { browser } from 'wxt/browser';

type PagePath = Parameters<typeof browser.runtime.getURL>[0];

/**
 * Opens one of our pages in a new tab. Firefox's sidebar frame has no `tabs` (it runs with the
 * content-script APIs only), and there a link-like `window.open` from the click does the same.
 */
export function openExtensionPage(path: PagePath, win: Window = window): void {
  const url = browser.runtime.getURL(path);
  if (browser.tabs) void browser.tabs.create({ url });
  else win.open(url, '_blank', 'noopener');
}
