import { readAccount } from '@/lib/gmail/read-account';
import { watchSend } from '@/lib/gmail/send';
import { readTheme } from '@/lib/gmail/theme';
import { GMAIL_MATCH } from '@/lib/gmail/urls';
import { watchThread } from '@/lib/gmail/watch';
import type { GmailThread, ToFrame } from '@/lib/messages';
import { SOURCE } from '@/lib/protocol';
import { mountSidebarFrame } from './frame';
import { acceptFrameChannel } from './channel';
import { installShortcuts } from './shortcuts';

const COLLAPSED_KEY = 'sidebarCollapsed';

/**
 * Runs on every Gmail visit, so it stays tiny: no Vue, no Dexie, no zod. It reads what the
 * page shows, mounts the sidebar frame, and hands the frame what it saw over a private port.
 */
export default defineContentScript({
  matches: [GMAIL_MATCH],
  runAt: 'document_idle',
  // WXT's legacy announcement would tell Gmail's scripts that we are here; the event form is enough.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    if (window.top !== window) return; // Gmail's own iframes (compose, hangouts) get nothing.

    const stored = await browser.storage.local.get(COLLAPSED_KEY);
    if (ctx.isInvalid) return;
    const frame = mountSidebarFrame(document, browser.runtime.getURL('/sidebar.html'), stored[COLLAPSED_KEY] === true);
    ctx.onInvalidated(frame.remove);

    const setCollapsed = (collapsed: boolean) => {
      frame.setCollapsed(collapsed);
      void browser.storage.local.set({ [COLLAPSED_KEY]: collapsed });
    };

    let latest: ToFrame = { source: SOURCE, type: 'thread', thread: null, account: null };
    const channel = acceptFrameChannel({
      ctx,
      frame: frame.element,
      onConnect: (send) => {
        send({ source: SOURCE, type: 'layout', collapsed: frame.collapsed });
        send({ source: SOURCE, type: 'theme', theme: readTheme(document, window) });
        send(latest);
      },
      onCollapse: setCollapsed,
    });

    installShortcuts(ctx, (shortcut) => {
      const collapse = shortcut === 'toggle' && !frame.collapsed;
      setCollapsed(collapse);
      channel.send({ source: SOURCE, type: 'layout', collapsed: collapse });
      // Keyboard users continue inside the sidebar: the tab to reopen it, or the form just opened.
      frame.element.focus();
      if (shortcut !== 'toggle') channel.send({ source: SOURCE, type: 'command', command: shortcut });
    });

    watchThread({
      win: window,
      signal: ctx.signal,
      onChange(thread: GmailThread | null) {
        latest = { source: SOURCE, type: 'thread', thread, account: readAccount(document) };
        channel.send({ source: SOURCE, type: 'theme', theme: readTheme(document, window) });
        channel.send(latest);
      },
    });

    // The frame confirms the send when the user's message appears in the thread (Undo Send exists).
    watchSend({
      doc: document,
      signal: ctx.signal,
      onSend() {
        // A thread Gmail names by no valid id has no key to confirm the send against.
        if (latest.type === 'thread' && latest.thread?.threadId) channel.send({ source: SOURCE, type: 'sending', threadId: latest.thread.threadId });
      },
    });
  },
});
