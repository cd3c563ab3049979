import type { GmailPerson } from '../messages';
import { LIMITS } from '../protocol';

/** What crosses to the frame never exceeds the protocol's limits. */
export { LIMITS };

/** local@domain.tld with no spaces, brackets, quotes or separators: enough to refuse garbage. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

/** Lower-cased and trimmed address, or null when it does not look like one. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = (raw ?? '').trim().toLowerCase();
  return email.length <= LIMITS.email && EMAIL.test(email) ? email : null;
}

/** Whitespace collapsed and trimmed. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A person from a Gmail contact element: the address from `emailAttr`, the name from `nameAttr`,
 * else the element's text. Both are plain strings: nothing here is ever parsed as markup.
 */
export function readPerson(el: Element, emailAttr = 'email', nameAttr = 'name'): GmailPerson | null {
  const email = normalizeEmail(el.getAttribute(emailAttr));
  if (!email) return null;
  const name = clean(el.getAttribute(nameAttr)) || clean(el.textContent);
  return { name: name.slice(0, LIMITS.name), email };
}
