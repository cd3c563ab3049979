import { sentAt } from './followups-gmail';
import type { GmailMessage, GmailPerson, GmailThread } from './messages';

/**
 * What of the open Gmail thread can be logged: the reply just sent, and the received emails not
 * logged yet, as items for logGmailMessages (lib/interactions.ts). Pure: the thread is what the
 * content script read from the page.
 */

/** One Gmail message to log, keyed by its Gmail id so that it is never logged twice. */
export interface GmailLogItem {
  kind: 'email-in' | 'email-out';
  gmailMessageId: string;
  /** Absent when Gmail names the thread by no valid id (lib/gmail/thread-key.ts). */
  gmailThreadId?: string;
  subject: string;
  body?: string;
  occurredAt: number;
}

/** Messages of the thread from one of the contact's addresses, with an id, not yet logged. */
export function unloggedIncoming(thread: GmailThread, contactEmails: readonly string[], logged: ReadonlySet<string>): GmailMessage[] {
  const emails = new Set(contactEmails.map((e) => e.toLowerCase()));
  return thread.messages.filter((m) => m.id !== undefined && emails.has(m.from.email.toLowerCase()) && !logged.has(m.id));
}

/** The ids of the messages in a thread snapshot. */
export function messageIds(thread: GmailThread): string[] {
  return thread.messages.flatMap((m) => (m.id ? [m.id] : []));
}

/** The first message not in `known` that the signed-in account wrote: the reply just sent. */
export function findSentReply(thread: GmailThread, known: ReadonlySet<string>, account: string | null): GmailMessage | null {
  const me = account?.trim().toLowerCase();
  if (!me) return null;
  return thread.messages.find((m) => m.id !== undefined && !known.has(m.id) && m.from.email.toLowerCase() === me) ?? null;
}

const names = (people: readonly GmailPerson[]) => people.map((p) => p.name || p.email).join(', ');

/** When a message was sent, from its Gmail id when that is plausible, else `now`. */
function messageTime(message: GmailMessage, now: number): number {
  const at = sentAt(message);
  // Gmail's first message ids date from 2004; anything outside that and now is not a time.
  return at !== null && at > Date.UTC(2004, 0) && at <= now + 86_400_000 ? at : now;
}

export function sentReplyItem(thread: GmailThread, message: GmailMessage, now = Date.now()): GmailLogItem {
  const recipients = [...message.to, ...message.cc];
  const lines = [recipients.length ? `To: ${names(recipients)}` : '', message.snippet ?? ''].filter(Boolean);
  return {
    kind: 'email-out',
    gmailMessageId: message.id!,
    ...(thread.threadId ? { gmailThreadId: thread.threadId } : {}),
    subject: thread.subject,
    ...(lines.length ? { body: lines.join('\n\n') } : {}),
    occurredAt: messageTime(message, now),
  };
}

export function incomingItems(thread: GmailThread, messages: readonly GmailMessage[], now = Date.now()): GmailLogItem[] {
  return messages
    .filter((m) => m.id !== undefined)
    .map((m) => ({
      kind: 'email-in' as const,
      gmailMessageId: m.id!,
      ...(thread.threadId ? { gmailThreadId: thread.threadId } : {}),
      subject: thread.subject,
      ...(m.snippet ? { body: m.snippet } : {}),
      occurredAt: messageTime(m, now),
    }));
}
