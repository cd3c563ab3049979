import { describe, expect, it } from 'vitest';
import * as S from '../../lib/gmail/selectors';
import { FIXTURES, loadFixture } from '../fixtures/gmail/load';

/**
 * Refined-github style: every selector of lib/gmail/selectors.ts, counted in every saved page.
 * A count that moves means the markup or the selector moved: look before updating the table.
 */
const selectors: Record<string, string> = {};
for (const [name, value] of Object.entries(S)) {
  if (name.endsWith('_CLASS')) selectors[name] = `.${value as string}`;
  else if (typeof value === 'string') selectors[name] = value;
  else (value as readonly string[]).forEach((selector, i) => (selectors[`${name}[${i}]`] = selector));
}
// Combinations the readers use.
selectors['RECIPIENT_LINE RECIPIENT'] = `${S.RECIPIENT_LINE} ${S.RECIPIENT}`;
selectors['reply just sent'] = '[data-message-id]:not([data-legacy-message-id])';

type Counts = Record<string, number>;
// Parsed once: these tests only read.
const docs = new Map(FIXTURES.map((file) => [file, loadFixture(file)]));

const threadView = (c: Counts): Counts => ({
  MAIN: 1, 'SUBJECT[0]': 1, 'SUBJECT[1]': 1, HIDDEN: 0, OLDER_BAR: 0, COLLAPSED: 0, COLLAPSED_HEADER: 0,
  'ACCOUNT_LINK[0]': 1, 'ACCOUNT_LINK[1]': 1, 'ACCOUNT_LINK[2]': 1, LIST_ROW: 0, LIST_ROW_THREAD: 0, 'reply just sent': 0,
  'SEND_BUTTON[0]': 0, 'SEND_BUTTON[1]': 0, 'COMPOSE_BODY[0]': 0, 'COMPOSE_BODY[1]': 0, QUOTED_TEXT: 0,
  ...c,
});

const expected: Record<string, Counts> = {
  // The visible thread plus the hidden list it was opened from (its rows still in the DOM).
  // jslog ids: 6 list rows, the subject, star, Reply and body wrapper (thread); the last three (message).
  'thread-single.html': threadView({ MAIN: 2, EXPANDED: 1, MESSAGE_CONTENT: 1, 'SENDER[0]': 1, 'SENDER[3]': 10, SENDER_AVATAR: 1, 'RECIPIENT_LINE RECIPIENT': 1, LIST_ROW: 6, LIST_ROW_THREAD: 6, JSLOG_THREAD: 10, JSLOG_MESSAGE: 3 }),
  // thread-single's markup in a Workspace account: the perm id is "undefined", yet the heading still matches.
  'thread-workspace.html': threadView({ MAIN: 2, EXPANDED: 1, MESSAGE_CONTENT: 1, 'SENDER[0]': 1, 'SENDER[3]': 10, SENDER_AVATAR: 1, 'RECIPIENT_LINE RECIPIENT': 1, LIST_ROW: 6, LIST_ROW_THREAD: 6, JSLOG_THREAD: 10, JSLOG_MESSAGE: 3 }),
  // thread-single with the inline reply open: one Send button (not the arrow beside it), one body.
  'thread-reply-compose.html': threadView({ MAIN: 2, EXPANDED: 1, MESSAGE_CONTENT: 1, BODY_TEXT: 1, 'SENDER[0]': 1, 'SENDER[3]': 10, SENDER_AVATAR: 1, 'RECIPIENT_LINE RECIPIENT': 1, LIST_ROW: 6, LIST_ROW_THREAD: 6, 'SEND_BUTTON[0]': 1, 'SEND_BUTTON[1]': 1, 'COMPOSE_BODY[0]': 1, 'COMPOSE_BODY[1]': 1 }),
  'thread-dark.html': threadView({ MAIN: 2, EXPANDED: 1, MESSAGE_CONTENT: 1, 'SENDER[0]': 1, 'SENDER[3]': 10, SENDER_AVATAR: 1, 'RECIPIENT_LINE RECIPIENT': 1, LIST_ROW: 6, LIST_ROW_THREAD: 6 }),
  // 1 collapsed, the bar over 3 unrendered, 3 collapsed (2 with hidden content), 1 expanded.
  'thread-long-collapsed.html': threadView({ MESSAGE_WRAPPER: 8, EXPANDED: 1, COLLAPSED: 4, HIDDEN: 3, OLDER_BAR: 1, MESSAGE_CONTENT: 3, COLLAPSED_HEADER: 4, 'SENDER[0]': 4, 'SENDER[1]': 2, 'SENDER[2]': 5, 'SENDER[3]': 3, SENDER_AVATAR: 5, 'RECIPIENT_LINE RECIPIENT': 2, QUOTED_TEXT: 2 }),
  'thread-multi-sender.html': threadView({ MESSAGE_WRAPPER: 4, EXPANDED: 3, COLLAPSED: 1, COLLAPSED_HEADER: 1, MESSAGE_CONTENT: 4, 'SENDER[0]': 4, 'SENDER[1]': 4, 'SENDER[3]': 0, SENDER_AVATAR: 4, RECIPIENT_LINE: 3, 'RECIPIENT_LINE RECIPIENT': 9 }),
  // The list, plus a thread viewed earlier and hidden: it still matches, and readers must skip it.
  'inbox.html': threadView({ MAIN: 2, EXPANDED: 1, MESSAGE_CONTENT: 1, 'SENDER[0]': 1, 'SENDER[3]': 10, 'RECIPIENT_LINE RECIPIENT': 1, LIST_ROW: 6, LIST_ROW_THREAD: 6 }),
  'thread-sent-by-me.html': threadView({ EXPANDED: 1, MESSAGE_CONTENT: 1, 'SENDER[0]': 1, 'SENDER[3]': 0, 'RECIPIENT_LINE RECIPIENT': 2 }),
  'thread-reply-pending.html': threadView({ EXPANDED: 2, MESSAGE_CONTENT: 2, 'SENDER[0]': 2, 'RECIPIENT_LINE RECIPIENT': 2, 'reply just sent': 1, QUOTED_TEXT: 2 }),
  'thread-hostile-name.html': threadView({ EXPANDED: 1, MESSAGE_CONTENT: 1, 'SENDER[0]': 1, 'SENDER[3]': 0, 'RECIPIENT_LINE RECIPIENT': 1 }),
};

describe('Gmail selectors against saved pages', () => {
  it('covers every fixture', () => {
    expect(Object.keys(expected).sort()).toEqual(FIXTURES);
  });

  it.each(FIXTURES)('%s: match counts', (file) => {
    const doc = docs.get(file)!;
    const want = expected[file]!;
    const got = Object.fromEntries(Object.keys(want).map((name) => [name, doc.querySelectorAll(selectors[name]!).length]));
    expect(got).toEqual(want);
  });

  it.each(Object.entries(selectors))('%s matches in at least one saved page', (_name, selector) => {
    expect([...docs.values()].some((doc) => doc.querySelector(selector) !== null)).toBe(true);
  });
});
