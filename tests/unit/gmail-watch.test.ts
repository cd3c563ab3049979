import { MAIN } from '@/lib/gmail/selectors';
import { watchThread } from '@/lib/gmail/watch';
import type { GmailThread } from '@/lib/messages';
import { loadFixture } from '../fixtures/gmail/load';

/** Puts a saved page into the test window, as if Gmail had rendered it. */
function render(name: string) {
  const doc = loadFixture(name);
  document.title = doc.title;
  document.body.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.adoptNode(n)));
}

/** Replaces the visible main pane with another page's, the way Gmail switches threads. */
function swapMain(name: string) {
  const shown = (d: Document) => Array.from(d.querySelectorAll<HTMLElement>('[role="main"]')).find((m) => m.style.display !== 'none')!;
  shown(document).replaceWith(document.adoptNode(shown(loadFixture(name))));
}

const settle = () => new Promise((r) => setTimeout(r, 40));

describe('watchThread', () => {
  let stop: AbortController;
  let seen: (GmailThread | null)[];
  const subjects = () => seen.map((t) => t?.subject ?? null);

  beforeEach(() => {
    stop = new AbortController();
    seen = [];
  });
  afterEach(() => stop.abort());

  const start = () => watchThread({ win: window, signal: stop.signal, onChange: (t) => seen.push(t) });

  it('reports the thread open at start, then each thread Gmail swaps in, then the list', async () => {
    render('thread-single.html');
    start();
    expect(subjects()).toEqual(['Pricing for the Q3 pilot']);

    swapMain('thread-long-collapsed.html');
    await settle();
    expect(subjects()).toEqual(['Pricing for the Q3 pilot', 'Re: Onboarding plan for Northwind']);

    swapMain('inbox.html');
    window.dispatchEvent(new Event('hashchange'));
    await settle();
    expect(subjects()).toEqual(['Pricing for the Q3 pilot', 'Re: Onboarding plan for Northwind', null]);
  });

  it('reads the new thread by the next frame, with no fixed delay before it', async () => {
    render('thread-single.html');
    start();
    swapMain('thread-long-collapsed.html');
    await Promise.resolve(); // the observer's callback
    await new Promise((r) => requestAnimationFrame(r));
    expect(subjects()).toEqual(['Pricing for the Q3 pilot', 'Re: Onboarding plan for Northwind']);
  });

  it('reads once for a burst of mutations', async () => {
    render('thread-single.html');
    start();
    // A read looks for the main pane: as often as one hashchange alone makes it look.
    const queries = vi.spyOn(document, 'querySelector');
    const lookedForMain = () => queries.mock.calls.filter(([selector]) => selector === MAIN).length;
    window.dispatchEvent(new Event('hashchange'));
    await settle();
    const oneRead = lookedForMain();
    expect(oneRead).toBeGreaterThan(0);

    swapMain('thread-long-collapsed.html');
    for (let i = 0; i < 20; i++) document.querySelector('[role="main"] .h7')?.append(document.createElement('span'));
    swapMain('thread-single.html');
    window.dispatchEvent(new Event('hashchange'));
    await settle();
    expect(lookedForMain()).toBe(2 * oneRead);
    expect(subjects()).toEqual(['Pricing for the Q3 pilot']);
    queries.mockRestore();
  });

  it('stays quiet while Gmail mutates the page without changing the thread', async () => {
    render('thread-single.html');
    start();
    const main = document.querySelector('[role="main"]')!;
    for (let i = 0; i < 20; i++) main.append(document.createElement('span'));
    window.dispatchEvent(new Event('hashchange'));
    await settle();
    expect(seen).toHaveLength(1);
  });

  it('reports a message added to the open thread, such as a reply just sent', async () => {
    render('thread-single.html');
    start();
    const reply = loadFixture('thread-reply-pending.html');
    const lastMessage = Array.from(reply.querySelectorAll('[role="main"] .h7')).at(-1)!;
    document.querySelector('[role="main"] .h7')!.after(document.adoptNode(lastMessage));
    await settle();
    expect(seen.map((t) => t?.messages.length)).toEqual([1, 2]);
  });

  it('stops when the content script is invalidated', async () => {
    render('thread-single.html');
    start();
    stop.abort();
    swapMain('thread-long-collapsed.html');
    window.dispatchEvent(new Event('hashchange'));
    await settle();
    expect(seen).toHaveLength(1);
  });

  it('treats an unknown page as no thread, without throwing', () => {
    document.body.replaceChildren(document.createElement('div'));
    expect(() => start()).not.toThrow();
    expect(seen).toEqual([null]);
  });
});
