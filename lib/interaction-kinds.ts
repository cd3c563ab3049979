import type { InteractionKind } from './schema';

/** What the user can log by hand; stage changes are written by the deals. */
export const LOGGABLE_KINDS = ['call', 'meeting', 'note', 'email-in', 'email-out'] as const satisfies readonly InteractionKind[];
export type LoggableKind = (typeof LOGGABLE_KINDS)[number];

/** Each kind's name, as the log form offers it and the history headlines it. */
export const KIND_LABELS: Record<InteractionKind, string> = {
  call: 'Call',
  meeting: 'Meeting',
  note: 'Note',
  'email-in': 'Email received',
  'email-out': 'Email sent',
  'stage-change': 'Deal stage',
};
