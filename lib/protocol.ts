/**
 * The constant half of the frame/content-script protocol: the facts both ends must agree on,
 * each written once. It lives apart from lib/messages.ts (the zod schemas built from these) so
 * that the content script can import it without pulling zod into every Gmail page.
 */

/** Every message carries this tag; anything without it is not ours and is dropped. */
export const SOURCE = 'sidecar-crm';

/**
 * Bounds on what crosses to the frame, so a hostile page cannot push megabytes of "names"
 * through the channel: the adapter cuts to them, the frame's schemas refuse anything beyond.
 */
export const LIMITS = {
  name: 500,
  email: 320,
  subject: 2000,
  snippet: 1000,
  /** Recipients per field (to, cc). */
  people: 500,
  messages: 1000,
  /** The hello's one-time token, in characters (the frame sends 48 hex digits). */
  tokenMin: 32,
  tokenMax: 64,
} as const;

/**
 * The keyboard shortcuts: Alt+Shift and this letter (lib/shortcuts.ts reads them). The key names
 * the physical key (`Key<letter>`), and the label shown to the user is made from it.
 */
export const SHORTCUT_KEYS = { toggle: 'S', 'log-interaction': 'L', 'follow-up': 'F' } as const;
export type Shortcut = keyof typeof SHORTCUT_KEYS;

/** The shortcuts a panel acts on (the toggle is the frame's own business). */
export const PANEL_COMMANDS = ['log-interaction', 'follow-up'] as const satisfies readonly Shortcut[];
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

/**
 * One handler per message type, in a map typed by the protocol: a type added to a message union
 * fails type-checking wherever its receiver's handlers are written, until it is handled there.
 */
export type Handlers<M extends { type: string }, Extra extends unknown[] = []> = {
  [T in M['type']]: (message: Extract<M, { type: T }>, ...extra: Extra) => void;
};

/** Sidebar frame -> content script, over the port. */
export type ToContent =
  | { source: typeof SOURCE; type: 'ready' }
  | { source: typeof SOURCE; type: 'collapse'; collapsed: boolean };

/** Content script -> sidebar frame, by window.postMessage, carrying the port. */
export type PortOffer = { source: typeof SOURCE; type: 'port'; token: string };
