import { z } from 'zod';
import { ValidationError } from '../errors';
import { t } from '../i18n';
import { ByteReader } from './bytes';

/**
 * Encrypted backup: one JSON header line, then frames [u32 length][12-byte IV][AES-GCM ciphertext].
 * Each frame's associated data is the header bytes + its index + a "last frame" flag, so a changed
 * header (say, fewer KDF iterations), reordered frames or a cut-off file all fail authentication.
 */
export const ENCRYPTED_FORMAT = 'sidecar-crm-backup-encrypted';
export const PBKDF2_ITERATIONS = 600_000;
const MAX_ITERATIONS = 10_000_000;
const CHUNK_BYTES = 1 << 20;
const MAX_CHUNK_BYTES = 1 << 24;
const HEADER_MAX_BYTES = 4096;
const TAG_BYTES = 16;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

const EncryptedHeader = z.strictObject({
  format: z.literal(ENCRYPTED_FORMAT),
  version: z.literal(1, { error: () => t('backup.encryptedNewer') }),
  cipher: z.literal('AES-GCM'),
  kdf: z.strictObject({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    // Bounded both ways: too few is a downgrade, too many would freeze the tab.
    iterations: z.int().min(PBKDF2_ITERATIONS).max(MAX_ITERATIONS),
  }),
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/, { error: () => t('backup.saltInvalid') }),
  chunkBytes: z.int().positive().max(MAX_CHUNK_BYTES),
});

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function aad(header: Uint8Array, index: number, last: boolean): Uint8Array {
  const out = new Uint8Array(header.length + 5);
  out.set(header);
  new DataView(out.buffer).setUint32(header.length, index);
  out[header.length + 4] = last ? 1 : 0;
  return out;
}

/** Re-chunks `source` to CHUNK_BYTES and knows which chunk is the last one. */
async function* chunked(source: AsyncIterable<Uint8Array>): AsyncGenerator<{ bytes: Uint8Array; last: boolean }> {
  const reader = new ByteReader(source);
  let current = await reader.read(CHUNK_BYTES);
  for (;;) {
    const next = await reader.read(CHUNK_BYTES);
    yield { bytes: current, last: next.length === 0 };
    if (next.length === 0) return;
    current = next;
  }
}

export async function* encrypt(source: AsyncIterable<Uint8Array>, passphrase: string, iterations = PBKDF2_ITERATIONS): AsyncGenerator<Uint8Array> {
  if (!passphrase) throw new ValidationError(t('backup.enterPassphrase'));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const header = new TextEncoder().encode(
    JSON.stringify({ format: ENCRYPTED_FORMAT, version: 1, cipher: 'AES-GCM', kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations }, salt: b64(salt), chunkBytes: CHUNK_BYTES }),
  );
  const key = await deriveKey(passphrase, salt, iterations);
  yield Uint8Array.of(...header, 0x0a);
  let index = 0;
  for await (const { bytes, last } of chunked(source)) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(header, index++, last) as BufferSource }, key, bytes as BufferSource));
    const frame = new Uint8Array(4 + 12 + sealed.length);
    new DataView(frame.buffer).setUint32(0, sealed.length);
    frame.set(iv, 4);
    frame.set(sealed, 16);
    yield frame;
  }
}

/** Whether the bytes start like an encrypted backup (checked before asking for a passphrase). */
export function looksEncrypted(start: Uint8Array): boolean {
  return new TextDecoder().decode(start.subarray(0, 64)).includes(`"format":"${ENCRYPTED_FORMAT}"`);
}

export async function* decrypt(source: AsyncIterable<Uint8Array>, passphrase: string): AsyncGenerator<Uint8Array> {
  const reader = new ByteReader(source);
  const header = await reader.readUntil(0x0a, HEADER_MAX_BYTES);
  if (!header) throw new ValidationError(t('backup.encryptedNoHeader'));
  let parsed: z.infer<typeof EncryptedHeader>;
  try {
    const r = EncryptedHeader.safeParse(JSON.parse(new TextDecoder().decode(header)));
    if (!r.success) throw new ValidationError(t('backup.encryptedHeaderInvalid', { problems: r.error.issues.map((i) => t('backup.issueAt', { where: i.path.join('.'), problem: i.message })).join('; ') }));
    parsed = r.data;
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw new ValidationError(t('backup.encryptedNoHeader'));
  }
  const key = await deriveKey(passphrase, fromB64(parsed.salt), parsed.kdf.iterations);
  for (let index = 0; ; index++) {
    const head = await reader.read(16);
    if (head.length === 0) throw new ValidationError(t('backup.encryptedCutShort'));
    if (head.length < 16) throw new ValidationError(t('backup.encryptedCutOrDamaged'));
    const length = new DataView(head.buffer, head.byteOffset).getUint32(0);
    if (length < TAG_BYTES || length > parsed.chunkBytes + TAG_BYTES) throw new ValidationError(t('backup.encryptedDamagedPart', { part: index + 1 }));
    const sealed = await reader.read(length);
    if (sealed.length < length) throw new ValidationError(t('backup.encryptedCutOrDamaged'));
    const last = await reader.atEnd();
    let plain: ArrayBuffer;
    try {
      plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: head.subarray(4, 16) as BufferSource, additionalData: aad(header, index, last) as BufferSource }, key, sealed as BufferSource);
    } catch {
      throw new ValidationError(
        index === 0 ? t('backup.wrongPassphrase') : t('backup.encryptedPartFails', { part: index + 1 }),
      );
    }
    yield new Uint8Array(plain);
    if (last) return;
  }
}
