import type { SidecarDB } from './db';
import { ValidationError } from './errors';
import { t, type CatalogKey } from './i18n';
import { parseDateTimeLocal, toDateTimeLocal } from './local-time';
import type { GmailLogItem } from './interactions-gmail';
import { neverLoggedAs } from './never-log';
import { LOGGABLE_KINDS, type LoggableKind } from './interaction-kinds';
import { Company, Contact, Interaction } from './schema';
import { alive, newRecordBase, nextUpdatedAt, parseOrThrow, revise } from './validate';


/** What the "log an interaction" form submits. */
export interface InteractionDraft {
  kind: LoggableKind;
  /** A datetime-local value ("2025-08-20T14:41"), in the user's time zone. */
  occurredAt: string;
  subject: string;
  summary: string;
}

const LABELS: Partial<Record<string, CatalogKey>> = { kind: 'lib.field.kind', occurredAt: 'lib.field.occurredAt', subject: 'lib.field.subject', body: 'lib.field.body' };

/** The fields of a typed-in draft, checked; every problem at once. */
function checkDraft(draft: InteractionDraft): Pick<Interaction, 'kind' | 'occurredAt' | 'subject' | 'body'> {
  const issues: { path: string; message: string }[] = [];
  if (!(LOGGABLE_KINDS as readonly string[]).includes(draft.kind)) issues.push({ path: 'kind', message: t('errors.chooseKind') });
  const occurredAt = parseDateTimeLocal(draft.occurredAt);
  if (occurredAt === null) issues.push({ path: 'occurredAt', message: t('errors.enterWhen') });
  const subject = draft.subject.trim();
  const body = draft.summary.trim();
  if (!subject && !body) issues.push({ path: 'subject', message: t('errors.subjectOrSummary') });
  if (issues.length > 0) throw new ValidationError(issues);
  return { kind: draft.kind, occurredAt: occurredAt!, ...(subject ? { subject } : {}), ...(body ? { body } : {}) };
}

/** Logs a call, meeting, note or email typed in by the user. */
export async function logInteraction(db: SidecarDB, contactId: string, draft: InteractionDraft, now = Date.now()): Promise<Interaction> {
  const fields = checkDraft(draft);
  const record = labelled(() => parseOrThrow(Interaction, { ...newRecordBase(now), contactId, ...fields }));
  return db.transaction('rw', db.contacts, db.interactions, async () => {
    await liveContact(db, contactId);
    await db.interactions.add(record);
    return record;
  });
}

/** The form's values for an interaction, to edit it. */
export function draftOf(record: Interaction): InteractionDraft {
  const kind = (LOGGABLE_KINDS as readonly string[]).includes(record.kind) ? (record.kind as LoggableKind) : 'note';
  return { kind, occurredAt: toDateTimeLocal(record.occurredAt), subject: record.subject ?? '', summary: record.body ?? '' };
}

/**
 * Corrects a logged interaction: its kind, time, subject and summary. Its Gmail ids stay, so an
 * edited email is still never logged twice. Stage changes are the deals' and are not edited here.
 */
export async function editInteraction(db: SidecarDB, id: string, draft: InteractionDraft, now = Date.now()): Promise<Interaction> {
  const fields = checkDraft(draft);
  return db.transaction('rw', db.interactions, async () => {
    const current = await db.interactions.get(id);
    if (!alive(current)) throw new ValidationError(t('errors.entryGone'));
    if (current.kind === 'stage-change') throw new ValidationError(t('errors.stageChangeOnDeal'));
    const next = { ...current, updatedAt: nextUpdatedAt(current, now) };
    delete next.subject;
    delete next.body;
    const record = labelled(() => parseOrThrow(Interaction, { ...next, ...fields }));
    await db.interactions.put(record);
    return record;
  });
}

/**
 * Logs Gmail messages for a contact in one transaction; returns how many were new.
 * A message already logged is skipped (looked up by the `gmailMessageId` index inside the
 * transaction, so two tabs cannot both add it); one whose entry was deleted is brought back
 * rather than duplicated. Refused when the contact or their company is set to "never log", or one
 * of the contact's addresses is on the settings' never-log list.
 */
export async function logGmailMessages(db: SidecarDB, contactId: string, items: readonly GmailLogItem[], now = Date.now()): Promise<number> {
  return db.transaction('rw', db.contacts, db.companies, db.interactions, db.settings, async () => {
    const contact = await liveContact(db, contactId);
    const company = contact.companyId ? await db.companies.get(contact.companyId) : undefined;
    const list = (await db.settings.get('neverLogList'))?.value as string[] | undefined;
    const never = neverLoggedAs(contact, company, list ?? []);
    if (never !== null) throw new ValidationError(t('errors.neverLogged', { who: never }));
    let added = 0;
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.gmailMessageId)) continue;
      seen.add(item.gmailMessageId);
      const existing = await db.interactions.where('gmailMessageId').equals(item.gmailMessageId).toArray();
      if (existing.some((r) => alive(r))) continue;
      const fields = {
        contactId,
        kind: item.kind,
        subject: item.subject.trim().slice(0, 2000) || undefined,
        body: item.body?.trim() || undefined,
        occurredAt: item.occurredAt,
        ...(item.gmailThreadId ? { gmailThreadId: item.gmailThreadId } : {}),
        gmailMessageId: item.gmailMessageId,
      };
      const deleted = existing[0];
      if (deleted) {
        const revived = parseOrThrow(Interaction, { ...deleted, ...fields, updatedAt: nextUpdatedAt(deleted, now) });
        delete revived.deletedAt;
        await db.interactions.put(revived);
      } else {
        await db.interactions.add(parseOrThrow(Interaction, { ...newRecordBase(now), ...fields }));
      }
      added++;
    }
    return added;
  });
}

/** Of `ids`, those some live interaction was logged from. */
export async function loggedMessageIds(db: SidecarDB, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.interactions.where('gmailMessageId').anyOf([...ids]).toArray();
  return new Set(rows.filter((r) => alive(r)).map((r) => r.gmailMessageId!));
}

export async function setContactNeverLog(db: SidecarDB, contactId: string, neverLog: boolean, now = Date.now()): Promise<Contact> {
  return db.transaction('rw', db.contacts, async () => {
    const contact = await liveContact(db, contactId);
    const next = parseOrThrow(Contact, revise(contact, { neverLog }, now));
    await db.contacts.put(next);
    return next;
  });
}

export async function setCompanyNeverLog(db: SidecarDB, companyId: string, neverLog: boolean, now = Date.now()): Promise<Company> {
  return db.transaction('rw', db.companies, async () => {
    const company = await db.companies.get(companyId);
    if (!alive(company)) throw new ValidationError(t('errors.companyGone'));
    const next = parseOrThrow(Company, revise(company, { neverLog }, now));
    await db.companies.put(next);
    return next;
  });
}

async function liveContact(db: SidecarDB, contactId: string): Promise<Contact> {
  const contact = await db.contacts.get(contactId);
  if (!alive(contact)) throw new ValidationError(t('errors.contactGone'));
  return contact;
}

/** Schema messages ("At most 2000 characters") prefixed with the field the user sees. */
function labelled<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((i) => {
        const field = LABELS[i.path];
        return { path: i.path, message: field ? t('errors.fieldIssue', { field: t(field), message: i.message }) : i.message };
      }),
    );
  }
}
