import { keepInPage } from './keep-in-page';

const OPEN_WIDTH = 320;
const COLLAPSED_WIDTH = 32;

export interface SidebarFrame {
  element: HTMLIFrameElement;
  readonly collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  remove(): void;
}

/**
 * Inline and !important, every property: an element's own !important declarations win over every
 * rule of the page's stylesheets (any layer, any specificity, `iframe{display:none!important}`
 * included), and `all:initial` takes back the properties not named here.
 */
const frameCss = (width: number) =>
  'all:initial!important;display:block!important;position:fixed!important;top:0!important;right:0!important;' +
  `width:${width}px!important;height:100vh!important;z-index:2147483000!important;` +
  'color-scheme:normal!important;background:transparent!important';

/** Narrows Gmail's body by the frame's width, so the frame never covers the email being read. */
const dockCss = (width: number) => `body{width:calc(100% - ${width}px)!important;min-width:0!important}`;

/**
 * Docks the sidebar page at the right edge, and keeps it there: the page cannot restyle it, and
 * whatever its scripts remove or rewrite is put back (keep-in-page.ts). The frame hangs from
 * <html>, not <body>, so that nothing done to Gmail's body (a transform, a filter) reaches it.
 * Styles go through textContent and the style attribute only: Gmail enforces Trusted Types,
 * which forbids HTML string sinks.
 */
export function mountSidebarFrame(doc: Document, url: string, startCollapsed: boolean): SidebarFrame {
  const style = doc.createElement('style');
  const iframe = doc.createElement('iframe');
  iframe.src = url;
  iframe.title = 'Sidecar CRM';

  let collapsed = startCollapsed;
  const apply = () => {
    const width = collapsed ? COLLAPSED_WIDTH : OPEN_WIDTH;
    iframe.setAttribute('style', frameCss(width));
    style.textContent = dockCss(width);
    // Gmail sizes its panes on resize; tell it the space changed.
    doc.defaultView?.dispatchEvent(new Event('resize'));
  };

  apply();
  const home = doc.head ?? doc.documentElement;
  home.append(style);
  doc.documentElement.append(iframe);
  const stop = new AbortController();
  const kept = keepInPage(
    [
      [iframe, doc.documentElement],
      [style, home],
    ],
    { signal: stop.signal },
  );

  return {
    element: iframe,
    get collapsed() {
      return collapsed;
    },
    setCollapsed(next) {
      if (next === collapsed) return;
      collapsed = next;
      apply();
      kept.sync();
    },
    remove() {
      stop.abort();
      iframe.remove();
      style.remove();
    },
  };
}
