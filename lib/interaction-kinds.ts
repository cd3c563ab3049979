import { t, type CatalogKey } from './i18n';
import type { InteractionKind } from './schema';

/** What the user can log by hand; stage changes are written by the deals. */
export const LOGGABLE_KINDS = ['call', 'meeting', 'note', 'email-in', 'email-out'] as const satisfies readonly InteractionKind[];
export type LoggableKind = (typeof LOGGABLE_KINDS)[number];

/** Each kind's name, as the log form offers it and the history headlines it. */
export const KIND_LABEL_KEYS = {
  call: 'kinds.call',
  meeting: 'kinds.meeting',
  note: 'kinds.note',
  'email-in': 'kinds.emailIn',
  'email-out': 'kinds.emailOut',
  'stage-change': 'kinds.stageChange',
} as const satisfies Record<InteractionKind, CatalogKey>;
/** "Email received", in the language of the moment: call it where the kind is shown. */
export const kindLabel = (kind: InteractionKind): string => t(KIND_LABEL_KEYS[kind]);
