import { onMounted, watch } from 'vue';
import { tryOnScopeDispose, useEventListener } from '@vueuse/core';
import type { ContactQuery } from '@/lib/contact-list';
import { paramsOf, queryFromParams } from '@/lib/contacts-url';
import { Id } from '@/lib/schema';
import { TYPING_PAUSE_MS, useContactsStore } from '@/stores/contacts';
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

const inSection = () => location.hash === SECTION || location.hash.startsWith(`${SECTION}?`);

/**
 * Keeps the contacts list's search, sort, filters and open contact in the dashboard's address:
 * each choice is a step the back button undoes, typing updates the step it is on once the typing
 * pauses, and a reload or a shared link opens the same list.
 */
export function useContactsAddress() {
  const contacts = useContactsStore();
  const current = useCurrentContactStore();

  function restore() {
    const { query, contactId } = fromAddress();
    contacts.restore(query);
    if (contactId !== current.contactId) current.open(contactId);
  }

  // A history write per keystroke cost each keystroke a third of its time, more than its search
  // (bench: keystroke): the step typing is on is written when the typing pauses.
  let typed: { address: string; timer: ReturnType<typeof setTimeout> } | undefined;
  function dropTyped() {
    clearTimeout(typed?.timer);
    typed = undefined;
  }
  function writeTyped() {
    const address = typed?.address;
    dropTyped();
    // Left for another section meanwhile: its step is not the list's to write.
    if (address && address !== location.hash && inSection()) history.replaceState(null, '', address);
  }
  tryOnScopeDispose(writeTyped);
  // A tab closed (or put away) straight after typing reopens on what was typed; a reload started
  // before the pause has already taken its address.
  useEventListener(window, 'pagehide', writeTyped);

  onMounted(() => {
    // Opened by a link or a reload: the address says what to show. Back from another view: the store does.
    if (location.hash.includes('?')) restore();
    else history.replaceState(null, '', addressFor(contacts.query, current.contactId));
  });
  watch(
    () => [contacts.query, current.contactId] as const,
    ([query, contactId], [before]) => {
      const address = addressFor(query, contactId);
      const asked = fromAddress();
      if (address === location.hash) dropTyped();
      // Restored from the address (back, forward, a link): no step of its own.
      else if (address === addressFor(asked.query, asked.contactId)) {
        dropTyped();
        history.replaceState(null, '', address);
      } else if (query.text !== before.text) {
        dropTyped();
        typed = { address, timer: setTimeout(writeTyped, TYPING_PAUSE_MS) };
      } else {
        // A choice after typing: the typing's step first, then the choice's own.
        writeTyped();
        history.pushState(null, '', address);
      }
    },
  );
  useEventListener(window, 'popstate', () => {
    // The step gone back to is not the typing's to write over.
    dropTyped();
    if (inSection()) restore();
  });
}
