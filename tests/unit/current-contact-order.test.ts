import { createPinia, setActivePinia } from 'pinia';
import type { Recognition } from '@/lib/recognize';
import { useCurrentContactStore } from '@/stores/currentContact';
import { until } from './panel-helpers';

// Lookups that the test answers, in whatever order it likes.
const pending = new Map<string, (answer: Recognition) => void>();
vi.mock('@/lib/recognize', () => ({
  recognize: (_db: unknown, email: string) => new Promise<Recognition>((resolve) => pending.set(email, resolve)),
}));

const unknown = (email: string): Recognition => ({ kind: 'unknown', email });

describe('the current contact, when lookups answer out of order', () => {
  beforeEach(() => {
    pending.clear();
    setActivePinia(createPinia());
  });

  it('drops the answer for an earlier thread that arrives after the newer one', async () => {
    const current = useCurrentContactStore();
    current.lookUp('priya@acme.example', []);
    await until(() => pending.has('priya@acme.example'));
    current.lookUp('daniel@initech.example', []);
    await until(() => pending.has('daniel@initech.example'));

    pending.get('daniel@initech.example')!(unknown('daniel@initech.example'));
    await until(() => current.recognition?.kind === 'unknown' && current.recognition.email === 'daniel@initech.example');
    pending.get('priya@acme.example')!(unknown('priya@acme.example'));
    await new Promise((r) => setTimeout(r, 20));
    expect(current.recognition).toEqual(unknown('daniel@initech.example'));
    expect(current.looking).toBe(false);
  });

  it('shows the previous answer while the next is on its way, and nobody at once when no one is open', async () => {
    const current = useCurrentContactStore();
    current.lookUp('priya@acme.example', []);
    await until(() => pending.has('priya@acme.example'));
    pending.get('priya@acme.example')!(unknown('priya@acme.example'));
    await until(() => current.recognition !== undefined);

    current.lookUp('daniel@initech.example', []);
    await until(() => pending.has('daniel@initech.example'));
    expect(current.recognition).toEqual(unknown('priya@acme.example'));
    expect(current.looking).toBe(true);

    current.lookUp(null, []);
    expect(current.recognition).toBeNull();
  });
});
