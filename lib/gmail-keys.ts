import { z } from 'zod';
import { legacyHex, messageKey, threadKey } from './gmail/thread-key';

/**
 * Gmail ids for zod at every boundary (records, backups, messages from the content script).
 * Like Email's lower-casing, parsing normalizes: any of Gmail's forms of an id comes out as its
 * one key (lib/gmail/thread-key.ts), so one thread or message never has two spellings in the database,
 * and anything else ("undefined", junk) is refused with a message.
 */
const key = (normalize: (raw: string) => string | undefined, what: string) =>
  z.string().transform((raw, ctx) => {
    const k = normalize(raw);
    if (k === undefined) ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 40)}" is not a Gmail ${what} id` });
    return k ?? z.NEVER;
  });

export const ThreadKey = key(threadKey, 'thread');
export const MessageKey = key(messageKey, 'message');
/** A legacy hex id as the adapter reports it: lower case. */
export const LegacyHex = key((raw) => legacyHex(raw) ?? undefined, 'legacy');
