import { messageKey, threadKey } from './gmail/thread-key';

/**
 * Records written before Gmail ids had one key each (database version 1, and backups from it) may
 * hold a thread as its legacy hex id, or as "undefined" (Google Workspace's perm id, gmail.js
 * issue 814), which linked a deal to every Workspace thread at once. This brings such a record's
 * ids to their keys and drops what is no id; the database upgrade and the backup reader share it.
 */

type Row = Record<string, unknown>;
const TABLES = new Set(['interactions', 'deals', 'followUps']);

/** `row` with its Gmail ids as keys, or null when it needs no change (or is not a record of ids). */
export function normalizeGmailIds(table: string, row: unknown): Row | null {
  if (!TABLES.has(table) || typeof row !== 'object' || row === null || Array.isArray(row)) return null;
  const r = row as Row;
  const next: Row = { ...r };
  if (table === 'deals') {
    if (!Array.isArray(r.gmailThreadIds) || !r.gmailThreadIds.every((t) => typeof t === 'string')) return null;
    const keys = [...new Set((r.gmailThreadIds as string[]).map(threadKey).filter((k): k is string => k !== undefined))];
    if (keys.length === r.gmailThreadIds.length && keys.every((k, i) => k === (r.gmailThreadIds as string[])[i])) return null;
    next.gmailThreadIds = keys;
    return next;
  }
  let changed = rekey(next, 'gmailThreadId', threadKey);
  if (table === 'interactions') changed = rekey(next, 'gmailMessageId', messageKey) || changed;
  // "If no reply" needs the thread to watch; without one it stays a plain reminder, never closed unseen.
  if (table === 'followUps' && changed && next.gmailThreadId === undefined && next.ifNoReply === true) next.ifNoReply = false;
  return changed ? next : null;
}

/** Replaces `row[field]` by its key, or removes it when it is no id; whether anything changed. */
function rekey(row: Row, field: string, key: (raw: string) => string | undefined): boolean {
  const value = row[field];
  if (typeof value !== 'string') return false;
  const k = key(value);
  if (k === value) return false;
  if (k === undefined) delete row[field];
  else row[field] = k;
  return true;
}
