import { describe, expect, it } from 'vitest';
import { GmailThread, type GmailPerson } from '../../lib/messages';
import { otherParty } from '../../lib/gmail/other-party';
import { readAccount } from '../../lib/gmail/read-account';
import { readThread } from '../../lib/gmail/read-thread';
import { readTheme } from '../../lib/gmail/theme';
import { FIXTURES, loadFixture } from '../fixtures/gmail/load';

/** A message as the table states it: ids, sender address, recipient addresses, state. */
interface Expected {
  id?: string;
  legacyId?: string;
  from: string;
  to?: string[];
  cc?: string[];
  expanded: boolean;
}

interface Case {
  file: string;
  account: string;
  theme: 'light' | 'dark';
  /** null: no thread open. */
  thread: null | { threadId: string; legacyThreadId?: string; subject: string; messages: Expected[] };
  other: GmailPerson | null;
}

const ME = 'me@sidecar.example';
const PRIYA = 'priya.raman@acme.example';
const DANIEL = 'daniel.okafor@northwind.example';
const LENA = 'lena.fischer@northwind.example';
const SALES = 'sales@sidecar.example';

const single: Case['thread'] = {
  threadId: 'thread-f:1840980617747713117',
  legacyThreadId: '198c7a1e2f3b4c5d',
  subject: 'Pricing for the Q3 pilot',
  messages: [{ id: '#msg-f:1840980617747713117', legacyId: '198c7a1e2f3b4c5d', from: PRIYA, to: [ME], expanded: true }],
};

const cases: Case[] = [
  { file: 'thread-single.html', account: ME, theme: 'light', thread: single, other: { name: 'Priya Raman', email: PRIYA } },
  { file: 'thread-dark.html', account: ME, theme: 'dark', thread: single, other: { name: 'Priya Raman', email: PRIYA } },
  // The same thread with the inline reply open: the compose form is no message.
  { file: 'thread-reply-compose.html', account: ME, theme: 'light', thread: single, other: { name: 'Priya Raman', email: PRIYA } },
  {
    file: 'thread-long-collapsed.html',
    account: ME,
    theme: 'light',
    thread: {
      threadId: 'thread-f:1840302917603816453',
      legacyThreadId: '198a11c0d2e3f405',
      subject: 'Re: Onboarding plan for Northwind',
      // 8 messages in the conversation; 2-4 sit behind the "3 older messages" bar, unrendered.
      messages: [
        { from: DANIEL, expanded: false },
        { id: '#msg-f:1840704027782918851', legacyId: '198b7e8f90a1b2c3', from: ME, expanded: false },
        { from: DANIEL, expanded: false },
        { id: '#msg-f:1840794541568013509', legacyId: '198bd0e1f2a3b4c5', from: LENA, expanded: false },
        { id: '#msg-f:1840968436883930446', legacyId: '198c6f0a1b2c3d4e', from: DANIEL, to: [ME], cc: [LENA], expanded: true },
      ],
    },
    other: { name: 'Daniel Okafor', email: DANIEL },
  },
  {
    file: 'thread-multi-sender.html',
    account: SALES,
    theme: 'light',
    thread: {
      threadId: 'thread-f:1840579296002851154',
      legacyThreadId: '198b0d1e2f304152',
      subject: 'Joint proposal: Contoso × Fabrikam rollout',
      messages: [
        { id: '#msg-f:1840579296002851154', legacyId: '198b0d1e2f304152', from: 'ana.lima@contoso.example', expanded: false },
        { id: '#msg-f:1840734796589653583', legacyId: '198b9a8b7c6d5e4f', from: 'ben.wu@fabrikam.example', to: ['ana.lima@contoso.example'], cc: [SALES, 'jo.brandt@fabrikam.example'], expanded: true },
        { id: '#msg-f:1840781295693006866', legacyId: '198bc4d5e6f70812', from: SALES, to: ['ana.lima@contoso.example', 'ben.wu@fabrikam.example'], cc: ['jo.brandt@fabrikam.example'], expanded: true },
        { id: '#msg-f:1840880631145061226', legacyId: '198c1f2e3d4c5b6a', from: 'carla.diaz@globex.example', to: [SALES], cc: ['ana.lima@contoso.example', 'ben.wu@fabrikam.example'], expanded: true },
      ],
    },
    other: { name: 'Carla Díaz', email: 'carla.diaz@globex.example' },
  },
  { file: 'inbox.html', account: ME, theme: 'light', thread: null, other: null },
  {
    // data-thread-perm-id="undefined" (Google Workspace): the key comes from the legacy id.
    file: 'thread-workspace.html',
    account: ME,
    theme: 'light',
    thread: {
      threadId: 'thread-f:1841156595662020207',
      legacyThreadId: '198d1a2b3c4d5e6f',
      subject: 'Quote for 40 seats',
      messages: [{ id: '#msg-f:1841156595662020207', legacyId: '198d1a2b3c4d5e6f', from: 'tomas.ortega@initrode.example', to: [ME], expanded: true }],
    },
    other: { name: 'Tomás Ortega', email: 'tomas.ortega@initrode.example' },
  },
  {
    file: 'thread-sent-by-me.html',
    account: ME,
    theme: 'light',
    thread: {
      threadId: 'thread-a:r-8798674938817896561',
      legacyThreadId: '198b5e6f70819203',
      subject: 'Intro: Sidecar × Initech',
      messages: [{ id: '#msg-a:r-8798674938817896561', legacyId: '198b5e6f70819203', from: ME, to: ['omar.haddad@initech.example'], cc: ['jules.martin@sidecar.example'], expanded: true }],
    },
    other: { name: 'Omar Haddad', email: 'omar.haddad@initech.example' },
  },
  {
    file: 'thread-reply-pending.html',
    account: ME,
    theme: 'light',
    thread: {
      threadId: 'thread-f:1840892781860318847',
      legacyThreadId: '198c2a3b4c5d6e7f',
      subject: 'Re: Contract renewal 2026',
      messages: [
        { id: '#msg-f:1840892781860318847', legacyId: '198c2a3b4c5d6e7f', from: 'mei.tanaka@umbrella.example', to: [ME], expanded: true },
        // Just sent: Gmail's client-side id only, no legacy id yet.
        { id: '#msg-a:r-2233445566778899001', from: ME, to: ['mei.tanaka@umbrella.example'], expanded: true },
      ],
    },
    other: { name: 'Mei Tanaka', email: 'mei.tanaka@umbrella.example' },
  },
  {
    file: 'thread-hostile-name.html',
    account: ME,
    theme: 'light',
    thread: {
      threadId: 'thread-f:1840911546858766208',
      legacyThreadId: '198c3b4c5d6e7f80',
      subject: '"><img src=x onerror=alert(2)> Invoice overdue',
      messages: [{ id: '#msg-f:1840911546858766208', legacyId: '198c3b4c5d6e7f80', from: 'mallory@evil.example', to: [ME], expanded: true }],
    },
    other: { name: '<img src=x onerror=alert(1)>', email: 'mallory@evil.example' },
  },
];

const emails = (people: GmailPerson[]) => people.map((p) => p.email);

describe('Gmail readers over saved pages', () => {
  it('has a table row for every fixture', () => {
    expect(cases.map((c) => c.file).sort()).toEqual(FIXTURES);
  });

  it.each(cases)('$file: account', ({ file, account }) => {
    expect(readAccount(loadFixture(file))).toBe(account);
  });

  it.each(cases)('$file: thread ids, subject and every rendered message', ({ file, thread: expected }) => {
    const thread = readThread(loadFixture(file));
    if (expected === null) {
      expect(thread).toBeNull();
      return;
    }
    expect(thread).not.toBeNull();
    // What the content script sends must pass the frame's schema as it is.
    expect(GmailThread.safeParse(thread).success).toBe(true);
    expect(thread!.threadId).toBe(expected.threadId);
    expect(thread!.legacyThreadId).toBe(expected.legacyThreadId);
    expect(thread!.subject).toBe(expected.subject);
    expect(thread!.messages).toHaveLength(expected.messages.length);
    thread!.messages.forEach((message, i) => {
      const want = expected.messages[i]!;
      expect({
        id: message.id,
        legacyId: message.legacyId,
        from: message.from.email,
        to: emails(message.to),
        cc: emails(message.cc),
        expanded: message.expanded,
      }).toEqual({ to: [], cc: [], legacyId: undefined, ...want });
    });
  });

  it.each(cases)('$file: the other party', ({ file, account, thread: expected, other }) => {
    const thread = readThread(loadFixture(file));
    expect(thread ? otherParty(thread, account) : null).toEqual(other);
    if (expected) expect(otherParty(thread!, null)).toEqual(thread!.messages.at(-1)!.from);
  });

  it.each(cases)('$file: theme', ({ file, theme }) => {
    expect(readTheme(loadFixture(file), window)).toBe(theme);
  });

  it('reads the first lines of the newest message and of the user’s own, without quoted text', () => {
    const single = readThread(loadFixture('thread-single.html'))!.messages[0]!;
    expect(single.snippet).toMatch(/^Hi Sam, thanks for the call on Tuesday\. As promised, here is our proposal/);
    expect(single.snippet!.length).toBeLessThanOrEqual(300);

    const pending = readThread(loadFixture('thread-reply-pending.html'))!.messages;
    // Mei's message is neither the newest nor the user's: no need to read it.
    expect(pending[0]!.snippet).toBeUndefined();
    expect(pending[1]!.snippet).toBe('Hi Mei, of course. Renewal terms attached; the 12% volume discount applies from 40 seats. Sam');

    // Collapsed messages show no body; the newest here is expanded and gets its lines.
    const long = readThread(loadFixture('thread-long-collapsed.html'))!.messages;
    expect(long.slice(0, -1).map((m) => m.snippet)).toEqual([undefined, undefined, undefined, undefined]);

    // Without the page (an element as root), the account is unknown: only the newest message.
    const doc = loadFixture('thread-reply-pending.html');
    expect(readThread(doc.body)!.messages[1]!.snippet).toBeDefined();
    expect(readThread(doc.body, null)!.messages[0]!.snippet).toBeUndefined();
    expect(readThread(doc.body, 'mei.tanaka@umbrella.example')!.messages[0]!.snippet).toMatch(/^Hi Sam, our contract ends in December\./);
  });

  it('reads names from the name attribute, the account shown as "me" included', () => {
    const thread = readThread(loadFixture('thread-multi-sender.html'))!;
    expect(thread.messages.map((m) => m.from.name)).toEqual(['Ana Lima', 'Ben Wu', 'Sidecar Sales', 'Carla Díaz']);
    expect(thread.messages[3]!.to).toEqual([{ name: 'me', email: SALES }]);
    expect(thread.messages[3]!.cc).toEqual([
      { name: 'Ana Lima', email: 'ana.lima@contoso.example' },
      { name: 'Ben Wu', email: 'ben.wu@fabrikam.example' },
    ]);
  });

  it('hands a hostile display name and subject on as plain text, never as markup', () => {
    const doc = loadFixture('thread-hostile-name.html');
    const thread = readThread(doc)!;
    expect(thread.messages[0]!.from).toEqual({ name: '<img src=x onerror=alert(1)>', email: 'mallory@evil.example' });
    expect(typeof thread.messages[0]!.from.name).toBe('string');
    // The page itself holds no such element: Gmail escaped it, and reading created none.
    expect(doc.querySelector('img[src="x"]')).toBeNull();
  });

  it('ignores list rows and the hidden earlier view in the inbox page', () => {
    const doc = loadFixture('inbox.html');
    expect(doc.querySelectorAll('tr.zA span[email]').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('h2.hP[data-thread-perm-id]')).toHaveLength(1); // the stale, hidden one
    expect(readThread(doc)).toBeNull();
  });

  it('reads the same thread from the document, its element, or the live page', () => {
    const doc = loadFixture('thread-long-collapsed.html');
    const fromDoc = readThread(doc);
    expect(readThread(doc.body)).toEqual(fromDoc);
    const main = Array.from(doc.querySelectorAll('[role="main"]')).at(-1)!;
    expect(readThread(main)).toEqual(fromDoc);
    document.documentElement.innerHTML = doc.documentElement.innerHTML;
    expect(readThread(document)).toEqual(fromDoc);
  });
});
