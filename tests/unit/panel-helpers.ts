import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { Component } from 'vue';
import type { Contact } from '@/lib/schema';
import { useCurrentContactStore } from '@/stores/currentContact';

/**
 * Mounts a panel about `contact` (which must be in the database), made current as the dashboard
 * does it: by id. Resolves once the store has read the contact.
 */
export async function mountPanel(component: Component, contact: Contact, options: { attachTo?: Element } = {}): Promise<VueWrapper> {
  const current = useCurrentContactStore();
  current.open(contact.id);
  const panel = mount(component, options);
  for (let i = 0; i < 200 && current.contactId !== contact.id; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  if (current.contactId !== contact.id) throw new Error(`${contact.name} did not become the current contact`);
  await flushPromises();
  return panel;
}
