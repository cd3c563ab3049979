import { normalizeEmail } from './person';
import { ACCOUNT_LINK } from './selectors';

/**
 * The signed-in Gmail account, lower-cased, or null when the page does not show one.
 *
 * First the tab title, "Inbox (3) - me@example.com - Gmail" (Workspace: "… - me@acme.example -
 * Acme Mail"): the last " - "-separated part that is an address, read from the end because a
 * subject may itself contain " - " or an address. Then the Google bar's account link, whose
 * aria-label ends in "(me@example.com)" in every locale.
 */
export function readAccount(doc: Document): string | null {
  try {
    const parts = (doc.title ?? '').split(' - ');
    // parts[0] is the view or subject: never the account, even when it looks like an address.
    for (let i = parts.length - 1; i > 0; i--) {
      const email = normalizeEmail(parts[i]);
      if (email) return email;
    }
    for (const selector of ACCOUNT_LINK) {
      for (const link of Array.from(doc.querySelectorAll(selector))) {
        const label = link.getAttribute('aria-label') ?? '';
        const inParens = label.match(/\(([^()]*)\)\s*$/) ?? label.match(/\(([^()]*@[^()]*)\)/);
        const email = normalizeEmail(inParens?.[1]);
        if (email) return email;
      }
    }
  } catch {
    // An unreadable page has no account.
  }
  return null;
}
