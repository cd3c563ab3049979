import { afterEach, describe, expect, it } from 'vitest';
import { isSendClick, isSendKey, watchSend } from '../../lib/gmail/send';
import { loadFixture } from '../fixtures/gmail/load';

const SEND = 'div.aoO[role="button"]';
const BODY = 'div.Am.Al.editable';

describe('send detection in the open thread', () => {
  let abort = new AbortController();
  afterEach(() => abort.abort());

  function install(doc: Document) {
    abort = new AbortController();
    const sends: number[] = [];
    watchSend({ doc, signal: abort.signal, onSend: () => sends.push(Date.now()) });
    return sends;
  }
  const click = (el: Element, init: MouseEventInit = {}) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }));
  const key = (el: Element, init: KeyboardEventInit) => el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));

  it('marks a send when Send is clicked, also on the text inside it', () => {
    const doc = loadFixture('thread-reply-compose.html');
    const sends = install(doc);
    click(doc.querySelector(SEND)!);
    expect(sends).toHaveLength(1);
    const inner = doc.createElement('span');
    doc.querySelector(SEND)!.append(inner);
    click(inner);
    expect(sends).toHaveLength(2);
  });

  it('marks a send on Ctrl+Enter or Cmd+Enter in the reply body, and on Enter or Space on Send', () => {
    const doc = loadFixture('thread-reply-compose.html');
    const sends = install(doc);
    const body = doc.querySelector(BODY)!;
    const line = body.querySelector('div')!;
    key(line, { key: 'Enter', ctrlKey: true });
    key(body, { key: 'Enter', metaKey: true });
    key(doc.querySelector(SEND)!, { key: 'Enter' });
    key(doc.querySelector(SEND)!, { key: ' ' });
    expect(sends).toHaveLength(4);
  });

  it('ignores typing, other buttons, a held key and the "More send options" arrow', () => {
    const doc = loadFixture('thread-reply-compose.html');
    const sends = install(doc);
    const body = doc.querySelector(BODY)!;
    key(body, { key: 'Enter' });
    key(body, { key: 'a', ctrlKey: true });
    key(body, { key: 'Enter', ctrlKey: true, repeat: true });
    click(body);
    click(doc.querySelector('[aria-label="More send options"]')!);
    click(doc.querySelector('[aria-label="Discard draft"]')!);
    click(doc.querySelector('[aria-label="Archive"]')!);
    click(doc.querySelector(SEND)!, { button: 2 });
    expect(sends).toEqual([]);
  });

  it('ignores a compose window outside the thread and a thread pane Gmail has hidden', () => {
    const doc = loadFixture('thread-reply-compose.html');
    const sends = install(doc);
    // A new-message window: Gmail mounts it at the end of the body, outside every main pane.
    const dialog = doc.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.append(doc.querySelector('.M9')!.cloneNode(true));
    doc.body.append(dialog);
    click(dialog.querySelector(SEND)!);
    key(dialog.querySelector(BODY)!, { key: 'Enter', ctrlKey: true });
    expect(sends).toEqual([]);

    const main = doc.querySelector(SEND)!.closest('[role="main"]') as HTMLElement;
    main.style.display = 'none';
    click(doc.querySelector(SEND)!);
    expect(sends).toEqual([]);
  });

  it('finds nothing to send in pages without a reply open', () => {
    for (const file of ['thread-single.html', 'thread-reply-pending.html', 'inbox.html']) {
      const doc = loadFixture(file);
      const sends = install(doc);
      for (const el of Array.from(doc.querySelectorAll('[role="button"]'))) {
        click(el);
        key(el, { key: 'Enter' });
        key(el, { key: 'Enter', ctrlKey: true });
      }
      expect(sends, file).toEqual([]);
    }
  });

  it('stops listening when the content script is invalidated', () => {
    const doc = loadFixture('thread-reply-compose.html');
    const sends = install(doc);
    abort.abort();
    click(doc.querySelector(SEND)!);
    expect(sends).toEqual([]);
  });

  it('classifies events without the installer', () => {
    const doc = loadFixture('thread-reply-compose.html');
    const send = doc.querySelector(SEND)!;
    let clicked = false;
    send.addEventListener('click', (e) => (clicked = isSendClick(e as MouseEvent)));
    click(send);
    expect(clicked).toBe(true);
    let keyed: boolean | undefined;
    doc.querySelector(BODY)!.addEventListener('keydown', (e) => (keyed = isSendKey(e as KeyboardEvent)));
    key(doc.querySelector(BODY)!, { key: 'Enter', ctrlKey: true, isComposing: true });
    expect(keyed).toBe(false);
  });
});
