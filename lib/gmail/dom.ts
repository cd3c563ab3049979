import { MAIN } from './selectors';

/**
 * Hidden by markup: the `hidden` attribute or an inline `display: none` on the element or an
 * ancestor up to (not including) `stop`. Gmail hides views and message parts this way; layout is
 * never consulted, so this is cheap and works on saved pages.
 */
export function isHidden(el: Element, stop: Node | null = null): boolean {
  for (let node: Element | null = el; node && node !== stop; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return true;
    if ((node as HTMLElement).style?.display === 'none') return true;
  }
  return false;
}

/**
 * Every `[role=main]` at or under `root` that is not hidden, in document order.
 * `quick`: only the first one and its siblings. Gmail keeps all its views side by side, so this
 * finds the visible one without scanning the message bodies that fill the page.
 */
export function visibleMains(root: ParentNode, quick = false): Element[] {
  const found: Element[] = [];
  if ((root as Element).matches?.(MAIN)) found.push(root as Element);
  if (quick) {
    const first = root.querySelector(MAIN);
    const parent = first?.parentElement;
    if (parent) found.push(...Array.from(parent.children).filter((el) => el.matches(MAIN)));
    else if (first) found.push(first);
  } else {
    found.push(...Array.from(root.querySelectorAll(MAIN)));
  }
  return found.filter((main) => !isHidden(main));
}
