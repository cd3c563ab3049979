// @ts-check
// `npm run demo`: the built extension in Chromium on a demo inbox made of saved Gmail pages,
// answered in place of https://mail.google.com/ with no network and no Gmail account.
// `npm run demo -- --screenshot out.png` runs headless and writes a picture instead.
import { resolve } from 'node:path';
import { GMAIL_URL, NONCE, fixture, launchWithExtension, seed, serveGmail, sidebar } from './chromium.mjs';
import { DEMO_THREADS, demoData } from './demo-data.mjs';

const args = process.argv.slice(2);
const shotAt = args.indexOf('--screenshot');
const screenshot = shotAt >= 0 ? args[shotAt + 1] : undefined;
if (shotAt >= 0 && !screenshot) {
  console.error('Usage: npm run demo -- --screenshot out.png');
  process.exit(2);
}
const headless = Boolean(screenshot) || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
if (!screenshot && headless) {
  console.log('No display found: running headless and writing demo.png instead of opening a window.');
}

const app = await launchWithExtension({ headless });
await seed(app.worker, demoData());
await serveGmail(app.context, demoInbox);

const page = app.context.pages()[0] ?? (await app.context.newPage());
await page.goto(`${GMAIL_URL}#inbox`);

if (headless) {
  const [first] = DEMO_THREADS;
  await page.click(`tr.zA >> nth=${first.row}`);
  await sidebar(page).getByTestId('contact-name').getByText(first.expect).waitFor({ timeout: 15_000 });
  await sidebar(page).getByTestId('health').waitFor({ timeout: 15_000 });
  await sidebar(page).getByRole('list', { name: 'Open follow-ups' }).waitFor({ timeout: 15_000 });
  const out = resolve(screenshot ?? 'demo.png');
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}`);
  await app.close();
} else {
  console.log('Chromium is open on the demo inbox. Click a conversation; close the window to finish.');
  await new Promise((done) => app.context.on('close', done));
  await app.close();
}

/**
 * The inbox page plus a small script (allowed by the CSP nonce) that behaves like Gmail's
 * navigation: clicking a row swaps in that thread's main pane and changes the hash, no page load.
 */
function demoInbox() {
  const inbox = fixture('inbox.html');
  const panes = Object.fromEntries(DEMO_THREADS.map((t) => [t.hash, fixture(t.file)]));
  panes['#inbox'] = inbox;
  const rows = DEMO_THREADS.map((t) => [t.row, t.hash]);
  const script = `
(() => {
  const panes = ${JSON.stringify(panes).replace(/</g, '\\u003c')};
  const rows = new Map(${JSON.stringify(rows)});
  const policy = trustedTypes.createPolicy('sidecar-fixture', { createHTML: (s) => s });
  const show = () => {
    const html = panes[location.hash] ?? panes['#inbox'];
    const next = new DOMParser().parseFromString(policy.createHTML(html), 'text/html');
    const shown = (d) => [...d.querySelectorAll('[role="main"]')].find((m) => m.style.display !== 'none');
    shown(document).replaceWith(document.adoptNode(shown(next)));
  };
  document.addEventListener('click', (event) => {
    const row = event.target.closest('tr.zA');
    if (!row) return;
    const hash = rows.get([...document.querySelectorAll('tr.zA')].indexOf(row));
    if (hash) location.hash = hash;
  });
  window.addEventListener('hashchange', show);
})();`;
  return inbox.replace('</body>', `<script nonce="${NONCE}">${script}</script></body>`);
}

