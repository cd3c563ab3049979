/** Gmail's addresses: where the extension runs, and the link that opens a thread. */

export const GMAIL_ORIGIN = 'https://mail.google.com';

/** The match pattern of every Gmail page: where the content script runs, and who may frame the sidebar. */
export const GMAIL_MATCH = `${GMAIL_ORIGIN}/*`;

/** The first signed-in account's mail: a link cannot know which account holds a thread. */
const WEB = `${GMAIL_ORIGIN}/mail/u/0/`;

/** Opens a thread by its legacy hex id, the form Gmail's own `#all/` links take. */
export const threadUrl = (legacyHex: string) => `${WEB}#all/${legacyHex}`;

