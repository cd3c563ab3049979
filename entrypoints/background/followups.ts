import { liveQuery } from 'dexie';
import type { Browser, WxtBrowser } from 'wxt/browser';
import type { SidecarDB } from '@/lib/db';
import { dueUnnotified, followUpById, markNotified, nextDueAt, overdueCount } from '@/lib/followups';
import { followUpThreadUrl } from '@/lib/followups-gmail';
import { FollowUpsChanged } from '@/lib/followups-messages';
import { t, tn } from '@/lib/i18n';
import { lapsedCount } from '@/lib/lapsed';
import type { LanguageChoice } from '@/lib/languages';
import type { FollowUp } from '@/lib/schema';
import { applyChosenLanguage, readLanguageChoice } from '@/lib/settings';

/** One alarm for the next due time: it is re-derived from the database, never one per follow-up. */
export const NEXT_ALARM = 'followups-next';
/** Catches what the next-due alarm cannot: edits from a backup import, a clock change, a lost alarm. */
export const SAFETY_ALARM = 'followups-safety';
export const SAFETY_MINUTES = 1;
export const NOTIFICATION_PREFIX = 'followup:';
/** --danger of the light theme. */
const BADGE_COLOR = '#b3261e';

/** The toolbar button's tooltip: what the badge's number is made of. The extension's name is a name, not translated. */
export function badgeTitle(overdue: number, lapsed: number): string {
  if (overdue + lapsed === 0) return 'Sidecar CRM';
  const counts =
    overdue && lapsed
      ? t('notifications.badgeBoth', { overdue: tn('notifications.badgeOverdue', overdue), lapsed: tn('notifications.badgeLapsed', lapsed) })
      : overdue
        ? tn('notifications.badgeOverdue', overdue)
        : tn('notifications.badgeLapsed', lapsed);
  return t('notifications.badgeTitle', { counts });
}

/**
 * Reminders for follow-ups. Nothing is kept in memory between wake-ups: the service worker may
 * be stopped at any time, so every start, alarm and "follow-ups changed" message re-derives the
 * alarm, the reminders and the badge from the database. Registers its listeners synchronously.
 */
export function startFollowUps(browser: WxtBrowser, db: SidecarDB, clock: () => number = Date.now) {
  // Firefox's MV2 build has browserAction where Chrome's MV3 has action.
  const action = browser.action ?? browser.browserAction;
  const ownOrigin = new URL(browser.runtime.getURL('/')).origin;

  /** One step's failure (a storage error, a refused notification) never keeps the others from running. */
  async function step(what: string, work: () => Promise<unknown>) {
    await work().catch((error: unknown) => console.error(`Sidecar: could not ${what}`, error));
  }

  let queue: Promise<void> = Promise.resolve();
  /** Serialised, so that overlapping wake-ups never race each other's alarm and badge writes. */
  function rederive(): Promise<void> {
    queue = queue.then(run);
    return queue;
  }

  async function run() {
    const now = clock();
    // The safety alarm first: whatever fails below is tried again at its next tick.
    await step('set the reminder alarm', async () => {
      // Recreating it on every wake would push it back by a minute each time; create it only when missing.
      if (!(await browser.alarms.get(SAFETY_ALARM))) await browser.alarms.create(SAFETY_ALARM, { periodInMinutes: SAFETY_MINUTES });
    });
    // Reminders and the badge's title speak the language chosen in the settings.
    await step('apply the chosen language', async () => applyChosenLanguage(await readLanguageChoice(db), navigator.languages));
    await step('show the reminders that are due', () => remind(now));
    await step('aim the next reminder', async () => {
      const next = await nextDueAt(db, now);
      if (next === null) await browser.alarms.clear(NEXT_ALARM);
      else await browser.alarms.create(NEXT_ALARM, { when: next });
    });
    // The badge is what Today lists as needing the user now: its two counts, added.
    await step('update the badge', async () => {
      const [overdue, lapsed] = await Promise.all([overdueCount(db, now), lapsedCount(db, now)]);
      await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
      await action.setBadgeText({ text: overdue + lapsed > 0 ? String(overdue + lapsed) : '' });
      await action.setTitle({ title: badgeTitle(overdue, lapsed) });
    });
  }

  /** Shown first, marked after (markNotified): at least once, whenever the worker is stopped. */
  async function remind(now: number) {
    const shown: FollowUp[] = [];
    for (const followUp of await dueUnnotified(db, now)) {
      await step('show a reminder', async () => {
        await notify(followUp);
        shown.push(followUp);
      });
    }
    await markNotified(db, shown, now);
  }

  async function notify(followUp: FollowUp) {
    const contact = await db.contacts.get(followUp.contactId);
    await browser.notifications.create(NOTIFICATION_PREFIX + followUp.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: contact ? t('notifications.followUpWith', { name: contact.name }) : t('notifications.followUp'),
      message: followUp.note ?? (followUp.ifNoReply ? t('notifications.noReply') : t('notifications.due')),
    });
  }

  async function open(notificationId: string) {
    if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
    await browser.notifications.clear(notificationId);
    const followUp = await followUpById(db, notificationId.slice(NOTIFICATION_PREFIX.length));
    // Its thread, where the sidebar shows it; else the dashboard's Today, where it can be done or moved.
    if (followUp) await browser.tabs.create({ url: followUpThreadUrl(followUp) ?? browser.runtime.getURL('/dashboard.html#today') });
  }

  // Only this extension's own pages (sidebar frame, dashboard): not content scripts, whose page
  // is Gmail's, and not other extensions.
  function fromOwnPage(sender: Browser.runtime.MessageSender): boolean {
    return sender.id === browser.runtime.id && typeof sender.url === 'string' && new URL(sender.url).origin === ownOrigin;
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === NEXT_ALARM || alarm.name === SAFETY_ALARM) void rederive();
  });
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (fromOwnPage(sender) && FollowUpsChanged.safeParse(message).success) void rederive();
    // No reply: returning nothing leaves the channel to other listeners.
    return undefined;
  });
  browser.notifications.onClicked.addListener((id) => {
    open(id).catch((error: unknown) => console.error('Sidecar: could not open the follow-up', error));
  });

  // A language chosen in any page retitles the badge at once (the first answer is the start's own).
  let language: LanguageChoice | undefined;
  liveQuery(() => readLanguageChoice(db)).subscribe({
    next: (choice) => {
      if (language !== undefined && choice !== language) void rederive();
      language = choice;
    },
    error: (error: unknown) => console.error('Sidecar: could not follow the language setting', error),
  });

  // Started or woken: whatever happened while the worker was stopped is caught up now.
  void rederive();
  /** `settled` resolves once the work queued so far is done (for tests). */
  return { rederive, settled: () => queue };
}
