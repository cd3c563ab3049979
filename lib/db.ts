import Dexie, { type EntityTable, type Table } from 'dexie';
import { schemaGuardMiddleware } from './db-guard';
import { scrubContactTombstones } from './db-upgrade-tombstones';
import { upgradeThreadKeys } from './db-upgrade-thread-keys';
import { revisionMiddleware } from './db-revision';
import { derivedMiddleware } from './db-derived';
import { rebuildInsightMonths, type MonthFacts } from './insight-months';
import { rebuildLastContact, type LastContact } from './last-contact';
import type { BandCounts } from './insights-cx';
import { addOrderRows, rebuildNameWords, type NameWord } from './name-words';
import { rebuildReplies, type Reply } from './replies';
import { rebuildStayInTouch, type StayInTouch } from './stay-in-touch';
import type { Company, Contact, Deal, FollowUp, Interaction, Satisfaction, Setting } from './schema';

export const DB_NAME = 'sidecar-crm';

/**
 * The one database, shared by sidebar frame, dashboard and background (all extension origin).
 * Schema changes are a new `version(n)` with an upgrade and a test; never edit version 1.
 */
export class SidecarDB extends Dexie {
  // `declare`, not `!:`: a class field would be re-initialised to undefined after Dexie set it up.
  declare contacts: EntityTable<Contact, 'id'>;
  declare companies: EntityTable<Company, 'id'>;
  declare interactions: EntityTable<Interaction, 'id'>;
  declare deals: EntityTable<Deal, 'id'>;
  declare satisfaction: EntityTable<Satisfaction, 'id'>;
  declare followUps: EntityTable<FollowUp, 'id'>;
  declare settings: EntityTable<Setting, 'key'>;
  declare stayInTouch: EntityTable<StayInTouch, 'contactId'>;
  declare lastContact: EntityTable<LastContact, 'contactId'>;
  declare nameWords: Table<NameWord, [string, string, string]>;
  declare replies: EntityTable<Reply, 'id'>;
  declare bandHistory: Table<BandCounts, [string, string]>;
  declare insightMonths: Table<MonthFacts, string>;

  /** Tests pass a unique name so each gets an isolated database. */
  constructor(name: string = DB_NAME) {
    super(name);
    // updatedAt on every record table: "changed since the last backup" and recently-changed lists.
    this.version(1).stores({
      // *emails: recognize an address (one lookup); companyId: a company's people;
      // name: the alphabetical contact list.
      contacts: 'id, *emails, companyId, name, updatedAt',
      // *domains: recognize a company by an address's domain; name: sorted list and lookup by name.
      companies: 'id, *domains, name, updatedAt',
      // [contactId+occurredAt]: a contact's timeline, newest first, without sorting in memory;
      // gmailMessageId: "already logged?" for a sent reply, and de-duplication on import.
      interactions: 'id, [contactId+occurredAt], gmailMessageId, updatedAt',
      // contactId: a contact's deals; stage: pipeline columns; *gmailThreadIds: deals of the open thread.
      deals: 'id, contactId, stage, *gmailThreadIds, updatedAt',
      // [contactId+occurredAt]: a contact's score history in time order.
      satisfaction: 'id, [contactId+occurredAt], updatedAt',
      // [status+dueAt]: open follow-ups due before now (alarms, badge); contactId: a contact's follow-ups.
      followUps: 'id, [status+dueAt], contactId, updatedAt',
      // key: one row per setting.
      settings: 'key',
    });
    // Same indexes; every Gmail thread and message id becomes its one key ("undefined" and junk
    // removed), and the tombstones of contacts merged by hand lose what the merge copied elsewhere.
    this.version(2)
      .stores({})
      .upgrade(async (tx) => {
        await upgradeThreadKeys(tx);
        await scrubContactTombstones(tx);
      });
    // deals.closedAt: the deals won or lost this month (the pipeline board), without reading all
    // closed ones; contacts.*tags: the contacts with a tag (filters), and every tag in the book.
    this.version(3).stores({
      contacts: 'id, *emails, companyId, name, updatedAt, *tags',
      deals: 'id, contactId, stage, *gmailThreadIds, updatedAt, closedAt',
    });
    // stayInTouch: derived, one row per contact with a cadence, by when it lapses (Today, the badge);
    // kept by lib/db-derived.ts, never exported. contacts.cadenceDays: those with their own.
    this.version(4)
      .stores({
        contacts: 'id, *emails, companyId, name, updatedAt, *tags, cadenceDays',
        stayInTouch: 'contactId, lapsesAt',
      })
      // Filled by version 5's upgrade, which needs its lastContact rows first.
      .upgrade(() => {});
    // lastContact: derived, when each contact was last in touch (lib/last-contact.ts; the contacts
    // list's sort and filters, and stayInTouch's lastAt); contacts.deletedAt: the tombstones, so
    // the live contacts are counted without reading them; nameWords: every word of each live
    // contact's name, folded, for the search (lib/name-words.ts).
    this.version(5)
      .stores({
        contacts: 'id, *emails, companyId, name, updatedAt, *tags, cadenceDays, deletedAt',
        lastContact: 'contactId, at',
        nameWords: '[word+name+contactId]',
      })
      .upgrade(async (tx) => {
        await rebuildNameWords(tx.table('contacts'), tx.table('nameWords'));
        await rebuildLastContact(tx.table('interactions'), tx.table('lastContact'));
        await rebuildStayInTouch((name) => tx.table(name));
      });
    // replies: derived, each logged inbound email's wait for the next sent one in its thread, by
    // when it came in (lib/replies.ts; Insights' responsiveness), kept through the new thread index
    // on interactions. bandHistory: each month's share of contacts per health band, as Insights
    // last saw it (lib/insights-cx.ts): how the bands moved. Neither is exported.
    this.version(6)
      .stores({
        interactions: 'id, [contactId+occurredAt], gmailMessageId, updatedAt, gmailThreadId',
        replies: 'id, at, threadId',
        bandHistory: '[scope+month]',
      })
      .upgrade((tx) => rebuildReplies(tx.table('interactions'), tx.table('replies')));
    // insightMonths: derived, each UTC month's live scores and reply waits as columns (lib/insight-months.ts):
    // Insights reads a year's figures in a dozen rows instead of tens of thousands. Not exported.
    this.version(7)
      .stores({ insightMonths: 'month' })
      .upgrade((tx) => rebuildInsightMonths(tx.table('satisfaction'), tx.table('replies'), tx.table('insightMonths')));
    // nameWords gains a row per contact that orders the whole book by name, case and accents aside
    // (lib/name-words.ts, ORDER_WORD).
    this.version(8)
      .stores({})
      .upgrade((tx) => addOrderRows(tx.table('contacts'), tx.table('nameWords')));
    this.use(revisionMiddleware);
    this.use(derivedMiddleware);
    this.use(schemaGuardMiddleware);
  }
}

/** This context's connection to the app's database; Dexie opens it on first use. */
export const db = new SidecarDB();
