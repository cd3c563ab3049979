import type { Page, Worker } from 'playwright-core';

export async function expectText(locator: ReturnType<Page['locator']>, text: string) {
  await locator.first().waitFor({ timeout: 10_000 });
  await expect.poll(() => locator.first().textContent(), { timeout: 10_000 }).toContain(text);
}

/** The interactions in the extension's database, read from its service worker. */
export function readInteractions(worker: Worker): Promise<{ kind: string; subject?: string; gmailMessageId?: string; deletedAt?: number }[]> {
  return worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sidecar-crm');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('interactions').objectStore('interactions').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

export interface SentReply {
  id: string;
  from: { name: string; email: string };
  to: { name: string; email: string };
  text: string;
}

/**
 * What Gmail does once a reply is sent: the inline reply form closes and the sent message is
 * rendered as a new expanded message at the end of the thread, with Gmail's client-side id
 * ("#msg-a:r…") and no legacy id yet. Runs in the page's world through a Trusted Types policy,
 * as Gmail must (the same policy scripts/chromium.mjs switchThread uses).
 */
export async function renderSentReply(page: Page, reply: SentReply) {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const person = (p: { name: string; email: string }, cls: string) =>
    `<span email="${esc(p.email)}" name="${esc(p.name)}" data-hovercard-id="${esc(p.email)}" class="${cls}">${esc(p.name)}</span>`;
  const html =
    `<div class="h7  ie nH oy8Mbf" role="listitem" aria-expanded="true" tabindex="-1"><div class="Bk"><div class="G3 G2"><div>` +
    `<div class="adn ads" style="display:" data-message-id="${esc(reply.id)}">` +
    `<div class="aju"><div class="aCi"><img class="ajn bofPge" jid="${esc(reply.from.email)}" data-name="${esc(reply.from.name)}" aria-hidden="true" alt=""></div></div>` +
    `<div class="gs"><div class="gE iv gt"><table cellpadding="0" class="cf gJ"><tbody><tr class="acZ">` +
    `<td class="gF gK"><table cellpadding="0" class="cf ix"><tbody><tr><td class="c2"><h3 class="iw gFxsud"><span translate="no" class="qu" role="gridcell" tabindex="-1">${person(reply.from, 'gD')}</span></h3></td></tr></tbody></table></td>` +
    `<td class="gH bAk"><div class="gK"><span class="g3" role="gridcell" tabindex="-1">2:41 PM (0 minutes ago)</span></div></td></tr>` +
    `<tr class="acZ xD"><td colspan="3"><table cellpadding="0" class="cf adz"><tbody><tr><td class="ady"><div class="iw ajw"><span translate="no" class="hb">to ${person(reply.to, 'g2')} </span></div></td></tr></tbody></table></td></tr>` +
    `</tbody></table></div>` +
    `<div class=""><div class="ii gt"><div class="a3s aiL "><div dir="ltr"><div>${esc(reply.text)}</div></div></div></div></div>` +
    `</div></div></div></div></div></div>`;
  await page.evaluate((source) => {
    const w = window as unknown as { trustedTypes: { createPolicy(n: string, o: object): { createHTML(s: string): unknown } }; __sidecarFixturePolicy?: { createHTML(s: string): unknown } };
    w.__sidecarFixturePolicy ??= w.trustedTypes.createPolicy('sidecar-fixture', { createHTML: (s: string) => s });
    const parsed = new DOMParser().parseFromString(w.__sidecarFixturePolicy.createHTML(source) as string, 'text/html');
    const main = [...document.querySelectorAll('[role="main"]')].find((m) => (m as HTMLElement).style.display !== 'none')!;
    main.querySelector('.ip.adB')?.remove();
    main.querySelector('[role="list"]')!.append(document.adoptNode(parsed.body.firstElementChild!));
  }, html);
}

/** The server answers: the sent message gains its legacy id, and Gmail re-renders it. */
export async function confirmSentReply(page: Page, id: string, legacyId: string) {
  await page.evaluate(
    ({ id, legacyId }) => document.querySelector(`[data-message-id="${CSS.escape(id)}"]`)!.setAttribute('data-legacy-message-id', legacyId),
    { id, legacyId },
  );
}
