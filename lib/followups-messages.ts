import { browser } from 'wxt/browser';
import { z } from 'zod';
import { SOURCE } from './protocol';

/**
 * Extension page (sidebar, dashboard) -> background: "follow-ups changed, re-derive the alarm,
 * the reminders and the badge". It carries no data: the background reads the database itself,
 * so a forged message can at worst cause one harmless re-read.
 */
export const FollowUpsChanged = z.strictObject({ source: z.literal(SOURCE), type: z.literal('followups-changed') });
export type FollowUpsChanged = z.infer<typeof FollowUpsChanged>;

export const followUpsChanged = (): FollowUpsChanged => ({ source: SOURCE, type: 'followups-changed' });

/** After a follow-up write: the background may be asleep or absent, and it reads what changed itself. */
export function tellBackground(): void {
  browser.runtime.sendMessage(followUpsChanged()).catch(() => {});
}
