/**
 * Gmail's thread and message ids, in every form Gmail writes them, reduced to one key each.
 * Pure string functions with no dependency, so the content script can afford them.
 *
 * Forms (2025): the subject's `data-thread-perm-id` "thread-f:<decimal>" (a thread the server
 * knows) or "thread-a:r<digits>" / "thread-a:r-<digits>" (one this client created); the legacy hex
 * id ("198c7a1e2f3b4c5d", in `data-legacy-thread-id`, `#all/<hex>` links and older records), which
 * is the same number as the thread-f decimal; a message's `data-message-id` "#msg-f:<decimal>" or
 * "#msg-a:r…" (a reply just sent) and its legacy hex; `jslog` attributes carrying
 * `["#thread-f:…"]` / `["#msg-f:…"]` as base64url JSON. Google Workspace renders
 * `data-thread-perm-id="undefined"` (gmail.js issue 814): anything not of these shapes is no id.
 *
 * Canonical keys are Gmail's own attribute forms, "thread-f:<decimal>" and "#msg-f:<decimal>"
 * (thread-a / msg-a ids kept as they are): records stored before this module mostly hold them
 * already, the prefix says which kind of id it is (a bare 16-digit string could be hex or
 * decimal), and the hex a `#all/<hex>` link needs is derived from it (legacyHex).
 */

const MAX_ID = (1n << 64n) - 1n;
const DECIMAL = /^[1-9]\d{0,19}$/;
// Legacy ids are 16 hex digits since 2009; shorter ones are older threads. Under 6 is no id.
const HEX = /^[0-9a-f]{6,16}$/i;
const CLIENT = /^r-?\d{1,20}$/;

function fromDecimal(digits: string): bigint | null {
  if (!DECIMAL.test(digits)) return null;
  const n = BigInt(digits);
  return n <= MAX_ID ? n : null;
}

function fromHex(hex: string): bigint | null {
  if (!HEX.test(hex)) return null;
  const n = BigInt(`0x${hex}`);
  return n > 0n ? n : null;
}

/** The one key for a thread id in any of Gmail's forms, or undefined when it is none. */
export function threadKey(raw: string | null | undefined): string | undefined {
  const id = raw?.trim();
  if (!id) return undefined;
  const hex = fromHex(id);
  if (hex !== null) return `thread-f:${hex}`;
  // "#thread-f:1|msg-f:2" (jslog) names the thread with one of its messages.
  const m = /^#?thread-([fa]):([^|]*)(?:\|msg-[fa]:[\w-]*)?$/.exec(id);
  if (!m) return undefined;
  if (m[1] === 'a') return CLIENT.test(m[2]!) ? `thread-a:${m[2]}` : undefined;
  const n = fromDecimal(m[2]!);
  return n === null ? undefined : `thread-f:${n}`;
}

/** The one key for a message id in any of Gmail's forms, or undefined when it is none. */
export function messageKey(raw: string | null | undefined): string | undefined {
  const id = raw?.trim();
  if (!id) return undefined;
  const hex = fromHex(id);
  if (hex !== null) return `#msg-f:${hex}`;
  const m = /^#?msg-([fa]):(.*)$/.exec(id);
  if (!m) return undefined;
  if (m[1] === 'a') return CLIENT.test(m[2]!) ? `#msg-a:${m[2]}` : undefined;
  const n = fromDecimal(m[2]!);
  return n === null ? undefined : `#msg-f:${n}`;
}

export const isThreadKey = (s: string): boolean => threadKey(s) === s;
export const isMessageKey = (s: string): boolean => messageKey(s) === s;

/** The legacy hex id behind a thread or message id ("198c…", "thread-f:1840…", "#msg-f:1840…"), or null. */
export function legacyHex(id: string | undefined): string | null {
  const key = threadKey(id) ?? messageKey(id);
  const decimal = key && /^#?(?:thread|msg)-f:(\d+)$/.exec(key)?.[1];
  return decimal ? BigInt(decimal).toString(16) : null;
}

// A jslog value is small; anything longer is not Gmail's and is not decoded.
const JSLOG_MAX = 2000;

/**
 * The id Gmail wrote into a `jslog` attribute ("20277; u014N:xr6bB; 1:WyIj…; 4:WyIj…"): the first
 * string of the base64url JSON array after `slot` ("1" the thread, "4" the message), or undefined.
 * Base64 padding comes as "." or "=".
 */
export function jslogId(jslog: string | null | undefined, slot: '1' | '4'): string | undefined {
  if (!jslog || jslog.length > JSLOG_MAX) return undefined;
  for (const part of jslog.split(';')) {
    const m = /^\s*(\d+):([\w-]+)[.=]*\s*$/.exec(part);
    if (!m || m[1] !== slot) continue;
    try {
      const json = atob(m[2]!.replace(/-/g, '+').replace(/_/g, '/'));
      const first: unknown = JSON.parse(json)?.[0];
      return typeof first === 'string' ? first : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
