import { applyImport, dumpDatabase, previewImport } from '@/lib/backup/apply';
import { decrypt, encrypt } from '@/lib/backup/crypto';
import { blobChunks } from '@/lib/backup/bytes';
import { exportBackup } from '@/lib/backup/export';
import { BackupFileError, MAX_WHOLE_JSON_BYTES, PassphraseNeededError, readBackup } from '@/lib/backup/read';
import type { SidecarDB } from '@/lib/db';
import { twoMachines, uuid } from './backup-helpers';

let a: SidecarDB;
let b: SidecarDB;
beforeEach(async () => {
  [a, b] = await twoMachines();
});
afterEach(async () => {
  await a.delete();
  await b.delete();
});

const text = async (blob: Blob) => new TextDecoder().decode(new Uint8Array(await blob.arrayBuffer()));
async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Blob> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return new Blob(parts as BlobPart[]);
}

describe('export and merge-import', () => {
  it('exports every table with counts, and the other machine ends with the union', async () => {
    const { blob, counts } = await exportBackup(a, 1);
    expect(counts).toMatchObject({ contacts: 2, interactions: 1, deals: 1, settings: 1 });
    const file = await readBackup(blob);
    expect(file.header.deviceId).toBe((await a.settings.get('deviceId'))?.value);
    const preview = await previewImport(b, file.data);
    expect(preview.plan.contacts).toMatchObject({ added: 2, updated: 0, deleted: 0, unchanged: 2 });
    await applyImport(b, file.data);
    expect(await b.contacts.count()).toBe(4);
    expect((await b.settings.get('ownAddresses'))?.value).toEqual(['me0@mine.example', 'me100@mine.example']);
    // The deviceId of one machine never lands on another.
    expect((await b.settings.get('deviceId'))?.value).toBeUndefined();
  });

  it('carries the never-log list to the other machine, joined with its own', async () => {
    await a.settings.put({ key: 'neverLogList', value: ['payroll@mine.example', 'bank.example'] });
    await b.settings.put({ key: 'neverLogList', value: ['bank.example', 'hr.example'] });
    await applyImport(b, (await readBackup((await exportBackup(a, 1)).blob)).data);
    expect((await b.settings.get('neverLogList'))?.value).toEqual(['bank.example', 'hr.example', 'payroll@mine.example']);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const { blob } = await exportBackup(a, 1);
    await applyImport(b, (await readBackup(blob)).data);
    const once = await dumpDatabase(b);
    const again = await previewImport(b, (await readBackup(blob)).data);
    expect(again.plan.contacts).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    await applyImport(b, (await readBackup(blob)).data);
    expect(await dumpDatabase(b)).toBe(once);
  });

  it('imports a hand-edited row in normal form: trimmed, addresses in lower case', async () => {
    const edited = (await text((await exportBackup(a, 1)).blob)).replace('"priya@acme.example"', '" Priya@ACME.example "').replace('"Priya Raman"', '"  Priya Raman "');
    const { data } = await readBackup(new Blob([edited]));
    await applyImport(b, data);
    expect(await b.contacts.get(uuid(1))).toMatchObject({ name: 'Priya Raman', emails: ['priya@acme.example'] });
    expect(await b.contacts.where('emails').equals('priya@acme.example').count()).toBe(1);
  });

  it('carries a deletion over and does not bring it back from an older copy', async () => {
    const { blob: before } = await exportBackup(a, 1);
    await b.transaction('rw', b.tables, async () => applyImport(b, (await readBackup(before)).data));
    const t = Date.now();
    await a.deals.update(uuid(20), { deletedAt: t, updatedAt: t });
    await applyImport(b, (await readBackup((await exportBackup(a, 2)).blob)).data);
    expect((await b.deals.get(uuid(20)))?.deletedAt).toBe(t);
    await applyImport(b, (await readBackup(before)).data);
    expect((await b.deals.get(uuid(20)))?.deletedAt).toBe(t);
  });

  it('rolls back and says so when storage runs out mid-import', async () => {
    const { blob } = await exportBackup(a, 1);
    const data = (await readBackup(blob)).data;
    const before = await dumpDatabase(b);
    // Contacts are written first, then the deals write fails: a real half-way failure.
    const proto = Object.getPrototypeOf(b.deals) as { bulkPut: (...args: unknown[]) => Promise<unknown> };
    const original = proto.bulkPut;
    const spy = vi.spyOn(proto, 'bulkPut').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name !== 'deals') return original.apply(this, args);
      const e = new Error('quota');
      e.name = 'QuotaExceededError';
      return Promise.reject(e);
    });
    await expect(applyImport(b, data)).rejects.toThrow(/ran out of storage space.*Nothing was imported/);
    expect(spy.mock.contexts.map((c) => (c as { name: string }).name)).toContain('contacts');
    spy.mockRestore();
    expect(await dumpDatabase(b)).toBe(before);
  });
});

describe('encrypted backups', () => {
  const secret = 'correct horse battery staple';

  it('round-trips through a passphrase, and refuses a wrong one, a flipped byte and a cut-off file', async () => {
    const { blob } = await exportBackup(a, 1);
    const sealed = await collect(encrypt(blobChunks(blob), secret));
    expect(await text(sealed)).not.toContain('Priya');
    await expect(readBackup(sealed)).rejects.toBeInstanceOf(PassphraseNeededError);
    expect((await readBackup(sealed, secret)).data.contacts).toHaveLength(2);
    await expect(readBackup(sealed, 'wrong')).rejects.toThrow('Wrong passphrase, or the file is damaged');

    const bytes = new Uint8Array(await sealed.arrayBuffer());
    const flipped = bytes.slice();
    flipped[flipped.length - 5]! ^= 1;
    await expect(readBackup(new Blob([flipped]), secret)).rejects.toThrow(/passphrase|damaged/);
    await expect(readBackup(new Blob([bytes.slice(0, bytes.length - 40)]), secret)).rejects.toThrow(/cut short|damaged/);
    const header = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(10)));
    const weaker = new TextEncoder().encode(header.replace('600000', '1000'));
    await expect(readBackup(new Blob([weaker, bytes.subarray(bytes.indexOf(10))]), secret)).rejects.toThrow(/header is not valid.*iterations/);
  }, 30_000);

  it('detects a missing last chunk and reordered chunks of a multi-chunk file', async () => {
    const big = new Blob([new Uint8Array(3 * (1 << 20) + 10).fill(65)]);
    const sealed = new Uint8Array(await (await collect(encrypt(blobChunks(big), secret))).arrayBuffer());
    const headerEnd = sealed.indexOf(10) + 1;
    const frames: Uint8Array[] = [];
    for (let at = headerEnd; at < sealed.length; ) {
      const len = new DataView(sealed.buffer, at).getUint32(0);
      frames.push(sealed.subarray(at, at + 16 + len));
      at += 16 + len;
    }
    expect(frames).toHaveLength(4);
    const head = sealed.subarray(0, headerEnd);
    const drain = (parts: Uint8Array[]) => collect(decrypt(blobChunks(new Blob([head, ...parts] as BlobPart[])), secret));
    expect((await drain(frames)).size).toBe(big.size);
    await expect(drain(frames.slice(0, 3))).rejects.toThrow(/cut short/);
    await expect(drain([frames[0]!, frames[2]!, frames[1]!, frames[3]!])).rejects.toThrow(/damaged/);
  }, 30_000);
});

describe('bad files change nothing and say what is wrong', () => {
  let good: string;
  beforeEach(async () => {
    good = await text((await exportBackup(a, 1)).blob);
  });
  const lines = () => good.split('\n');
  const withLine = (match: string, edit: (l: string) => string) => lines().map((l) => (l.includes(match) ? edit(l) : l)).join('\n');
  /** Lists in lists, `depth` levels. */
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it.each([
    ['truncated JSON', () => good.slice(0, good.length - 30), /cut short|not valid JSON/],
    ['a newer format version', () => good.replace('"version":1', '"version":2'), /newer Sidecar \(format version 2\)/],
    ['a wrong format', () => good.replace('sidecar-crm-backup', 'other-app'), /not a Sidecar backup/],
    ['an unknown field', () => withLine('Priya', (l) => l.replace('{', '{"favouriteColour":"red",')), /Contacts, row 1: .*favouriteColour/],
    ['a duplicate id', () => withLine('Daniel', () => lines().find((l) => l.includes('Priya'))!), /Contacts, row 2, id: .* appears twice/],
    ['a bad date', () => withLine('Renewal', (l) => l.replace(/"updatedAt":\d+/, '"updatedAt":"yesterday"')), /Deals, row 1, updatedAt/],
    ['a negative amount', () => withLine('Renewal', (l) => l.replace('120000', '-5')), /Deals, row 1, amountMinor/],
    ['a NaN amount', () => withLine('Renewal', (l) => l.replace('120000', 'NaN')), /Deals, row 1: this is not valid JSON/],
    ['a __proto__ key', () => withLine('Priya', (l) => l.replace('{', '{"__proto__":{"polluted":true},')), /Contacts, row 1, __proto__: the key "__proto__" is not allowed/],
    ['rows missing against the counts', () => good.replace(/\n\{[^\n]*Daniel[^\n]*\n/, '\n'), /announces 2 rows but the file holds 1/],
    ['a row nested 200,000 deep', () => withLine('Daniel', (l) => l.replace('"tags":[]', `"tags":${nested(200_000)}`)), /Contacts, row 2, tags: this row is nested too deeply \(more than 32 levels/],
    ['a row nested 200,000 deep, on one line', () => withLine('Daniel', (l) => l.replace('"tags":[]', `"tags":${nested(200_000)}`)).replaceAll('\n', ''), /Contacts, row 2, tags: this row is nested too deeply/],
    ['a row one level deeper than the cap', () => withLine('Daniel', (l) => l.replace('"tags":[]', `"tags":${nested(32)}`)), /Contacts, row 2, tags: this row is nested too deeply/],
    ['a row at the nesting cap, refused by its schema', () => withLine('Daniel', (l) => l.replace('"tags":[]', `"tags":${nested(31)}`)), /Contacts, row 2, tags\.0: (?!.*nested)/],
    ['a header nested 200,000 deep', () => good.replace('"version":1', `"version":1,"extra":${nested(200_000)}`), /header is nested too deeply/],
    ['pretty-printed JSON with a bad row', () => JSON.stringify({ ...JSON.parse(good), data: { ...JSON.parse(good).data, deals: [{ id: 'x' }] } }, null, 2), /Deals, row 1, id/],
  ])('%s', async (_name, make, message) => {
    const before = await dumpDatabase(b);
    const read = readBackup(new Blob([make()]));
    await expect(read).rejects.toBeInstanceOf(BackupFileError);
    await expect(read).rejects.toThrow(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await dumpDatabase(b)).toBe(before);
  });

  it('finds a repeated id wherever it is, and accepts rows in any order', async () => {
    // Contacts with ids 1..5 in the order given, the header's count adjusted.
    const withContacts = (order: number[]) => {
      const priya = lines().find((l) => l.includes('Priya'))!.replace(/,$/, '');
      const rows = order.map((i) => priya.replace(uuid(1), uuid(i)).replace('priya@', `p${i}@`));
      const header = lines()[0]!.replace('"contacts":2', `"contacts":${order.length}`);
      const rest = lines().slice(1);
      const from = rest.indexOf('"contacts":[');
      const to = rest.indexOf('],', from);
      return [header, ...rest.slice(0, from + 1), rows.join(',\n'), ...rest.slice(to)].join('\n');
    };
    for (const [order, repeated] of [
      [[1, 2, 3, 1], 'row 4'],
      [[3, 4, 5, 2, 4], 'row 5'],
      [[1, 2, 2], 'row 3'],
    ] as const) {
      await expect(readBackup(new Blob([withContacts([...order])]))).rejects.toThrow(new RegExp(`Contacts, ${repeated}, id: .* appears twice`));
    }
    const shuffled = await readBackup(new Blob([withContacts([5, 1, 4, 2, 3])]));
    expect(shuffled.data.contacts.map((c) => c.id)).toEqual([5, 1, 4, 2, 3].map(uuid));
  });

  it('reads a valid backup minified onto one line up to 64 MB, and refuses one byte more', async () => {
    const oneLine = (bytes: number) => {
      const minified = good.replaceAll('\n', '');
      return minified.replace('"data":{', `"data":{${' '.repeat(bytes - new TextEncoder().encode(minified).length)}`);
    };
    const atLimit = new Blob([oneLine(MAX_WHOLE_JSON_BYTES)]);
    expect(atLimit.size).toBe(64 * 1024 ** 2);
    const read = await readBackup(atLimit);
    expect(read.data.contacts.map((c) => c.name)).toEqual(['Priya Raman', 'Daniel Okafor']);
    expect(read.data.deals).toHaveLength(1);
    const before = await dumpDatabase(b);
    await expect(readBackup(new Blob([oneLine(MAX_WHOLE_JSON_BYTES + 1)]))).rejects.toThrow(/This file is 64 MB and not in the layout Sidecar exports; other layouts are read up to 64 MB/);
    // Encrypted, the limit holds for what the passphrase opens.
    const sealed = await collect(encrypt(blobChunks(new Blob([oneLine(MAX_WHOLE_JSON_BYTES + 1)])), 'pass'));
    await expect(readBackup(sealed, 'pass')).rejects.toThrow(/holds more than 64 MB and is not in the layout Sidecar exports/);
    expect(await dumpDatabase(b)).toBe(before);
  }, 60_000);

  it('refuses a 200 MB file not in the streamed layout before reading it whole', async () => {
    const huge = new Blob([`{"format":"sidecar-crm-backup",\n${' '.repeat(200 * 1024 ** 2)}`]);
    await expect(readBackup(huge)).rejects.toThrow(/200 MB and not in the layout Sidecar exports/);
  }, 60_000);

  it('says the file could not be read when the browser fails to read it, not that it is bad text', async () => {
    // What Chromium does when a picked file is moved or changed on disk: the stream errors with "network error".
    const failing = (head: string) => {
      const bytes = new TextEncoder().encode(head);
      return {
        size: bytes.length + 1000,
        stream: () =>
          new ReadableStream<Uint8Array>({
            start(c) {
              if (bytes.length) c.enqueue(bytes);
            },
            pull(c) {
              c.error(new TypeError('network error'));
            },
          }),
      } as unknown as Blob;
    };
    for (const head of ['', lines().slice(0, 3).join('\n')]) {
      const before = await dumpDatabase(b);
      const read = readBackup(failing(head));
      await expect(read).rejects.toThrow(/could not be read: it may have been moved, changed or deleted/);
      expect(await dumpDatabase(b)).toBe(before);
    }
  });

  it('refuses a file over the hard limit without reading it', async () => {
    const fake = { size: 2 * 1024 ** 3, stream: () => { throw new Error('read'); } } as unknown as Blob;
    await expect(readBackup(fake)).rejects.toThrow(/2048 MB; Sidecar reads backups up to 1024 MB/);
  });
});
