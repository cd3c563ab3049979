import type { z } from 'zod';
import { ValidationError } from './errors';
import type { Contact } from './schema';

export function toValidationError(error: z.ZodError): ValidationError {
  return new ValidationError(error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

/** Parses `value` or throws a ValidationError whose message is fit to show the user. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw toValidationError(r.error);
  return r.data;
}

/** Identity and timestamps for a new record. */
export function newRecordBase(now: number = Date.now()) {
  return { id: crypto.randomUUID(), createdAt: now, updatedAt: now };
}

/** Not a tombstone: deleted records stay in the database so deletions travel in backups. */
export const alive = <T extends { deletedAt?: number }>(r: T | undefined): r is T =>
  r !== undefined && r.deletedAt === undefined;

/**
 * updatedAt for a new version of `r`: now, or just after r's own when r came from a machine whose
 * clock runs ahead, so that an edit or a deletion still wins when backups are merged.
 */
export const nextUpdatedAt = (r: { updatedAt: number }, now: number): number => Math.max(now, r.updatedAt + 1);

/** `r` with `changes`, as a version that wins over `r` wherever the two meet (nextUpdatedAt). */
export const revise = <T extends { updatedAt: number }>(r: T, changes: Partial<T>, now: number): T => ({
  ...r,
  ...changes,
  updatedAt: nextUpdatedAt(r, now),
});

/**
 * The deleted version of `r`, without `words` (its subject, text or note): the deletion travels in
 * backups and wins over older copies, the personal text does not travel.
 */
export function tombstoneOf<T extends { updatedAt: number; deletedAt?: number }>(r: T, now: number, words: readonly string[]): T {
  const tombstone: Record<string, unknown> = { ...r, updatedAt: nextUpdatedAt(r, now), deletedAt: now };
  for (const field of words) delete tombstone[field];
  return tombstone as T;
}

/**
 * What stays of a contact that is gone (merged into another, or erased): its id and times, so the
 * deletion travels in backups and wins over every older copy, and placeholders where the schema
 * needs a value. Nothing personal: an erased contact must not survive in a tombstone of its own.
 */
export function contactTombstone(c: Contact, now: number, name: string): Contact {
  return { id: c.id, createdAt: c.createdAt, updatedAt: nextUpdatedAt(c, now), deletedAt: c.deletedAt ?? now, name, emails: [], tags: [] };
}
