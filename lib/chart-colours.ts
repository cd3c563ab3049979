/**
 * The colours of a chart's series. They are the Okabe–Ito palette (Okabe & Ito, "Color Universal
 * Design", 2008), whose eight colours stay distinguishable with the common colour-vision
 * deficiencies (protanopia, deuteranopia, tritanopia). The order puts colours of different
 * lightness first (blue L* 46, orange 71, bluish green 58), so that the first series also differ
 * in greyscale and in print. Yellow (1.3:1 on white) comes last.
 *
 * On the dark theme's #1f1f1f black would vanish (1.3:1): it becomes a light grey (8.6:1). The
 * other colours keep their place, so a series has the same colour in both themes; the darkest,
 * the blue, still has 3.2:1 there, above the 3:1 that WCAG asks of graphics.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'] as const;

const DARK_SUBSTITUTES: Readonly<Record<string, string>> = { '#000000': '#BBBBBB' };

/** The colour of the series at `index` (0-based; the palette repeats after eight). */
export function seriesColour(index: number, dark: boolean): string {
  const n = PALETTE.length;
  const i = Number.isFinite(index) ? ((Math.trunc(index) % n) + n) % n : 0;
  const colour = PALETTE[i]!;
  return dark ? (DARK_SUBSTITUTES[colour] ?? colour) : colour;
}
