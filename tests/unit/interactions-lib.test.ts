import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { neverLoggedAs } from '@/lib/never-log';
import { readSettings, saveSetting } from '@/lib/settings';
import { dumpDatabase } from '@/lib/backup/apply';
import {
  draftOf,
  editInteraction,
  logGmailMessages,
  logInteraction,
  loggedMessageIds,
  setCompanyNeverLog,
  setContactNeverLog,
} from '@/lib/interactions';
import { findSentReply, incomingItems, sentReplyItem, unloggedIncoming, type GmailLogItem } from '@/lib/interactions-gmail';
import { parseDateTimeLocal, toDateTimeLocal } from '@/lib/local-time';
import type { GmailThread } from '@/lib/messages';
import type { Company, Contact } from '@/lib/schema';

const NOW = Date.UTC(2025, 7, 20, 12);
const ME = 'me@sidecar.example';
const PRIYA = { name: 'Priya Raman', email: 'priya.raman@acme.example' };
const acme: Company = { id: crypto.randomUUID(), name: 'Acme', domains: ['acme.example'], createdAt: 1, updatedAt: 1 };
const priya: Contact = {
  id: crypto.randomUUID(), name: 'Priya Raman', emails: ['priya.raman@acme.example', 'priya@acme.example'],
  companyId: acme.id, tags: [], createdAt: 1, updatedAt: 1,
};

const email = (id: string, extra: Partial<GmailLogItem> = {}): GmailLogItem => ({
  kind: 'email-in', gmailMessageId: id, gmailThreadId: 'thread-f:1', subject: 'Pricing', occurredAt: NOW, ...extra,
});

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.companies.add(acme);
  await db.contacts.add(priya);
});

describe('logInteraction', () => {
  it('logs a call with its time, subject and summary', async () => {
    const saved = await logInteraction(db, priya.id, { kind: 'call', occurredAt: '2025-08-20T09:30', subject: ' Pricing call ', summary: 'Agreed on 25 seats.' }, NOW);
    expect(await db.interactions.get(saved.id)).toMatchObject({
      contactId: priya.id, kind: 'call', subject: 'Pricing call', body: 'Agreed on 25 seats.',
      occurredAt: parseDateTimeLocal('2025-08-20T09:30'), createdAt: NOW, updatedAt: NOW,
    });
  });

  it('explains what is wrong in words and writes nothing', async () => {
    const attempt = (draft: Partial<Parameters<typeof logInteraction>[2]>) =>
      logInteraction(db, priya.id, { kind: 'note', occurredAt: '2025-08-20T09:30', subject: 'x', summary: '', ...draft }, NOW);
    await expect(attempt({ occurredAt: '' })).rejects.toThrow('Enter the date and time it happened');
    await expect(attempt({ subject: '  ', summary: '' })).rejects.toThrow('Write a subject or a summary');
    await expect(attempt({ kind: 'stage-change' as never })).rejects.toThrow('Choose what kind');
    await expect(attempt({ subject: 'x'.repeat(2001) })).rejects.toThrow('Subject: At most 2000 characters');
    await expect(logInteraction(db, crypto.randomUUID(), { kind: 'note', occurredAt: '2025-08-20T09:30', subject: 'x', summary: '' })).rejects.toThrow('no longer exists');
    expect(await db.interactions.count()).toBe(0);
  });
});

describe('logGmailMessages', () => {
  it('logs each Gmail message once, however often it is offered, in one transaction', async () => {
    expect(await logGmailMessages(db, priya.id, [email('#msg-f:1'), email('#msg-f:2'), email('#msg-f:1')], NOW)).toBe(2);
    expect(await logGmailMessages(db, priya.id, [email('#msg-f:2'), email('#msg-f:3')], NOW)).toBe(1);
    expect(await db.interactions.count()).toBe(3);
    expect(await loggedMessageIds(db, ['#msg-f:1', '#msg-f:3', '#msg-f:9'])).toEqual(new Set(['#msg-f:1', '#msg-f:3']));
  });

  it('brings a deleted entry back instead of adding a second one for the same message', async () => {
    await logGmailMessages(db, priya.id, [email('#msg-f:1')], NOW);
    const [row] = await db.interactions.toArray();
    await db.interactions.put({ ...row!, deletedAt: NOW + 1, updatedAt: NOW + 1 });
    expect(await loggedMessageIds(db, ['#msg-f:1'])).toEqual(new Set());
    expect(await logGmailMessages(db, priya.id, [email('#msg-f:1', { subject: 'Again' })], NOW + 2)).toBe(1);
    const rows = await db.interactions.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: row!.id, subject: 'Again', updatedAt: NOW + 2 });
    expect(rows[0]!.deletedAt).toBeUndefined();
  });

  it('refuses when the contact or their company is set to never be logged, and writes nothing', async () => {
    await setContactNeverLog(db, priya.id, true, NOW);
    await expect(logGmailMessages(db, priya.id, [email('#msg-f:1')])).rejects.toThrow(ValidationError);
    await setContactNeverLog(db, priya.id, false, NOW);
    await setCompanyNeverLog(db, acme.id, true, NOW);
    await expect(logGmailMessages(db, priya.id, [email('#msg-f:1')])).rejects.toThrow('Emails with Acme are set to never be logged');
    expect(await db.interactions.count()).toBe(0);
    expect(await db.companies.get(acme.id)).toMatchObject({ neverLog: true, updatedAt: NOW });
    // Set and cleared at the same instant: the second edit still wins over the first wherever they meet.
    expect(await db.contacts.get(priya.id)).toMatchObject({ neverLog: false, updatedAt: NOW + 1 });
  });
});

describe('the never-log list', () => {
  it('matches an address, or a domain with its subdomains, and names what matched', () => {
    const c = { ...priya, emails: ['thandi@mail.acme.example'] };
    expect(neverLoggedAs(c, acme, ['thandi@mail.acme.example'])).toBe('thandi@mail.acme.example');
    expect(neverLoggedAs(c, acme, ['acme.example'])).toBe('acme.example');
    expect(neverLoggedAs(c, acme, ['me.example', 'cme.example'])).toBeNull();
    expect(neverLoggedAs({ ...c, neverLog: true }, acme, ['acme.example'])).toBe('Priya Raman');
  });

  it('keeps the emails of a listed domain out of the history, and refuses a list with a bad entry', async () => {
    await saveSetting(db, 'neverLogList', ['acme.example']);
    await expect(logGmailMessages(db, priya.id, [email('#msg-f:1')])).rejects.toThrow('Emails with acme.example are set to never be logged');
    expect(await db.interactions.count()).toBe(0);
    await expect(saveSetting(db, 'neverLogList', ['acme.example', 'not an address'])).rejects.toThrow('"not an address" is neither an email address nor a domain name');
    expect((await readSettings(db)).neverLogList).toEqual(['acme.example']);
  });
});

describe('what a thread offers', () => {
  const thread: GmailThread = {
    threadId: 'thread-f:1840980617747713117',
    subject: 'Pricing for the Q3 pilot',
    messages: [
      { id: '#msg-f:1840980617747713117', legacyId: '198c7a1e2f3b4c5d', from: PRIYA, to: [{ name: 'me', email: ME }], cc: [], expanded: false },
      { from: { name: 'Priya', email: 'priya@acme.example' }, to: [], cc: [], expanded: false },
      { id: '#msg-f:2', from: { name: 'Priya', email: 'PRIYA@acme.example' }, to: [], cc: [], expanded: true, snippet: 'Any news?' },
      { id: '#msg-a:r-1', from: { name: 'Sam', email: ME }, to: [PRIYA], cc: [{ name: '', email: 'ben@acme.example' }], expanded: true, snippet: 'Yes, attached.' },
    ],
  };

  it('offers the contact’s messages with an id that are not logged yet', () => {
    expect(unloggedIncoming(thread, priya.emails, new Set()).map((m) => m.id)).toEqual(['#msg-f:1840980617747713117', '#msg-f:2']);
    expect(unloggedIncoming(thread, priya.emails, new Set(['#msg-f:2'])).map((m) => m.id)).toEqual(['#msg-f:1840980617747713117']);
  });

  it('dates received messages from their Gmail id, and falls back to now', () => {
    const items = incomingItems(thread, unloggedIncoming(thread, priya.emails, new Set()), NOW);
    expect(items[0]).toMatchObject({ kind: 'email-in', subject: 'Pricing for the Q3 pilot', gmailThreadId: thread.threadId });
    expect(items[0]!.occurredAt).toBe(Number(0x198c7a1e2f3b4c5dn >> 20n));
    expect(items[1]).toMatchObject({ occurredAt: NOW, body: 'Any news?' });
  });

  it('takes the first new message from the account as the reply just sent', () => {
    const known = new Set(['#msg-f:1840980617747713117', '#msg-f:2']);
    expect(findSentReply(thread, known, ME)?.id).toBe('#msg-a:r-1');
    expect(findSentReply(thread, new Set([...known, '#msg-a:r-1']), ME)).toBeNull();
    expect(findSentReply(thread, known, null)).toBeNull();
    const item = sentReplyItem(thread, thread.messages[3]!, NOW);
    expect(item).toEqual({
      kind: 'email-out', gmailMessageId: '#msg-a:r-1', gmailThreadId: thread.threadId, subject: 'Pricing for the Q3 pilot',
      body: 'To: Priya Raman, ben@acme.example\n\nYes, attached.', occurredAt: NOW,
    });
  });
});

describe('editInteraction', () => {
  it('corrects kind, time, subject and summary, keeps the Gmail ids, and comes back as the same draft', async () => {
    await logGmailMessages(db, priya.id, [email('#msg-f:11', { body: 'Can you do 20 seats?' })], NOW);
    const [logged] = await db.interactions.toArray();
    const draft = { kind: 'email-out' as const, occurredAt: toDateTimeLocal(NOW - 3_600_000), subject: 'Pricing for 25 seats', summary: '' };

    const edited = await editInteraction(db, logged!.id, draft, NOW + 1000);

    expect(await db.interactions.get(logged!.id)).toEqual(edited);
    expect(edited).toMatchObject({ kind: 'email-out', occurredAt: parseDateTimeLocal(draft.occurredAt), subject: 'Pricing for 25 seats', gmailMessageId: '#msg-f:11', updatedAt: NOW + 1000 });
    expect(edited).not.toHaveProperty('body');
    expect(draftOf(edited)).toEqual(draft);
    expect(await loggedMessageIds(db, ['#msg-f:11'])).toEqual(new Set(['#msg-f:11']));
  });

  it('refuses an empty entry, one deleted meanwhile, and a deal stage change, and changes nothing', async () => {
    const call = await logInteraction(db, priya.id, { kind: 'call', occurredAt: toDateTimeLocal(NOW), subject: 'Intro call', summary: '' }, NOW);
    await db.interactions.add({ id: crypto.randomUUID(), contactId: priya.id, kind: 'stage-change', subject: 'lead → won', occurredAt: NOW, createdAt: NOW, updatedAt: NOW });
    const gone = { id: crypto.randomUUID(), contactId: priya.id, kind: 'note' as const, subject: 'x', occurredAt: NOW, createdAt: NOW, updatedAt: NOW, deletedAt: NOW };
    await db.interactions.add(gone);
    const stage = (await db.interactions.toArray()).find((r) => r.kind === 'stage-change')!;
    const before = await dumpDatabase(db);
    const draft = { kind: 'call' as const, occurredAt: toDateTimeLocal(NOW), subject: 'Fixed', summary: '' };

    const empty = await editInteraction(db, call.id, { ...draft, subject: '  ', occurredAt: 'nonsense' }).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as ValidationError).issues.map((i) => i.path).sort()).toEqual(['occurredAt', 'subject']);
    await expect(editInteraction(db, gone.id, draft)).rejects.toThrow('This entry no longer exists.');
    await expect(editInteraction(db, stage.id, draft)).rejects.toThrow('edited on the deal');
    expect(await dumpDatabase(db)).toBe(before);
  });

  it('stamps the edit newer than a version from a clock that runs ahead', async () => {
    const ahead = { id: crypto.randomUUID(), contactId: priya.id, kind: 'note' as const, subject: 'Typo', occurredAt: NOW, createdAt: NOW, updatedAt: NOW + 86_400_000 };
    await db.interactions.add(ahead);
    const edited = await editInteraction(db, ahead.id, { kind: 'note', occurredAt: toDateTimeLocal(NOW), subject: 'Fixed typo', summary: '' }, NOW);
    expect(edited.updatedAt).toBeGreaterThan(ahead.updatedAt);
  });
});
