import { clean } from './person';
import { BODY_TEXT, QUOTED_TEXT } from './selectors';

const SNIPPET_MAX = 300;
// Raw text read before giving up: markup whitespace shrinks a lot once collapsed.
const SNIPPET_BUDGET = 3000;
const SKIPPED_TAGS = new Set(['STYLE', 'SCRIPT', 'TEMPLATE', 'HEAD', 'TITLE']);
const BREAKING_TAGS = new Set(['BR', 'DIV', 'P', 'LI', 'TR', 'TD', 'H1', 'H2', 'H3', 'H4', 'TABLE', 'UL', 'OL', 'PRE', 'HR']);

/**
 * The first lines of a message body as plain text, whitespace collapsed, without the quoted
 * earlier messages. Reads text nodes only (never markup), and stops once it has enough.
 */
export function readSnippet(wrapper: Element): string | undefined {
  const body = wrapper.querySelector(BODY_TEXT);
  if (!body) return undefined;
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node, depth: number) => {
    for (let child = node.firstChild; child && length < SNIPPET_BUDGET; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? '';
        parts.push(text);
        length += text.length;
      } else if (child.nodeType === 1 && depth < 64) {
        const el = child as Element;
        if (SKIPPED_TAGS.has(el.tagName) || el.matches(QUOTED_TEXT)) continue;
        // "<div>Hi Sam,</div><div>our contract…" reads as two words, not "Sam,our".
        const breaks = BREAKING_TAGS.has(el.tagName);
        if (breaks) parts.push(' ');
        walk(el, depth + 1);
        if (breaks) parts.push(' ');
      }
    }
  };
  walk(body, 0);
  const text = clean(parts.join(''));
  if (!text) return undefined;
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX - 1).trimEnd()}…` : text;
}
