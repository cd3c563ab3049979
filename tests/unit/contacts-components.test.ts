import { mount } from '@vue/test-utils';
import DashboardContactsBulk from '@/components/DashboardContactsBulk.vue';
import DashboardContactsFilters from '@/components/DashboardContactsFilters.vue';
import DashboardDuplicatesPair from '@/components/DashboardDuplicatesPair.vue';
import { DEFAULT_QUERY } from '@/lib/contact-list';
import type { Company, Contact } from '@/lib/schema';

const base = () => ({ id: crypto.randomUUID(), createdAt: 1, updatedAt: 1 });

describe('the bulk actions bar', () => {
  const bar = () => mount(DashboardContactsBulk, { props: { count: 3, tags: ['vip'], busy: false, error: null }, attachTo: document.body });

  it('adds and removes the typed tag, and sets a cadence', async () => {
    const w = bar();
    expect(w.get('button:disabled').text()).toBe('Add tag');
    await w.get('input[aria-label="Tag for the selected"]').setValue('Renewal');
    await w.findAll('button').find((b) => b.text() === 'Add tag')!.trigger('click');
    await w.findAll('button').find((b) => b.text() === 'Remove tag')!.trigger('click');
    await w.get('select').setValue('7');
    await w.findAll('button').find((b) => b.text() === 'Set')!.trigger('click');
    await w.get('select').setValue('settings');
    await w.findAll('button').find((b) => b.text() === 'Set')!.trigger('click');
    expect(w.emitted('addTag')).toEqual([['Renewal']]);
    expect(w.emitted('removeTag')).toEqual([['Renewal']]);
    expect(w.emitted('cadence')).toEqual([[7], [undefined]]);
    w.unmount();
  });

  it('erases only once the question that names the count is answered', async () => {
    const w = bar();
    await w.findAll('button').find((b) => b.text() === 'Erase…')!.trigger('click');
    expect(w.emitted('erase')).toBeUndefined();
    expect(w.text()).toContain('Erase 3 contacts with their history');
    await w.findAll('button').find((b) => b.text() === 'Erase')!.trigger('click');
    expect(w.emitted('erase')).toHaveLength(1);
    w.unmount();
  });
});

describe('the filters', () => {
  it('choose a tag, a band, quiet days and open deals, and clear the company', async () => {
    const w = mount(DashboardContactsFilters, { props: { query: { ...DEFAULT_QUERY, companyId: crypto.randomUUID() }, tags: ['vip', 'wholesale'], companyName: 'Acme' } });
    await w.get('select[aria-label="Filter by tag"]').setValue('wholesale');
    await w.get('select[aria-label="Filter by health"]').setValue('at risk');
    await w.get('select[aria-label="No contact in"]').setValue('30');
    await w.get('input[type=checkbox]').setValue(true);
    await w.get('button[aria-label="Show every company, not only Acme"]').trigger('click');
    expect(w.emitted('choose')).toEqual([[{ tag: 'wholesale' }], [{ band: 'at risk' }], [{ quietDays: 30 }], [{ openDeal: true }], [{ companyId: undefined }]]);
  });
});

describe('a duplicate pair side by side', () => {
  const acme: Company = { ...base(), name: 'Acme', domains: ['acme.example'] };
  const a: Contact = { ...base(), name: 'T. Nkosi', emails: ['t@acme.example'], tags: ['vip'], companyId: acme.id };
  const b: Contact = { ...base(), name: 'Thandi Nkosi', emails: ['thandi@acme.example'], tags: [], phone: '+27 82 555 1234', companyId: acme.id };
  const pair = { a: a.id, b: b.id, score: 76, reasons: [{ rule: 'similar-name' as const, text: 'Names alike: "T. Nkosi" and "Thandi Nkosi"' }] };
  const view = () => mount(DashboardDuplicatesPair, { props: { pair, a, b, companies: new Map([[acme.id, acme]]), busy: false } });

  it('shows why, offers a choice only where the two differ, and keeps every address and tag', () => {
    const w = view();
    expect(w.text()).toContain('Names alike: "T. Nkosi" and "Thandi Nkosi"');
    expect(w.findAll('input[name=name]')).toHaveLength(2);
    expect(w.findAll('input[name=companyId]')).toHaveLength(0);
    expect(w.text()).toContain('t@acme.example, thandi@acme.example (all kept)');
  });

  it('merges into the chosen one with the chosen values; the one with a phone gives it by default', async () => {
    const w = view();
    await w.get('input[aria-label="Name: Thandi Nkosi"]').setValue(true);
    await w.findAll('button').find((x) => x.text() === 'Merge')!.trigger('click');
    expect(w.emitted('merge')).toEqual([[a.id, { name: 'Thandi Nkosi', phone: '+27 82 555 1234' }]]);
    await w.findAll('button').find((x) => x.text() === 'Not a duplicate')!.trigger('click');
    expect(w.emitted('dismiss')).toHaveLength(1);
  });
});
