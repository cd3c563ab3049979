import { isHidden } from './dom';
import { COMPOSE_BODY, MAIN, SEND_BUTTON, SUBJECT } from './selectors';

/**
 * "The user pressed Send in the open thread": a click on the Send button of the inline reply, Enter
 * or Space on that button, or Ctrl/Cmd+Enter in its body. Only marks a send as pending: Undo Send
 * exists, so the sidebar waits for the sent message to appear in the thread before offering anything.
 * Toasts ("Message sent") are never read: they are localized.
 */

function closestOf(el: Element, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const hit = el.closest(selector);
    if (hit) return hit;
  }
  return null;
}

/**
 * Whether `el` sits in the open thread: inside the visible main pane that shows a thread heading.
 * Compose windows (a new message, a pop-out) live outside the main pane and are not replies here.
 */
export function inOpenThread(el: Element): boolean {
  const main = el.closest(MAIN);
  if (!main || isHidden(main)) return false;
  return SUBJECT.some((selector) => main.querySelector(selector) !== null);
}

function asElement(target: EventTarget | null): Element | null {
  return target && (target as Node).nodeType === 1 ? (target as Element) : null;
}

/** The Send button of the open thread's reply that `target` is (or is inside of), else null. */
export function sendButtonOf(target: EventTarget | null): Element | null {
  const el = asElement(target);
  const button = el && closestOf(el, SEND_BUTTON);
  return button && inOpenThread(button) ? button : null;
}

/** Whether a click sends the open thread's reply. */
export function isSendClick(event: MouseEvent): boolean {
  return event.button === 0 && sendButtonOf(event.target) !== null;
}

/** Whether a key press sends the open thread's reply: Ctrl/Cmd+Enter in its body, Enter/Space on Send. */
export function isSendKey(event: KeyboardEvent): boolean {
  if (event.repeat || event.isComposing) return false;
  const el = asElement(event.target);
  if (!el) return false;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    const body = closestOf(el, COMPOSE_BODY);
    return body !== null && inOpenThread(body);
  }
  if ((event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey && !event.altKey) {
    return sendButtonOf(el) !== null;
  }
  return false;
}

export interface WatchSendOptions {
  doc: Document;
  signal: AbortSignal;
  /** Called at most once per user action, before Gmail handles it. */
  onSend(): void;
}

/**
 * Capturing listeners on the document, so Gmail's own handlers (which may remove the compose
 * form) run after us. Each event costs a `closest()` walk up from its target, nothing more.
 */
export function watchSend({ doc, signal, onSend }: WatchSendOptions): void {
  const options = { capture: true, signal };
  doc.addEventListener('click', (event) => isSendClick(event) && onSend(), options);
  doc.addEventListener('keydown', (event) => isSendKey(event) && onSend(), options);
}
