import { onMounted, watch } from 'vue';
import { useEventListener } from '@vueuse/core';
import type { ContactQuery } from '@/lib/contact-list';
import { paramsOf, queryFromParams } from '@/lib/contacts-url';
import { Id } from '@/lib/schema';
import { useContactsStore } from '@/stores/contacts';
import { useCurrentContactStore } from '@/stores/currentContact';

const SECTION = '#contacts';

function addressFor(query: ContactQuery, contactId: string | null): string {
  const p = new URLSearchParams(paramsOf(query));
  if (contactId) p.set('contact', contactId);
  const s = p.toString();
  return s ? `${SECTION}?${s}` : SECTION;
}

/** What the address asks for; what is not valid in it is left out. */
function fromAddress(): { query: ContactQuery; contactId: string | null } {
  const p = new URLSearchParams(location.hash.startsWith(`${SECTION}?`) ? location.hash.slice(SECTION.length + 1) : '');
  const id = Id.safeParse(p.get('contact'));
  return { query: queryFromParams(p), contactId: id.success ? id.data : null };
}

/**
 * Keeps the contacts list's search, sort, filters and open contact in the dashboard's address:
 * each choice is a step the back button undoes, typing updates the step it is on, and a reload or
 * a shared link opens the same list.
 */
export function useContactsAddress() {
  const contacts = useContactsStore();
  const current = useCurrentContactStore();

  function restore() {
    const { query, contactId } = fromAddress();
    contacts.restore(query);
    if (contactId !== current.contactId) current.open(contactId);
  }

  onMounted(() => {
    // Opened by a link or a reload: the address says what to show. Back from another view: the store does.
    if (location.hash.includes('?')) restore();
    else history.replaceState(null, '', addressFor(contacts.query, current.contactId));
  });
  watch(
    () => [contacts.query, current.contactId] as const,
    ([query, contactId], [before]) => {
      const address = addressFor(query, contactId);
      if (address === location.hash) return;
      const asked = fromAddress();
      // Restored from the address (back, forward, a link), or typing: no step of its own.
      if (address === addressFor(asked.query, asked.contactId) || query.text !== before.text) history.replaceState(null, '', address);
      else history.pushState(null, '', address);
    },
  );
  useEventListener(window, 'popstate', () => {
    if (location.hash === SECTION || location.hash.startsWith(`${SECTION}?`)) restore();
  });
}
