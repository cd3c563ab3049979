// @ts-check
// A small client for Firefox's DevTools remote debugging protocol (what about:debugging speaks),
// for the documents WebDriver BiDi cannot reach: the extension's background page, its pages in
// tabs, and the sidebar frame inside Gmail (Mozilla bug 1755014). Used by scripts/firefox.mjs.
import { connect } from 'node:net';

/**
 * @typedef {{ from: string, type?: string, error?: string, message?: string, [key: string]: any }} Packet
 * @typedef {{ evaluate<T = any>(expression: string): Promise<T>, run(script: string): Promise<void> }} Evaluator
 */

/**
 * Packets are `length:json`; each actor answers its requests in order, and anything carrying a
 * `type` is an event (evaluation results among them) rather than an answer.
 * @param {number} port
 */
export async function connectDevTools(port) {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  /** @type {Map<string, { resolve(p: Packet): void, reject(e: Error): void }[]>} */
  const pending = new Map();
  /** @type {Set<(p: Packet) => void>} */
  const listeners = new Set();
  /** @type {Buffer} */
  let buffer = Buffer.alloc(0);

  const dispatch = (/** @type {Packet} */ packet) => {
    if (packet.type && !packet.error) {
      for (const listener of listeners) listener(packet);
      return;
    }
    const waiter = pending.get(packet.from)?.shift();
    if (!waiter) return;
    if (packet.error) waiter.reject(new Error(`${packet.from}: ${packet.error} ${packet.message ?? ''}`));
    else waiter.resolve(packet);
  };
  socket.on('data', (/** @type {Buffer} */ chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString());
      if (buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString());
      buffer = buffer.subarray(colon + 1 + length);
      dispatch(packet);
    }
  });
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.on('close', () => {
    for (const waiters of pending.values()) for (const w of waiters) w.reject(new Error('DevTools connection closed'));
    pending.clear();
  });

  /**
   * @param {string} to
   * @param {string} type
   * @param {Record<string, unknown>} [fields]
   * @returns {Promise<Packet>}
   */
  const request = (to, type, fields = {}) =>
    new Promise((resolve, reject) => {
      const waiters = pending.get(to) ?? [];
      waiters.push({ resolve, reject });
      pending.set(to, waiters);
      const json = Buffer.from(JSON.stringify({ to, type, ...fields }));
      socket.write(`${json.length}:`);
      socket.write(json);
    });

  // The root actor greets first, unasked.
  await new Promise((resolve) => pending.set('root', [{ resolve, reject: resolve }]));

  /**
   * Runs `text` as the console of `consoleActor` would (statements allowed, `var` defines
   * globals) and resolves with its result's grip once Firefox has evaluated it.
   * @param {string} consoleActor
   * @param {string} text
   * @returns {Promise<any>}
   */
  const run = async (consoleActor, text) => {
    /** @type {Packet[]} */
    const results = [];
    /** @type {(() => void) | undefined} */
    let wake;
    const listener = (/** @type {Packet} */ p) => {
      if (p.type !== 'evaluationResult' || p.from !== consoleActor) return;
      results.push(p);
      wake?.();
    };
    listeners.add(listener);
    try {
      // `mapped.await` is how the console asks Firefox to settle a promise before answering.
      const { resultID } = await request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
      for (;;) {
        const packet = results.find((p) => p.resultID === resultID);
        if (packet) {
          if (packet.exceptionMessage || packet.hasException) throw new Error(packet.exceptionMessage ?? JSON.stringify(packet.exception));
          return packet.result;
        }
        await new Promise((resolve) => (wake = () => resolve(undefined)));
      }
    } finally {
      listeners.delete(listener);
    }
  };

  /**
   * An evaluator in the console of `consoleActor`: `evaluate` takes one expression that may use
   * `await`, and its value crosses as JSON; `run` takes a whole script and returns nothing.
   * @param {string} consoleActor
   * @returns {Evaluator}
   */
  const evaluatorFor = (consoleActor) => ({
    async evaluate(expression) {
      const grip = await run(consoleActor, `(async () => JSON.stringify((await (${expression})) ?? null))()`);
      return JSON.parse(await fullString(grip));
    },
    async run(script) {
      await run(consoleActor, script);
    },
  });

  /** @param {any} grip a string, or a long string's grip that has to be fetched */
  const fullString = async (grip) => {
    if (typeof grip === 'string') return grip;
    if (grip?.type === 'longString') return (await request(grip.actor, 'substring', { start: 0, end: grip.length })).substring;
    throw new Error(`not a string: ${JSON.stringify(grip)}`);
  };

  return {
    request,
    evaluatorFor,
    /** @param {(p: Packet) => void} listener */
    onEvent: (listener) => listeners.add(listener),
    close: async () => {
      socket.end();
      await closed;
    },
  };
}
