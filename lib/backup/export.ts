import type { SidecarDB } from '../db';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, PORTABLE_SETTINGS, type BackupTable } from './format';
import { getDeviceId } from './device';

const PAGE = 2000;

/**
 * The backup as text pieces, one record per line (still one JSON document), so that the reader
 * can stream it back. Pages of records are read by primary key inside one read transaction, so
 * counts and rows agree; each piece becomes a Blob part at once, so the tab holds one page of text.
 */
export async function exportBackup(db: SidecarDB, now = Date.now()): Promise<{ blob: Blob; counts: Record<BackupTable, number> }> {
  const deviceId = await getDeviceId(db);
  const parts: Blob[] = [];
  const counts = {} as Record<BackupTable, number>;
  await db.transaction('r', db.tables, async () => {
    for (const t of BACKUP_TABLES) {
      counts[t] = t === 'settings' ? await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).count() : await db.table(t).count();
    }
    const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, deviceId, counts };
    parts.push(new Blob([`${JSON.stringify(header).slice(0, -1)},"data":{\n`]));
    for (const [i, t] of BACKUP_TABLES.entries()) {
      parts.push(new Blob([`${JSON.stringify(t)}:[\n`]));
      let written = 0;
      if (t === 'settings') {
        const rows = await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).sortBy('key');
        parts.push(new Blob([rows.map((r) => JSON.stringify(r)).join(',\n') + (rows.length ? '\n' : '')]));
      } else {
        let last: string | undefined;
        for (;;) {
          const table = db.table(t);
          const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(PAGE).toArray();
          if (page.length === 0) break;
          const text = page.map((r) => JSON.stringify(r)).join(',\n');
          parts.push(new Blob([(written ? ',\n' : '') + text]));
          written += page.length;
          last = (page[page.length - 1] as { id: string }).id;
        }
        if (written) parts.push(new Blob(['\n']));
      }
      parts.push(new Blob([i === BACKUP_TABLES.length - 1 ? ']\n' : '],\n']));
    }
    parts.push(new Blob(['}}\n']));
  });
  return { blob: new Blob(parts, { type: 'application/json' }), counts };
}

export const backupFileName = (now: number, encrypted: boolean) =>
  `sidecar-backup-${new Date(now).toISOString().slice(0, 10)}.${encrypted ? 'sidecar' : 'json'}`;

export async function markBackedUp(db: SidecarDB, now = Date.now()): Promise<void> {
  await db.settings.put({ key: 'lastBackupAt', value: now });
}
