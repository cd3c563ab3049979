import { flushPromises, mount, type DOMWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ContactCard from '@/components/ContactCard.vue';
import ContactCardEmails from '@/components/ContactCardEmails.vue';
import DealsPanel from '@/components/DealsPanel.vue';
import HistoryPanelItem from '@/components/HistoryPanelItem.vue';
import LogPanelNeverLog from '@/components/LogPanelNeverLog.vue';
import TheSidebar from '@/components/TheSidebar.vue';
import { db } from '@/lib/db';
import type { FrameChannel } from '@/lib/frame-channel';
import type { HistoryEntry } from '@/lib/history';
import { SOURCE } from '@/lib/messages';
import type { Contact, InteractionKind } from '@/lib/schema';
import { useGmailStore } from '@/stores/gmail';
import { mountPanel } from './panel-helpers';

// Icons are SVG, never characters that need an emoji or symbol font (which shows empty boxes
// where none is installed).

const T0 = Date.UTC(2025, 0, 1, 9);
const contact: Contact = {
  id: crypto.randomUUID(),
  name: 'Priya Raman',
  emails: ['priya@acme.example', 'p.raman@acme.example'],
  tags: [],
  createdAt: T0,
  updatedAt: T0,
};

/** Emoji, dingbats, arrows and geometric shapes (✎ 🗑 ⋮ ❯ ▸ …), and the multiplication sign. */
const SYMBOL = /[\p{Extended_Pictographic}\u2190-\u2BFF\u00D7]/u;

/** The name a screen reader announces: aria-label, else the text outside aria-hidden parts. */
function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const text = (n: Node): string =>
    n.nodeType === Node.TEXT_NODE ? (n.textContent ?? '') : n instanceof Element && n.getAttribute('aria-hidden') === 'true' ? '' : [...n.childNodes].map(text).join('');
  return text(el).replace(/\s+/g, ' ').trim();
}

/** The control shows one SVG icon, hidden from screen readers, no symbol text, and keeps its name. */
function expectIconButton(control: Pick<DOMWrapper<Element>, 'element' | 'findAll' | 'text'>, name: string) {
  expect(accessibleName(control.element)).toBe(name);
  const svgs = control.findAll('svg');
  expect(svgs).toHaveLength(1);
  expect(svgs[0]!.attributes('aria-hidden')).toBe('true');
  expect(control.text()).not.toMatch(SYMBOL);
}

const byName = (root: { findAll: (s: string) => DOMWrapper<Element>[] }, selector: string, name: string) => {
  const found = root.findAll(selector).filter((b) => accessibleName(b.element) === name);
  expect(found, `${selector} named "${name}"`).toHaveLength(1);
  return found[0]!;
};

describe('icons', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
    setActivePinia(createPinia());
  });

  it('the contact card: edit, and remove an address, are SVG icons on named buttons', () => {
    const card = mount(ContactCard, { props: { contact } });
    expectIconButton(byName(card, 'button', 'Edit contact'), 'Edit contact');
    const emails = mount(ContactCardEmails, { props: { emails: contact.emails } });
    expectIconButton(byName(emails, 'button', 'Remove priya@acme.example'), 'Remove priya@acme.example');
    expectIconButton(byName(emails, 'button', 'Remove p.raman@acme.example'), 'Remove p.raman@acme.example');
  });

  it('the sidebar header: menu and collapse are SVG icons on named buttons', async () => {
    const channel: FrameChannel = { send: () => {}, close: () => {} };
    useGmailStore().attach(channel);
    const sidebar = mount(TheSidebar);
    useGmailStore().receive({ source: SOURCE, type: 'thread', thread: null, account: 'me@sidecar.example' });
    await flushPromises();
    expectIconButton(byName(sidebar, 'button', 'Menu'), 'Menu');
    expectIconButton(byName(sidebar, 'button', 'Collapse sidebar'), 'Collapse sidebar');
    expect(sidebar.get('.sidebar-header').text()).not.toMatch(SYMBOL);
  });

  it('the logging options toggle is an SVG icon with its name', () => {
    const options = mount(LogPanelNeverLog, { props: { contact, company: null, busy: false } });
    expectIconButton(options.get('summary'), 'Logging options');
  });

  it('the closed deals toggle shows a chevron that turns when opened, and keeps its name', async () => {
    await db.contacts.add(contact);
    await db.deals.add({
      id: crypto.randomUUID(), contactId: contact.id, title: 'Q3 pilot', stage: 'lost', lostReason: 'Budget', closedAt: T0,
      amountMinor: 100, currency: 'EUR', gmailThreadIds: [], createdAt: T0, updatedAt: T0,
    });
    const panel = await mountPanel(DealsPanel, contact);
    for (let i = 0; i < 100 && !panel.find('.deals-panel-toggle').exists(); i++) await new Promise((r) => setTimeout(r, 5));
    const toggle = panel.get('.deals-panel-toggle');
    expectIconButton(toggle, '1 closed');
    expect(toggle.get('svg').classes()).toContain('lucide-chevron-right');
    await toggle.trigger('click');
    expectIconButton(toggle, '1 closed');
    expect(toggle.get('svg').classes()).toContain('lucide-chevron-down');
  });

  const interaction = (kind: InteractionKind): HistoryEntry => ({
    source: 'interaction', id: kind, at: T0,
    record: { id: crypto.randomUUID(), contactId: contact.id, kind, subject: `A ${kind}`, occurredAt: T0, createdAt: T0, updatedAt: T0 },
  });
  const entries: [HistoryEntry, string, string][] = [
    [interaction('email-in'), 'Email', 'email received'],
    [interaction('email-out'), 'Email', 'email sent'],
    [interaction('call'), 'Call', 'call'],
    [interaction('meeting'), 'Meeting', 'meeting'],
    [interaction('note'), 'Note', 'note'],
    [interaction('stage-change'), 'Deal', 'deal stage'],
    [{
      source: 'satisfaction', id: 's', at: T0,
      record: { id: crypto.randomUUID(), contactId: contact.id, kind: 'nps', score: 9, occurredAt: T0, createdAt: T0, updatedAt: T0 },
    }, 'Satisfaction', 'nps 9/10'],
    [{
      source: 'follow-up', id: 'f', at: T0,
      record: { id: crypto.randomUUID(), contactId: contact.id, dueAt: T0, status: 'done', doneAt: T0, ifNoReply: false, createdAt: T0, updatedAt: T0 },
    }, 'Follow-up', 'follow-up done'],
  ];

  it.each(entries)('a history entry shows its kind as a named SVG image, and SVG icons on its edit and delete buttons (%#)', async (entry, kind, label) => {
    const item = mount(HistoryPanelItem, { props: { entry } });
    const icon = item.get('.history-item-icon svg');
    expect(icon.attributes('role')).toBe('img');
    expect(icon.attributes('aria-label')).toBe(kind);
    expect(icon.attributes('aria-hidden')).toBeUndefined();
    expect(item.text()).not.toMatch(SYMBOL);

    const when = item.get('time').text();
    const edit = item.find('.history-item-edit');
    const del = item.find('.history-item-delete');
    // A stage change belongs to its deal, a done follow-up to Follow-ups: those two are not edited.
    expect(edit.exists()).toBe(entry.source === 'satisfaction' || (entry.source === 'interaction' && entry.record.kind !== 'stage-change'));
    if (edit.exists()) expectIconButton(edit, `Edit ${label} of ${when}`);
    expect(del.exists()).toBe(entry.source !== 'follow-up');
    if (del.exists()) expectIconButton(del, `Delete ${label} of ${when}`);
  });
});
