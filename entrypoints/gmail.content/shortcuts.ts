import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { shortcutOf, type Shortcut } from '@/lib/shortcuts';

/** Captures our shortcuts before Gmail's handlers see them; every other key passes untouched. */
export function installShortcuts(ctx: ContentScriptContext, onShortcut: (shortcut: Shortcut) => void): void {
  ctx.addEventListener(
    window,
    'keydown',
    (event) => {
      const shortcut = shortcutOf(event);
      if (!shortcut || event.repeat) return;
      event.preventDefault();
      event.stopPropagation();
      onShortcut(shortcut);
    },
    { capture: true },
  );
}
