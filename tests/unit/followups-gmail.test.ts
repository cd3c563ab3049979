import { followUpThreadUrl, isAnswered, legacyHex, sameThread, sentAt, threadBaseline, threadKey } from '@/lib/followups-gmail';
import { readThread } from '@/lib/gmail/read-thread';
import type { GmailMessage, GmailThread } from '@/lib/messages';
import type { FollowUp } from '@/lib/schema';
import { loadFixture } from '../fixtures/gmail/load';

const PRIYA = ['priya.raman@acme.example', 'priya@acme.example'];
const ME = { name: 'me', email: 'me@sidecar.example' };
const priya = { name: 'Priya Raman', email: 'Priya.Raman@acme.example' };

/** A legacy message id for a message sent at `ms` (the low 20 bits are Gmail's own). */
const legacyAt = (ms: number) => ((BigInt(ms) << 20n) | 0x4c5dn).toString(16);

const message = (from: GmailMessage['from'], ids: Partial<Pick<GmailMessage, 'id' | 'legacyId'>>): GmailMessage => ({
  ...ids,
  from,
  to: [ME],
  cc: [],
  expanded: true,
});

const thread = (messages: GmailMessage[]): GmailThread => ({
  threadId: 'thread-f:1840980617747713117',
  legacyThreadId: '198c7a1e2f3b4c5d',
  subject: 'Pricing for the Q3 pilot',
  messages,
});

const CREATED = Date.UTC(2025, 8, 1, 12);
const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  id: '00000000-0000-4000-8000-000000000001',
  contactId: '00000000-0000-4000-8000-000000000002',
  dueAt: CREATED + 3 * 86_400_000,
  status: 'open',
  ifNoReply: true,
  gmailThreadId: '198c7a1e2f3b4c5d',
  createdAt: CREATED,
  updatedAt: CREATED,
  ...over,
});

describe('Gmail ids', () => {
  it('reads the send time of the saved thread’s message: August 2025', () => {
    const open = readThread(loadFixture('thread-single.html'))!;
    const at = sentAt(open.messages[0]!);
    expect(new Date(at!).toISOString()).toBe('2025-08-20T13:18:52.147Z');
    expect(legacyHex('198c7a1e2f3b4c5d')).toBe('198c7a1e2f3b4c5d');
  });

  it('knows a permanent "thread-f:" id is the legacy hex id in decimal', () => {
    expect(legacyHex('thread-f:1840980617747713117')).toBe('198c7a1e2f3b4c5d');
    expect(legacyHex('#msg-f:1840980617747713117')).toBe('198c7a1e2f3b4c5d');
    expect(legacyHex('thread-a:r-4711')).toBeNull();
    expect(legacyHex(undefined)).toBeNull();
  });

  it('dates a message by its "#msg-f:" id when it has no legacy id, and not a reply just sent', () => {
    expect(sentAt(message(priya, { id: '#msg-f:1840980617747713117' }))).toBe(Date.parse('2025-08-20T13:18:52.147Z'));
    expect(sentAt(message(ME, { id: '#msg-a:r-8291' }))).toBeNull();
  });

  it("stores the thread's one key, as deals and interactions do; none when Gmail names none", () => {
    expect(threadKey(thread([]))).toBe('thread-f:1840980617747713117');
    expect(threadKey({ threadId: 'thread-a:r-1', subject: '', messages: [] })).toBe('thread-a:r-1');
    expect(threadKey({ subject: '', messages: [] })).toBeUndefined();
  });

  it.each([
    ['198c7a1e2f3b4c5d', true],
    ['thread-f:1840980617747713117', true],
    ['198C7A1E2F3B4C5D', true],
    ['198c7a1e2f3b4c5e', false],
    ['thread-a:r-1', false],
    [undefined, false],
  ])('matches a stored %s against the open thread: %s', (stored, expected) => {
    expect(sameThread(stored, thread([]))).toBe(expected);
  });
});

describe('has the contact answered an "if no reply" follow-up?', () => {
  it('yes: a message from one of their addresses (any case) sent after it was scheduled', () => {
    const open = thread([message(priya, { legacyId: legacyAt(CREATED + 60_000) })]);
    expect(isAnswered(followUp(), open, PRIYA)).toBe(true);
  });

  it('no: their message predates the follow-up (the saved thread, from August)', () => {
    const open = readThread(loadFixture('thread-single.html'))!;
    expect(isAnswered(followUp(), open, PRIYA)).toBe(false);
    expect(isAnswered(followUp({ createdAt: Date.UTC(2025, 7, 1) }), open, PRIYA)).toBe(true);
  });

  it('no: the newer message is my own, or someone else’s', () => {
    const open = thread([
      message(ME, { legacyId: legacyAt(CREATED + 60_000) }),
      message({ name: 'Lena', email: 'lena@acme.example' }, { legacyId: legacyAt(CREATED + 60_000) }),
    ]);
    expect(isAnswered(followUp(), open, PRIYA)).toBe(false);
  });

  it('no: another thread, a plain follow-up, or one already done', () => {
    const open = thread([message(priya, { legacyId: legacyAt(CREATED + 60_000) })]);
    expect(isAnswered(followUp({ gmailThreadId: '1111111111111111' }), open, PRIYA)).toBe(false);
    expect(isAnswered(followUp({ ifNoReply: false }), open, PRIYA)).toBe(false);
    expect(isAnswered(followUp({ status: 'done', doneAt: CREATED }), open, PRIYA)).toBe(false);
    expect(isAnswered(followUp({ deletedAt: CREATED }), open, PRIYA)).toBe(false);
  });

  it('an undated message counts only if it was not in the thread when the follow-up was scheduled', () => {
    const before = thread([message(priya, { id: '#msg-a:r-1' })]);
    const baseline = threadBaseline(before);
    const after = thread([message(priya, { id: '#msg-a:r-1' }), message(priya, { id: '#msg-a:r-2' })]);
    expect(isAnswered(followUp(), before, PRIYA, baseline)).toBe(false);
    expect(isAnswered(followUp(), after, PRIYA, baseline)).toBe(true);
    // Without knowing what was there, an undated message is no evidence.
    expect(isAnswered(followUp(), after, PRIYA)).toBe(false);
  });
});

describe('the link to a follow-up’s thread', () => {
  it('opens the thread by its legacy id, whichever id was stored', () => {
    expect(followUpThreadUrl({ gmailThreadId: '198c7a1e2f3b4c5d' })).toBe('https://mail.google.com/mail/u/0/#all/198c7a1e2f3b4c5d');
    expect(followUpThreadUrl({ gmailThreadId: 'thread-f:1840980617747713117' })).toBe('https://mail.google.com/mail/u/0/#all/198c7a1e2f3b4c5d');
  });

  it('is none when the thread has no usable id, or there is none', () => {
    expect(followUpThreadUrl({ gmailThreadId: 'thread-a:r-1' })).toBeNull();
    expect(followUpThreadUrl({})).toBeNull();
  });
});
