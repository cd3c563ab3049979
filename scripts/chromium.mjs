// @ts-check
// Shared by the end-to-end tests, the demo and the benchmark: the built extension in Debian's
// Chromium, with https://mail.google.com/ answered from saved pages and no network at all.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { INTLIFY_FLAGS } from './intlify-flags.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
export const FIXTURES_DIR = join(ROOT, 'tests', 'fixtures', 'gmail');
export const GMAIL_URL = 'https://mail.google.com/mail/u/0/';

// Playwright disables ThirdPartyStoragePartitioning, which denies the sidebar frame its
// IndexedDB; this is Playwright's list without that feature (the last flag wins).
const DISABLED_FEATURES =
  'AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,' +
  'LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying';

/** As strict as Gmail's own policy, Trusted Types included; the nonce only serves the demo's navigation script. */
export const NONCE = 'c2lkZWNhci1kZW1v';
export const GMAIL_CSP = [
  `script-src 'nonce-${NONCE}' 'strict-dynamic' 'report-sample'`,
  "object-src 'none'",
  "base-uri 'self'",
  "frame-src 'self' https://*.google.com",
  "require-trusted-types-for 'script'",
  'trusted-types sidecar-fixture goog#html',
].join('; ');

/**
 * Debian's Chromium as this machine runs it (no network, no sandbox as root), with the extension
 * in `extensionDir` loaded, or none.
 * @param {string} [extensionDir]
 */
export function chromiumArgs(extensionDir) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-features=${DISABLED_FEATURES}`,
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
  ];
}

/**
 * @param {{ headless?: boolean, extensionDir?: string }} [options]
 */
export async function launchWithExtension({ headless = true, extensionDir = EXTENSION_DIR } = {}) {
  // On a busy machine Chromium now and then never starts the extension's service worker;
  // a fresh profile on the next attempt does.
  for (let attempt = 1; ; attempt++) {
    const userDataDir = await mkdtemp(join(tmpdir(), 'sidecar-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless,
      viewport: { width: 1280, height: 800 },
      args: chromiumArgs(extensionDir),
    });
    const close = async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    };
    try {
      // Nothing leaves the machine: every request is refused unless a later route answers it.
      await context.route(/^https?:/, (route) => route.abort());
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      return { context, worker, extensionId: new URL(worker.url()).host, close };
    } catch (error) {
      await close();
      if (attempt >= 3) throw error;
    }
  }
}

/** @param {string} name a file in tests/fixtures/gmail */
export function fixture(name) {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

/**
 * Answers every https://mail.google.com/ request with `page()`, under Gmail's CSP.
 * @param {import('playwright-core').BrowserContext} context
 * @param {() => string} page
 */
export async function serveGmail(context, page) {
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': GMAIL_CSP },
      body: page(),
    }),
  );
}

/**
 * Switches threads the way Gmail does: the main pane's DOM is replaced and the hash changes,
 * with no page load. Runs in the page's own world, through a Trusted Types policy as Gmail must.
 * Returns the epoch ms at which the new pane went in (the saved page is parsed before: that stands
 * for Gmail's own work, and the bench leaves it out of its figures).
 * @param {import('playwright-core').Page} page
 * @param {string} html a whole saved page; its [role=main] replaces the current one
 * @param {string} hash
 * @returns {Promise<number>}
 */
export function switchThread(page, html, hash) {
  return page.evaluate(
    ({ source, nextHash }) => {
      const w = /** @type {any} */ (window);
      w.__sidecarFixturePolicy ??= w.trustedTypes.createPolicy('sidecar-fixture', { createHTML: (/** @type {string} */ s) => s });
      const next = new DOMParser().parseFromString(w.__sidecarFixturePolicy.createHTML(source), 'text/html');
      // Gmail keeps a main pane per view it has shown, the inactive ones hidden by an inline style.
      const shown = (/** @type {Document} */ d) =>
        [...d.querySelectorAll('[role="main"]')].find((m) => /** @type {HTMLElement} */ (m).style.display !== 'none');
      const incoming = shown(next);
      const current = shown(document);
      if (!incoming || !current) throw new Error('fixture without a visible [role=main]');
      const adopted = document.adoptNode(incoming);
      const at = performance.timeOrigin + performance.now();
      current.replaceWith(adopted);
      document.title = next.title;
      location.hash = nextHash;
      return at;
    },
    { source: html, nextHash: hash },
  );
}

/** @param {import('playwright-core').Page} page */
export function sidebar(page) {
  return page.frameLocator('iframe[title="Sidecar CRM"]');
}

/** @type {Map<string, Promise<string>>} */
const bundles = new Map();
/**
 * A TypeScript module (with `@/` imports of the product's code) bundled by Vite into one script
 * that defines the global `globalName`, for evaluating in the extension's service worker or pages.
 * Built once per process.
 * @param {string} entry path of the module, absolute or relative to the project root
 * @param {string} globalName
 * @returns {Promise<string>}
 */
export function bundle(entry, globalName) {
  const file = resolve(ROOT, entry);
  const key = `${file}\0${globalName}`;
  let code = bundles.get(key);
  if (!code) {
    code = import('vite').then(async ({ build }) => {
      const output = /** @type {any} */ (
        await build({
          configFile: false,
          logLevel: 'silent',
          resolve: { alias: { '@': ROOT } },
          // Library mode leaves `process.env` alone, and a service worker has no `process`.
          define: { ...INTLIFY_FLAGS, 'process.env.NODE_ENV': JSON.stringify('production') },
          build: {
            write: false,
            minify: false,
            lib: { entry: file, formats: ['iife'], name: globalName, fileName: globalName },
          },
        })
      );
      return (Array.isArray(output) ? output[0] : output).output[0].code;
    });
    bundles.set(key, code);
  }
  return code;
}

/** The seeding module (scripts/seed.ts) bundled into one script defining `SidecarSeed`. */
export function seederSource() {
  return bundle(join(ROOT, 'scripts', 'seed.ts'), 'SidecarSeed');
}

/**
 * Writes records into the extension's database from its service worker.
 * @param {import('playwright-core').Worker} worker
 * @param {Record<string, unknown[]>} data
 */
export async function seed(worker, data) {
  const code = await seederSource();
  await worker.evaluate(`${code};globalThis.SidecarSeed = SidecarSeed;`);
  await worker.evaluate((d) => /** @type {any} */ (globalThis).SidecarSeed.seed(d), data);
}
