import type { GmailThread } from '../messages';
import { readThread } from './read-thread';
import { MAIN } from './selectors';

export interface WatchThreadOptions {
  /** The page's window; its MutationObserver and timers are used, so tests can pass their own. */
  win: Window & typeof globalThis;
  signal: AbortSignal;
  /** Called with the open thread, or null when none is; only when what the page shows changed. */
  onChange(thread: GmailThread | null): void;
  /** Mutations arrive in bursts while Gmail renders; one read per burst is enough. */
  delayMs?: number;
}

/**
 * Gmail is a single-page app: a thread opens by a hash change and a DOM swap, with no page load.
 * One observer on the element holding Gmail's main panes (it keeps one per view shown, hiding the
 * others with an inline style), re-targeted when Gmail replaces it, plus hashchange/popstate,
 * schedule a single read; the observer callback itself does O(1) work, so Gmail never waits on us.
 */
export function watchThread({ win, signal, onChange, delayMs = 16 }: WatchThreadOptions): void {
  const doc = win.document;
  let lastKey: string | undefined;
  let observed: Node | undefined;
  let timer: number | undefined;

  const schedule = () => {
    timer ??= win.setTimeout(check, delayMs);
  };
  const observer = new win.MutationObserver(schedule);

  function check() {
    timer = undefined;
    if (signal.aborted) return;
    const panes = doc.querySelector(MAIN)?.parentElement ?? doc.body;
    if (panes && panes !== observed) {
      observer.disconnect();
      observer.observe(panes, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
      observed = panes;
    }
    const thread = readThread(doc);
    const key = thread ? JSON.stringify(thread) : '';
    if (key === lastKey) return;
    lastKey = key;
    onChange(thread);
  }

  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) win.clearTimeout(timer);
  });
  check();
}
