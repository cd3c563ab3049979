import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ToFrame } from '@/lib/messages';
import { LIMITS, SOURCE, type Handlers, type PortOffer, type ToContent } from '@/lib/protocol';

/** The content script's handlers of what the frame sends, one per type, each told the port it came on. */
export type ContentHandlers = Handlers<ToContent, [port: MessagePort]>;

interface Options {
  ctx: ContentScriptContext;
  frame: HTMLIFrameElement;
  onConnect(send: (message: ToFrame) => void): void;
  onCollapse(collapsed: boolean): void;
}

/**
 * The frame proves itself by sending a random token through the extension's own messaging,
 * which Gmail's scripts cannot see; we return the token with a fresh MessagePort, posted to
 * our own iframe only. A page that frames our sidebar itself, or posts to us, gets nothing.
 */
export function acceptFrameChannel({ ctx, frame, onConnect, onCollapse }: Options) {
  const frameOrigin = new URL(browser.runtime.getURL('/')).origin;
  let active: MessagePort | undefined;

  const send = (message: ToFrame) => active?.postMessage(message);

  /** What arrives on a port is not checked by a schema (no zod here): each handler checks what it reads. */
  const handlers: ContentHandlers = {
    ready(_, port) {
      // Our frame reloaded or reconnected: the newest port is the one that counts.
      if (active !== port) active?.close();
      active = port;
      onConnect(send);
    },
    collapse(message, port) {
      if (active === port && typeof message.collapsed === 'boolean') onCollapse(message.collapsed);
    },
  };

  const onHello = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || !isHello(message)) return;
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as ToContent | null;
      if (data?.source !== SOURCE || !Object.hasOwn(handlers, data.type)) return;
      (handlers[data.type] as (message: ToContent, port: MessagePort) => void)(data, port1);
    };
    const offer: PortOffer = { source: SOURCE, type: 'port', token: message.token };
    frame.contentWindow?.postMessage(offer, frameOrigin, [port2]);
  };

  browser.runtime.onMessage.addListener(onHello);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onHello);
    active?.close();
  });
  return { send };
}

function isHello(message: unknown): message is { token: string } {
  const m = message as { source?: unknown; type?: unknown; token?: unknown } | null;
  return m?.source === SOURCE && m.type === 'hello' && typeof m.token === 'string' && m.token.length >= LIMITS.tokenMin && m.token.length <= LIMITS.tokenMax;
}
