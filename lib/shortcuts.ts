/**
 * Keyboard shortcuts, read the same way in Gmail's page (content script) and in the sidebar frame,
 * so they work wherever the focus is. Alt+Shift avoids Gmail's own single-key and Shift shortcuts;
 * `code` keeps them on the same physical keys on every layout (and on macOS, where Option+Shift+L
 * types a character).
 */
export type Shortcut = 'toggle' | 'log-interaction' | 'follow-up';

const KEYS: Readonly<Record<string, Shortcut>> = { KeyS: 'toggle', KeyL: 'log-interaction', KeyF: 'follow-up' };

/** Shown in tooltips and the README. */
export const SHORTCUT_LABELS: Readonly<Record<Shortcut, string>> = {
  toggle: 'Alt+Shift+S',
  'log-interaction': 'Alt+Shift+L',
  'follow-up': 'Alt+Shift+F',
};

/**
 * Only a key the user pressed counts: Gmail's scripts share the page with our content script
 * and can dispatch a KeyboardEvent of their own, which the browser marks `isTrusted: false`.
 */
export function shortcutOf(event: Pick<KeyboardEvent, 'isTrusted' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): Shortcut | undefined {
  if (event.isTrusted !== true) return undefined;
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return undefined;
  return KEYS[event.code];
}
