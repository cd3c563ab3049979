import { z } from 'zod';
import { isDomain, isEmail } from './address';
import { MessageKey, ThreadKey } from './gmail-keys';
import { t, tn, type CatalogKey } from './i18n';
import { LANGUAGE_CHOICES } from './languages';
import { SCALES, type SatisfactionKind } from './satisfaction-scales';
import { stripInvisible } from './text';
import { zodIssueMessage } from './zod-messages';

// Every schema's built-in checks speak the user's language (lib/zod-messages).
z.config({ customError: zodIssueMessage });

/**
 * The record types. Every type in the app is `z.infer` of one of these; imported files
 * and cross-context messages are parsed with them, so the bounds below are the app's limits.
 */

export const NAME_MAX = 200;
export const NOTE_MAX = 20_000;
export const BODY_MAX = 100_000;
export const LIST_MAX = 50;

// Bounded so that a hostile or corrupt import cannot fill the database with megabytes per field.
const atMost = (max: number) => ({ error: () => tn('errors.atMostChars', max, { max }) });
const text = (max: number) => z.string().trim().max(max, atMost(max));
/**
 * A name, tag or subject: one line the app shows inside its own sentences, so the invisible
 * characters that can reorder or hide text (lib/text.ts) are taken out before it is checked.
 */
const label = (max: number) => z.string().overwrite(stripInvisible).trim().max(max, atMost(max));
/** The messages of a required one-line field: "Name is required", "Name is at most 200 characters". */
interface RequiredMessages {
  required: CatalogKey;
  tooLong: CatalogKey;
}
const NAME: RequiredMessages = { required: 'errors.nameRequired', tooLong: 'errors.nameTooLong' };
const TAG: RequiredMessages = { required: 'errors.tagRequired', tooLong: 'errors.tagTooLong' };
const COMPANY_NAME: RequiredMessages = { required: 'errors.companyNameRequired', tooLong: 'errors.companyNameTooLong' };
const TITLE: RequiredMessages = { required: 'errors.titleRequired', tooLong: 'errors.titleTooLong' };
const requiredText = (what: RequiredMessages, max: number) =>
  z
    .string()
    .overwrite(stripInvisible)
    .trim()
    .min(1, { error: () => t(what.required) })
    .max(max, { error: () => tn(what.tooLong, max, { max }) });

export const Id = z.uuid();
/** The last instant `Date` can represent (ECMAScript's time value limit). */
export const MAX_EPOCH_MS = 8.64e15;
/** Epoch milliseconds, within what `Date` can show, so every stored time can be formatted and compared. */
export const EpochMs = z.int().nonnegative().max(MAX_EPOCH_MS, { error: () => t('errors.timeOutOfRange') });

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isEmail, { error: (iss) => t('errors.notEmail', { input: String(iss.input) }) });
export type Email = z.infer<typeof Email>;

export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isDomain, { error: (iss) => t('errors.notDomain', { input: String(iss.input) }) });

// Duplicates inside one record would double-count in the multi-entry index.
const uniqueList = <T extends z.ZodType<string>>(item: T, max = LIST_MAX) =>
  z
    .array(item)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, { error: () => t('errors.listedTwice') });

/** Every table except settings carries these, so that backup merges can tell new from old. */
const base = {
  id: Id,
  createdAt: EpochMs,
  updatedAt: EpochMs,
  /** Tombstone: the record is deleted, but kept so the deletion travels in backups. */
  deletedAt: EpochMs.optional(),
};
/**
 * How often to be in touch with a contact, in days; 0: never remind. The choices the app offers,
 * for a contact, a tag and contacts with an open deal (lib/stay-in-touch.ts).
 */
export const CADENCE_DAYS = [0, 7, 14, 30, 90] as const;
export const CadenceDays = z.literal(CADENCE_DAYS);
export type CadenceDays = z.infer<typeof CadenceDays>;

/** A record about one contact (interactions, deals, scores, follow-ups). */
const owned = { ...base, contactId: Id };

export const Contact = z.object({
  ...base,
  name: requiredText(NAME, NAME_MAX),
  /** An address belongs to at most one (non-deleted) contact; enforced by addContact. */
  emails: uniqueList(Email),
  companyId: Id.optional(),
  title: label(NAME_MAX).optional(),
  phone: label(50).optional(),
  tags: uniqueList(requiredText(TAG, 50), 100),
  notes: text(NOTE_MAX).optional(),
  /** Never log email interactions with this contact. */
  neverLog: z.boolean().optional(),
  /** Stay in touch every so many days; unset: as its tags say, or as for contacts with an open deal. */
  cadenceDays: CadenceDays.optional(),
  /** "Stay in touch" snoozed: not due before this time, whatever the cadence says. */
  inTouchSnoozedUntil: EpochMs.optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Company = z.object({
  ...base,
  name: requiredText(COMPANY_NAME, NAME_MAX),
  domains: uniqueList(Domain),
  neverLog: z.boolean().optional(),
});
export type Company = z.infer<typeof Company>;

export const InteractionKind = z.enum(['email-in', 'email-out', 'call', 'meeting', 'note', 'stage-change']);
export type InteractionKind = z.infer<typeof InteractionKind>;

// Gmail ids are stored as one canonical key each, so a thread's records find each other.

export const Interaction = z.object({
  ...owned,
  kind: InteractionKind,
  subject: label(2000).optional(),
  body: text(BODY_MAX).optional(),
  occurredAt: EpochMs,
  dealId: Id.optional(),
  gmailThreadId: ThreadKey.optional(),
  /** Keeps a sent reply from being logged twice, and merges duplicates across backups. */
  gmailMessageId: MessageKey.optional(),
});
export type Interaction = z.infer<typeof Interaction>;

export const DealStage = z.enum(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
export type DealStage = z.infer<typeof DealStage>;

export const Deal = z.object({
  ...owned,
  companyId: Id.optional(),
  title: requiredText(TITLE, NAME_MAX),
  stage: DealStage,
  /** Integer minor units (cents), so sums never suffer float rounding. */
  amountMinor: z.int().nonnegative(),
  /** ISO 4217 code. */
  currency: z.string().regex(/^[A-Z]{3}$/, { error: () => t('errors.currencyFormat') }),
  expectedCloseAt: EpochMs.optional(),
  /** When the deal entered its stage (created, or its last stage change): the board's days in stage. */
  stageChangedAt: EpochMs.optional(),
  closedAt: EpochMs.optional(),
  lostReason: text(1000).optional(),
  gmailThreadIds: uniqueList(ThreadKey, 500),
});
export type Deal = z.infer<typeof Deal>;

const satisfactionBase = {
  ...owned,
  note: text(NOTE_MAX).optional(),
  touchpoint: label(NAME_MAX).optional(),
  occurredAt: EpochMs,
};
/** The score's range depends on the survey kind, hence a union rather than a refinement. */
const scored = <K extends SatisfactionKind>(kind: K) =>
  z.object({ ...satisfactionBase, kind: z.literal(kind), score: z.int().min(SCALES[kind].min).max(SCALES[kind].max) });
export const Satisfaction = z.discriminatedUnion('kind', [scored('csat'), scored('nps')]);
export type Satisfaction = z.infer<typeof Satisfaction>;

export const FollowUpStatus = z.enum(['open', 'done']);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

export const FollowUp = z.object({
  ...owned,
  dueAt: EpochMs,
  note: text(NOTE_MAX).optional(),
  status: FollowUpStatus,
  doneAt: EpochMs.optional(),
  /** Only remind if nobody replied in `gmailThreadId` by `dueAt`. */
  ifNoReply: z.boolean(),
  gmailThreadId: ThreadKey.optional(),
  notifiedAt: EpochMs.optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

const Probability = z
  .number()
  .min(0, { error: () => t('errors.probabilityMin') })
  .max(1, { error: () => t('errors.probabilityMax') });

/** One row per key, each key with its own value type. */
export const Setting = z.discriminatedUnion('key', [
  z.object({ key: z.literal('ownAddresses'), value: uniqueList(Email) }),
  z.object({ key: z.literal('ownDomains'), value: uniqueList(Domain) }),
  /** Added by the user on top of the built-in list in lib/freemail.ts. */
  z.object({ key: z.literal('freeMailDomains'), value: uniqueList(Domain, 1000) }),
  /** Addresses and domains whose emails are never logged, whoever the contact (lib/never-log.ts). */
  z.object({
    key: z.literal('neverLogList'),
    value: uniqueList(
      z
        .string()
        .trim()
        .toLowerCase()
        .refine((s) => isEmail(s) || isDomain(s), { error: (iss) => t('errors.notEmailOrDomain', { input: String(iss.input) }) }),
      1000,
    ),
  }),
  /** Pairs of contacts the user said are not duplicates (lib/duplicates.ts pairKey: 'smaller|larger' id). */
  z.object({
    key: z.literal('notDuplicates'),
    value: uniqueList(
      z.string().refine((k) => {
        const [a, b, ...rest] = k.split('|');
        return rest.length === 0 && Id.safeParse(a).success && Id.safeParse(b).success && a! < b!;
      }, { error: () => t('errors.notContactPair') }),
      20_000,
    ),
  }),
  z.object({ key: z.literal('deviceId'), value: Id }),
  z.object({ key: z.literal('lastBackupAt'), value: EpochMs }),
  /** Rewritten by every write transaction (lib/db-revision.ts): "has anything changed since?". */
  z.object({ key: z.literal('revision'), value: Id }),
  /** Kept so that databases that have it still validate; the 'language' setting decides formats now. */
  z.object({ key: z.literal('locale'), value: z.string().max(35) }),
  /** How likely a deal at each open stage is to be won, 0..1: the pipeline's weighted values. */
  z.object({
    key: z.literal('stageProbabilities'),
    value: z.strictObject({ lead: Probability, qualified: Probability, proposal: Probability, negotiation: Probability }),
  }),
  /** Stay-in-touch cadences that are not set on the contact itself: by tag, and for an open deal. */
  z.object({
    key: z.literal('cadences'),
    value: z.strictObject({
      openDeal: CadenceDays,
      tags: z.array(z.strictObject({ tag: requiredText(TAG, 50), days: CadenceDays })).max(200),
    }),
  }),
  z.object({ key: z.literal('theme'), value: z.enum(['system', 'light', 'dark']) }),
  /** The interface's language: one of ours, or 'browser' (the first of navigator.languages we speak). */
  z.object({ key: z.literal('language'), value: z.enum(LANGUAGE_CHOICES) }),
  /** When "tomorrow", "in 3 days" and "next week" remind. */
  z.object({ key: z.literal('reminderTime'), value: z.strictObject({ hour: z.int().min(0).max(23), minute: z.int().min(0).max(59) }) }),
  z.object({
    key: z.literal('reminderDefaults'),
    value: z.object({ dueInDays: z.int().min(0).max(365), ifNoReply: z.boolean() }),
  }),
]);
export type Setting = z.infer<typeof Setting>;
export type SettingKey = Setting['key'];
export type SettingValue<K extends SettingKey> = Extract<Setting, { key: K }>['value'];

/** Record schemas by table name, for backup import/export. */
export const RecordSchemas = {
  contacts: Contact,
  companies: Company,
  interactions: Interaction,
  deals: Deal,
  satisfaction: Satisfaction,
  followUps: FollowUp,
} as const;
export type RecordTable = keyof typeof RecordSchemas;

/** What the "new contact" form submits. */
export const ContactDraft = z.object({
  name: requiredText(NAME, NAME_MAX),
  // Typing an address twice (in any case) is not worth an error: keep one.
  emails: z
    .array(Email)
    .min(1, { error: () => t('errors.emailRequired') })
    .max(LIST_MAX)
    .transform((xs) => [...new Set(xs)]),
  companyName: label(NAME_MAX).optional(),
});
export type ContactDraft = z.input<typeof ContactDraft>;

/** The contact card's edit form: everything but the addresses, which are edited one at a time. */
export const ContactEdit = z.object({
  name: requiredText(NAME, NAME_MAX),
  title: label(NAME_MAX),
  /** Empty: no company. Otherwise linked to the company of that name, created if needed. */
  companyName: label(NAME_MAX),
  phone: label(50),
  /** Comma-separated in the form; blank entries dropped, duplicates kept once. */
  tags: z
    .string()
    .max(5000)
    .transform((s) => [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))])
    .pipe(z.array(requiredText(TAG, 50)).max(100, { error: () => tn('errors.atMostTags', 100, { max: 100 }) })),
  notes: text(NOTE_MAX),
  /** Unset: as the contact's tags or an open deal say (lib/stay-in-touch.ts). */
  cadenceDays: CadenceDays.optional(),
});
export type ContactEdit = z.input<typeof ContactEdit>;
