import { foldForSearch } from './name-words';

/**
 * `text` cut where `query` starts it or one of its words (any case or accent), for the search's highlight:
 * [before, match, after], or null when it does not. Compared piece by piece in the original text,
 * so a letter whose lower case is longer (İ) never shifts the cut.
 */
export function prefixMatch(text: string, query: string): [string, string, string] | null {
  const q = foldForSearch(query.trim());
  if (!q) return null;
  for (let i = 0; i <= text.length - q.length; i++) {
    const wordStart = i === 0 || /[\s@.\-_'’(]/.test(text[i - 1]!);
    // Accents aside, as the search finds them: "alvaro" marks "Álvaro".
    if (wordStart && foldForSearch(text.slice(i, i + q.length)) === q) return [text.slice(0, i), text.slice(i, i + q.length), text.slice(i + q.length)];
  }
  return null;
}
