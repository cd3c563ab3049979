import type { SidecarDB } from '../db';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, PORTABLE_SETTINGS, type BackupTable } from './format';
import { getDeviceId } from './device';
import { scanStore } from './scan';

const PAGE = 1000;

/**
 * The backup, one record per line (still one JSON document), so that the reader can stream it
 * back. Every table is read by primary key inside one read transaction, so counts and rows agree.
 * Each page of rows becomes its own Blob part, so the tab holds one page of text at a time: this
 * was the fastest of the layouts tried (bench/RESULTS.md). `onProgress` hears the records
 * written so far.
 */
export async function exportBackup(
  db: SidecarDB,
  now = Date.now(),
  onProgress?: (written: number, total: number) => void,
): Promise<{ blob: Blob; counts: Record<BackupTable, number> }> {
  const deviceId = await getDeviceId(db);
  const parts: BlobPart[] = [];
  const counts = {} as Record<BackupTable, number>;
  await db.transaction('r', db.tables, async () => {
    for (const t of BACKUP_TABLES) {
      counts[t] = t === 'settings' ? await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).count() : await db.table(t).count();
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    let done = 0;
    const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, deviceId, counts };
    parts.push(`${JSON.stringify(header).slice(0, -1)},"data":{\n`);
    for (const [i, t] of BACKUP_TABLES.entries()) {
      parts.push(`${JSON.stringify(t)}:[\n`);
      let written = 0;
      if (t === 'settings') {
        const rows = await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).sortBy('key');
        written = rows.length;
        parts.push(rows.map((r) => JSON.stringify(r)).join(',\n'));
        done += rows.length;
        onProgress?.(done, total);
      } else {
        await scanStore<unknown>(t, PAGE, (page) => {
          parts.push(new Blob([(written ? ',\n' : '') + page.map((r) => JSON.stringify(r)).join(',\n')]));
          written += page.length;
          done += page.length;
          onProgress?.(done, total);
        });
      }
      parts.push(`${written ? '\n' : ''}${i === BACKUP_TABLES.length - 1 ? ']\n' : '],\n'}`);
    }
    parts.push('}}\n');
  });
  return { blob: new Blob(parts, { type: 'application/json' }), counts };
}

export const backupFileName = (now: number, encrypted: boolean) =>
  `sidecar-backup-${new Date(now).toISOString().slice(0, 10)}.${encrypted ? 'sidecar' : 'json'}`;

export async function markBackedUp(db: SidecarDB, now = Date.now()): Promise<void> {
  await db.settings.put({ key: 'lastBackupAt', value: now });
}
