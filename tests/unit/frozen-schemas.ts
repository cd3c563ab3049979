// The database's tables as versions 3 to 7 declared them, frozen here: what a machine holds before an
// upgrade. Never edited when lib/db.ts changes; a new version adds its own.
export const SCHEMA_V3 = {
  contacts: 'id, *emails, companyId, name, updatedAt, *tags',
  companies: 'id, *domains, name, updatedAt',
  interactions: 'id, [contactId+occurredAt], gmailMessageId, updatedAt',
  deals: 'id, contactId, stage, *gmailThreadIds, updatedAt, closedAt',
  satisfaction: 'id, [contactId+occurredAt], updatedAt',
  followUps: 'id, [status+dueAt], contactId, updatedAt',
  settings: 'key',
} as const;

export const SCHEMA_V5 = {
  ...SCHEMA_V3,
  contacts: 'id, *emails, companyId, name, updatedAt, *tags, cadenceDays, deletedAt',
  stayInTouch: 'contactId, lapsesAt',
  lastContact: 'contactId, at',
  nameWords: '[word+name+contactId]',
} as const;

export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  interactions: 'id, [contactId+occurredAt], gmailMessageId, updatedAt, gmailThreadId',
  replies: 'id, at, threadId',
  bandHistory: '[scope+month]',
} as const;

export const SCHEMA_V7 = { ...SCHEMA_V6, insightMonths: 'month' } as const;
