// @ts-check
// Seeding 100,000 contacts with their million interactions takes minutes: Chromium's IndexedDB
// writes a few thousand rows a second on a small machine. So the seeded browser profiles are kept
// in node_modules/.cache/sidecar-bench/<key>/ and copied for the next run. The key covers what
// decides their content (the generator, the database schema, the demo data, Chromium's version);
// anything else changing (the extension's code included) reuses them. `--fresh` reseeds.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Browser caches are not worth keeping, and would make a "cold" load warmer than in a fresh run.
 * Nor is the service worker's registration: Chromium re-registers an unpacked extension's worker
 * only when the manifest's version changes, and would otherwise run the background script of the
 * build that seeded the profile, not the one under test. (run.mjs launches once to register it.)
 */
const SKIPPED = new Set(['Cache', 'Code Cache', 'GPUCache', 'GrShaderCache', 'ShaderCache', 'GraphiteDawnCache', 'DawnCache', 'Service Worker']);
const skip = (/** @type {string} */ path) => !SKIPPED.has(basename(path)) && !basename(path).startsWith('Singleton');

/**
 * @param {{ root: string, inputs: string[], enabled: boolean }} options `inputs`: the contents
 *   that decide what a seeded profile holds
 */
export function profileCache({ root, inputs, enabled }) {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input).update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(root, key);
  const profileDir = (/** @type {number} */ size) => join(dir, `profile-${size}`);
  const complete = (/** @type {number} */ size) => join(profileDir(size), '.sidecar-bench-complete');

  return {
    key,
    dir,
    /**
     * Where the extension is loaded from. An unpacked extension's id is derived from its path,
     * and the database belongs to that id: the path must stay the same from run to run.
     */
    extensionDir: enabled ? join(dir, 'extension') : mkdtempSync(join(tmpdir(), 'sidecar-bench-ext-')),
    /** @param {number} size */
    has(size) {
      return enabled && existsSync(complete(size));
    },
    /**
     * A working copy of the profile seeded to `size` contacts.
     * @param {number} size
     */
    restore(size) {
      const to = mkdtempSync(join(tmpdir(), 'sidecar-bench-profile-'));
      cpSync(profileDir(size), to, { recursive: true, filter: skip });
      return to;
    },
    /**
     * Keeps a copy of `from` (a closed browser's profile) as the profile seeded to `size`,
     * and drops profiles made under other keys.
     * @param {number} size
     * @param {string} from
     */
    save(size, from) {
      if (!enabled) return;
      if (existsSync(root)) {
        for (const other of readdirSync(root)) if (other !== key) rmSync(join(root, other), { recursive: true, force: true });
      }
      rmSync(profileDir(size), { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      cpSync(from, profileDir(size), { recursive: true, filter: skip });
      writeFileSync(complete(size), new Date().toISOString());
    },
  };
}

/** @param {string[]} paths */
export function contentsOf(paths) {
  return paths.map((p) => `${p}\n${readFileSync(p, 'utf8')}`);
}
