import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import TheDashboard from '@/components/TheDashboard.vue';
import { db } from '@/lib/db';
import { until } from './panel-helpers';

const T0 = 1_750_000_000_000;
const base = () => ({ id: crypto.randomUUID(), createdAt: T0, updatedAt: T0 });

describe('the dashboard’s companies', () => {
  const acme = { ...base(), name: 'Acme', domains: ['acme.com'] };
  const acmeZa = { ...base(), name: 'Acme SA', domains: ['acme.co.za'] };
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.companies.bulkAdd([acme, acmeZa]);
    await db.contacts.add({ ...base(), name: 'Bo Chen', emails: ['bo@acme.co.za'], tags: [], companyId: acmeZa.id });
    setActivePinia(createPinia());
  });

  it('lists them, and adding a domain the other owns offers the merge, which moves its people over', async () => {
    const dashboard = mount(TheDashboard);
    await dashboard.findAll('nav button').find((b) => b.text() === 'Companies')!.trigger('click');
    await until(() => dashboard.text().includes('Acme SA'));
    await dashboard.findAll('table.companies button').find((b) => b.text() === 'Acme')!.trigger('click');
    await until(() => dashboard.find('.company-form').exists());
    await dashboard.get('.company-form input[placeholder]').setValue('acme.com, acme.co.za');
    await dashboard.get('.company-form').trigger('submit');
    await until(() => dashboard.text().includes('acme.co.za belongs to Acme SA'));
    await dashboard.findAll('button').find((b) => b.text() === 'Merge Acme SA into Acme')!.trigger('click');
    await until(() => dashboard.text().includes('Acme SA merged in'));
    await until(() => dashboard.text().includes('Bo Chen'));
    expect((await db.companies.get(acmeZa.id))?.deletedAt).toBeDefined();
  });

  it('merges another company found by its name, once the question naming both is answered', async () => {
    const dashboard = mount(TheDashboard);
    await dashboard.findAll('nav button').find((b) => b.text() === 'Companies')!.trigger('click');
    await until(() => dashboard.text().includes('Acme SA'));
    await dashboard.findAll('table.companies button').find((b) => b.text() === 'Acme')!.trigger('click');
    await until(() => dashboard.find('.company-merge').exists());
    // The open company is never offered to merge into itself.
    await dashboard.get('.company-merge input').setValue('acme');
    await until(() => dashboard.find('.company-merge li').exists());
    expect(dashboard.findAll('.company-merge li button').map((b) => b.text())).toEqual(['Merge Acme SA into Acme']);
    await dashboard.get('.company-merge li button').trigger('click');
    expect(dashboard.get('.company-merge [role=group]').text()).toContain('Merge Acme SA into Acme? Its people, deals and domains move here');
    expect((await db.companies.get(acmeZa.id))?.deletedAt).toBeUndefined();

    await dashboard.findAll('.company-merge button').find((b) => b.text() === 'Keep')!.trigger('click');
    expect(dashboard.find('.company-merge [role=group]').exists()).toBe(false);
    await dashboard.get('.company-merge li button').trigger('click');
    await dashboard.findAll('.company-merge button').find((b) => b.text() === 'Merge')!.trigger('click');
    await until(() => dashboard.text().includes('Acme SA merged in'));
    await until(() => dashboard.text().includes('Bo Chen'));
    expect(await db.companies.get(acme.id)).toMatchObject({ domains: ['acme.com', 'acme.co.za'] });
    expect((await db.companies.get(acmeZa.id))?.deletedAt).toBeDefined();
    expect((dashboard.get('.company-merge input').element as HTMLInputElement).value).toBe('');
  });
});
