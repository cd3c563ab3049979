import { SOURCE, ToFrame, type Hello, type ToContent } from './messages';

export interface FrameChannel {
  send(message: ToContent): void;
  close(): void;
}

export interface ConnectOptions {
  win: Window;
  /** Delivers the hello to the top-frame content script of our own tab, through extension messaging. */
  sendHello(hello: Hello): Promise<unknown>;
  onMessage(message: ToFrame): void;
  timeoutMs?: number;
}

/**
 * The sidebar frame's half of the handshake (the other half is entrypoints/gmail.content/channel.ts).
 * Only a port that comes back with our secret token, from our parent window, is accepted;
 * everything arriving on it is parsed with zod and dropped when it does not fit.
 */
export function connectToGmail({ win, sendHello, onMessage, timeoutMs = 10_000 }: ConnectOptions): Promise<FrameChannel> {
  const token = randomToken();
  return new Promise((resolve, reject) => {
    const abort = new AbortController();
    const timer = win.setTimeout(() => {
      abort.abort();
      reject(new Error('Gmail did not answer the sidebar.'));
    }, timeoutMs);

    win.addEventListener(
      'message',
      (event: MessageEvent<unknown>) => {
        const data = event.data as { source?: unknown; type?: unknown; token?: unknown } | null;
        const port = event.ports[0];
        if (event.source !== win.parent || data?.source !== SOURCE || data.type !== 'port' || data.token !== token || !port) return;
        abort.abort();
        win.clearTimeout(timer);
        port.onmessage = (message: MessageEvent<unknown>) => {
          const parsed = ToFrame.safeParse(message.data);
          if (parsed.success) onMessage(parsed.data);
        };
        const channel: FrameChannel = {
          send: (m) => port.postMessage(m),
          close: () => port.close(),
        };
        channel.send({ source: SOURCE, type: 'ready' });
        resolve(channel);
      },
      { signal: abort.signal },
    );

    sendHello({ source: SOURCE, type: 'hello', token }).catch((error: unknown) => {
      abort.abort();
      win.clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
