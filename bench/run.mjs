// @ts-check
// `npm run bench`: performance figures of the built extension in headless Chromium, for people to
// read (nothing is asserted). Prints one JSON object on stdout; progress goes to stderr.
// `npm run bench -- --sizes 1000,10000 --runs 20 --cold-runs 3`. See README.md, "Benchmarks".
// This file grows the database size by size and runs the measurements, a module each:
// time-to-card.mjs, gmail-cost.mjs, lookups.mjs, backup.mjs; report.mjs prints them beside
// their targets (targets.mjs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EXTENSION_DIR, ROOT, bundle, seed } from '../scripts/chromium.mjs';
import { demoData } from '../scripts/demo-data.mjs';
import { measureBackups } from './backup.mjs';
import { chromiumVersionLine, launch, progress, snapshotExtension, stats } from './browser.mjs';
import { measureGmailCost } from './gmail-cost.mjs';
import { measureDashboard } from './dashboard.mjs';
import { measureLookups, timeRecognize } from './lookups.mjs';
import { parseOptions } from './options.mjs';
import { contentsOf, profileCache } from './profiles.mjs';
import { bundleSizes, report } from './report.mjs';
import { CHUNK, grow } from './seed.mjs';
import { benchSession } from './session.mjs';
import { timeToCard } from './time-to-card.mjs';

/** @typedef {import('./browser.mjs').Stats} Stats */

const options = parseOptions(process.argv.slice(2));
const started = performance.now();

progress(`sizes ${options.sizes.join(', ')}; ${options.runs} switches and ${options.coldRuns} cold loads per size`);
const cache = profileCache({
  root: join(ROOT, 'node_modules', '.cache', 'sidecar-bench'),
  inputs: [
    ...contentsOf(['bench/generate.ts', 'lib/db.ts', 'lib/schema.ts', 'scripts/demo-data.mjs'].map((p) => join(ROOT, p))),
    chromiumVersionLine(),
    String(CHUNK),
  ],
  enabled: options.cache,
});
const extensionDir = snapshotExtension(EXTENSION_DIR, cache.extensionDir);
const bundles = bundleSizes(extensionDir);
const session = benchSession({ extensionDir, probeCode: await bundle(join(ROOT, 'bench', 'probe.ts'), 'SidecarBench') });
const loadStart = os.loadavg();

/** @type {Record<string, unknown>} */
let result = {};
/** The working profile and how many generated contacts its database holds. */
let profile = { dir: '', generated: 0 };
// Ctrl+C: Playwright takes the browser down with us; the working copy of the profile is ours to remove.
process.once('SIGINT', () => {
  if (profile.dir) rmSync(profile.dir, { recursive: true, force: true });
  process.exit(130);
});
try {
  // Interactions are dated relative to this (cached profiles keep the dates of their run).
  const now = Date.now();
  /** @type {Record<string, any>} */
  const sizes = {};
  /** @type {Record<string, unknown>} */
  const sidebarHeap = {};
  /** @type {Record<string, unknown>} */
  const seeding = {};
  /** @type {Record<string, Stats>} */
  const recognizeBySize = {};
  /** @type {object | undefined} */
  let gmailCost;
  /** @type {unknown} */
  let lookup;
  /** @type {unknown} */
  let dashboard;
  /** @type {unknown} */
  let backups;
  let chromium = 'unknown';
  for (const size of options.sizes) {
    if (cache.has(size) && !options.fresh) {
      if (profile.dir) rmSync(profile.dir, { recursive: true, force: true });
      profile = { dir: cache.restore(size), generated: size };
      seeding[size] = { fromCache: relative(ROOT, cache.dir) };
      progress(`${size} contacts: profile copied from the cache (${relative(ROOT, cache.dir)})`);
      // The copy has no service worker registration (bench/profiles.mjs). The launch that registers
      // the build under test is not a measured one: in it the extension's pages ran slower here (a
      // backup read of 110,000 rows: 3.7 s, against 1.5-1.7 s in later launches), and a user's
      // browser registered the worker long before.
      await (await launch({ extensionDir, userDataDir: profile.dir })).close();
    } else {
      if (!profile.dir) profile.dir = mkdtempSync(join(tmpdir(), 'sidecar-bench-profile-'));
      const app = await session.open(profile.dir);
      if (profile.generated === 0) await seed(/** @type {import('playwright-core').Worker} */ (app.worker), demoData(now));
      seeding[size] = await grow(session, profile.generated, size, now);
      profile.generated = size;
      await session.close();
      cache.save(size, profile.dir);
    }

    // A fresh browser on the grown profile for every size: the same start for every size.
    const app = await session.open(profile.dir);
    chromium = app.version;
    const counts = /** @type {Record<string, number>} */ (await session.probe('counts'));
    progress(`${size} contacts: measuring (${counts.contacts} contacts, ${counts.interactions} interactions in the database)`);
    const measured = await timeToCard(app.context, options);
    sizes[size] = { contacts: counts.contacts, interactions: counts.interactions, threadSwitch: measured.threadSwitch, coldLoad: measured.coldLoad };
    sidebarHeap[size] = measured.heap;
    recognizeBySize[size] = stats(await timeRecognize(session, size, 'contactEmail'), 2);
    gmailCost ??= await measureGmailCost(app.context);
    // The lookups add a contact with 10,000 interactions: last, after every card was timed.
    if (size === options.sizes.at(-1)) lookup = await measureLookups(session, size, now, recognizeBySize);
    if (size === options.sizes.at(-1)) dashboard = await measureDashboard(session, size, now);
    await session.close();
    if (size === options.sizes.at(-1) && options.backups) backups = await measureBackups(session, profile.dir, size);
  }
  result = report({ options, loadStart, started, chromium, extensionDir, bundles, sizes, sidebarHeap, gmailCost: gmailCost ?? {}, lookup, dashboard, backups, seeding });
} finally {
  await session.close();
  if (profile.dir) rmSync(profile.dir, { recursive: true, force: true });
  if (!options.cache) rmSync(extensionDir, { recursive: true, force: true });
}
const json = `${JSON.stringify(result, null, 2)}\n`;
process.stdout.write(json);
if (options.out) writeFileSync(options.out, json);
progress('done');
