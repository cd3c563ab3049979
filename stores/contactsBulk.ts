import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { useTimeoutFn } from '@vueuse/core';
import { useWrite } from '@/composables/useWrite';
import { downloadBlob } from '@/lib/backup/download';
import { applyBulk, contactsForExport, eraseContacts, undoBulk, type BulkChange, type BulkUndo } from '@/lib/contacts-bulk';
import { db } from '@/lib/db';
import { t, tn } from '@/lib/i18n';
import { cadenceLabel } from '@/lib/stay-in-touch';
import { useContactsStore } from './contacts';

/** How long a bulk change can be taken back. */
export const BULK_UNDO_MS = 10 * 60_000;

function told(change: BulkChange, n: number): string {
  if (change.kind === 'add-tag') return tn('stores.bulkTagged', n, { tag: change.tag });
  if (change.kind === 'remove-tag') return tn('stores.bulkUntagged', n, { tag: change.tag });
  return tn('stores.bulkCadence', n, { cadence: change.days === undefined ? t('stores.settingsCadence') : cadenceLabel(change.days).toLowerCase() });
}

/** The contacts list's bulk actions on its selection, and the undo of the last one. */
export const useContactsBulkStore = defineStore('contactsBulk', () => {
  const contacts = useContactsStore();
  const { saving: busy, error, write } = useWrite();
  const notice = shallowRef<string | null>(null);
  const undoable = shallowRef<BulkUndo | null>(null);
  const expiry = useTimeoutFn(() => (undoable.value = null), BULK_UNDO_MS, { immediate: false });

  const apply = (change: BulkChange) =>
    write(async () => {
      const undo = await applyBulk(db, [...contacts.selected], change);
      notice.value = told(undo.change, undo.after.length);
      // A change that altered nobody leaves the last one's undo as it was.
      if (!undo.after.length) return;
      undoable.value = undo;
      expiry.start();
    });
  const undo = () =>
    write(async () => {
      if (!undoable.value) return;
      const { restored, skipped } = await undoBulk(db, undoable.value);
      undoable.value = null;
      expiry.stop();
      notice.value = [tn('stores.bulkUndone', restored), ...(skipped ? [tn('stores.bulkUndoSkipped', skipped)] : [])].join(' ');
    });
  const exportAs = (format: 'csv' | 'vcard') =>
    write(async () => {
      const { contacts: chosen, companyName } = await contactsForExport(db, [...contacts.selected]);
      if (format === 'csv') {
        const { contactsToCsv } = await import('@/lib/backup/csv');
        downloadBlob(new Blob(['\uFEFF', contactsToCsv(chosen, companyName)], { type: 'text/csv' }), 'sidecar-contacts.csv');
      } else {
        const { contactsToVcard } = await import('@/lib/backup/vcard-write');
        downloadBlob(new Blob([contactsToVcard(chosen, companyName)], { type: 'text/vcard' }), 'sidecar-contacts.vcf');
      }
      notice.value = tn('stores.bulkExported', chosen.length);
    });
  const erase = () =>
    write(async () => {
      const n = await eraseContacts(db, [...contacts.selected]);
      contacts.clearSelection();
      undoable.value = null;
      notice.value = tn('stores.bulkErased', n);
    });
  return { busy, error, notice, undoable, apply, undo, exportAs, erase };
});
