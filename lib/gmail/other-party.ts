import type { GmailPerson, GmailThread } from '../messages';

/**
 * "The sender" the CRM shows for a thread: whom the user is corresponding with.
 *
 * 1. The latest message is not from the user: its sender.
 * 2. The latest message is from the user (a thread they sent or just replied to): its first
 *    recipient, To before Cc, that is not the user.
 * 3. Otherwise (a note to self, or a latest message whose recipients are not rendered): the
 *    sender of the latest message not from the user, then any recipient not the user, newest first.
 *
 * With `account` null nobody is taken for the user, so the latest sender is the answer.
 */
export function otherParty(thread: GmailThread, account: string | null): GmailPerson | null {
  const me = account?.trim().toLowerCase() || null;
  const notMe = (p: GmailPerson) => p.email !== me;
  const messages = thread.messages;
  const latest = messages[messages.length - 1];
  if (!latest) return null;
  if (notMe(latest.from)) return latest.from;

  const recipient = [...latest.to, ...latest.cc].find(notMe);
  if (recipient) return recipient;

  for (let i = messages.length - 1; i >= 0; i--) {
    if (notMe(messages[i]!.from)) return messages[i]!.from;
  }
  for (let i = messages.length - 1; i >= 0; i--) {
    const other = [...messages[i]!.to, ...messages[i]!.cc].find(notMe);
    if (other) return other;
  }
  return null;
}
