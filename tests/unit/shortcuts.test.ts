import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { installShortcuts } from '@/entrypoints/gmail.content/shortcuts';
import App from '@/entrypoints/sidebar/App.vue';
import type { ToContent } from '@/lib/messages';
import { shortcutOf, type Shortcut } from '@/lib/shortcuts';
import { useGmailStore } from '@/stores/gmail';

const key = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>>) => ({
  code,
  isTrusted: true,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

/** Alt+Shift+S as a page script can dispatch it, or (`trusted`) as the browser delivers a real key press. */
function altShiftS(trusted: boolean): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { code: 'KeyS', key: 'S', altKey: true, shiftKey: true, bubbles: true, cancelable: true });
  // No script can make a trusted event; the test stands in for the browser here.
  if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

describe('shortcutOf', () => {
  it.each([
    ['KeyS', { altKey: true, shiftKey: true }, 'toggle'],
    ['KeyL', { altKey: true, shiftKey: true }, 'log-interaction'],
    ['KeyF', { altKey: true, shiftKey: true }, 'follow-up'],
    // Gmail's own: plain letters, Shift+letter, Ctrl/Cmd combos stay Gmail's.
    ['KeyS', { shiftKey: true }, undefined],
    ['KeyS', {}, undefined],
    ['KeyS', { altKey: true }, undefined],
    ['KeyS', { altKey: true, shiftKey: true, ctrlKey: true }, undefined],
    ['KeyS', { altKey: true, shiftKey: true, metaKey: true }, undefined],
    ['KeyX', { altKey: true, shiftKey: true }, undefined],
  ] as const)('%s with %o is %s', (code, mods, shortcut) => {
    expect(shortcutOf(key(code, mods))).toBe(shortcut);
  });

  it('ignores a key event a script dispatched', () => {
    expect(shortcutOf({ ...key('KeyS', { altKey: true, shiftKey: true }), isTrusted: false })).toBeUndefined();
    expect(shortcutOf(altShiftS(false))).toBeUndefined();
  });
});

describe('the shortcuts in Gmail’s page', () => {
  const abort = new AbortController();
  afterAll(() => abort.abort());
  const fired: Shortcut[] = [];
  const ctx = {
    addEventListener: (target: EventTarget, type: string, handler: EventListener, options: AddEventListenerOptions) =>
      target.addEventListener(type, handler, { ...options, signal: abort.signal }),
  } as unknown as ContentScriptContext;
  installShortcuts(ctx, (s) => fired.push(s));

  it('toggle nothing for an Alt+Shift+S the page dispatched, and let Gmail have the event', () => {
    const forged = altShiftS(false);
    document.body.dispatchEvent(forged);
    expect(fired).toEqual([]);
    expect(forged.defaultPrevented).toBe(false);

    document.body.dispatchEvent(altShiftS(true));
    expect(fired).toEqual(['toggle']);
  });
});

describe('the shortcuts inside the sidebar', () => {
  it('collapse the sidebar on a real key press only', () => {
    setActivePinia(createPinia());
    const sent: ToContent[] = [];
    useGmailStore().attach({ send: (m) => sent.push(m), close: () => {} });
    const app = mount(App);

    window.dispatchEvent(altShiftS(false));
    expect(useGmailStore().collapsed).toBe(false);
    expect(sent).toEqual([]);

    window.dispatchEvent(altShiftS(true));
    expect(useGmailStore().collapsed).toBe(true);
    expect(sent).toEqual([expect.objectContaining({ type: 'collapse', collapsed: true })]);
    app.unmount();
  });

  it('do nothing in a frame that holds no channel (one Gmail’s page may have made)', () => {
    setActivePinia(createPinia());
    const app = mount(App);
    window.dispatchEvent(altShiftS(true));
    expect(useGmailStore().collapsed).toBe(false);
    expect(app.findAll('button')).toHaveLength(0);
    app.unmount();
  });
});
