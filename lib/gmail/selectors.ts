/**
 * Every piece of Gmail markup the extension relies on, in one place (refined-github style).
 * When Gmail changes, this is the file that changes; tests/unit/gmail-selectors.test.ts counts
 * each entry's matches in every saved page under tests/fixtures/gmail/.
 *
 * Each list is in order of preference: stable attributes first, then Gmail's obfuscated class
 * names as dated fallbacks. "2025" means seen in Gmail's markup of 2025 (see
 * ../../../shared/reference/gmail-message-header-2025.html); older dates name the layout the
 * fallback was observed in by public Gmail adapters (InboxSDK's dom-driver, gmail.js).
 */

/**
 * The pane that shows the current view (thread, list, settings): Gmail 2013–2025.
 * Gmail keeps views it has shown before in the DOM, hidden with `display: none` (2025: several
 * `div.BltHke.nH[role=main]`), so callers must pick the visible one.
 */
export const MAIN = '[role="main"]';

/**
 * The subject heading of the open thread, carrying the thread ids.
 * - `h2[data-thread-perm-id]`: sync-API Gmail, 2018–2025 ("thread-f:…", "thread-a:r…").
 * - `h2.hP[data-legacy-thread-id]`: the legacy hex id alone (pre-2018 layout, and a thread whose
 *   perm id Gmail has not rendered).
 * An `h2.hP` with neither id is not trusted: it cannot be told apart from a stale or foreign heading.
 */
export const SUBJECT = ['h2[data-thread-perm-id]', 'h2.hP[data-legacy-thread-id]'] as const;

/**
 * Elements whose `jslog` carries a thread id (slot 1) or a message id (slot 4) as base64url JSON:
 * "WyIj" is the encoding of `["#` that opens `["#thread-f:…"]` / `["#msg-f:…"]`. Gmail writes them on
 * the subject, the star, the body wrapper `div.ii.gt` and images in the body (2020–2025; public page
 * dumps). The id fallback when the subject's attributes hold none (lib/gmail/read-ids.ts).
 */
export const JSLOG_THREAD = '[jslog*="1:WyIj"]';
export const JSLOG_MESSAGE = '[jslog*="4:WyIj"]';

/**
 * Anything that marks one message of the open thread; each is resolved to its wrapper below.
 * - `[data-message-id]`: the message content, 2018–2025 ("#msg-f:…", "#msg-a:r…" just sent).
 * - `div.adn`: expanded message content (2025; InboxSDK 2015–2024, gmail.js).
 * - `div.adf`: a collapsed message's one-line header (2025; InboxSDK 2016–2024).
 * - `.h7`, `.kv`: the expanded / collapsed message wrappers, in case the two above are renamed.
 */
export const MESSAGE_MARKER = '[data-message-id], div.adn, div.adf, .h7, .kv';

/**
 * The wrapper of one message: a direct child of the thread's `[role=list]` (2025).
 * Its class says the state (InboxSDK GmailMessageView.getViewState, 2015–2024):
 * `h7` expanded, `kv`/`ky` collapsed, `kQ`/`kx` hidden behind the "N older messages" bar.
 */
export const MESSAGE_WRAPPER = '.h7, .kv, .ky, .kQ, .kx, [role="listitem"]';
/** Expanded message wrapper (2015–2025). */
export const EXPANDED = '.h7';
/** Collapsed message wrapper: sender and snippet only, no recipients (2015–2025). */
export const COLLAPSED = '.kv, .ky';
/**
 * Super-collapsed messages, not rendered at all: Gmail shows one bar ("N older messages")
 * instead, the wrapper classed `adv` with the count in `.adx span` (InboxSDK 2017–2024).
 */
export const HIDDEN = '.kQ, .kx';
/** The "N older messages" bar itself; counted by tests, never read. */
export const OLDER_BAR = '.adv .adx';

/** Expanded message content inside a wrapper (2025). */
export const MESSAGE_CONTENT = '[data-message-id], div.adn';
/** Collapsed message header inside a wrapper (2025). */
export const COLLAPSED_HEADER = 'div.adf';

/**
 * The sender of a message, inside its content or collapsed header.
 * - `td.gF span[email]`: the "from" cell of the header table (2025; InboxSDK getSender, 2016–2024).
 * - `span.gD[email]`: the sender name span (2025; gmail.js `from`).
 * - `h3 span[email]`: the heading around the sender (2025 `h3.iw`).
 * - `span.zF[email], span.yP[email]`: unread / read sender spans, the classes Gmail uses for
 *   senders in list rows and collapsed headers (2020–2025).
 */
export const SENDER = [
  'td.gF span[email]',
  'span.gD[email]',
  'h3 span[email]',
  'span.zF[email], span.yP[email]',
] as const;
/** Last resort for a collapsed header: the sender's avatar, `img.ajn[jid][data-name]` (2025). */
export const SENDER_AVATAR = 'img[jid]';

/**
 * Recipients of an expanded message: the "to …, cc: …" line, `span.hb` holding `span.g2[email]`
 * (2025; InboxSDK getRecipients and gmail.js `to`, 2016–2024). Cc recipients follow a "cc:" text
 * node in the same line; Gmail never renders recipients of a collapsed message.
 */
export const RECIPIENT_LINE_CLASS = 'hb';
export const RECIPIENT_LINE = `.${RECIPIENT_LINE_CLASS}`;
export const RECIPIENT = 'span[email]';

/** Message bodies: whatever is inside came from the email's author and is never read as markup. */
export const BODY = '.a3s, .ii.gt';

/**
 * The signed-in account's link in the Google bar, whose aria-label ends in "(address)":
 * - `a[href*="accounts.google.com/SignOutOptions"][aria-label]`: its target, the same in every
 *   locale (2019–2025).
 * - `a[aria-label^="Google Account"]`: English label "Google Account: Name (address)" (2019–2025).
 * - `[class^="gb_"][aria-label*="@"]`: the Google bar's obfuscated classes (gb_A, gb_B, … change
 *   every few months), as long as the label carries an address.
 */
export const ACCOUNT_LINK = [
  'a[href*="accounts.google.com/SignOutOptions"][aria-label]',
  'a[aria-label^="Google Account"]',
  '[class^="gb_"][aria-label*="@"]',
] as const;

/**
 * List view rows (inbox, labels, search), 2013–2025: `tr.zA` (`zE` unread, `yO` read), senders in
 * `span[email]` (`zF` unread, `yP` read), thread ids on `span[data-thread-id]`. Never a thread:
 * the readers ignore them, and tests check that they do.
 */
export const LIST_ROW = 'tr.zA';
export const LIST_ROW_THREAD = 'tr.zA [data-thread-id]';

/**
 * The text of a message body, for its first lines (`snippet`): `div.a3s` inside `div.ii.gt`
 * (2013–2025; InboxSDK getBodyElement, gmail.js `.a3s`).
 */
export const BODY_TEXT = '.a3s';
/**
 * Quoted earlier messages inside a body, skipped when reading its first lines:
 * - `.gmail_quote`: the quote Gmail adds under a reply (2018–2025, "On … wrote:" plus blockquote);
 * - `.gmail_extra`: the same before 2018;
 * - `blockquote`: quotes other mail programs send.
 */
export const QUOTED_TEXT = '.gmail_quote, .gmail_extra, blockquote';

/**
 * Gmail's Send button in a compose form (inline reply, new message, pop-out). A `div[role=button]`,
 * never a <button>; its aria-label and tooltip ("Send ‪(Ctrl-Enter)‬") are localized, so:
 * - `div.aoO[role="button"]`: the class that marks it (class list "T-I J-J5-Ji aoO v7 T-I-atl L3"),
 *   2013–2025 (gmail.js, and test suites driving Gmail, use `.T-I.J-J5-Ji.aoO.T-I-atl.L3`);
 * - `.IZ .Up > div > div[role="button"]:first-child`: its place in the compose toolbar
 *   (`table.IZ` … `td.gU.Up > div.btA`; InboxSDK 2016–2024), first so as not to take the
 *   "More send options" arrow beside it for Send.
 */
export const SEND_BUTTON = ['div.aoO[role="button"]', '.IZ .Up > div > div[role="button"]:first-child'] as const;

/**
 * The body of a compose form, where Ctrl/Cmd+Enter sends:
 * - `[g_editable="true"][contenteditable="true"]`: the attribute Gmail's editor sets, 2013–2025;
 * - `div.Am.Al.editable`: its classes (2013–2025; gmail.js `compose.body()`).
 */
export const COMPOSE_BODY = ['[g_editable="true"][contenteditable="true"]', 'div.Am.Al.editable'] as const;
