import type { SidecarDB } from '../db';

/** This install's id, created once; a backup names the machine it came from but never copies this. */
export async function getDeviceId(db: SidecarDB): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get('deviceId');
    if (row?.key === 'deviceId') return row.value;
    const value = crypto.randomUUID();
    await db.settings.put({ key: 'deviceId', value });
    return value;
  });
}
