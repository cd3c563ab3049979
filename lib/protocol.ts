/**
 * The constant half of the frame/content-script protocol. It lives apart from lib/messages.ts
 * so that the content script can import it without pulling zod into every Gmail page.
 */

/** Every message carries this tag; anything without it is not ours and is dropped. */
export const SOURCE = 'sidecar-crm';

/** Sidebar frame -> content script, over the port. */
export type ToContent =
  | { source: typeof SOURCE; type: 'ready' }
  | { source: typeof SOURCE; type: 'collapse'; collapsed: boolean };

/** Content script -> sidebar frame, by window.postMessage, carrying the port. */
export type PortOffer = { source: typeof SOURCE; type: 'port'; token: string };
