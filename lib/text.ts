/**
 * Characters that change how the text around them is shown without being seen themselves:
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the direction
 * marks (U+200E, U+200F, U+061C), and the zero-width space, joiners, word joiner and BOM. In a
 * sender's name or a subject they can reverse the sentence the app puts the name in ("Pay
 * <name>" read backwards) or make two names that look the same differ.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

export const stripInvisible = (s: string): string => s.replace(INVISIBLE, '');
