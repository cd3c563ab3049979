import { mountSidebarFrame, type SidebarFrame } from '@/entrypoints/gmail.content/frame';
import { keepInPage } from '@/entrypoints/gmail.content/keep-in-page';

/** Mutation observers report in a microtask; a macrotask lets every report and restore happen. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('keepInPage', () => {
  let stop: AbortController;
  let node: HTMLElement;
  beforeEach(() => {
    document.documentElement.innerHTML = '<head></head><body><div id="elsewhere"></div></body>';
    stop = new AbortController();
    // A stand-in for the frame: happy-dom loads no frames, and the guard treats every element alike.
    node = document.createElement('div');
    node.setAttribute('style', 'all:initial!important;display:block!important');
    node.setAttribute('src', 'chrome-extension://ours/sidebar.html');
    document.documentElement.append(node);
  });
  afterEach(() => stop.abort());

  it('puts back a node the page removed or moved elsewhere', async () => {
    keepInPage([[node, document.documentElement]], { signal: stop.signal });
    node.remove();
    await settle();
    expect(node.parentNode).toBe(document.documentElement);

    document.getElementById('elsewhere')!.append(node);
    await settle();
    expect(node.parentNode).toBe(document.documentElement);
  });

  it('undoes a rewritten style, a changed src, and attributes the page added', async () => {
    keepInPage([[node, document.documentElement]], { signal: stop.signal });
    node.style.setProperty('display', 'none', 'important');
    node.setAttribute('src', 'https://evil.example/');
    node.setAttribute('srcdoc', 'Sign in again');
    node.hidden = true;
    node.setAttribute('inert', '');
    await settle();
    expect(node.getAttribute('style')).toBe('all:initial!important;display:block!important');
    expect(node.getAttribute('src')).toBe('chrome-extension://ours/sidebar.html');
    expect(node.getAttributeNames().sort()).toEqual(['src', 'style']);
  });

  it('puts back the text of a style element', async () => {
    const style = document.createElement('style');
    style.textContent = 'body{width:calc(100% - 320px)!important}';
    document.head.append(style);
    keepInPage([[style, document.head]], { signal: stop.signal });
    style.textContent = '';
    await settle();
    expect(style.textContent).toBe('body{width:calc(100% - 320px)!important}');
  });

  it('keeps our own changes once synced', async () => {
    const kept = keepInPage([[node, document.documentElement]], { signal: stop.signal });
    node.setAttribute('style', 'all:initial!important;width:32px!important');
    kept.sync();
    await settle();
    expect(node.getAttribute('style')).toBe('all:initial!important;width:32px!important');
  });

  it('gives a page script that undoes every restore a few tries a second, not a spin', async () => {
    const later: (() => void)[] = [];
    let now = 0;
    keepInPage([[node, document.documentElement]], { signal: stop.signal, budget: 3, windowMs: 1000, now: () => now, later: (run) => later.push(run) });
    let removals = 0;
    const fighter = new MutationObserver(() => {
      if (node.isConnected && removals < 50) {
        removals++;
        node.remove();
      }
    });
    fighter.observe(document.documentElement, { childList: true });
    node.remove();
    for (let i = 0; i < 10; i++) await settle();
    // The first removal and the three restores it undid; then we wait for the next second.
    expect(removals).toBe(3);
    expect(node.isConnected).toBe(false);
    expect(later).toHaveLength(1);

    fighter.disconnect();
    now = 1000;
    later.shift()!();
    expect(node.parentNode).toBe(document.documentElement);
  });

  it('stops for good once aborted', async () => {
    keepInPage([[node, document.documentElement]], { signal: stop.signal });
    stop.abort();
    node.remove();
    await settle();
    expect(node.isConnected).toBe(false);
  });
});

describe('mountSidebarFrame', () => {
  let frame: SidebarFrame;
  beforeEach(() => {
    document.documentElement.innerHTML = '<head></head><body></body>';
    frame = mountSidebarFrame(document, 'about:blank', false);
  });
  afterEach(() => frame.remove());

  it('hangs the frame from <html> with every style its own and !important', () => {
    expect(frame.element.parentNode).toBe(document.documentElement);
    const style = frame.element.getAttribute('style')!;
    expect(style.startsWith('all:initial!important;')).toBe(true);
    expect(style.split(';').every((declaration) => declaration.endsWith('!important'))).toBe(true);
  });

  it('collapses without the guard taking it back, and is put back after the page removes it', async () => {
    frame.setCollapsed(true);
    await settle();
    expect(frame.element.getAttribute('style')).toContain('width:32px!important');
    expect(document.head.querySelector('style')!.textContent).toContain('100% - 32px');

    frame.element.remove();
    document.head.querySelector('style')!.remove();
    await settle();
    expect(frame.element.parentNode).toBe(document.documentElement);
    expect(document.head.querySelector('style')!.textContent).toContain('100% - 32px');
  });

  it('leaves nothing behind when the extension goes', async () => {
    frame.remove();
    await settle();
    expect(document.querySelector('iframe, style')).toBeNull();
  });
});
