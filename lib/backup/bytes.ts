import { ValidationError } from '../errors';
import { t } from '../i18n';

/** Reads exact byte counts from a stream of chunks, without holding more than one chunk ahead. */
export class ByteReader {
  private buffer = new Uint8Array(0);
  private done = false;
  private readonly it: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.buffer.length < n && !this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else {
        const joined = new Uint8Array(this.buffer.length + next.value.length);
        joined.set(this.buffer);
        joined.set(next.value, this.buffer.length);
        this.buffer = joined;
      }
    }
  }

  /** Up to `n` bytes (fewer only at the end). */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.subarray(out.length);
    return out;
  }

  /** Bytes up to (not including) the first `byte`, searching at most `max` bytes; undefined if absent. */
  async readUntil(byte: number, max: number): Promise<Uint8Array | undefined> {
    await this.fill(max + 1);
    const at = this.buffer.subarray(0, max + 1).indexOf(byte);
    if (at < 0) return undefined;
    const out = this.buffer.slice(0, at);
    this.buffer = this.buffer.subarray(at + 1);
    return out;
  }

  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buffer.length === 0;
  }

  /** Everything left, chunk by chunk. */
  async *rest(): AsyncGenerator<Uint8Array> {
    if (this.buffer.length) yield this.buffer;
    this.buffer = new Uint8Array(0);
    while (!this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else yield next.value;
    }
  }
}

/** Lines of UTF-8 text, each at most `max` characters (a longer one throws). */
export async function* textLines(source: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  for await (const chunk of source) {
    pending += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, nl);
      pending = pending.slice(nl + 1);
    }
    if (pending.length > max) throw new RangeError('line too long');
  }
  pending += decoder.decode();
  if (pending) yield pending;
}

/**
 * A picked file the browser can no longer read. Chromium says "network error" (a TypeError, as
 * the decoder says for bad UTF-8), so read failures get their own error, worded for the user.
 */
export class FileReadError extends ValidationError {
  override name = 'FileReadError';
  constructor() {
    super(t('backup.fileUnreadable'));
  }
}

export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new FileReadError();
    });
    if (done) return;
    yield value;
  }
}
