import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import SatisfactionPanel from '@/components/SatisfactionPanel.vue';
import { db } from '@/lib/db';
import type { Contact, Satisfaction } from '@/lib/schema';
import { mountPanel } from './panel-helpers';

const T0 = Date.UTC(2025, 2, 10, 12);

const contact: Contact = {
  id: crypto.randomUUID(),
  name: 'Priya Raman',
  emails: ['priya@acme.example'],
  tags: [],
  createdAt: T0,
  updatedAt: T0,
};
const csat = (score: number, at: number, note?: string): Satisfaction => ({
  id: crypto.randomUUID(),
  contactId: contact.id,
  kind: 'csat',
  score,
  ...(note ? { note } : {}),
  touchpoint: 'call',
  occurredAt: at,
  createdAt: at,
  updatedAt: at,
});

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('SatisfactionPanel', () => {
  let panel: VueWrapper;
  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.contacts.add(contact);
    await db.settings.put({ key: 'locale', value: 'en-US' });
    setActivePinia(createPinia());
  });
  afterEach(() => panel?.unmount());

  const latest = () => panel.find('[data-testid=satisfaction-latest]');
  const trend = () => panel.find('svg[role=img]');

  it('shows the latest score with its kind, date and comment, and the trend in words', async () => {
    await db.satisfaction.bulkAdd([csat(3, T0 - 2000), csat(4, T0 - 1000), csat(5, T0, 'Loved the call')]);
    panel = await mountPanel(SatisfactionPanel, contact);
    await until(() => latest().exists());
    expect(latest().text()).toContain('CSAT 5/5');
    expect(latest().text()).toContain('Mar 10, 2025');
    expect(latest().text()).toContain('“Loved the call”');
    expect(trend().attributes('aria-label')).toBe('CSAT trend: 3, 4, 5, rising');
    expect(panel.findAll('circle')).toHaveLength(3);
  });

  it('says when there are no scores yet', async () => {
    panel = await mountPanel(SatisfactionPanel, contact);
    await until(() => panel.text().includes('No scores yet'));
    expect(trend().exists()).toBe(false);
  });

  it('records a score, which becomes the latest and extends the trend', async () => {
    await db.satisfaction.add(csat(5, T0));
    panel = await mountPanel(SatisfactionPanel, contact);
    await until(() => latest().exists());
    await panel.get('button.satisfaction-add').trigger('click');
    const form = panel.get('form[aria-label="Record satisfaction"]');
    await form.get('input[name=score][value="2"]').setValue(true);
    await form.get('select[name=touchpoint]').setValue('support');
    await form.get('textarea[name=note]').setValue('Slow ticket');
    await form.trigger('submit');
    await until(() => latest().text().includes('CSAT 2/5'));
    expect(latest().text()).toContain('support');
    expect(latest().text()).toContain('Slow ticket');
    expect(trend().attributes('aria-label')).toBe('CSAT trend: 5, 2, falling');
    expect(panel.find('form').exists()).toBe(false);
  });

  it('offers the 0-10 scale for NPS and keeps NPS apart from CSAT in the trends', async () => {
    await db.satisfaction.add(csat(4, T0));
    panel = await mountPanel(SatisfactionPanel, contact);
    await until(() => latest().exists());
    await panel.get('button.satisfaction-add').trigger('click');
    await panel.get('input[name=kind][value=nps]').setValue(true);
    expect(panel.findAll('input[name=score]').map((i) => (i.element as HTMLInputElement).value)).toEqual(
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    );
    await panel.get('input[name=score][value="9"]').setValue(true);
    await panel.get('form').trigger('submit');
    await until(() => latest().text().includes('NPS 9/10'));
    expect(latest().text()).toContain('promoter');
    expect(panel.findAll('svg[role=img]').map((s) => s.attributes('aria-label'))).toEqual(['CSAT trend: 4', 'NPS trend: 9']);
  });

  it('says in words that a score is missing, and writes nothing', async () => {
    panel = await mountPanel(SatisfactionPanel, contact);
    await until(() => panel.text().includes('No scores yet'));
    await panel.get('button.satisfaction-add').trigger('click');
    await panel.get('form').trigger('submit');
    await until(() => panel.find('[role=alert]').exists());
    expect(panel.get('[role=alert]').text()).toBe('Choose a score');
    expect(await db.satisfaction.count()).toBe(0);
  });
});
