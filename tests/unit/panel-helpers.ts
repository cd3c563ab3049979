import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { Component } from 'vue';
import type { Contact } from '@/lib/schema';
import { useCurrentContactStore } from '@/stores/currentContact';

/** Waits (up to about a second) for a live query's answer to reach the page. */
/**
 * Waits for `check` for up to 5 s of wall time: a view loaded on demand is a dynamic import, which
 * vitest transforms on first use, and on a busy machine that alone can take over a second.
 */
export async function until(check: () => boolean) {
  const end = performance.now() + 5000;
  while (!check() && performance.now() < end) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

/**
 * Mounts a panel about `contact` (which must be in the database), made current as the dashboard
 * does it: by id. Resolves once the store has read the contact.
 */
export async function mountPanel(component: Component, contact: Contact, options: { attachTo?: Element } = {}): Promise<VueWrapper> {
  const current = useCurrentContactStore();
  current.open(contact.id);
  const panel = mount(component, options);
  await until(() => current.contactId === contact.id);
  await flushPromises();
  return panel;
}
