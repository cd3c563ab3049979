// @ts-check
// The Firefox twin of scripts/chromium.mjs, for the Firefox end-to-end tests: the built extension
// in Debian's firefox-esr, headless, with https://mail.google.com/ answered from saved pages and
// no network. WebDriver BiDi (puppeteer-core) drives the Gmail tab; the extension's own documents,
// which BiDi cannot reach, go through the DevTools protocol (scripts/firefox-rdp.mjs).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { GMAIL_CSP, ROOT, seederSource, switchThread as switchPane } from './chromium.mjs';
import { connectDevTools } from './firefox-rdp.mjs';

export { GMAIL_URL, fixture } from './chromium.mjs';
export { byName, click, clickInSidebar, expectText, textOf, waitFor } from './firefox-dom.mjs';

/** The ESR the tests were written against; a new ESR is checked by hand before the pin moves. */
export const FIREFOX_ESR_MAJOR = 153;
export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv3');
const ADDON_ID = 'sidecar-crm@sidecar.example';

/** @typedef {import('./firefox-rdp.mjs').Evaluator} Evaluator */
/** @typedef {Awaited<ReturnType<typeof launchFirefox>>} FirefoxApp */

/**
 * Firefox with the extension installed as a temporary add-on (as about:debugging does), in a
 * fresh profile whose downloads land in `downloads` without a dialog.
 * @param {{ extensionDir?: string }} [options]
 */
export async function launchFirefox({ extensionDir = FIREFOX_EXTENSION_DIR } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'sidecar-firefox-'));
  const downloads = join(profile, 'downloads');
  await mkdir(downloads);
  await writeFile(join(profile, 'user.js'), prefsFile(downloads));
  const devtoolsPort = await freePort();
  const child = spawn(
    process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', '--start-debugger-server', String(devtoolsPort)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  /** @type {Awaited<ReturnType<typeof connectDevTools>> | undefined} */
  let devtools;
  const close = async () => {
    await devtools?.close().catch(() => {});
    await browser?.close().catch(() => {});
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    if (child.exitCode === null) await exited;
    clearTimeout(timer);
    await rm(profile, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.connect({ browserWSEndpoint: `${await bidiEndpoint(child)}/session`, protocol: 'webDriverBiDi' });
    const version = await browser.version();
    if (Number(/\/(\d+)\./.exec(version)?.[1]) !== FIREFOX_ESR_MAJOR) {
      throw new Error(`The Firefox tests were written against ESR ${FIREFOX_ESR_MAJOR}; this is ${version}. Check them on it, then move FIREFOX_ESR_MAJOR.`);
    }
    await browser.installExtension(extensionDir);
    devtools = await connectDevTools(devtoolsPort);
    const background = await backgroundOf(devtools);
    // Node gives moz-extension: URLs the origin "null"; the page knows its own.
    const origin = await background.evaluate('location.origin');
    return { browser, devtools, background, origin, downloads, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A new tab that answers every https://mail.google.com/ request with `page()` under Gmail's CSP,
 * and refuses every other request.
 * @param {FirefoxApp} app
 * @param {() => string} page
 */
export async function gmailTab(app, page) {
  const tab = await app.browser.newPage();
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    if (!request.url().startsWith('https://mail.google.com/')) return void request.abort();
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': GMAIL_CSP }, body: page() });
  });
  return tab;
}

/**
 * A thread switch as Gmail does it (scripts/chromium.mjs): Playwright's and puppeteer's
 * `evaluate` run the same function with the same one argument.
 * @param {import('puppeteer-core').Page} tab
 * @param {string} html
 * @param {string} hash
 */
export const switchThread = (tab, html, hash) => switchPane(/** @type {any} */ (tab), html, hash);

/**
 * The sidebar frame inside a Gmail tab, found anew for each evaluation (a reload replaces it).
 * @param {FirefoxApp} app
 * @param {import('puppeteer-core').Page} tab
 * @returns {Evaluator}
 */
export function sidebar(app, tab) {
  const target = async () => {
    const form = await tabTarget(app, (url) => url === tab.url());
    const { frames } = await app.devtools.request(form.actor, 'listFrames');
    const frame = frames.find((/** @type {{ url?: string }} */ f) => f.url === `${app.origin}/sidebar.html`);
    if (!frame) throw new Error('no sidebar frame in the Gmail tab yet');
    await app.devtools.request(form.actor, 'switchToFrame', { windowId: frame.id });
    return app.devtools.evaluatorFor(form.consoleActor);
  };
  return {
    evaluate: async (expression) => (await target()).evaluate(expression),
    run: async (script) => (await target()).run(script),
  };
}

/**
 * One of our pages open in a tab at exactly `path` (another tab may hold the same page at another section), waiting up to 10 s for it to appear.
 * @param {FirefoxApp} app
 * @param {string} path
 * @returns {Promise<Evaluator>}
 */
export async function extensionTab(app, path) {
  const url = `${app.origin}${path}`;
  for (const end = Date.now() + 10_000; ; ) {
    const form = await tabTarget(app, (u) => u === url).catch(() => undefined);
    if (form) return app.devtools.evaluatorFor(form.consoleActor);
    if (Date.now() > end) throw new Error(`no tab at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Opens one of our pages in a new tab, as the toolbar button does.
 * @param {FirefoxApp} app
 * @param {string} path
 */
export async function openExtensionTab(app, path) {
  await app.background.evaluate(`browser.tabs.create({ url: ${JSON.stringify(path)} }).then(() => true)`);
  return extensionTab(app, path);
}

/**
 * Writes records into the extension's database from its background page.
 * @param {FirefoxApp} app
 * @param {Record<string, unknown[]>} data
 */
export async function seed(app, data) {
  await app.background.run(`${await seederSource()};globalThis.SidecarSeed = SidecarSeed;`);
  await app.background.evaluate(`SidecarSeed.seed(${JSON.stringify(data)}).then(() => true)`);
}

/**
 * The path of the next finished download whose name matches, waiting up to 10 s.
 * @param {FirefoxApp} app
 * @param {RegExp} name
 */
export async function downloaded(app, name) {
  for (const end = Date.now() + 10_000; ; ) {
    const files = await readdir(app.downloads);
    const done = files.find((f) => name.test(f)) && !files.some((f) => f.endsWith('.part'));
    if (done) return join(app.downloads, /** @type {string} */ (files.find((f) => name.test(f))));
    if (Date.now() > end) throw new Error(`no download matching ${name} in ${app.downloads}: ${files.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** @type {Map<string, any>} tab descriptor actor -> its target form, got once per tab */
const targets = new Map();

/**
 * @param {FirefoxApp} app
 * @param {(url: string) => boolean} matches
 */
async function tabTarget(app, matches) {
  const { tabs } = await app.devtools.request('root', 'listTabs');
  const tab = tabs.find((/** @type {{ url: string }} */ t) => matches(t.url));
  if (!tab) throw new Error('no such tab');
  const key = `${app.origin} ${tab.actor}`;
  if (!targets.has(key)) targets.set(key, (await app.devtools.request(tab.actor, 'getTarget')).frame);
  return targets.get(key);
}

/** @param {Awaited<ReturnType<typeof connectDevTools>>} devtools */
async function backgroundOf(devtools) {
  const { addons } = await devtools.request('root', 'listAddons');
  const addon = addons.find((/** @type {{ id: string }} */ a) => a.id === ADDON_ID);
  const watcher = await devtools.request(addon.actor, 'getWatcher', {});
  /** @type {Promise<any>} */
  const found = new Promise((resolve) =>
    devtools.onEvent((p) => {
      if (p.type === 'target-available-form' && p.target?.url?.endsWith('/_generated_background_page.html')) resolve(p.target);
    }),
  );
  await devtools.request(watcher.actor, 'watchTargets', { targetType: 'frame' });
  return devtools.evaluatorFor((await found).consoleActor);
}

/** @param {import('node:child_process').ChildProcessWithoutNullStreams | import('node:child_process').ChildProcess} child */
function bidiEndpoint(child) {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start:\n${log}`)), 30_000);
    child.stderr?.on('data', (chunk) => {
      log += chunk;
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Firefox exited (${code}):\n${log}`)));
  });
}

/** @param {string} downloads */
function prefsFile(downloads) {
  const prefs = {
    // The DevTools server, without the prompt a person would answer.
    'devtools.debugger.remote-enabled': true,
    'devtools.chrome.enabled': true,
    'devtools.debugger.prompt-connection': false,
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
  };
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n');
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}
