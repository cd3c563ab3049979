import { SHORTCUT_KEYS, type Shortcut } from './protocol';

/**
 * Keyboard shortcuts, read the same way in Gmail's page (content script) and in the sidebar frame,
 * so they work wherever the focus is. Alt+Shift avoids Gmail's own single-key and Shift shortcuts;
 * `code` keeps them on the same physical keys on every layout (and on macOS, where Option+Shift+L
 * types a character).
 */
export type { Shortcut };

const entries = Object.entries(SHORTCUT_KEYS) as [Shortcut, string][];
const BY_CODE: ReadonlyMap<string, Shortcut> = new Map(entries.map(([name, letter]) => [`Key${letter}`, name]));

/** Shown in tooltips ("Collapse (Alt+Shift+S)"). */
export const SHORTCUT_LABELS = Object.fromEntries(entries.map(([name, letter]) => [name, `Alt+Shift+${letter}`])) as Readonly<Record<Shortcut, string>>;

/**
 * Only a key the user pressed counts: Gmail's scripts share the page with our content script
 * and can dispatch a KeyboardEvent of their own, which the browser marks `isTrusted: false`.
 */
export function shortcutOf(event: Pick<KeyboardEvent, 'isTrusted' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): Shortcut | undefined {
  if (event.isTrusted !== true) return undefined;
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return undefined;
  return BY_CODE.get(event.code);
}
