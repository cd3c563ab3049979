import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import HistoryPanel from '@/components/HistoryPanel.vue';
import LogPanel from '@/components/LogPanel.vue';
import { db } from '@/lib/db';
import type { Contact, Interaction } from '@/lib/schema';
import { useCurrentContactStore } from '@/stores/currentContact';
import { mountPanel } from './panel-helpers';

const T0 = Date.UTC(2025, 0, 1);
const contact: Contact = { id: crypto.randomUUID(), name: 'Priya Raman', emails: ['priya.raman@acme.example'], tags: [], createdAt: 1, updatedAt: 1 };
const interaction = (i: number, extra: Partial<Interaction> = {}): Interaction => ({
  id: crypto.randomUUID(), contactId: contact.id, kind: 'email-in', subject: `Email ${i}`, occurredAt: T0 + i * 60_000,
  createdAt: 1, updatedAt: 1, ...extra,
});

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(check()).toBe(true);
}

describe('HistoryPanel', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    setActivePinia(createPinia());
    await db.contacts.add(contact);
  });

  const titles = (w: ReturnType<typeof mount>) => w.findAll('[data-testid=history-list] li .history-item-title').map((t) => t.text());

  it('shows the newest 50 entries first, then the next 50 on "Load more"', async () => {
    await db.interactions.bulkAdd(Array.from({ length: 120 }, (_, i) => interaction(i)));
    const panel = await mountPanel(HistoryPanel, contact);
    await until(() => titles(panel).length === 50);
    expect(titles(panel).slice(0, 2)).toEqual(['Email 119', 'Email 118']);
    expect(titles(panel).at(-1)).toBe('Email 70');

    await panel.get('.history-panel-more button').trigger('click');
    await until(() => titles(panel).length === 100);
    expect(titles(panel).slice(49, 51)).toEqual(['Email 70', 'Email 69']);
    await panel.get('.history-panel-more button').trigger('click');
    await until(() => titles(panel).length === 120);
    expect(new Set(titles(panel)).size).toBe(120);
    expect(panel.find('.history-panel-more').exists()).toBe(false);
  });

  it('filters by kind with the chips, and says when there is nothing of that kind', async () => {
    await db.interactions.bulkAdd([interaction(1), interaction(2, { kind: 'call', subject: 'Discovery call' })]);
    await db.satisfaction.add({ id: crypto.randomUUID(), contactId: contact.id, kind: 'nps', score: 9, note: 'Happy', occurredAt: T0, createdAt: 1, updatedAt: 1 });
    const panel = await mountPanel(HistoryPanel, contact);
    await until(() => panel.findAll('[data-testid=history-list] li').length === 3);

    const chip = (name: string) => panel.findAll('button[aria-pressed]').find((b) => b.text() === name)!;
    await chip('Calls').trigger('click');
    await until(() => titles(panel).join() === 'Discovery call');
    expect(chip('Calls').attributes('aria-pressed')).toBe('true');
    await chip('Satisfaction').trigger('click');
    await until(() => panel.text().includes('NPS 9/10'));
    await chip('Meetings').trigger('click');
    await until(() => panel.text().includes('Nothing of this kind yet.'));
  });

  it('puts an interaction logged from the sidebar at the top at once', async () => {
    await db.interactions.bulkAdd([interaction(1), interaction(2)]);
    const history = await mountPanel(HistoryPanel, contact);
    const log = await mountPanel(LogPanel, contact);
    await until(() => titles(history).length === 2);

    await log.get('button.log-panel-open').trigger('click');
    await log.get('select[name=kind]').setValue('meeting');
    await log.get('input[name=subject]').setValue('On-site workshop');
    await log.get('textarea[name=summary]').setValue('Walked through the rollout plan.');
    await log.get('form').trigger('submit');
    await until(() => titles(history)[0] === 'On-site workshop');
    expect(history.get('[data-testid=history-list] li').text()).toContain('Meeting');
    expect(log.find('form').exists()).toBe(false);
  });

  it('deletes an entry after a confirmation, and keeps it when the user says Keep', async () => {
    const doomed = interaction(2, { subject: 'Wrong contact', body: 'Meant for someone else' });
    await db.interactions.bulkAdd([interaction(1), doomed]);
    await db.satisfaction.add({ id: crypto.randomUUID(), contactId: contact.id, kind: 'csat', score: 2, occurredAt: T0, createdAt: 1, updatedAt: 1 });
    const panel = await mountPanel(HistoryPanel, contact);
    await until(() => panel.findAll('[data-testid=history-list] li').length === 3);
    const deleteButton = (i: number) => panel.findAll('[data-testid=history-list] li')[i]!.get('.history-item-delete');

    await deleteButton(0).trigger('click');
    expect(panel.text()).toContain('Delete this entry?');
    await panel.findAll('.history-item-confirm button').find((b) => b.text() === 'Keep')!.trigger('click');
    expect(panel.find('.history-item-confirm').exists()).toBe(false);
    expect((await db.interactions.get(doomed.id))!.deletedAt).toBeUndefined();

    expect(deleteButton(0).attributes('aria-label')).toMatch(/^Delete email received of /);
    await deleteButton(0).trigger('click');
    await panel.findAll('.history-item-confirm button').find((b) => b.text() === 'Delete')!.trigger('click');
    await until(() => titles(panel).join() === 'Email 1');
    expect((await db.interactions.get(doomed.id))!.deletedAt).toBeDefined();
    expect(panel.findAll('[data-testid=history-list] li')).toHaveLength(2);

    // The score goes the same way; then nothing but "Email 1" is left.
    const scoreRow = panel.findAll('[data-testid=history-list] li').find((li) => li.text().includes('CSAT 2/5'))!;
    await scoreRow.get('.history-item-delete').trigger('click');
    await scoreRow.findAll('.history-item-confirm button').find((b) => b.text() === 'Delete')!.trigger('click');
    await until(() => panel.findAll('[data-testid=history-list] li').length === 1);
    expect(panel.find('[role=alert]').exists()).toBe(false);
  });

  it('moves the keyboard to "Keep" when it asks, and back to the bin on Escape', async () => {
    await db.interactions.add(interaction(1));
    const panel = await mountPanel(HistoryPanel, contact, { attachTo: document.body });
    await until(() => titles(panel).length === 1);
    await panel.get('.history-item-delete').trigger('click');
    await flushPromises();
    expect(document.activeElement?.textContent).toBe('Keep');
    await panel.get('.history-item-confirm').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(panel.find('.history-item-confirm').exists()).toBe(false);
    expect(document.activeElement).toBe(panel.get('.history-item-delete').element);
    expect((await db.interactions.toArray())[0]!.deletedAt).toBeUndefined();
    panel.unmount();
  });

  it('says why a deletion failed when the entry was deleted elsewhere meanwhile', async () => {
    const row = interaction(1);
    await db.interactions.add(row);
    const panel = await mountPanel(HistoryPanel, contact);
    await until(() => titles(panel).length === 1);
    await panel.get('.history-item-delete').trigger('click');
    const confirm = panel.findAll('.history-item-confirm button').find((b) => b.text() === 'Delete')!;
    // Another tab deletes it between the question and the answer.
    await db.interactions.update(row.id, { deletedAt: T0, updatedAt: T0 });
    await confirm.trigger('click');
    await until(() => panel.find('[role=alert]').exists());
    expect(panel.get('[role=alert]').text()).toBe('Could not delete the entry: This entry no longer exists.');

    // The message belongs to that contact's history, not to the next one shown.
    const other: Contact = { ...contact, id: crypto.randomUUID(), name: 'Lena Fischer', emails: ['lena@fischer.example'] };
    await db.contacts.add(other);
    const current = useCurrentContactStore();
    current.open(other.id);
    // The deleted entry left this history empty too: wait for the switch itself, not the empty text.
    await until(() => current.contactId === other.id && panel.text().includes('Nothing logged yet.'));
    expect(panel.find('[role=alert]').exists()).toBe(false);
  });

  it('corrects an entry in place: the form starts from it, Save keeps the change, Cancel drops it', async () => {
    await db.interactions.bulkAdd([interaction(1), interaction(2, { kind: 'call', subject: 'Discovery cal', body: 'Budget approved' })]);
    const panel = await mountPanel(HistoryPanel, contact);
    await until(() => titles(panel).length === 2);
    const first = () => panel.findAll('[data-testid=history-list] li')[0]!;

    await first().get('.history-item-edit').trigger('click');
    const form = () => panel.get('form[aria-label="Edit the entry"]');
    expect((form().get('select[name=kind]').element as HTMLSelectElement).value).toBe('call');
    expect((form().get('input[name=subject]').element as HTMLInputElement).value).toBe('Discovery cal');
    expect((form().get('textarea[name=summary]').element as HTMLTextAreaElement).value).toBe('Budget approved');

    // A rejected save keeps the form and what was typed, and says why.
    await form().get('input[name=subject]').setValue('');
    await form().get('textarea[name=summary]').setValue('');
    await form().trigger('submit');
    await until(() => form().find('[role=alert]').exists());
    expect(form().get('[role=alert]').text()).toContain('Write a subject or a summary');

    await form().get('input[name=subject]').setValue('Discovery call');
    await form().get('textarea[name=summary]').setValue('Budget approved for Q3');
    await form().trigger('submit');
    await until(() => titles(panel)[0] === 'Discovery call');
    expect(panel.find('form').exists()).toBe(false);
    expect(first().text()).toContain('Budget approved for Q3');

    await first().get('.history-item-edit').trigger('click');
    await form().get('input[name=subject]').setValue('Never saved');
    await panel.findAll('form button').find((b) => b.text() === 'Cancel')!.trigger('click');
    expect(panel.find('form').exists()).toBe(false);
    expect(titles(panel)[0]).toBe('Discovery call');
    expect((await db.interactions.toArray()).map((r) => r.subject).sort()).toEqual(['Discovery call', 'Email 1']);
  });

  it('corrects a score in place from the history', async () => {
    const given = { id: crypto.randomUUID(), contactId: contact.id, kind: 'csat' as const, score: 2, note: 'Slow', occurredAt: T0, createdAt: 1, updatedAt: 1 };
    await db.satisfaction.add(given);
    const panel = await mountPanel(HistoryPanel, contact);
    await until(() => panel.text().includes('CSAT 2/5'));

    await panel.get('.history-item-edit').trigger('click');
    const form = panel.get('form[aria-label="Edit the score"]');
    expect((form.get('input[name=score][value="2"]').element as HTMLInputElement).checked).toBe(true);
    expect((form.get('textarea[name=note]').element as HTMLTextAreaElement).value).toBe('Slow');
    await form.get('input[name=score][value="4"]').setValue(true);
    await form.get('textarea[name=note]').setValue('Fixed within the hour');
    await form.trigger('submit');
    await until(() => panel.text().includes('CSAT 4/5'));
    expect(panel.find('form').exists()).toBe(false);
    expect(panel.text()).toContain('Fixed within the hour');
    expect(await db.satisfaction.get(given.id)).toMatchObject({ score: 4, note: 'Fixed within the hour', occurredAt: T0 });
  });

  it('offers no edit for a deal stage change, and no delete for a completed follow-up, which belongs to Follow-ups', async () => {
    await db.followUps.add({ id: crypto.randomUUID(), contactId: contact.id, dueAt: T0, status: 'done', doneAt: T0, ifNoReply: false, note: 'Sent the deck', createdAt: 1, updatedAt: 1 });
    const panel = await mountPanel(HistoryPanel, contact);
    await db.interactions.add(interaction(1, { kind: 'stage-change', subject: 'Pilot: lead → qualified' }));
    await until(() => panel.text().includes('Follow-up done') && panel.text().includes('Pilot: lead'));
    const row = (text: string) => panel.findAll('[data-testid=history-list] li').find((li) => li.text().includes(text))!;
    expect(row('Follow-up done').find('.history-item-delete').exists()).toBe(false);
    expect(row('Follow-up done').find('.history-item-edit').exists()).toBe(false);
    expect(row('Follow-up done').find('.history-item-actions').exists()).toBe(false);
    expect(row('Pilot: lead').find('.history-item-edit').exists()).toBe(false);
    expect(row('Pilot: lead').find('.history-item-delete').exists()).toBe(true);
  });

  it('explains a rejected entry in the form and keeps what was typed', async () => {
    const log = await mountPanel(LogPanel, contact);
    await log.get('button.log-panel-open').trigger('click');
    await log.get('input[name=occurredAt]').setValue('');
    await log.get('input[name=subject]').setValue('Call');
    await log.get('form').trigger('submit');
    await until(() => log.find('[role=alert]').exists());
    expect(log.get('[role=alert]').text()).toContain('Enter the date and time it happened');
    expect((log.get('input[name=subject]').element as HTMLInputElement).value).toBe('Call');
    expect(await db.interactions.count()).toBe(0);
  });
});
