// The dashboard's book for the benchmark: open deals, this month's closed ones, open follow-ups,
// and Insights' scores and answered email threads, spread over the generated contacts, written through the product's schemas. Added to the working
// copy of the largest profile only, after the sidebar's figures were taken.
import Dexie from 'dexie';
import { deferStayInTouch } from '../lib/db-derived';
import { OPEN_STAGES } from '../lib/deals';
import { STAY_IN_TOUCH_SOURCES, rebuildStayInTouch } from '../lib/stay-in-touch';
import { TOUCHPOINTS } from '../lib/satisfaction';
import { RecordSchemas, type Deal, type FollowUp, type Interaction, type Satisfaction } from '../lib/schema';
import { companyOf, connection, countingUuid } from './generate';

const DAY = 86_400_000;
const CURRENCIES = ['ZAR', 'MWK', 'USD'];

/** Insights' book: a score from one contact in five and a replied-to email thread from one in five, over the last 12 months. */
function insightsBook(generated: number, now: number): { satisfaction: Satisfaction[]; interactions: Interaction[] } {
  const satisfaction: Satisfaction[] = [];
  const interactions: Interaction[] = [];
  const count = Math.floor(generated / 5);
  for (let n = 0; n < count; n++) {
    const contactId = countingUuid('contact', (n * 5 + 1) % generated);
    const at = now - ((n * 7919) % 365) * DAY - (n % 24) * 3_600_000;
    const nps = n % 2 === 0;
    satisfaction.push(
      RecordSchemas.satisfaction.parse({
        id: crypto.randomUUID(),
        contactId,
        kind: nps ? 'nps' : 'csat',
        score: nps ? n % 11 : 1 + (n % 5),
        touchpoint: TOUCHPOINTS[n % TOUCHPOINTS.length],
        ...(n % 4 === 0 ? { note: `Bench remark ${n}` } : {}),
        occurredAt: at,
        createdAt: at,
        updatedAt: at,
      }),
    );
    // Gmail's legacy ids: 16 hex digits, the thread's the same as its first message's.
    const thread = 0x1990000000000000n + BigInt(n) * 2n;
    const replyAt = at + ((n * 31) % 48) * 3_600_000 + 60_000;
    for (const [kind, occurredAt, id] of [['email-in', at, thread], ['email-out', replyAt, thread + 1n]] as const) {
      interactions.push(
        RecordSchemas.interactions.parse({
          id: crypto.randomUUID(),
          contactId,
          kind,
          subject: 'Delivery dates',
          occurredAt,
          gmailThreadId: `thread-f:${thread}`,
          gmailMessageId: `#msg-f:${id}`,
          createdAt: occurredAt,
          updatedAt: occurredAt,
        }),
      );
    }
  }
  return { satisfaction, interactions };
}

export async function addPipeline(generated: number, openDeals: number, followUps: number, now: number): Promise<Record<string, number>> {
  const db = connection();
  const step = Math.max(1, Math.floor(generated / openDeals));
  const deals: Deal[] = [];
  const closed = Math.floor(openDeals / 10);
  for (let n = 0; n < openDeals + closed; n++) {
    const i = (n * step) % generated;
    const open = n < openDeals;
    deals.push(
      RecordSchemas.deals.parse({
        id: crypto.randomUUID(),
        contactId: countingUuid('contact', i),
        companyId: countingUuid('company', companyOf(i)),
        title: `Bench deal ${n}`,
        stage: open ? OPEN_STAGES[n % OPEN_STAGES.length] : n % 3 ? 'won' : 'lost',
        amountMinor: 100_000 + ((n * 7919) % 5_000_000),
        currency: CURRENCIES[n % CURRENCIES.length],
        expectedCloseAt: now + ((n % 90) - 30) * DAY,
        stageChangedAt: now - (n % 60) * DAY,
        ...(open ? {} : { closedAt: now - (n % 20) * 3_600_000, ...(n % 3 ? {} : { lostReason: 'Budget' }) }),
        gmailThreadIds: [],
        createdAt: now - 90 * DAY,
        updatedAt: now - (n % 60) * DAY,
      }),
    );
  }
  const due: FollowUp[] = [];
  for (let n = 0; n < followUps; n++) {
    due.push(
      RecordSchemas.followUps.parse({
        id: crypto.randomUUID(),
        contactId: countingUuid('contact', (n * 97) % generated),
        // From three days late to ten days ahead: every section of Today has some.
        dueAt: now + ((n % 13) - 3) * DAY + (n % 24) * 3_600_000,
        note: `Bench follow-up ${n}`,
        status: 'open',
        ifNoReply: false,
        createdAt: now - 10 * DAY,
        updatedAt: now - 10 * DAY,
      }),
    );
  }
  const insights = insightsBook(generated, now);
  let rebuildMs = 0;
  await db.transaction('rw', [db.followUps, db.satisfaction, ...STAY_IN_TOUCH_SOURCES], async () => {
    // As an import does: the stay-in-touch rows derived once at the end, and that derivation timed.
    deferStayInTouch(Dexie.currentTransaction);
    await db.deals.bulkAdd(deals);
    await db.followUps.bulkAdd(due);
    await db.satisfaction.bulkAdd(insights.satisfaction);
    await db.interactions.bulkAdd(insights.interactions);
    const start = performance.now();
    await rebuildStayInTouch((name) => db.table(name));
    rebuildMs = performance.now() - start;
  });
  const lapsed = await db.stayInTouch.where('lapsesAt').belowOrEqual(now).count();
  return {
    deals: deals.length,
    followUps: due.length,
    scores: insights.satisfaction.length,
    repliedThreads: insights.interactions.length / 2,
    replies: await db.replies.count(),
    withCadence: await db.stayInTouch.count(), lapsed, stayInTouchRebuildMs: Math.round(rebuildMs) };
}

