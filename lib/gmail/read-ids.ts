import { BODY_TEXT, JSLOG_MESSAGE, JSLOG_THREAD } from './selectors';
import { jslogId, legacyHex, messageKey, threadKey } from './thread-key';

/** What the page says identifies the open thread; keys from ./thread-key, absent when unknown. */
export interface ThreadIds {
  threadId?: string;
  legacyThreadId?: string;
}

/** What identifies one message; absent for a collapsed message Gmail never loaded. */
export interface MessageIds {
  id?: string;
  legacyId?: string;
}

/**
 * The thread's key, by the first source whose value has the shape of an id: the subject's
 * `data-thread-perm-id` (2018-2025; "undefined" in Google Workspace, gmail.js issue 814, and
 * absent for a new thread's first seconds, gmail.js issue 531), then its `data-legacy-thread-id`
 * (every layout), then the first `jslog` in the pane that carries a thread id (2020-2025).
 * A thread none of them names has no key: it cannot be linked, rather than share a bogus one.
 */
export function readThreadIds(main: Element, heading: Element): ThreadIds {
  const legacy = legacyHex(threadKey(heading.getAttribute('data-legacy-thread-id')));
  const threadId =
    threadKey(heading.getAttribute('data-thread-perm-id')) ??
    threadKey(legacy ?? undefined) ??
    firstJslog(heading, JSLOG_THREAD, '1', threadKey) ??
    firstJslog(main, JSLOG_THREAD, '1', threadKey);
  return { ...(threadId ? { threadId } : {}), ...(legacy ? { legacyThreadId: legacy } : {}) };
}

/**
 * A message's key: `data-message-id` (2018-2025) when it has an id's shape, else its legacy hex,
 * else the `jslog` Gmail writes into the message's header and body wrapper (2020-2025).
 * `idEl` is the element carrying `data-message-id`, when there is one.
 */
export function readMessageIds(idEl: Element | undefined, wrapper: Element): MessageIds {
  const legacy = legacyHex(
    messageKey(idEl?.getAttribute('data-legacy-message-id')) ?? messageKey(wrapper.getAttribute('data-legacy-message-id')),
  );
  const id =
    messageKey(idEl?.getAttribute('data-message-id')) ??
    messageKey(legacy ?? undefined) ??
    firstJslog(wrapper, JSLOG_MESSAGE, '4', messageKey);
  return { ...(id ? { id } : {}), ...(legacy ? { legacyId: legacy } : {}) };
}

/** The first valid key in a jslog at or under `scope`, outside email bodies (their markup is their author's). */
function firstJslog(scope: Element, selector: string, slot: '1' | '4', key: (raw: string | undefined) => string | undefined): string | undefined {
  const candidates = scope.matches(selector) ? [scope] : [];
  candidates.push(...Array.from(scope.querySelectorAll(selector)));
  for (const el of candidates) {
    if (el.closest(BODY_TEXT)) continue;
    const id = key(jslogId(el.getAttribute('jslog'), slot));
    if (id) return id;
  }
  return undefined;
}
