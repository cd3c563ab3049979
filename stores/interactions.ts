import { defineStore, storeToRefs } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { errorMessage } from '@/lib/errors';
import { t } from '@/lib/i18n';
import {
  logGmailMessages,
  logInteraction,
  loggedMessageIds,
  setCompanyNeverLog,
  setContactNeverLog,
  type InteractionDraft,
} from '@/lib/interactions';
import { findSentReply, incomingItems, messageIds, sentReplyItem, unloggedIncoming } from '@/lib/interactions-gmail';
import { alive } from '@/lib/validate';
import { neverLoggedAs } from '@/lib/never-log';
import { useCurrentContactStore } from './currentContact';
import { useSettingsStore } from './settings';
import { useGmailStore } from './gmail';

/** How long a pressed Send waits for its message to appear (Undo Send lasts up to 30 s). */
const PENDING_MS = 5 * 60_000;

/** Logging interactions for the current contact, and the emails of the open thread on offer. */
export const useInteractionsStore = defineStore('interactions', () => {
  const gmail = useGmailStore();
  const { thread, account } = storeToRefs(gmail);
  // The whole contact, not its id: toggling "never log" changes it in place.
  const current = useCurrentContactStore();
  const { contact } = storeToRefs(current);

  const companyId = computed(() => contact.value?.companyId ?? null);
  const { data: companyRow, loading: companyLoading } = useLiveQuery(
    async () => (companyId.value ? ((await db.companies.get(companyId.value)) ?? null) : null),
    [companyId],
  );
  const company = computed(() => (alive(companyRow.value ?? undefined) ? companyRow.value! : null));
  const settings = useSettingsStore();
  /** Whose emails are never logged (the contact, its company or a never-log entry), or null. */
  const neverLog = computed(() => (contact.value ? neverLoggedAs(contact.value, company.value, settings.settings?.neverLogList ?? []) : null));

  // Which of the open thread's messages are logged already; undefined while that is being read.
  // Read once the sender is known: on a switch the card's lookup goes first.
  const idsKey = computed(() => (current.looking ? null : thread.value ? messageIds(thread.value).join('\n') : ''));
  const { data: logged } = useLiveQuery(
    () => (idsKey.value === null ? undefined : loggedMessageIds(db, idsKey.value ? idsKey.value.split('\n') : [])),
    [idsKey],
  );
  /** Offers wait until it is known what is logged and whether logging is wanted at all. */
  const offersReady = computed(() => logged.value !== undefined && !companyLoading.value && settings.settings !== undefined && neverLog.value === null);

  // ---- the reply just sent ----
  let pending: { threadId: string; known: Set<string>; at: number } | null = null;
  const sent = shallowRef<{ threadId: string; messageId: string } | null>(null);

  // Sync: the snapshot must be of the thread as it was when Send was pressed, before any next message.
  watch(
    () => gmail.sending,
    (press) => {
      if (press) markSending(press.threadId);
    },
    { flush: 'sync' },
  );
  // Alt+Shift+L, pressed in Gmail or in the sidebar.
  watch(
    () => gmail.command,
    (command) => {
      if (command?.name === 'log-interaction') openForm();
    },
  );

  function markSending(threadId: string) {
    const open = thread.value;
    // The content script reads the same thread the frame was last told about; anything else is stale.
    if (!open || open.threadId !== threadId) return;
    // A second press (or Undo, then Send again) keeps the snapshot from before the first.
    if (pending?.threadId === threadId && Date.now() - pending.at < PENDING_MS) return;
    pending = { threadId, known: new Set(messageIds(open)), at: Date.now() };
  }

  watch(thread, (next, previous) => {
    if (next?.threadId !== previous?.threadId) sent.value = null;
    if (!pending || !next || next.threadId !== pending.threadId) return;
    if (Date.now() - pending.at > PENDING_MS) {
      pending = null;
      return;
    }
    const reply = findSentReply(next, pending.known, account.value);
    if (reply?.id) {
      sent.value = { threadId: next.threadId, messageId: reply.id };
      pending = null;
    }
  });

  /** The reply just sent, while it is in the open thread and not logged (Undo removes it). */
  const sentReply = computed(() => {
    const s = sent.value;
    const open = thread.value;
    if (!s || !open || open.threadId !== s.threadId || !offersReady.value || logged.value!.has(s.messageId)) return null;
    const message = open.messages.find((m) => m.id === s.messageId);
    return message ? { subject: open.subject, message } : null;
  });

  /** Messages from the contact in the open thread that are not in the history yet. */
  const unlogged = computed(() => {
    const open = thread.value;
    if (!open || !contact.value || !offersReady.value) return [];
    return unloggedIncoming(open, contact.value.emails, logged.value!);
  });

  // ---- writes ----
  const offerError = shallowRef<string | null>(null);
  const busy = shallowRef(false);
  watch([contact, () => thread.value?.threadId], () => (offerError.value = null));

  async function run(write: () => Promise<unknown>): Promise<string | null> {
    busy.value = true;
    try {
      await write();
      return null;
    } catch (error) {
      return errorMessage(error);
    } finally {
      busy.value = false;
    }
  }

  /** Logs what the form submitted; returns what to tell the user, or null when saved. */
  function log(draft: InteractionDraft): Promise<string | null> {
    const id = contact.value?.id;
    return run(async () => {
      if (!id) throw new Error(t('stores.noContactOpen'));
      await logInteraction(db, id, draft);
    });
  }

  async function logSentReply() {
    const offer = sentReply.value;
    const id = contact.value?.id;
    if (!offer || !id || !thread.value) return;
    offerError.value = await run(() => logGmailMessages(db, id, [sentReplyItem(thread.value!, offer.message)]));
    if (!offerError.value) sent.value = null;
  }

  async function logUnlogged() {
    const id = contact.value?.id;
    if (!id || !thread.value || unlogged.value.length === 0) return;
    offerError.value = await run(() => logGmailMessages(db, id, incomingItems(thread.value!, unlogged.value)));
  }

  function dismissSentReply() {
    sent.value = null;
  }

  async function setNeverLog(scope: 'contact' | 'company', value: boolean) {
    const target = scope === 'contact' ? contact.value?.id : company.value?.id;
    if (!target) return;
    offerError.value = await run(() => (scope === 'contact' ? setContactNeverLog(db, target, value) : setCompanyNeverLog(db, target, value)));
  }

  /** For the "log an interaction" shortcut: the panel opens its form when this turns true. */
  const formOpen = shallowRef(false);
  const openForm = () => (formOpen.value = true);

  return {
    contact,
    company,
    neverLog,
    sentReply,
    unlogged,
    busy,
    offerError,
    formOpen,
    log,
    logSentReply,
    logUnlogged,
    dismissSentReply,
    setNeverLog,
    openForm,
  };
});
