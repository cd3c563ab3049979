import type { SidecarDB } from '../db';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, PORTABLE_SETTINGS, type BackupTable } from './format';
import { getDeviceId } from './device';
import { scanStore } from './scan';

const PAGE = 1000;
/** Text is gathered into pieces of about this many characters before each becomes a Blob part. */
const PIECE = 1024 ** 2;

/**
 * The backup as text pieces, one record per line (still one JSON document), so that the reader
 * can stream it back. Every table is read by primary key inside one read transaction, so counts
 * and rows agree; text becomes a Blob part about every megabyte, so the tab holds little of it.
 */
export async function exportBackup(db: SidecarDB, now = Date.now()): Promise<{ blob: Blob; counts: Record<BackupTable, number> }> {
  const deviceId = await getDeviceId(db);
  const parts: Blob[] = [];
  let pending: string[] = [];
  let pendingSize = 0;
  const write = (text: string, flush = false) => {
    pending.push(text);
    pendingSize += text.length;
    if (pendingSize >= PIECE || flush) {
      parts.push(new Blob([pending.join('')]));
      pending = [];
      pendingSize = 0;
    }
  };
  const counts = {} as Record<BackupTable, number>;
  await db.transaction('r', db.tables, async () => {
    for (const t of BACKUP_TABLES) {
      counts[t] = t === 'settings' ? await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).count() : await db.table(t).count();
    }
    const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, deviceId, counts };
    write(`${JSON.stringify(header).slice(0, -1)},"data":{\n`);
    for (const [i, t] of BACKUP_TABLES.entries()) {
      write(`${JSON.stringify(t)}:[\n`);
      let written = 0;
      if (t === 'settings') {
        const rows = await db.settings.where('key').anyOf([...PORTABLE_SETTINGS]).sortBy('key');
        write(rows.map((r) => JSON.stringify(r)).join(',\n') + (rows.length ? '\n' : ''));
      } else {
        await scanStore<unknown>(t, PAGE, (page) => {
          let text = '';
          for (const row of page) {
            text += (written++ ? ',\n' : '') + JSON.stringify(row);
            if (text.length >= PIECE) {
              write(text);
              text = '';
            }
          }
          write(text);
        });
        if (written) write('\n');
      }
      write(i === BACKUP_TABLES.length - 1 ? ']\n' : '],\n');
    }
    write('}}\n', true);
  });
  return { blob: new Blob(parts, { type: 'application/json' }), counts };
}

export const backupFileName = (now: number, encrypted: boolean) =>
  `sidecar-backup-${new Date(now).toISOString().slice(0, 10)}.${encrypted ? 'sidecar' : 'json'}`;

export async function markBackedUp(db: SidecarDB, now = Date.now()): Promise<void> {
  await db.settings.put({ key: 'lastBackupAt', value: now });
}
