import type { GmailMessage, GmailPerson, GmailThread } from '../messages';
import { isHidden, visibleMains } from './dom';
import { LIMITS, clean, readPerson } from './person';
import { readAccount } from './read-account';
import { readMessageIds, readThreadIds } from './read-ids';
import { readSnippet } from './read-snippet';
import {
  BODY,
  COLLAPSED,
  COLLAPSED_HEADER,
  EXPANDED,
  HIDDEN,
  MESSAGE_CONTENT,
  MESSAGE_MARKER,
  MESSAGE_WRAPPER,
  RECIPIENT,
  RECIPIENT_LINE,
  RECIPIENT_LINE_CLASS,
  SENDER,
  SENDER_AVATAR,
  SUBJECT,
} from './selectors';

/**
 * The thread open in Gmail's visible main pane, or null when none is (list view, settings,
 * unrecognized markup). Never throws: a page we do not understand is "no email open".
 *
 * Messages come oldest first as Gmail shows them, expanded and collapsed alike; messages behind
 * the "N older messages" bar are not rendered by Gmail and are absent. A collapsed message has no
 * recipients (Gmail renders none) and, unless it was loaded earlier, no ids: its `id` is then absent.
 */
export function readThread(root: ParentNode, account: string | null = accountOf(root)): GmailThread | null {
  try {
    const quick = visibleMains(root, true);
    for (const main of quick) {
      const thread = readMain(main, account);
      if (thread) return thread;
    }
    for (const main of visibleMains(root)) {
      const thread = quick.includes(main) ? null : readMain(main, account);
      if (thread) return thread;
    }
  } catch {
    // Unknown markup (or a hostile page) must never break the content script.
  }
  return null;
}

/** The signed-in account, when `root` is the page itself (the snippet of their own messages is read). */
function accountOf(root: ParentNode): string | null {
  return (root as Node).nodeType === 9 ? readAccount(root as Document) : null;
}

function readMain(main: Element, account: string | null): GmailThread | null {
  const heading = firstShown(main, SUBJECT);
  if (!heading) return null;

  const messages: GmailMessage[] = [];
  const wrappers: Element[] = [];
  for (const wrapper of messageWrappers(main, heading)) {
    const message = readMessage(wrapper, main);
    if (message) {
      messages.push(message);
      wrappers.push(wrapper);
    }
  }
  // First lines only where the sidebar may log them: the newest message and the user's own.
  const me = account?.trim().toLowerCase();
  messages.forEach((message, i) => {
    if (!message.expanded || (i !== messages.length - 1 && message.from.email !== me)) return;
    const snippet = readSnippet(wrappers[i]!);
    if (snippet) message.snippet = snippet;
  });
  return {
    ...readThreadIds(main, heading),
    subject: subjectText(heading).slice(0, LIMITS.subject),
    // The newest messages matter most (who wrote last), so a cap drops the oldest.
    messages: messages.slice(-LIMITS.messages),
  };
}

/**
 * One element per message, in order: the wrapper Gmail puts around each message.
 * Fast path (every layout since 2015): the wrappers are the children of one list element, so
 * finding the first message is enough and message bodies are never scanned. Otherwise every
 * marker in the pane is resolved to its wrapper.
 */
function messageWrappers(main: Element, heading: Element): Element[] {
  const first = main.querySelector(MESSAGE_MARKER);
  const wrapper = first && !within(first, BODY, main) ? fit(first.closest(MESSAGE_WRAPPER), main, heading) : null;
  const list = wrapper?.parentElement;
  if (list && list !== main && !isHidden(list, main)) {
    return Array.from(list.children).filter((child) => child.matches(MESSAGE_WRAPPER) || child.querySelector(MESSAGE_MARKER));
  }

  const wrappers: Element[] = [];
  for (const marker of Array.from(main.querySelectorAll(MESSAGE_MARKER))) {
    if (wrappers[wrappers.length - 1]?.contains(marker)) continue;
    // Markup inside an email body is its author's, never Gmail's.
    if (within(marker, BODY, main)) continue;
    wrappers.push(fit(marker.closest(MESSAGE_WRAPPER), main, heading) ?? marker);
  }
  return wrappers;
}

/** The wrapper, unless it lies outside the pane or around the subject (the whole thread). */
function fit(wrapper: Element | null, main: Element, heading: Element): Element | null {
  return wrapper && main.contains(wrapper) && !wrapper.contains(heading) ? wrapper : null;
}

function readMessage(wrapper: Element, main: Element): GmailMessage | null {
  // Super-collapsed ("N older messages") and hidden wrappers show nothing to read.
  if (wrapper.matches(HIDDEN) || isHidden(wrapper, main)) return null;

  const content = selfOrFirst(wrapper, MESSAGE_CONTENT);
  const shown = content && !isHidden(content, wrapper) ? content : null;
  const expanded = wrapper.matches(EXPANDED) || (!wrapper.matches(COLLAPSED) && shown !== null);

  let from: GmailPerson | null;
  let to: GmailPerson[] = [];
  let cc: GmailPerson[] = [];
  if (expanded) {
    const scope = shown ?? wrapper;
    from = findSender(scope) ?? findSender(wrapper);
    ({ to, cc } = readRecipients(scope));
  } else {
    const header = selfOrFirst(wrapper, COLLAPSED_HEADER);
    from = (header && !isHidden(header, wrapper) && findSender(header)) || findSender(wrapper);
  }
  if (!from) return null;

  // Ids sit on the content (hidden, for a collapsed message Gmail loaded before), or the wrapper.
  const idEl = [content, wrapper].find((el) => el?.hasAttribute('data-message-id')) ?? undefined;
  return {
    ...readMessageIds(idEl, wrapper),
    from,
    to,
    cc,
    expanded,
  };
}

/** The sender inside `scope`, by the first selector of SENDER that yields a valid address. */
function findSender(scope: Element): GmailPerson | null {
  const pick = (el: Element) => (within(el, BODY, scope) || within(el, RECIPIENT_LINE, scope) ? null : readPerson(el));
  for (const selector of SENDER) {
    // The header comes before the body: querySelector stops there, querySelectorAll would not.
    const first = scope.querySelector(selector);
    if (!first) continue;
    const person = pick(first) ?? firstOf(Array.from(scope.querySelectorAll(selector)), pick);
    if (person) return person;
  }
  const avatar = scope.querySelector(SENDER_AVATAR);
  return avatar ? readPerson(avatar, 'jid', 'data-name') : null;
}

/**
 * The "to A, B, cc: C" line(s) of an expanded message. Recipients before a "cc:" text go to `to`,
 * after it to `cc`; after "bcc:" they are dropped (the message schema has no bcc). Labels Gmail
 * translates differently leave everyone in `to`.
 */
function readRecipients(scope: Element): { to: GmailPerson[]; cc: GmailPerson[] } {
  const to: GmailPerson[] = [];
  const cc: GmailPerson[] = [];
  let list: GmailPerson[] | null = to;
  const add = (el: Element) => {
    const person = readPerson(el);
    if (person && list && list.length < LIMITS.people && !list.some((p) => p.email === person.email)) list.push(person);
  };
  for (const line of Array.from(scope.getElementsByClassName(RECIPIENT_LINE_CLASS))) {
    if (within(line, BODY, scope)) continue;
    list = to;
    for (const node of Array.from(line.childNodes)) {
      if (node.nodeType === 1 && (node as Element).matches(RECIPIENT)) {
        add(node as Element);
      } else if (node.nodeType === 1 && (node as Element).querySelector(RECIPIENT)) {
        for (const el of Array.from((node as Element).querySelectorAll(RECIPIENT))) add(el);
      } else {
        const label = /(?:^|[\s,;])(b?cc)\s*:/i.exec(node.textContent ?? '');
        if (label) list = label[1]!.toLowerCase() === 'cc' ? cc : null;
      }
    }
  }
  return { to, cc };
}

/** The subject as shown: text, with emoji images (`img[data-emoji]`/`alt`) as their characters. */
function subjectText(heading: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
    else if (node.nodeType === 1 && (node as Element).tagName === 'IMG') {
      parts.push((node as Element).getAttribute('data-emoji') ?? (node as Element).getAttribute('alt') ?? '');
    } else node.childNodes.forEach(walk);
  };
  walk(heading);
  return clean(parts.join(''));
}

/** The first element matching one of `selectors`, in their order, that is not hidden. */
function firstShown(scope: Element, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const first = scope.querySelector(selector);
    if (!first) continue;
    if (!isHidden(first, scope)) return first;
    for (const el of Array.from(scope.querySelectorAll(selector))) {
      if (!isHidden(el, scope)) return el;
    }
  }
  return null;
}

function selfOrFirst(el: Element, selector: string): Element | null {
  return el.matches(selector) ? el : el.querySelector(selector);
}

/** Whether `el` or an ancestor below `stop` matches: closest() without walking to the root. */
function within(el: Element, selector: string, stop: Element): boolean {
  for (let node: Element | null = el; node && node !== stop; node = node.parentElement) {
    if (node.matches(selector)) return true;
  }
  return false;
}

function firstOf<T>(items: Element[], pick: (el: Element) => T | null): T | null {
  for (const el of items) {
    const value = pick(el);
    if (value) return value;
  }
  return null;
}
