import type { z } from 'zod';
import { t, tn } from './i18n';

/**
 * What zod's own checks say (a string too long, a field missing), in the user's language: the
 * schemas' own messages come first, and zod's English stays for the issues no user can cause.
 */
export function zodIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? t('errors.zodRequired') : t('errors.zodWrongKind');
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return tn('errors.zodTooLong', max);
      if (issue.origin === 'array' || issue.origin === 'set') return tn('errors.zodTooMany', max);
      if (issue.origin === 'number' || issue.origin === 'int') return t('errors.zodTooHigh', { max });
      return undefined;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('errors.zodRequired') : tn('errors.zodTooShort', min);
      if (issue.origin === 'array' || issue.origin === 'set') return tn('errors.zodTooFew', min);
      if (issue.origin === 'number' || issue.origin === 'int') return t('errors.zodTooLow', { min });
      return undefined;
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.zodNotEmail') : t('errors.zodFormat');
    case 'invalid_value':
      return t('errors.zodOneOf', { values: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return tn('errors.zodUnknownKeys', issue.keys.length, { keys: issue.keys.join(', ') });
    default:
      return undefined;
  }
}
