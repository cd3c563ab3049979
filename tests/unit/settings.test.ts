import { mount } from '@vue/test-utils';
import ContactCardForm from '@/components/ContactCardForm.vue';
import { createPinia, setActivePinia } from 'pinia';
import DashboardSettings from '@/components/DashboardSettings.vue';
import FollowUpsPanelPicker from '@/components/FollowUpsPanelPicker.vue';
import TheDashboard from '@/components/TheDashboard.vue';
import { db } from '@/lib/db';
import { recognize } from '@/lib/recognize';
import { formatTimeOfDay } from '@/lib/followups-time';
import { readSettings, saveSetting, splitList } from '@/lib/settings';
import type { Company } from '@/lib/schema';
import { usePipelineStore } from '@/stores/pipeline';
import { until } from './panel-helpers';

const acme: Company = { id: crypto.randomUUID(), name: 'Acme', domains: ['acme.example'], createdAt: 1, updatedAt: 1 };

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.companies.add(acme);
  setActivePinia(createPinia());
});

describe('settings that decide who is a customer', () => {
  it('never takes a company for the user’s own organisation or a free-mail provider they named', async () => {
    expect((await recognize(db, 'thandi@acme.example')).kind).toBe('company');
    await saveSetting(db, 'ownDomains', ['acme.example']);
    expect((await recognize(db, 'thandi@acme.example')).kind).toBe('unknown');
    await saveSetting(db, 'ownDomains', []);
    await saveSetting(db, 'freeMailDomains', ['acme.example']);
    expect((await recognize(db, 'thandi@acme.example')).kind).toBe('unknown');
    await saveSetting(db, 'freeMailDomains', []);
    await saveSetting(db, 'ownAddresses', ['me@acme.example']);
    expect((await recognize(db, 'thandi@acme.example')).kind).toBe('unknown');
  });

  it('knows South African and Malawian personal mail for what it is', async () => {
    await db.companies.add({ ...acme, id: crypto.randomUUID(), name: 'MWEB', domains: ['mweb.co.za', 'malawi.net'] });
    expect((await recognize(db, 'sipho@mweb.co.za')).kind).toBe('unknown');
    expect((await recognize(db, 'chikondi@malawi.net')).kind).toBe('unknown');
  });

  it('splits a pasted list on commas, spaces and lines', () => {
    expect(splitList(' A@x.example, b@y.example\n\nc.example;c.example ')).toEqual(['a@x.example', 'b@y.example', 'c.example']);
  });
});

describe('the settings view', () => {
  
  it('sets a cadence for a tag and for open deals, and Today’s list follows at once', async () => {
    const T = Date.now() - 40 * 86_400_000;
    await db.contacts.bulkAdd([
      { id: crypto.randomUUID(), name: 'Thandi Nkosi', emails: ['thandi@acme.example'], tags: ['wholesale'], createdAt: T, updatedAt: T },
      { id: crypto.randomUUID(), name: 'Omar Haddad', emails: ['omar@acme.example'], tags: ['retail'], createdAt: T, updatedAt: T },
    ]);
    const view = mount(DashboardSettings);
    await until(() => view.find('form[aria-label="Stay in touch"] select[name=tag] option[value=wholesale]').exists());
    const form = view.get('form[aria-label="Stay in touch"]');
    await form.get('select[name=openDeal]').setValue('0');
    await form.get('select[name=tag]').setValue('wholesale');
    await form.get('select[name=tagDays]').setValue('14');
    await form.findAll('button').find((b) => b.text() === 'Add')!.trigger('click');
    expect(form.get('ul[aria-label="Cadences by tag"]').text()).toContain('wholesale');
    await form.trigger('submit');
    await until(() => view.text().includes('Saved.'));
    expect((await readSettings(db)).cadences).toEqual({ openDeal: 0, tags: [{ tag: 'wholesale', days: 14 }] });
    expect((await db.stayInTouch.toArray()).map((r) => r.days)).toEqual([14]);
  });

  it('offers the contact’s own cadence on its card, unset by default', async () => {
    const contact = { id: crypto.randomUUID(), name: 'Thandi Nkosi', emails: ['thandi@acme.example'], tags: [], createdAt: 1, updatedAt: 1 };
    const card = mount(ContactCardForm, { props: { contact } });
    const select = card.get<HTMLSelectElement>('select[name=cadence]');
    expect(select.element.selectedOptions[0]!.text).toBe('As the settings say');
    expect(select.findAll('option').map((o) => o.text())).toContain('Every 90 days');
    await select.setValue(select.findAll('option').find((o) => o.text() === 'Every 7 days')!.element.value);
    await card.get('form').trigger('submit');
    expect(card.emitted('save')![0]![0]).toMatchObject({ cadenceDays: 7 });
  });

  const form = (view: ReturnType<typeof mount>, name: string) => view.get(`form[aria-label="${name}"]`);

  it('refuses a list with one bad entry and keeps what was saved; saves a good one', async () => {
    const view = mount(DashboardSettings);
    await until(() => view.find('form[aria-label="Your organisation’s domains"]').exists());
    const domains = form(view, 'Your organisation’s domains');
    await domains.get('textarea').setValue('acme.example, not a domain!');
    await domains.trigger('submit');
    await until(() => domains.find('[role=alert]').exists());
    expect(domains.get('[role=alert]').text()).toContain('is not a domain name');
    expect((await readSettings(db)).ownDomains).toEqual([]);

    await domains.get('textarea').setValue('Acme.example\nacme-group.example');
    await domains.trigger('submit');
    await until(() => domains.find('[role=status]').exists());
    expect((await readSettings(db)).ownDomains).toEqual(['acme.example', 'acme-group.example']);
  });

  it('changes the weighted value of the pipeline’s columns, and refuses more than 100%', async () => {
    const view = mount(DashboardSettings);
    await until(() => view.find('form[aria-label="Stage probabilities"]').exists());
    const stages = form(view, 'Stage probabilities');
    expect((stages.get('input[name=proposal]').element as HTMLInputElement).value).toBe('50');
    await stages.get('input[name=proposal]').setValue('150');
    await stages.trigger('submit');
    await until(() => stages.find('[role=alert]').exists());
    expect(stages.get('[role=alert]').text()).toContain('at most 100%');

    await stages.get('input[name=proposal]').setValue('40');
    await stages.trigger('submit');
    await until(() => stages.find('[role=status]').exists());
    const pipeline = usePipelineStore();
    await until(() => pipeline.board?.columns.find((c) => c.stage === 'proposal')?.probability === 0.4);
  });

  it('applies the chosen theme to the dashboard at once', async () => {
    history.replaceState(null, '', '#settings');
    const dashboard = mount(TheDashboard);
    await until(() => dashboard.find('input[value=dark]').exists());
    await dashboard.get('input[value=dark]').setValue(true);
    await until(() => document.documentElement.dataset.theme === 'dark');
    expect((await readSettings(db)).theme).toBe('dark');
    await dashboard.get('input[value=light]').setValue(true);
    await until(() => document.documentElement.dataset.theme === 'light');
  });

  it('moves the quick picks to the chosen reminder time, in the sidebar’s follow-ups too', async () => {
    const view = mount(DashboardSettings);
    await until(() => view.find('form[aria-label="Default reminder time"]').exists());
    const time = form(view, 'Default reminder time');
    expect((time.get('input').element as HTMLInputElement).value).toBe('09:00');
    await time.get('input').setValue('07:30');
    await time.trigger('submit');
    await until(() => time.find('[role=status]').exists());
    expect((await readSettings(db)).reminderTime).toEqual({ hour: 7, minute: 30 });

    const picker = mount(FollowUpsPanelPicker, { props: { hasThread: false, saving: false } });
    const label = `Tomorrow ${formatTimeOfDay({ hour: 7, minute: 30 })}`;
    await until(() => picker.text().includes(label));
    await picker.findAll('button').find((b) => b.text() === label)!.trigger('click');
    const dueAt = (picker.emitted('schedule')![0]![0] as { dueAt: number }).dueAt;
    expect([new Date(dueAt).getHours(), new Date(dueAt).getMinutes()]).toEqual([7, 30]);
  });
});
