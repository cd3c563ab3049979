/**
 * Email address parsing shared by the schema, recognition and the UI.
 * Deliberately zod-free and tiny so that any context (even the content script) can use it.
 */

// One DNS label: letters/digits, inner hyphens, at most 63 characters.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// A real TLD is alphabetic or punycode; this rejects "ann@x.1" and "ann@localhost".
const DOMAIN_SRC = `(?:${LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})`;
const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
// Dot-atom only: quoted local parts ("a b"@x.com) are legal but never seen in practice.
const EMAIL_RE = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${DOMAIN_SRC}$`, 'i');
const DOMAIN_RE = new RegExp(`^${DOMAIN_SRC}$`, 'i');

/** RFC 5321 length limits, checked before the regex so huge inputs cost nothing. */
export function isEmail(s: string): boolean {
  const at = s.indexOf('@');
  return s.length <= 254 && at > 0 && at <= 64 && EMAIL_RE.test(s);
}

export function isDomain(s: string): boolean {
  return s.length <= 253 && DOMAIN_RE.test(s);
}

export interface ParsedAddress {
  /** Lower-cased, as stored in `contacts.emails`. */
  email: string;
  /** Display name, '' when there is none. */
  name: string;
}

// `"Quoted, Name <x>" <addr>` or `Plain Name <addr>` or `<addr>`.
const NAME_ADDR = /^(?:"((?:[^"\\]|\\.)*)"|([^<>"]*))\s*<([^<>]*)>$/s;

/** One address as typed, pasted or scraped; null for anything that is not exactly one address. */
export function parseAddress(input: string): ParsedAddress | null {
  if (typeof input !== 'string' || input.length > 2000) return null;
  let addr = input.trim();
  let name = '';
  const m = NAME_ADDR.exec(addr);
  if (m) {
    name = m[1] !== undefined ? m[1].replace(/\\(.)/gs, '$1') : (m[2] ?? '');
    addr = (m[3] ?? '').trim();
  }
  addr = stripMailto(addr) ?? '';
  if (!isEmail(addr)) return null;
  const email = addr.toLowerCase();
  name = name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'(.*)'$/, '$1')
    .trim();
  // Gmail often shows the address itself as the name; that is no name at all.
  if (name.toLowerCase() === email) name = '';
  return { email, name };
}

function stripMailto(s: string): string | null {
  if (!/^mailto:/i.test(s)) return s;
  const rest = s.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    return decodeURIComponent(rest).trim();
  } catch {
    return null;
  }
}

/** The part after the last '@', lower-cased; '' when there is no '@'. */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}
