import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { until } from '@vueuse/core';
import { useLiveQuery } from '@/composables/useLiveQuery';
import { db } from '@/lib/db';
import { recognize, type Recognition } from '@/lib/recognize';
import { alive } from '@/lib/validate';

/**
 * Whom the panels are about: an address to recognize (the sidebar: the open thread's other
 * party) or a contact opened by id (the dashboard).
 */
export type ContactTarget = { email: string; ownAddresses: string[] } | { id: string };

const sameTarget = (a: ContactTarget | null, b: ContactTarget | null) =>
  a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

/** A contact by id, in the same shape the sidebar's lookup gives; null once it is gone. */
function byId(id: string): Promise<Recognition | null> {
  return db.transaction('r', db.contacts, db.companies, async () => {
    const contact = await db.contacts.get(id);
    if (!alive(contact)) return null;
    const company = contact.companyId ? await db.companies.get(contact.companyId) : undefined;
    const email = contact.emails[0] ?? '';
    return alive(company) ? { kind: 'contact', email, contact, company } : { kind: 'contact', email, contact };
  });
}

/**
 * The one source of the current contact: every panel store derives from it, so the panels show
 * the same wherever it was set. Live: an edit, a merge or an erasure shows at once.
 */
export const useCurrentContactStore = defineStore('currentContact', () => {
  const target = shallowRef<ContactTarget | null>(null);

  // Another person replaces the card in place once their answer is here, so the panels stay
  // mounted and re-derive, and no blank frame shows between two contacts. A late answer for an
  // earlier target is dropped (its subscription ended first): a quick switch back never shows
  // the wrong person.
  const { data: answer, error, loading: looking } = useLiveQuery(
    () => {
      const t = target.value;
      if (!t) return null;
      return 'id' in t ? byId(t.id) : recognize(db, t.email, { ownAddresses: t.ownAddresses });
    },
    [target],
    { keepPrevious: true, flush: 'sync' },
  );
  // Nobody to show is known at once, without waiting for the query.
  const recognition = computed(() => (target.value ? answer.value : null));

  const contact = computed(() => (recognition.value?.kind === 'contact' ? recognition.value.contact : null));
  const company = computed(() => (recognition.value?.kind === 'contact' ? (recognition.value.company ?? null) : null));
  const contactId = computed(() => contact.value?.id ?? null);

  function set(next: ContactTarget | null) {
    // The same person again (Gmail re-rendered the thread) keeps the live query running.
    if (!sameTarget(target.value, next)) target.value = next;
  }
  /** The sidebar: whoever holds this address, else their company, else nobody yet. */
  const lookUp = (email: string | null, ownAddresses: string[]) => set(email ? { email, ownAddresses } : null);
  /** The dashboard: the contact the user opened. */
  const open = (id: string | null) => set(id ? { id } : null);

  /**
   * Once the current lookup has answered. Reads driven by the open thread wait for it, so that on
   * a switch the card's two requests are first on the database connection.
   */
  const settled = () => until(looking).toBe(false);

  return { recognition, looking, error, contact, company, contactId, lookUp, open, settled };
});
