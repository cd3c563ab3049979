import { z } from 'zod';
import { LegacyHex, MessageKey, ThreadKey } from './gmail-keys';
import { LIMITS, PANEL_COMMANDS, SOURCE } from './protocol';

export { SOURCE, type ToContent, type PortOffer } from './protocol';

/**
 * Everything that crosses between the Gmail content script and the sidebar frame.
 * The frame parses with these schemas; the content script (which must stay tiny and
 * carries no zod) imports only the inferred types and checks the little it receives by hand.
 */

const text = (max: number) => z.string().max(max);

export const GmailPerson = z.object({
  name: text(LIMITS.name),
  email: text(LIMITS.email),
});
export type GmailPerson = z.infer<typeof GmailPerson>;

export const GmailMessage = z.object({
  /**
   * Gmail's `data-message-id` (e.g. "#msg-f:1790…" or "#msg-a:r…" for a reply just sent);
   * absent for a collapsed message Gmail has not loaded, which renders no id at all.
   */
  id: MessageKey.optional(),
  /** `data-legacy-message-id` in lower-case hex, present once the server knows the message. */
  legacyId: LegacyHex.optional(),
  from: GmailPerson,
  to: z.array(GmailPerson).max(LIMITS.people),
  cc: z.array(GmailPerson).max(LIMITS.people),
  /** False for a collapsed message, whose recipients Gmail does not render. */
  expanded: z.boolean(),
  /** The first lines of the body as plain text, for the messages the adapter reads it from. */
  snippet: text(LIMITS.snippet).optional(),
});
export type GmailMessage = z.infer<typeof GmailMessage>;

export const GmailThread = z.object({
  /**
   * The thread's one key (lib/gmail/thread-key.ts: "thread-f:1790…", or "thread-a:r…" for a thread
   * this client created); absent when the page names no valid id, and then nothing links to it.
   */
  threadId: ThreadKey.optional(),
  /** `data-legacy-thread-id` in lower-case hex: what a `#all/<hex>` link opens. */
  legacyThreadId: LegacyHex.optional(),
  subject: text(LIMITS.subject),
  /** Oldest first, as Gmail shows them; messages Gmail has not rendered are absent. */
  messages: z.array(GmailMessage).max(LIMITS.messages),
});
export type GmailThread = z.infer<typeof GmailThread>;

export const Theme = z.enum(['light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** Content script -> sidebar frame, over the private MessageChannel port. */
export const ToFrame = z.discriminatedUnion('type', [
  z.object({
    source: z.literal(SOURCE),
    type: z.literal('thread'),
    /** null: no thread open (inbox list, settings, unknown markup). */
    thread: GmailThread.nullable(),
    /** The signed-in Gmail account, lower-cased, when the page shows it. */
    account: text(LIMITS.email).nullable(),
  }),
  z.object({ source: z.literal(SOURCE), type: z.literal('theme'), theme: Theme }),
  z.object({ source: z.literal(SOURCE), type: z.literal('layout'), collapsed: z.boolean() }),
  /** The user pressed Send (button or Ctrl/Cmd+Enter) in the open thread; confirmed when their message appears. */
  z.object({ source: z.literal(SOURCE), type: z.literal('sending'), threadId: ThreadKey }),
  /** A keyboard shortcut pressed in Gmail, for the sidebar to act on. */
  z.object({ source: z.literal(SOURCE), type: z.literal('command'), command: z.enum(PANEL_COMMANDS) }),
]);
export type ToFrame = z.infer<typeof ToFrame>;

/** Sidebar frame -> its tab's top-frame content script, through the extension's own messaging. */
export const Hello = z.object({ source: z.literal(SOURCE), type: z.literal('hello'), token: z.string().min(LIMITS.tokenMin).max(LIMITS.tokenMax) });
export type Hello = z.infer<typeof Hello>;
