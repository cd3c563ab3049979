import { legacyHex, messageKey as keyOfMessageId, threadKey as keyOfThreadId } from './gmail/thread-key';
import { threadUrl } from './gmail/urls';
import type { GmailMessage, GmailThread } from './messages';
import type { FollowUp } from './schema';

/**
 * What follow-ups know of Gmail: which thread they belong to, when a message was sent, and
 * whether the contact has answered. Pure functions over the thread snapshot the content script sends.
 */

export { legacyHex };

/** The thread id a follow-up stores: the thread's one key, as every table stores it; none when Gmail names none. */
export function threadKey(thread: GmailThread): string | undefined {
  return thread.threadId;
}

/**
 * Whether a stored thread id names the open thread: its key, or the key of its legacy id (a
 * follow-up scheduled on a "thread-a:" thread before stored the legacy id).
 */
export function sameThread(stored: string | undefined, thread: GmailThread): boolean {
  const key = keyOfThreadId(stored);
  return key !== undefined && (key === thread.threadId || key === keyOfThreadId(thread.legacyThreadId));
}

/**
 * When a message was sent, from its id: Gmail's legacy ids carry the send time in epoch
 * milliseconds above their low 20 bits. Null for a message with no such id (a reply just sent).
 */
export function sentAt(message: GmailMessage): number | null {
  const hex = legacyHex(message.legacyId) ?? legacyHex(message.id);
  return hex ? Number(BigInt(`0x${hex}`) >> 20n) : null;
}

/** What identifies a message across snapshots of the same thread. */
export function messageKey(message: GmailMessage): string | null {
  return message.id ?? keyOfMessageId(message.legacyId) ?? null;
}

/** The keys of the messages in the thread now, remembered when a follow-up is scheduled. */
export function threadBaseline(thread: GmailThread): Set<string> {
  return new Set(thread.messages.map(messageKey).filter((k): k is string => k !== null));
}

/**
 * Whether an open "if no reply" follow-up has been answered in `thread`: a message from one of
 * the contact's addresses sent after the follow-up was created. A message without a dated id
 * counts only if `baseline` (the thread's messages when it was scheduled) shows it is new;
 * without a baseline such a message is not evidence enough to close anything.
 */
export function isAnswered(
  followUp: FollowUp,
  thread: GmailThread,
  contactEmails: readonly string[],
  baseline?: ReadonlySet<string>,
): boolean {
  if (followUp.status !== 'open' || !followUp.ifNoReply || followUp.deletedAt !== undefined) return false;
  if (!sameThread(followUp.gmailThreadId, thread)) return false;
  const emails = new Set(contactEmails.map((e) => e.toLowerCase()));
  return thread.messages.some((message) => {
    if (!emails.has(message.from.email.trim().toLowerCase())) return false;
    const at = sentAt(message);
    if (at !== null) return at > followUp.createdAt;
    const key = messageKey(message);
    return baseline !== undefined && key !== null && !baseline.has(key);
  });
}

/** The Gmail link of a follow-up's thread; null when no legacy id is known (Gmail opens threads by that id only). */
export function followUpThreadUrl(followUp: Pick<FollowUp, 'gmailThreadId'>): string | null {
  const hex = legacyHex(followUp.gmailThreadId);
  return hex ? threadUrl(hex) : null;
}
