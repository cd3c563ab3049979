import Dexie from 'dexie';
import type { SidecarDB } from './db';
import { legacyHex } from './gmail/thread-key';
import { threadUrl } from './gmail/urls';
import { alive } from './validate';

/** A Gmail thread the contact's logged emails belong to, newest first: the dashboard's "Open in Gmail". */
export interface ContactThread {
  threadId: string;
  /** Null when the stored id has no legacy form a Gmail link can open. */
  url: string | null;
  subject?: string;
  lastAt: number;
  emails: number;
}

/** Threads are listed at most; the count says how many there are. */
export const THREADS_SHOWN = 20;

export async function contactThreads(db: SidecarDB, contactId: string): Promise<{ threads: ContactThread[]; total: number }> {
  const logged = await db.interactions
    .where('[contactId+occurredAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .reverse()
    .filter((i) => alive(i) && i.gmailThreadId !== undefined)
    .toArray();
  const byThread = new Map<string, ContactThread>();
  for (const i of logged) {
    const id = i.gmailThreadId!;
    const known = byThread.get(id);
    if (known) {
      known.emails++;
      known.subject ??= i.subject;
    } else {
      const hex = legacyHex(id);
      byThread.set(id, { threadId: id, url: hex ? threadUrl(hex) : null, subject: i.subject, lastAt: i.occurredAt, emails: 1 });
    }
  }
  const threads = [...byThread.values()];
  return { threads: threads.slice(0, THREADS_SHOWN), total: threads.length };
}
