import { shallowRef } from 'vue';
import { attempt } from '@/lib/errors';

/**
 * A store's writes: `saving` while one runs, `error` what to tell the user when the last one
 * failed; `onSaved` runs after each that succeeded.
 */
export function useWrite(onSaved?: () => void) {
  const saving = shallowRef(false);
  const error = shallowRef<string | null>(null);

  async function write(change: () => Promise<unknown>): Promise<boolean> {
    saving.value = true;
    error.value = null;
    error.value = await attempt(change);
    saving.value = false;
    if (error.value !== null) return false;
    onSaved?.();
    return true;
  }

  return { saving, error, write };
}
