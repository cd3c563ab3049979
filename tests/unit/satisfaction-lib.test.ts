import { db } from '@/lib/db';
import { dumpDatabase } from '@/lib/backup/apply';
import { bandLabel, contactScores, editSatisfaction, recordSatisfaction, satisfactionDraftOf, trendOf } from '@/lib/satisfaction';
import type { Contact, Satisfaction } from '@/lib/schema';

const T0 = 1_750_000_000_000;

async function addContact(extra: Partial<Contact> = {}): Promise<Contact> {
  const contact: Contact = {
    id: crypto.randomUUID(),
    name: 'Priya Raman',
    emails: [`${crypto.randomUUID()}@acme.example`],
    tags: [],
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
  await db.contacts.add(contact);
  return contact;
}

const score = (kind: 'csat' | 'nps', value: number, at: number): Satisfaction =>
  ({ id: crypto.randomUUID(), contactId: 'c', kind, score: value, occurredAt: at, createdAt: at, updatedAt: at }) as Satisfaction;

describe('satisfaction', () => {
  let contact: Contact;
  beforeEach(async () => {
    await db.delete();
    await db.open();
    contact = await addContact();
  });

  it('records a score with its comment and touchpoint, as of now', async () => {
    const record = await recordSatisfaction(db, contact.id, { kind: 'nps', score: 9, note: ' Quick answers ', touchpoint: 'support' }, T0);
    expect(record).toMatchObject({ contactId: contact.id, kind: 'nps', score: 9, note: 'Quick answers', touchpoint: 'support', occurredAt: T0, createdAt: T0, updatedAt: T0 });
    expect(await db.satisfaction.get(record.id)).toEqual(record);
  });

  it('leaves an empty comment and touchpoint out', async () => {
    const record = await recordSatisfaction(db, contact.id, { kind: 'csat', score: 1, note: '  ' }, T0);
    expect('note' in record).toBe(false);
    expect('touchpoint' in record).toBe(false);
  });

  it.each([
    [{ kind: 'csat', score: 6, note: '' }, 'CSAT scores go from 1 to 5'],
    [{ kind: 'csat', score: 0, note: '' }, 'CSAT scores go from 1 to 5'],
    [{ kind: 'nps', score: 11, note: '' }, 'NPS scores go from 0 to 10'],
    [{ kind: 'nps', score: Number.NaN, note: '' }, 'Choose a score'],
    [{ kind: 'nps', score: 3.5, note: '' }, 'Choose a score'],
    [{ kind: 'csat', score: 4, note: '', touchpoint: 'fax' }, 'Choose a touchpoint'],
  ] as const)('explains %o in words and writes nothing', async (draft, message) => {
    await expect(recordSatisfaction(db, contact.id, draft as never, T0)).rejects.toThrow(message);
    expect(await db.satisfaction.count()).toBe(0);
  });

  it('refuses a deleted contact', async () => {
    const gone = await addContact({ deletedAt: T0 });
    await expect(recordSatisfaction(db, gone.id, { kind: 'csat', score: 4, note: '' }, T0)).rejects.toThrow(/no longer exists/);
    expect(await db.satisfaction.count()).toBe(0);
  });

  it('lists a contact’s scores newest first, without deleted ones or anyone else’s', async () => {
    await recordSatisfaction(db, contact.id, { kind: 'csat', score: 3, note: '' }, T0);
    const gone = await recordSatisfaction(db, contact.id, { kind: 'csat', score: 1, note: '' }, T0 + 1);
    await recordSatisfaction(db, contact.id, { kind: 'csat', score: 5, note: '' }, T0 + 2);
    await db.satisfaction.update(gone.id, { deletedAt: T0 + 3 });
    const other = await addContact();
    await recordSatisfaction(db, other.id, { kind: 'csat', score: 2, note: '' }, T0 + 4);
    expect((await contactScores(db, contact.id)).map((s) => s.score)).toEqual([5, 3]);
  });

  it('describes the trend of the last scores of one kind, oldest first', () => {
    const newestFirst = [score('csat', 5, 9), score('nps', 2, 8), score('csat', 4, 7), score('csat', 3, 6)];
    expect(trendOf(newestFirst, 'csat')).toEqual({ kind: 'csat', scores: [3, 4, 5], direction: 'rising', description: 'CSAT trend: 3, 4, 5, rising' });
    expect(trendOf(newestFirst, 'nps')?.description).toBe('NPS trend: 2');
    expect(trendOf([score('csat', 2, 2), score('csat', 4, 1)], 'csat')?.direction).toBe('falling');
    expect(trendOf([], 'csat')).toBeNull();
    const many = Array.from({ length: 12 }, (_, i) => score('nps', i % 11, 100 - i));
    expect(trendOf(many, 'nps')?.scores).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('names NPS bands the standard way', () => {
    expect([6, 7, 8, 9].map((s) => bandLabel('nps', s))).toEqual(['detractor', 'passive', 'passive', 'promoter']);
    expect([2, 3, 4].map((s) => bandLabel('csat', s))).toEqual(['unsatisfied', 'neutral', 'satisfied']);
  });
});

describe('editSatisfaction', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it('corrects survey, score, touchpoint and comment, keeps when it was given, and round-trips the draft', async () => {
    const contact = await addContact();
    const given = await recordSatisfaction(db, contact.id, { kind: 'csat', score: 2, note: 'Slow support', touchpoint: 'support' }, T0);
    const draft = { kind: 'nps' as const, score: 9, note: '' };

    const edited = await editSatisfaction(db, given.id, draft, T0 + 1000);

    expect(await db.satisfaction.get(given.id)).toEqual(edited);
    expect(edited).toMatchObject({ kind: 'nps', score: 9, occurredAt: T0, updatedAt: T0 + 1000 });
    expect(edited).not.toHaveProperty('note');
    expect(edited).not.toHaveProperty('touchpoint');
    expect(satisfactionDraftOf(edited)).toEqual(draft);
    expect(satisfactionDraftOf(given)).toEqual({ kind: 'csat', score: 2, note: 'Slow support', touchpoint: 'support' });
  });

  it('refuses a score off its scale and one deleted meanwhile, and changes nothing', async () => {
    const contact = await addContact();
    const given = await recordSatisfaction(db, contact.id, { kind: 'csat', score: 4, note: '' }, T0);
    const gone = { ...score('nps', 3, T0), contactId: contact.id, deletedAt: T0 } as Satisfaction;
    await db.satisfaction.add(gone);
    const before = await dumpDatabase(db);
    await expect(editSatisfaction(db, given.id, { kind: 'csat', score: 9, note: '' })).rejects.toThrow('CSAT scores go from 1 to 5');
    await expect(editSatisfaction(db, gone.id, { kind: 'nps', score: 8, note: '' })).rejects.toThrow('This entry no longer exists.');
    expect(await dumpDatabase(db)).toBe(before);
  });
});
