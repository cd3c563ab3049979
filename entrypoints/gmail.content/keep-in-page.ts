export interface KeepOptions {
  /** Stops the watch for good (the extension was reloaded or removed). */
  signal: AbortSignal;
  /** Restores allowed within `windowMs`: a page script that undoes every restore must not make the two of us spin. */
  budget?: number;
  windowMs?: number;
  now?: () => number;
  later?: (run: () => void, ms: number) => void;
}

export interface Kept {
  /** Takes what the nodes are now as what to keep: call after changing them ourselves. */
  sync(): void;
}

interface Entry {
  node: Element;
  home: Node;
  attrs: Map<string, string>;
  text: string | null;
}

const snapshot = (node: Element) => new Map(Array.from(node.attributes, (a) => [a.name, a.value]));

function changed({ node, home, attrs, text }: Entry): boolean {
  if (node.parentNode !== home || node.attributes.length !== attrs.size || node.textContent !== text) return true;
  for (const [name, value] of attrs) if (node.getAttribute(name) !== value) return true;
  return false;
}

function restore({ node, home, attrs, text }: Entry): void {
  // Appending moves the node back from wherever the page put it; an iframe then reloads and reconnects.
  if (node.parentNode !== home) home.appendChild(node);
  for (const { name } of Array.from(node.attributes)) if (!attrs.has(name)) node.removeAttribute(name);
  for (const [name, value] of attrs) if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Puts back what we added to Gmail's page whenever the page removes it, moves it, or changes its
 * attributes or text (a style rewritten, `hidden`, `inert`, `srcdoc`, another `src`): the page's
 * stylesheets cannot bend our inline !important styles, but its scripts can rewrite them.
 */
export function keepInPage(nodes: [node: Element, home: Node][], options: KeepOptions): Kept {
  const { signal, budget = 10, windowMs = 1000, now = Date.now, later = (run, ms) => setTimeout(run, ms) } = options;
  const entries: Entry[] = nodes.map(([node, home]) => ({ node, home, attrs: snapshot(node), text: node.textContent }));
  let restores: number[] = [];
  let deferred = false;

  const check = () => {
    if (signal.aborted || !entries.some(changed)) return;
    const at = now();
    restores = restores.filter((t) => at - t < windowMs);
    if (restores.length >= budget) {
      if (!deferred) {
        deferred = true;
        later(() => {
          deferred = false;
          check();
        }, windowMs);
      }
      return;
    }
    restores.push(at);
    entries.forEach(restore);
    observer.takeRecords();
  };

  const observer = new MutationObserver(check);
  for (const { node, home } of entries) {
    observer.observe(node, { attributes: true, childList: true, characterData: true, subtree: true });
    observer.observe(home, { childList: true });
  }
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });

  return {
    sync() {
      for (const entry of entries) {
        entry.attrs = snapshot(entry.node);
        entry.text = entry.node.textContent;
      }
      observer.takeRecords();
    },
  };
}
