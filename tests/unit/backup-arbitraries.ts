import fc from 'fast-check';
import type { Contact, Deal, Interaction } from '@/lib/schema';
import { emptyData, type Records } from '@/lib/backup/format';

/**
 * Random histories: a "world" says what each record looked like after its edit at each time
 * (a record edited at time t has one content, whichever machine later holds that version), and
 * each machine holds, per id, some version of it, live or deleted. Few ids, addresses and message
 * ids, so that merges, duplicates and same-time versions are frequent.
 */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const contactIds = [1, 2, 3, 4].map(uuid);
const interactionIds = [11, 12, 13, 14, 15].map(uuid);
const dealIds = [21, 22].map(uuid);
const TIMES = 6;

const contactContent = fc.record({
  emails: fc.subarray(['a@x.example', 'b@x.example', 'c@y.example']),
  title: fc.option(fc.constantFrom('CEO', 'CTO'), { nil: undefined }),
  notes: fc.option(fc.constantFrom('met at expo', 'likes tea'), { nil: undefined }),
  tags: fc.subarray(['vip', 'lead']),
});
const interactionContent = fc.record({
  contactId: fc.constantFrom(...contactIds),
  gmailMessageId: fc.option(fc.constantFrom('m1', 'm2'), { nil: undefined }),
  subject: fc.constantFrom('hello', 'offer'),
});
const dealContent = fc.record({ contactId: fc.constantFrom(...contactIds), amountMinor: fc.nat(1000) });

const history = <C>(ids: string[], content: fc.Arbitrary<C>) =>
  fc.tuple(...ids.map(() => fc.array(content, { minLength: TIMES, maxLength: TIMES })));

export const world = fc.record({
  contacts: history(contactIds, contactContent),
  interactions: history(interactionIds, interactionContent),
  deals: history(dealIds, dealContent),
});
export type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Which version of each record one machine holds: none, or time t, live or deleted. */
const holding = (n: number, deletable = true) =>
  fc.tuple(...Array.from({ length: n }, () => fc.option(fc.record({ t: fc.integer({ min: 1, max: TIMES }), deleted: deletable ? fc.boolean() : fc.constant(false) }), { nil: undefined })));
export const machine = fc.record({
  // Known limit 2: deleting a contact on one machine while another holds a duplicate of it (same
  // address) can make the order matter; contacts are therefore not deleted in these histories.
  contacts: holding(contactIds.length, false),
  interactions: holding(interactionIds.length),
  deals: holding(dealIds.length),
});
type Machine = typeof machine extends fc.Arbitrary<infer M> ? M : never;

/**
 * A contact's addresses and tags only grow in these histories. Known limit: an address or tag
 * removed on one machine while another merges two contacts holding it can make the order matter.
 */
function growingEmails<C extends { emails: string[]; tags: string[] }>(versions: C[]): C[] {
  let emails: string[] = [];
  let tags: string[] = [];
  return versions.map((v) => {
    emails = [...new Set([...emails, ...v.emails])];
    tags = [...new Set([...tags, ...v.tags])];
    return { ...v, emails, tags };
  });
}

export function materialize(w: World, m: Machine): Records {
  const versions = <C, R>(ids: string[], contents: C[][], held: Machine['contacts'], make: (id: string, c: C) => R) =>
    ids.flatMap((id, i) => {
      const h = held[i];
      if (!h) return [];
      const r = make(id, contents[i]![h.t - 1]!);
      return [strip({ ...r, updatedAt: h.t, deletedAt: h.deleted ? h.t : undefined })];
    });
  return {
    ...emptyData(),
    contacts: versions(contactIds, w.contacts.map(growingEmails), m.contacts, (id, c): Contact => strip({ id, name: 'Person', createdAt: 0, updatedAt: 0, ...c })),
    // A logged email keeps its Gmail message id for life.
    interactions: versions(interactionIds, w.interactions.map((vs) => vs.map((v) => ({ ...v, gmailMessageId: vs[0]!.gmailMessageId }))), m.interactions, (id, c): Interaction =>
      strip({ id, kind: 'email-in', occurredAt: 5, createdAt: 0, updatedAt: 0, ...c }),
    ),
    deals: versions(dealIds, w.deals, m.deals, (id, c): Deal => ({ id, title: 'Deal', stage: 'lead', currency: 'EUR', gmailThreadIds: [], createdAt: 0, updatedAt: 0, ...c })),
  };
}

/** A world and `n` machines' databases in it. */
export const machines = (n: number) => fc.tuple(world, fc.array(machine, { minLength: n, maxLength: n })).map(([w, ms]) => ms.map((m) => materialize(w, m)));
export const twoMachines = machines(2).map(([a, b]) => [a!, b!] as const);
export const threeMachines = machines(3).map(([a, b, c]) => [a!, b!, c!] as const);
