import { t } from './i18n';

/** A user-caused problem whose `message` is fit to show as-is. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  /** Every problem found, by field path ('' for the whole record). */
  readonly issues: { path: string; message: string }[];

  constructor(issues: { path: string; message: string }[] | string) {
    const list = typeof issues === 'string' ? [{ path: '', message: issues }] : issues;
    super(list.map((i) => i.message).join('; '));
    this.issues = list;
  }
}

/** An address already belongs to another contact; the UI can offer to open that one instead. */
export class EmailTakenError extends ValidationError {
  override name = 'EmailTakenError';

  constructor(
    readonly email: string,
    readonly ownerId: string,
    readonly ownerName: string,
  ) {
    super([{ path: 'emails', message: t('errors.emailTaken', { email, owner: ownerName }) }]);
  }
}

/** What to tell the user about a failure: an Error's own message, or whatever was thrown. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A write's outcome for the form that asked: null when saved, else what to tell the user. */
export type WriteResult = string | null;

export async function attempt(write: () => Promise<unknown>): Promise<WriteResult> {
  try {
    await write();
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}
