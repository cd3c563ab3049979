import type { WxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startHelloRelay } from '@/entrypoints/background/hello-relay';
import { sendHello } from '@/entrypoints/sidebar/hello';
import { openExtensionPage } from '@/lib/open-page';
import { SOURCE, type Hello } from '@/lib/messages';

// WXT's fake browser is typed after webextension-polyfill, the product after Chrome's types.
const browser = fakeBrowser as unknown as WxtBrowser;
const hello: Hello = { source: SOURCE, type: 'hello', token: 'a'.repeat(48) };
const gmailTab = { id: 7 } as Browser.tabs.Tab;
const fromSidebar = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidebar.html'), tab: gmailTab, frameId: 12 });

describe('the hello relay (Firefox: the sidebar frame has no tabs API)', () => {
  let delivered: unknown[][];
  beforeEach(() => {
    fakeBrowser.reset();
    delivered = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (...args: unknown[]) => {
      delivered.push(args);
      return undefined;
    });
    startHelloRelay(browser);
  });
  const send = (message: unknown, sender: object) => fakeBrowser.runtime.onMessage.trigger(message, sender);

  it('passes our sidebar page’s hello to the top frame of the tab it came from, and answers once delivered', async () => {
    expect(await send(hello, fromSidebar())).toEqual([true]);
    expect(delivered).toEqual([[7, hello, { frameId: 0 }]]);
  });

  it.each([
    ['another extension', { ...fromSidebar(), id: 'someone-else@example' }],
    ['our dashboard', { ...fromSidebar(), url: fakeBrowser.runtime.getURL('/dashboard.html') }],
    ['Gmail’s page', { ...fromSidebar(), url: 'https://mail.google.com/mail/u/0/' }],
    ['a page outside any tab', { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidebar.html') }],
  ])('relays nothing from %s', async (_, sender) => {
    expect(await send(hello, sender)).toEqual([undefined]);
    expect(delivered).toEqual([]);
  });

  it('relays nothing that is not a well-formed hello', async () => {
    for (const message of [{ ...hello, token: 'short' }, { ...hello, type: 'port' }, { source: SOURCE, type: 'followups-changed' }, null]) {
      expect(await send(message, fromSidebar())).toEqual([undefined]);
    }
    expect(delivered).toEqual([]);
  });
});

describe('the sidebar frame', () => {
  beforeEach(() => fakeBrowser.reset());

  it('sends its hello through the background where it has no tabs API, and fails loudly when that fails', async () => {
    const relayed: unknown[] = [];
    const withoutTabs = {
      runtime: {
        sendMessage: async (m: unknown) => {
          relayed.push(m);
          if (relayed.length > 1) throw new Error('Could not establish connection. Receiving end does not exist.');
          return true;
        },
      },
    } as unknown as WxtBrowser;
    await sendHello(withoutTabs, hello);
    expect(relayed).toEqual([hello]);
    await expect(sendHello(withoutTabs, hello)).rejects.toThrow('Receiving end does not exist');
  });

  it('sends its hello straight to its own tab’s top frame where it has the tabs API', async () => {
    vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockResolvedValue(gmailTab as never);
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await sendHello(browser, hello);
    expect(sent).toHaveBeenCalledWith(7, hello, { frameId: 0 });
  });

  it('opens the dashboard in a new tab, through window.open where the frame has no tabs API', () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    const win = { open: vi.fn() } as unknown as Window;
    openExtensionPage('/dashboard.html#backups', win);
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/dashboard.html#backups') });

    const tabs = Object.getOwnPropertyDescriptor(fakeBrowser, 'tabs')!;
    Object.defineProperty(fakeBrowser, 'tabs', { value: undefined, configurable: true });
    try {
      openExtensionPage('/dashboard.html#backups', win);
    } finally {
      Object.defineProperty(fakeBrowser, 'tabs', tabs);
    }
    expect(win.open).toHaveBeenCalledWith(fakeBrowser.runtime.getURL('/dashboard.html#backups'), '_blank', 'noopener');
  });
});
