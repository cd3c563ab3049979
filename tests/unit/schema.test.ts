import { describe, expect, it } from 'vitest';
import {
  Company,
  Contact,
  ContactDraft,
  Deal,
  FollowUp,
  Interaction,
  Satisfaction,
  Setting,
} from '../../lib/schema';

const id = () => crypto.randomUUID();
const stamps = { createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 };
const contact = (over: Record<string, unknown> = {}) => ({
  id: id(),
  ...stamps,
  name: 'Ann Lee',
  emails: ['ann@acme.com'],
  tags: [],
  ...over,
});
const deal = (over: Record<string, unknown> = {}) => ({
  id: id(),
  ...stamps,
  contactId: id(),
  title: 'Pilot',
  stage: 'lead',
  amountMinor: 120_000,
  currency: 'EUR',
  gmailThreadIds: [],
  ...over,
});
const score = (kind: string, value: number) => ({
  id: id(),
  ...stamps,
  contactId: id(),
  kind,
  score: value,
  occurredAt: stamps.createdAt,
});

describe('Contact', () => {
  it('trims and lower-cases addresses', () => {
    const c = Contact.parse(contact({ name: '  Ann Lee ', emails: [' Ann@ACME.com '] }));
    expect(c.name).toBe('Ann Lee');
    expect(c.emails).toEqual(['ann@acme.com']);
  });

  it('accepts a tombstone and rejects fractional or negative times', () => {
    expect(Contact.safeParse(contact({ deletedAt: stamps.updatedAt })).success).toBe(true);
    expect(Contact.safeParse(contact({ updatedAt: 1.5 })).success).toBe(false);
    expect(Contact.safeParse(contact({ createdAt: -1 })).success).toBe(false);
  });

  it('rejects a non-UUID id', () => {
    expect(Contact.safeParse(contact({ id: 'abc' })).success).toBe(false);
  });

  it('names the bad address in its error', () => {
    const r = Contact.safeParse(contact({ emails: ['ann@acme.com', 'not-an-email'] }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('"not-an-email" is not an email address');
    expect(r.error?.issues[0]?.path).toEqual(['emails', 1]);
  });

  it('rejects the same address twice (after lower-casing)', () => {
    expect(Contact.safeParse(contact({ emails: ['ann@acme.com', 'ANN@acme.com'] })).success).toBe(false);
  });

  it('bounds name and notes', () => {
    expect(Contact.safeParse(contact({ name: 'x'.repeat(200) })).success).toBe(true);
    expect(Contact.safeParse(contact({ name: 'x'.repeat(201) })).success).toBe(false);
    expect(Contact.safeParse(contact({ name: '   ' })).success).toBe(false);
    expect(Contact.safeParse(contact({ notes: 'x'.repeat(20_000) })).success).toBe(true);
    expect(Contact.safeParse(contact({ notes: 'x'.repeat(20_001) })).success).toBe(false);
  });
});

describe('Company', () => {
  it('lower-cases domains and rejects non-domains', () => {
    const base = { id: id(), ...stamps, name: 'Acme' };
    expect(Company.parse({ ...base, domains: [' ACME.com', 'acme.co.uk'] }).domains).toEqual([
      'acme.com',
      'acme.co.uk',
    ]);
    for (const bad of ['acme', 'ann@acme.com', 'http://acme.com', 'acme .com']) {
      expect(Company.safeParse({ ...base, domains: [bad] }).success, bad).toBe(false);
    }
  });
});

describe('Deal', () => {
  it.each([
    [0, true],
    [199, true],
    [-1, false],
    [1.5, false],
  ])('amountMinor %d valid: %s', (amountMinor, ok) => {
    expect(Deal.safeParse(deal({ amountMinor })).success).toBe(ok);
  });

  it.each([
    ['USD', true],
    ['usd', false],
    ['EURO', false],
    ['€', false],
  ])('currency %s valid: %s', (currency, ok) => {
    expect(Deal.safeParse(deal({ currency })).success).toBe(ok);
  });

  it('accepts only the pipeline stages', () => {
    expect(Deal.safeParse(deal({ stage: 'won' })).success).toBe(true);
    expect(Deal.safeParse(deal({ stage: 'closed' })).success).toBe(false);
  });
});

describe('Satisfaction', () => {
  it.each([
    ['csat', 1, true],
    ['csat', 5, true],
    ['csat', 0, false],
    ['csat', 6, false],
    ['csat', 3.5, false],
    ['nps', 0, true],
    ['nps', 10, true],
    ['nps', 11, false],
    ['nps', -1, false],
    ['ces', 3, false],
  ])('%s score %d valid: %s', (kind, value, ok) => {
    expect(Satisfaction.safeParse(score(kind, value)).success).toBe(ok);
  });
});

describe('Interaction and FollowUp', () => {
  it('accept only their enum values', () => {
    const i = { id: id(), ...stamps, contactId: id(), occurredAt: 1 };
    expect(Interaction.safeParse({ ...i, kind: 'email-out' }).success).toBe(true);
    expect(Interaction.safeParse({ ...i, kind: 'sms' }).success).toBe(false);
    const f = { id: id(), ...stamps, contactId: id(), dueAt: 1, ifNoReply: false };
    expect(FollowUp.safeParse({ ...f, status: 'open' }).success).toBe(true);
    expect(FollowUp.safeParse({ ...f, status: 'snoozed' }).success).toBe(false);
  });
});

describe('Setting', () => {
  it('checks each value against its key', () => {
    expect(Setting.parse({ key: 'ownAddresses', value: ['Me@Acme.com'] })).toEqual({
      key: 'ownAddresses',
      value: ['me@acme.com'],
    });
    expect(Setting.safeParse({ key: 'ownAddresses', value: ['me'] }).success).toBe(false);
    expect(Setting.safeParse({ key: 'lastBackupAt', value: 'yesterday' }).success).toBe(false);
    expect(Setting.safeParse({ key: 'colour', value: 'red' }).success).toBe(false);
  });
});

describe('ContactDraft', () => {
  it('trims, lower-cases and de-duplicates', () => {
    expect(
      ContactDraft.parse({ name: ' Ann ', emails: ['Ann@X.com', 'ann@x.com '], companyName: ' X ' }),
    ).toEqual({ name: 'Ann', emails: ['ann@x.com'], companyName: 'X' });
  });

  it.each([
    [{ name: '  ', emails: ['ann@x.com'] }, 'Name is required'],
    [{ name: 'x'.repeat(201), emails: ['ann@x.com'] }, 'Name is at most 200 characters'],
    [{ name: 'Ann', emails: [] }, 'At least one email address is required'],
    [{ name: 'Ann', emails: ['ann at x'] }, '"ann at x" is not an email address'],
  ])('%j -> %s', (draft, message) => {
    const r = ContactDraft.safeParse(draft);
    expect(r.error?.issues.map((i) => i.message)).toEqual([message]);
  });
});
