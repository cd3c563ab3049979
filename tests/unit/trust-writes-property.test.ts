import fc from 'fast-check';
import { eraseContact } from '@/lib/backup/contact-rights';
import { importContacts } from '@/lib/backup/contacts-import';
import { exportBackup } from '@/lib/backup/export';
import { readBackup } from '@/lib/backup/read';
import { addEmail, mergeContacts, removeEmail, updateContact } from '@/lib/contact-edit';
import { addContact } from '@/lib/contacts';
import { SidecarDB } from '@/lib/db';
import { changeStage, createDeal, deleteDeal, linkThread, updateDeal } from '@/lib/deals';
import { ValidationError } from '@/lib/errors';
import { completeFollowUp, dueUnnotified, markNotified, rescheduleFollowUp, scheduleFollowUp } from '@/lib/followups';
import { deleteEntry } from '@/lib/history';
import { logInteraction, setContactNeverLog } from '@/lib/interactions';
import { recordSatisfaction } from '@/lib/satisfaction';
import { MAX_EPOCH_MS, type Contact } from '@/lib/schema';

/**
 * Whatever the user types, whatever the clock says and whatever versions an import left behind
 * (stamped up to a day ahead, the most a backup may be), every write function either refuses with
 * a message or writes what the backup reader reads back: one unreadable record would make every
 * later backup of this machine fail whole.
 */
const DAY = 86_400_000;
const realNow = Date.now();

// Text with the characters that break naive handling: invisible, bidirectional, astral, blank.
const nasty = fc.oneof(
  { arbitrary: fc.constantFrom('Thandi Mthembu', 'Chikondi Banda', 'Renewal', 'Pilot 2027', 'vip, lead', 'Met at the expo'), weight: 4 },
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\u202E', '\u2066', '\u200B', '\uFEFF', '\u0000', '\n', '😀', 'é', '\uD800'), maxLength: 12 }),
  fc.constantFrom('', '   ', '\u200B\u200D', 'Zoë Ngũgĩ', '=SUM(A1)', 'x'.repeat(250)),
);
const time = fc.oneof(fc.integer({ min: 0, max: realNow + DAY - 1 }), fc.constantFrom(0, realNow, realNow + DAY - 1));
const callTime = fc.oneof(time, fc.constantFrom(MAX_EPOCH_MS, MAX_EPOCH_MS - 1, Number.MAX_SAFE_INTEGER, -1, Number.NaN));
const pick = fc.nat(1000);
const address = fc.oneof({ arbitrary: fc.constantFrom('ann@acme.example', 'bob@acme.example', 'carol@gmail.com', 'dan@lee.co.za', 'eve@tnm.mw'), weight: 6 }, nasty);
const localInput = fc.oneof({ arbitrary: fc.constant('2026-01-31T09:00'), weight: 4 }, fc.constantFrom('2026-02-30T09:00', '', '275760-09-13T00:00'), nasty);

const op = fc.oneof(
  fc.record({ do: fc.constant('add' as const), name: nasty, emails: fc.array(address, { minLength: 1, maxLength: 3 }), company: nasty }),
  fc.record({ do: fc.constant('edit' as const), who: pick, name: nasty, title: nasty, company: nasty, phone: nasty, tags: nasty, notes: nasty }),
  fc.record({ do: fc.constant('addEmail' as const), who: pick, email: address }),
  fc.record({ do: fc.constant('removeEmail' as const), who: pick, index: pick }),
  fc.record({ do: fc.constant('merge' as const), who: pick, other: pick }),
  fc.record({ do: fc.constant('erase' as const), who: pick }),
  fc.record({ do: fc.constant('neverLog' as const), who: pick }),
  fc.record({ do: fc.constant('log' as const), who: pick, at: localInput, subject: nasty, summary: nasty }),
  fc.record({ do: fc.constant('deleteLog' as const), which: pick }),
  fc.record({ do: fc.constant('score' as const), who: pick, nps: fc.boolean(), score: fc.integer({ min: -1, max: 11 }), note: nasty }),
  fc.record({ do: fc.constant('deal' as const), who: pick, title: nasty, amount: fc.oneof({ arbitrary: fc.constantFrom('1 234,50', '500', ''), weight: 4 }, nasty, fc.constant('99999999999999999999')), close: fc.constantFrom('', '', '2026-12-31', '275760-09-13') }),
  fc.record({ do: fc.constant('editDeal' as const), which: pick, title: nasty, close: fc.constantFrom('', '2027-01-15') }),
  fc.record({ do: fc.constant('stage' as const), which: pick, stage: fc.constantFrom('qualified', 'won', 'lost', 'lead') as fc.Arbitrary<'qualified' | 'won' | 'lost' | 'lead'>, reason: nasty }),
  fc.record({ do: fc.constant('link' as const), which: pick, thread: fc.oneof(fc.constantFrom('thread-f:1789012345678901234', '18d3c4b5a6f7e8d9', 'undefined'), nasty) }),
  fc.record({ do: fc.constant('deleteDeal' as const), which: pick }),
  fc.record({ do: fc.constant('followUp' as const), who: pick, due: callTime, note: nasty }),
  fc.record({ do: fc.constant('reschedule' as const), which: pick, due: callTime }),
  fc.record({ do: fc.constant('complete' as const), which: pick }),
  fc.record({ do: fc.constant('claim' as const) }),
  fc.record({ do: fc.constant('csv' as const), name: nasty, email: address, phone: nasty, tags: fc.array(nasty, { maxLength: 3 }) }),
);
const step = fc.record({ op, now: time });

/** Versions an earlier import left: stamped anywhere from the epoch to a day ahead. */
const seeded = fc.array(
  fc.record({ name: fc.constantFrom('Priya Raman', 'Thandi Mthembu'), updatedAt: time, email: fc.constantFrom('priya@acme.example', 'thandi@lee.co.za', 'ann@acme.example') }),
  { minLength: 1, maxLength: 3 },
);

/** Mostly the live records (a deleted one is refused at once), sometimes any. */
async function ids(db: SidecarDB, table: 'contacts' | 'deals' | 'followUps' | 'interactions', any = false): Promise<string[]> {
  const rows = (await db.table(table).toArray()) as { id: string; deletedAt?: number }[];
  return rows.filter((r) => any || r.deletedAt === undefined).map((r) => r.id);
}
const at = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

async function run(db: SidecarDB, { op, now }: Step): Promise<void> {
  const contact = async (i: number) => at(await ids(db, 'contacts', i % 7 === 0), i) ?? crypto.randomUUID();
  const deal = async (i: number) => at(await ids(db, 'deals'), i) ?? crypto.randomUUID();
  const followUp = async (i: number) => at(await ids(db, 'followUps'), i) ?? crypto.randomUUID();
  switch (op.do) {
    case 'add': return void (await addContact(db, { name: op.name, emails: op.emails, companyName: op.company }, now));
    case 'edit': return void (await updateContact(db, await contact(op.who), { name: op.name, title: op.title, companyName: op.company, phone: op.phone, tags: op.tags, notes: op.notes }, now));
    case 'addEmail': return addEmail(db, await contact(op.who), op.email, now);
    case 'removeEmail': {
      const c = (await db.contacts.get(await contact(op.who))) as Contact | undefined;
      return removeEmail(db, c?.id ?? '', at(c?.emails ?? [], op.index) ?? '', now);
    }
    case 'merge': return void (await mergeContacts(db, await contact(op.who), await contact(op.other), now));
    case 'erase': return eraseContact(db, await contact(op.who), now);
    case 'neverLog': return void (await setContactNeverLog(db, await contact(op.who), true, now));
    case 'log': return void (await logInteraction(db, await contact(op.who), { kind: 'call', occurredAt: op.at, subject: op.subject, summary: op.summary }, now));
    case 'deleteLog': return deleteEntry(db, { source: 'interaction', id: at(await ids(db, 'interactions'), op.which) ?? '' }, now);
    case 'score': return void (await recordSatisfaction(db, await contact(op.who), { kind: op.nps ? 'nps' : 'csat', score: op.score, note: op.note }, now));
    case 'deal': return void (await createDeal(db, { id: await contact(op.who) }, { title: op.title, amount: op.amount, currency: 'ZAR', expectedClose: op.close, stage: 'lead' }, now));
    case 'editDeal': return void (await updateDeal(db, await deal(op.which), { title: op.title, amount: '10', currency: 'MWK', expectedClose: op.close }, now));
    case 'stage': return void (await changeStage(db, await deal(op.which), op.stage, op.reason, now));
    case 'link': return void (await linkThread(db, await deal(op.which), op.thread, now));
    case 'deleteDeal': return deleteDeal(db, await deal(op.which), now);
    case 'followUp': return void (await scheduleFollowUp(db, { contactId: await contact(op.who), dueAt: op.due, note: op.note, ifNoReply: false }, now));
    case 'reschedule': return void (await rescheduleFollowUp(db, await followUp(op.which), op.due, now));
    case 'complete': return void (await completeFollowUp(db, await followUp(op.which), now));
    case 'claim': return void (await markNotified(db, await dueUnnotified(db, now), now));
    case 'csv': return void (await importContacts(db, [{ name: op.name, emails: [op.email], phone: op.phone, tags: op.tags }], now));
  }
}

it('every write either refuses with a message or stores what a backup reads back', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(seeded, fc.array(step, { minLength: 1, maxLength: 25 }), async (earlier, steps) => {
      const db = new SidecarDB(`prop-${n++}-${crypto.randomUUID()}`);
      try {
        for (const s of earlier) {
          await db.contacts.put({ id: crypto.randomUUID(), name: s.name, emails: [s.email], tags: [], createdAt: 0, updatedAt: s.updatedAt }).catch(() => undefined);
        }
        for (const s of steps) {
          try {
            await run(db, s);
          } catch (e) {
            // A refusal the user can read is fine; anything else is a bug.
            if (!(e instanceof ValidationError)) throw e;
          }
        }
        const { blob, counts } = await exportBackup(db, realNow);
        const { data } = await readBackup(blob);
        for (const t of ['contacts', 'interactions', 'deals', 'satisfaction', 'followUps'] as const) expect(data[t]).toHaveLength(counts[t]);
      } finally {
        await db.delete();
      }
    }),
    { numRuns: 200 },
  );
});
