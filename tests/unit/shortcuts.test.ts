import { shortcutOf } from '@/lib/shortcuts';

const key = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>>) => ({
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

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
});
