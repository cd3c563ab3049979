import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { applyImport, previewImport, type ImportPreview } from '@/lib/backup/apply';
import { blobChunks } from '@/lib/backup/bytes';
import { eraseContact, exportContact } from '@/lib/backup/contact-rights';
import { readContactsFile, type ContactsFile } from '@/lib/backup/contacts-file';
import { importContacts, previewContacts, type RowMatch } from '@/lib/backup/contacts-import';
import { encrypt } from '@/lib/backup/crypto';
import { collectBlob, downloadBlob } from '@/lib/backup/download';
import { callingCodeOf } from '@/lib/book-duplicates';
import { backupFileName, exportBackup, markBackedUp } from '@/lib/backup/export';
import type { BackupIssue } from '@/lib/backup/format';
import { BackupFileError, PassphraseNeededError, readBackup, type ReadBackup } from '@/lib/backup/read';
import { db } from '@/lib/db';
import { ValidationError, errorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { t, tn } from '@/lib/i18n';
import { alive } from '@/lib/validate';

const WEEK = 7 * 24 * 3600 * 1000;
const PROGRESS_EVERY_MS = 250;
const count = (n: number) => formatNumber(n);
const message = (e: unknown) => (e instanceof ValidationError ? e.message : t('backup.somethingWentWrong', { problem: errorMessage(e) }));

/** Backups (export, merge-import), contacts from CSV/vCard, and one contact's export and erasure. */
export const useBackupStore = defineStore('backup', () => {
  const { data: lastBackupAt } = useLiveQuery(async () => {
    const row = await db.settings.get('lastBackupAt');
    return row?.key === 'lastBackupAt' ? row.value : null;
  });
  const reminder = computed(() => lastBackupAt.value === null || (lastBackupAt.value !== undefined && Date.now() - lastBackupAt.value > WEEK));

  const busy = shallowRef(false);
  const error = shallowRef<string>();
  const notice = shallowRef<string>();
  /** How far a long export or import got ("Writing 230,000 of 1,125,121 records"). */
  const progress = shallowRef<string>();
  let shownAt = 0;
  // Callbacks come every few hundred rows: the text changes a few times a second, not more.
  function report(text: string) {
    const now = performance.now();
    if (now - shownAt < PROGRESS_EVERY_MS) return;
    shownAt = now;
    progress.value = text;
  }
  async function run<T>(task: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = undefined;
    notice.value = undefined;
    shownAt = 0;
    try {
      return await task();
    } catch (e) {
      error.value = message(e);
      return undefined;
    } finally {
      busy.value = false;
      progress.value = undefined;
    }
  }

  const exportFile = (passphrase?: string) =>
    run(async () => {
      const now = Date.now();
      const { blob } = await exportBackup(db, now, (done, total) => report(tn('backup.exporting', total, { done: count(done) })));
      if (passphrase) progress.value = t('backup.encrypting');
      const file = passphrase ? await collectBlob(encrypt(blobChunks(blob), passphrase)) : blob;
      downloadBlob(file, backupFileName(now, !!passphrase));
      await markBackedUp(db, now);
      notice.value = t('backup.savedToDownloads');
    });

  // Import: read + validate the whole file, preview, then apply.
  const pending = shallowRef<{ file: Blob; read: ReadBackup; preview: ImportPreview }>();
  const needsPassphrase = shallowRef<Blob>();
  const problems = shallowRef<BackupIssue[]>([]);
  const openFile = (file: Blob, passphrase?: string) =>
    run(async () => {
      pending.value = undefined;
      problems.value = [];
      try {
        const read = await readBackup(file, passphrase, (f) => report(t('backup.readingProgress', { percent: Math.floor(f * 100) })));
        needsPassphrase.value = undefined;
        shownAt = 0;
        const preview = await previewImport(db, read.data, (n) => report(t('backup.comparingProgress', { read: count(n) })));
        pending.value = { file, read, preview };
      } catch (e) {
        if (e instanceof PassphraseNeededError) needsPassphrase.value = file;
        if (e instanceof BackupFileError) problems.value = e.problems;
        throw e;
      }
    });
  const applyPending = () =>
    run(async () => {
      if (!pending.value) return;
      const plan = await applyImport(db, pending.value.read.data, pending.value.preview, (done, total) =>
        report(tn('backup.writing', total, { done: count(done) })),
      );
      pending.value = undefined;
      const n = (k: 'added' | 'updated' | 'deleted') => Object.values(plan).reduce((s, table) => s + table[k], 0);
      notice.value = t('backup.imported', { added: count(n('added')), updated: count(n('updated')), deleted: count(n('deleted')) });
    });
  const cancel = () => {
    pending.value = undefined;
    needsPassphrase.value = undefined;
    problems.value = [];
  };

  // Contacts from Google / Outlook CSV and vCard.
  const contactsPreview = shallowRef<ContactsFile & { matches: RowMatch[] }>();
  /** Rows the user chose to merge into the contact they look like, rather than add as new. */
  const mergeRows = shallowRef<ReadonlySet<number>>(new Set());
  const openContactsFile = (file: File) =>
    run(async () => {
      const parsed = await readContactsFile(file);
      contactsPreview.value = { ...parsed, matches: await previewContacts(db, parsed.rows, callingCodeOf(navigator.languages)) };
      mergeRows.value = new Set();
    });
  function chooseMerge(row: number, merge: boolean) {
    const next = new Set(mergeRows.value);
    if (merge) next.add(row);
    else next.delete(row);
    mergeRows.value = next;
  }
  const applyContacts = () =>
    run(async () => {
      if (!contactsPreview.value) return;
      const into = new Map(contactsPreview.value.matches.flatMap((m) => (m.likely && mergeRows.value.has(m.row) ? [[m.row, m.likely.id] as const] : [])));
      const { added, merged } = await importContacts(db, contactsPreview.value.rows, Date.now(), into);
      contactsPreview.value = undefined;
      notice.value = t('backup.contactsImported', { added: count(added), merged: count(merged) });
    });
  const exportContactsCsv = () =>
    run(async () => {
      const [contacts, companies] = await Promise.all([db.contacts.toArray(), db.companies.toArray()]);
      const names = new Map(companies.filter(alive).map((c) => [c.id, c.name]));
      const { contactsToCsv } = await import('@/lib/backup/csv');
      const csv = contactsToCsv(contacts.filter(alive).sort((a, b) => a.name.localeCompare(b.name)), (id) => (id ? names.get(id) : undefined));
      downloadBlob(new Blob(['\uFEFF', csv], { type: 'text/csv' }), 'sidecar-contacts.csv');
    });

  const exportOne = (id: string) =>
    run(async () => {
      const doc = await exportContact(db, id);
      const slug = doc.contact.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'contact';
      downloadBlob(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }), `sidecar-contact-${slug}.json`);
    });
  const eraseOne = (id: string) => run(() => eraseContact(db, id));

  return {
    lastBackupAt, reminder, busy, error, notice, progress, exportFile,
    pending, needsPassphrase, problems, openFile, applyPending, cancel,
    contactsPreview, mergeRows, chooseMerge, openContactsFile, applyContacts, exportContactsCsv, exportOne, eraseOne,
  };
});
