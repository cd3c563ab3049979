import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyLanguage } from '@/lib/i18n';
import '@/lib/schema';

const Sample = z.strictObject({ name: z.string().max(3), email: z.email(), tags: z.array(z.string()).max(1), kind: z.enum(['call', 'note']) });
const messages = () => Sample.safeParse({ name: 'abcd', email: 'nope', tags: ['a', 'b'], kind: 'fax', extra: 1 }).error!.issues.map((i) => i.message);

afterEach(() => applyLanguage('en', ['en']));

describe('what zod’s own checks tell the user', () => {
  it('says what is wrong in words, not in zod’s terms', () => {
    expect(messages()).toEqual(['At most 3 characters', 'Not an email address', 'At most 1 entry', 'Must be one of: call, note', 'Unknown field: extra']);
    expect(z.string().safeParse(undefined).error!.issues[0]!.message).toBe('Required');
  });

  it('says it in the chosen language', async () => {
    const english = messages();
    await applyLanguage('af', ['af-ZA']);
    const afrikaans = messages();
    expect(afrikaans).toHaveLength(english.length);
    afrikaans.forEach((message, i) => expect(message).not.toBe(english[i]));
  });

  it('leaves a schema’s own message first', () => {
    expect(z.string().max(1, 'Too long for a code').safeParse('ab').error!.issues[0]!.message).toBe('Too long for a code');
  });
});
