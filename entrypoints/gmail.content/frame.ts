const OPEN_WIDTH = 320;
const COLLAPSED_WIDTH = 32;
const DOCKED_CLASS = 'sidecar-crm-docked';

export interface SidebarFrame {
  element: HTMLIFrameElement;
  readonly collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  remove(): void;
}

/**
 * Docks the sidebar page at the right edge and narrows Gmail's body by the same width,
 * so the frame never covers the email being read. Styles go through textContent and
 * element.style only: Gmail enforces Trusted Types, which forbids HTML string sinks.
 */
export function mountSidebarFrame(doc: Document, url: string, startCollapsed: boolean): SidebarFrame {
  const style = doc.createElement('style');
  style.textContent =
    `html.${DOCKED_CLASS} body{width:calc(100% - var(--sidecar-crm-width))!important;min-width:0!important}` +
    `html.${DOCKED_CLASS}{--sidecar-crm-width:${OPEN_WIDTH}px}`;

  const iframe = doc.createElement('iframe');
  iframe.src = url;
  iframe.title = 'Sidecar CRM';
  Object.assign(iframe.style, {
    position: 'fixed',
    top: '0',
    right: '0',
    height: '100vh',
    border: '0',
    margin: '0',
    padding: '0',
    zIndex: '2147483000',
    colorScheme: 'normal',
    background: 'transparent',
  });

  let collapsed = startCollapsed;
  const apply = () => {
    const width = collapsed ? COLLAPSED_WIDTH : OPEN_WIDTH;
    iframe.style.width = `${width}px`;
    doc.documentElement.style.setProperty('--sidecar-crm-width', `${width}px`);
    // Gmail sizes its panes on resize; tell it the space changed.
    doc.defaultView?.dispatchEvent(new Event('resize'));
  };

  doc.head.append(style);
  doc.documentElement.classList.add(DOCKED_CLASS);
  apply();
  doc.body.append(iframe);

  return {
    element: iframe,
    get collapsed() {
      return collapsed;
    },
    setCollapsed(next) {
      if (next === collapsed) return;
      collapsed = next;
      apply();
    },
    remove() {
      iframe.remove();
      style.remove();
      doc.documentElement.classList.remove(DOCKED_CLASS);
      doc.documentElement.style.removeProperty('--sidecar-crm-width');
    },
  };
}
