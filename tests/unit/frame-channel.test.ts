import { connectToGmail } from '@/lib/frame-channel';
import { SOURCE, type Hello, type ToFrame } from '@/lib/messages';

const thread: ToFrame = {
  source: SOURCE,
  type: 'thread',
  account: 'me@sidecar.example',
  thread: { threadId: 'thread-f:1', subject: 'Hi', messages: [] },
};

function setup() {
  const received: ToFrame[] = [];
  let hello: Hello | undefined;
  const connecting = connectToGmail({
    win: window,
    timeoutMs: 200,
    onMessage: (m) => received.push(m),
    sendHello: async (h) => {
      hello = h;
    },
  });
  const offer = (token: string | undefined, source: MessageEventSource | null = window) => {
    const { port1, port2 } = new MessageChannel();
    window.dispatchEvent(new MessageEvent('message', { data: { source: SOURCE, type: 'port', token }, source, ports: [port2] }));
    return port1;
  };
  return { received, connecting, offer, token: () => hello?.token };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('connectToGmail', () => {
  it('sends a fresh unguessable token with its hello', async () => {
    const a = setup();
    const b = setup();
    await tick();
    expect(a.token()).toMatch(/^[0-9a-f]{48}$/);
    expect(a.token()).not.toBe(b.token());
    a.offer(a.token()).close();
    b.offer(b.token()).close();
    await Promise.all([a.connecting, b.connecting]);
  });

  it('accepts only the port that comes back with its own token, and answers ready on it', async () => {
    const { connecting, offer, token, received } = setup();
    await tick();
    const forged = offer('f'.repeat(48));
    const ready: unknown[] = [];
    forged.onmessage = (e) => ready.push(e.data);
    const genuine = offer(token());
    genuine.onmessage = (e) => ready.push(e.data);
    await connecting;
    await tick();
    expect(ready).toEqual([{ source: SOURCE, type: 'ready' }]);

    // The page can still post to the forged port: nothing it sends reaches the sidebar.
    forged.postMessage(thread);
    genuine.postMessage(thread);
    await tick();
    expect(received).toEqual([thread]);
  });

  it('ignores a port offered by a window other than its parent', async () => {
    const { connecting, offer, token } = setup();
    await tick();
    offer(token(), null);
    await expect(connecting).rejects.toThrow(/did not answer/);
  });

  it('drops messages that do not fit the protocol', async () => {
    const { connecting, offer, token, received } = setup();
    await tick();
    const port = offer(token());
    await connecting;
    port.postMessage({ ...thread, source: 'someone-else' });
    port.postMessage({ source: SOURCE, type: 'thread', thread: { threadId: 42 }, account: null });
    port.postMessage({ source: SOURCE, type: 'theme', theme: 'purple' });
    port.postMessage('<img src=x onerror=alert(1)>');
    port.postMessage({ source: SOURCE, type: 'layout', collapsed: true });
    await tick();
    expect(received).toEqual([{ source: SOURCE, type: 'layout', collapsed: true }]);
  });

  it('fails clearly when the sidebar is not inside Gmail', async () => {
    const connecting = connectToGmail({
      win: window,
      onMessage: () => {},
      sendHello: () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
    });
    await expect(connecting).rejects.toThrow(/Receiving end/);
  });
});
