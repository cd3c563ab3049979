import { db } from '@/lib/db';
import { allTags } from '@/lib/tags';
import type { Contact } from '@/lib/schema';

let seq = 0;
const person = (tags: string[]): Contact => {
  const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return { id, name: `Person ${seq}`, emails: [`p${seq}@x.example`], tags, createdAt: 1, updatedAt: 1 };
};

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('every tag in the book', () => {
  it('lists each tag once, in the language\'s order, however many contacts have it', async () => {
    await db.contacts.bulkAdd([person(['wholesale', 'Ekurhuleni']), person(['wholesale']), person(['éclairs', 'vip']), person([]), person(['wholesale', 'vip'])]);
    expect(await allTags(db)).toEqual(['éclairs', 'Ekurhuleni', 'vip', 'wholesale']);
  });

  it('lists them all past the number found one seek at a time', async () => {
    const names = Array.from({ length: 130 }, (_, i) => `tag ${String(i).padStart(3, '0')}`);
    await db.contacts.bulkAdd([...names.map((t) => person([t])), ...names.slice(95, 110).map((t) => person([t, 'tag 000']))]);
    expect(await allTags(db)).toEqual(names);
  });

  it('has none in an empty book', async () => {
    expect(await allTags(db)).toEqual([]);
  });
});
