import type { GmailMessage, GmailThread } from './messages';
import type { Contact, FollowUp } from './schema';

/**
 * What follow-ups know of Gmail: which thread they belong to, when a message was sent, and
 * whether the contact has answered. Pure functions over the thread snapshot the content script sends.
 */

export const GMAIL_WEB = 'https://mail.google.com/mail/u/0/';

/**
 * The thread id a follow-up stores: the legacy hex id when Gmail shows it, because that is what
 * a `#all/<id>` link opens; otherwise the permanent id ("thread-f:<decimal>", the same number in
 * decimal, or "thread-a:…" for a thread the server does not know yet).
 */
export function threadKey(thread: GmailThread): string {
  return thread.legacyThreadId ?? thread.threadId;
}

/** The legacy hex id behind any of Gmail's id forms ("198c…", "thread-f:1840…", "#msg-f:1840…"), or null. */
export function legacyHex(id: string | undefined): string | null {
  if (!id) return null;
  if (/^[0-9a-f]{6,16}$/i.test(id)) return id.toLowerCase();
  const decimal = /^#?(?:thread|msg)-f:(\d{1,20})$/.exec(id)?.[1];
  return decimal ? BigInt(decimal).toString(16) : null;
}

/** Whether a stored thread id names the open thread, whichever of its ids was stored. */
export function sameThread(stored: string | undefined, thread: GmailThread): boolean {
  if (!stored) return false;
  if (stored === thread.threadId || stored === thread.legacyThreadId) return true;
  const hex = legacyHex(stored);
  return hex !== null && hex === (legacyHex(thread.legacyThreadId) ?? legacyHex(thread.threadId));
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
  return message.id ?? message.legacyId ?? null;
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

/**
 * Where a click on the reminder leads: the thread when its legacy id is known, otherwise a
 * Gmail search for the contact's first address (there is no dashboard to open yet).
 */
export function followUpUrl(followUp: Pick<FollowUp, 'gmailThreadId'>, contact: Pick<Contact, 'emails'> | undefined): string {
  const hex = legacyHex(followUp.gmailThreadId);
  if (hex) return `${GMAIL_WEB}#all/${hex}`;
  const email = contact?.emails[0];
  return email ? `${GMAIL_WEB}#search/${encodeURIComponent(email)}` : `${GMAIL_WEB}#inbox`;
}
