import { contactThreads, THREADS_SHOWN } from '@/lib/contact-threads';
import { SidecarDB } from '@/lib/db';
import type { Interaction } from '@/lib/schema';

let db: SidecarDB;
beforeEach(() => {
  db = new SidecarDB(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

const T0 = 1_760_000_000_000;
const contactId = crypto.randomUUID();
const email = (thread: string | undefined, at: number, over: Partial<Interaction> = {}): Interaction => ({
  id: crypto.randomUUID(),
  createdAt: T0,
  updatedAt: T0,
  contactId,
  kind: 'email-in',
  occurredAt: at,
  ...(thread ? { gmailThreadId: thread } : {}),
  ...over,
});

describe('a contact’s Gmail threads', () => {
  it('lists each thread once, newest first, with its subject, email count and a link Gmail can open', async () => {
    await db.contacts.add({ id: contactId, name: 'Priya Raman', emails: ['priya@acme.example'], tags: [], createdAt: T0, updatedAt: T0 });
    await db.interactions.bulkAdd([
      email('198c7a1e2f3b4c5d', T0 + 1, { subject: 'Pricing' }),
      email('198c7a1e2f3b4c5d', T0 + 3, { kind: 'email-out', subject: 'Re: Pricing' }),
      email('thread-a:r-8798674938817896561', T0 + 2, { subject: 'Just sent' }),
      email(undefined, T0 + 4, { kind: 'call' }),
      email('198c7a1e2f3b4c5e', T0 + 5, { deletedAt: T0 + 6 }),
    ]);
    const { threads, total } = await contactThreads(db, contactId);
    expect(total).toBe(2);
    expect(threads).toEqual([
      { threadId: '198c7a1e2f3b4c5d', url: 'https://mail.google.com/mail/u/0/#all/198c7a1e2f3b4c5d', subject: 'Re: Pricing', lastAt: T0 + 3, emails: 2 },
      { threadId: 'thread-a:r-8798674938817896561', url: null, subject: 'Just sent', lastAt: T0 + 2, emails: 1 },
    ]);
  });

  it('shows the latest few when there are many, and says how many there are', async () => {
    await db.interactions.bulkAdd(Array.from({ length: THREADS_SHOWN + 5 }, (_, i) => email(`198c7a1e2f3b${String(1000 + i)}`, T0 + i)));
    const { threads, total } = await contactThreads(db, contactId);
    expect(total).toBe(THREADS_SHOWN + 5);
    expect(threads).toHaveLength(THREADS_SHOWN);
    expect(threads[0]!.lastAt).toBe(T0 + THREADS_SHOWN + 4);
  });
});
