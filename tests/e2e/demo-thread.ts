import type { Page } from 'playwright-core';
import { GMAIL_URL, fixture, launchWithExtension, seed, serveGmail, sidebar } from '../../scripts/chromium.mjs';
import { demoData } from '../../scripts/demo-data.mjs';

export type App = Awaited<ReturnType<typeof launchWithExtension>>;

/** A browser with the extension and the demo data, on Gmail's page of Priya Raman's thread, her card shown. */
export async function openDemoThread(): Promise<{ app: App; page: Page }> {
  const app = await launchWithExtension();
  await seed(app.worker, demoData());
  await serveGmail(app.context, () => fixture('thread-single.html'));
  const page = await app.context.newPage();
  await page.goto(`${GMAIL_URL}#inbox/FMfcgz1`);
  await sidebar(page).getByTestId('contact-name').filter({ hasText: 'Priya Raman' }).waitFor({ timeout: 10_000 });
  return { app, page };
}
