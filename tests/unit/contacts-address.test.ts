import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent } from 'vue';
import { useContactsAddress } from '@/composables/useContactsAddress';
import { db } from '@/lib/db';
import { TYPING_PAUSE_MS, useContactsStore } from '@/stores/contacts';

const Host = defineComponent({
  setup() {
    useContactsAddress();
    return () => null;
  },
});
const pause = () => new Promise((r) => setTimeout(r, TYPING_PAUSE_MS + 50));

describe('the contacts list’s address', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    setActivePinia(createPinia());
    history.replaceState(null, '', '#contacts');
  });

  it('writes the search into the step it is on once the typing pauses, not at every keystroke', async () => {
    const steps = history.length;
    mount(Host);
    const contacts = useContactsStore();
    for (const text of ['n', 'na', 'nad']) {
      contacts.text = text;
      await Promise.resolve();
    }
    expect(location.hash).toBe('#contacts');
    await pause();
    expect(location.hash).toBe('#contacts?q=nad');
    expect(history.length).toBe(steps);
  });

  it('writes what was typed before a choice made straight after it, which is then a step of its own', async () => {
    mount(Host);
    const contacts = useContactsStore();
    const replaced = vi.spyOn(history, 'replaceState');
    const pushed = vi.spyOn(history, 'pushState');
    contacts.text = 'thandi';
    await Promise.resolve();
    contacts.choose({ sort: 'health' });
    await Promise.resolve();
    expect(replaced.mock.calls.map((c) => c[2])).toEqual(['#contacts?q=thandi']);
    expect(pushed.mock.calls.map((c) => c[2])).toEqual(['#contacts?q=thandi&sort=health']);
    await pause();
    // The typing's step was written already: nothing is written over the choice's.
    expect(replaced).toHaveBeenCalledTimes(1);
    expect(location.hash).toBe('#contacts?q=thandi&sort=health');
  });

  it('never writes the typing over another section opened before it paused', async () => {
    mount(Host);
    const contacts = useContactsStore();
    contacts.text = 'nad';
    await Promise.resolve();
    history.pushState(null, '', '#today');
    await pause();
    expect(location.hash).toBe('#today');
  });
});
