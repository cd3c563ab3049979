import { visibleMains } from './dom';

/**
 * Gmail's theme, light or dark, from what the page paints: the computed background of the
 * visible main pane's nearest (nearly) opaque ancestor, else the body's and the root's; when
 * nothing is painted (themes with a background image, a page still loading), the system setting.
 */
export function readTheme(doc: Document, win: Window): 'light' | 'dark' {
  try {
    const start = visibleMains(doc, true)[0] ?? visibleMains(doc)[0] ?? doc.body ?? doc.documentElement;
    for (let el: Element | null = start; el; el = el.parentElement) {
      const rgba = parseColor(win.getComputedStyle(el).backgroundColor);
      // Below ~0.18, white text contrasts more than black: a dark background.
      if (rgba && rgba[3] >= 0.5) return luminance(rgba) < 0.18 ? 'dark' : 'light';
    }
  } catch {
    // Fall through to the system setting.
  }
  try {
    return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

type Rgba = [number, number, number, number];

/** CSS colors as computed styles give them: rgb()/rgba() (comma or space syntax), #hex, transparent. */
export function parseColor(value: string | null | undefined): Rgba | null {
  const v = (value ?? '').trim().toLowerCase();
  if (!v || v === 'transparent') return null;
  const hex = /^#([0-9a-f]{3,8})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? hex.replace(/./g, '$&$&') : hex;
    if (full.length !== 6 && full.length !== 8) return null;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(v)?.[1];
  if (fn) {
    const parts = fn.split(/[\s,/]+/).filter(Boolean);
    if (parts.length < 3) return null;
    const channel = (s: string) => (s.endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s));
    const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    const rgba: Rgba = [channel(parts[0]!), channel(parts[1]!), channel(parts[2]!), alpha];
    return rgba.every((x) => Number.isFinite(x)) ? rgba : null;
  }
  if (v === 'white') return [255, 255, 255, 1];
  if (v === 'black') return [0, 0, 0, 1];
  return null;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = Math.min(255, Math.max(0, c)) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
