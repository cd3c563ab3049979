/**
 * Whether the browser may clear the database to free disk space, and how much it holds.
 * Chromium never evicts an origin holding `unlimitedStorage` (its quota policy skips such
 * origins), though `persisted()` still answers false there; Firefox keeps it once `persist()`
 * is granted, without a prompt for an extension holding that permission.
 */
export interface StorageStatus {
  /** Bytes this extension's origin uses, as the browser estimates it. */
  usedBytes: number | null;
  persistent: boolean;
}

type StorageManagerLike = Pick<StorageManager, 'persisted' | 'persist' | 'estimate'>;

/**
 * Asks for persistent storage unless it is granted or `exempt` (Chromium with unlimitedStorage),
 * then reports where things stand.
 */
export async function keepStorage(
  storage: StorageManagerLike | undefined = globalThis.navigator?.storage,
  exempt = false,
): Promise<StorageStatus> {
  if (!storage) return { usedBytes: null, persistent: exempt };
  const persistent = exempt || (await storage.persisted()) || (await storage.persist());
  const { usage } = await storage.estimate();
  return { usedBytes: usage ?? null, persistent };
}
