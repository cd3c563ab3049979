import type { GmailThread } from '../messages';
import { readThread } from './read-thread';
import { MAIN } from './selectors';

export interface WatchThreadOptions {
  /** The page's window; its MutationObserver and timers are used, so tests can pass their own. */
  win: Window & typeof globalThis;
  signal: AbortSignal;
  /** Called with the open thread, or null when none is; only when what the page shows changed. */
  onChange(thread: GmailThread | null): void;
}

/** A hidden tab paints no frames; this much later the read happens anyway. */
const HIDDEN_TAB_MS = 100;

/**
 * Gmail is a single-page app: a thread opens by a hash change and a DOM swap, with no page load.
 * One observer on the element holding Gmail's main panes (it keeps one per view shown, hiding the
 * others with an inline style), re-targeted when Gmail replaces it, plus hashchange/popstate,
 * schedule a single read; the observer callback itself does O(1) work, so Gmail never waits on us.
 */
export function watchThread({ win, signal, onChange }: WatchThreadOptions): void {
  const doc = win.document;
  let lastKey: string | undefined;
  let observed: Node | undefined;
  let frame: number | undefined;
  let timer: number | undefined;

  // Mutations arrive in bursts, over several tasks, while Gmail renders: one read just before the
  // next paint sees the whole burst as the user will, and waits no fixed delay.
  const schedule = () => {
    frame ??= win.requestAnimationFrame(check);
    timer ??= win.setTimeout(check, HIDDEN_TAB_MS);
  };
  const cancel = () => {
    if (frame !== undefined) win.cancelAnimationFrame(frame);
    if (timer !== undefined) win.clearTimeout(timer);
    frame = timer = undefined;
  };
  const observer = new win.MutationObserver(schedule);

  function check() {
    cancel();
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
    cancel();
  });
  check();
}
