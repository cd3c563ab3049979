import { mount } from '@vue/test-utils';
import ContactAddForm from '@/components/ContactAddForm.vue';
import ContactCard from '@/components/ContactCard.vue';
import type { Company, Contact } from '@/lib/schema';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const company: Company = { id: crypto.randomUUID(), name: 'Acme', domains: ['acme.example'], createdAt: 1, updatedAt: 1 };
const contact: Contact = {
  id: crypto.randomUUID(),
  name: 'Ann Lee',
  title: 'Head of Procurement',
  emails: ['ann@acme.example', 'ann.lee@gmail.com'],
  companyId: company.id,
  tags: [],
  createdAt: 1,
  updatedAt: 1,
};

describe('ContactCard', () => {
  it('shows the name, title, company and every address', () => {
    const card = mount(ContactCard, { props: { contact, company } });
    expect(card.get('[data-testid=contact-name]').text()).toBe('Ann Lee');
    expect(card.text()).toContain('Head of Procurement');
    expect(card.get('[data-testid=contact-company]').text()).toBe('Acme');
    expect(card.findAll('.emails-address').map((e) => e.text())).toEqual(['ann@acme.example', 'ann.lee@gmail.com']);
  });

  it('renders a hostile name as text', () => {
    const card = mount(ContactCard, { props: { contact: { ...contact, name: HOSTILE } } });
    expect(card.get('[data-testid=contact-name]').text()).toBe(HOSTILE);
    expect(card.find('img').exists()).toBe(false);
  });
});

describe('ContactAddForm', () => {
  const person = { name: 'Bo Chen', email: 'bo@initech-systems.example' };

  it('is prefilled from the email so one click adds the contact', async () => {
    const form = mount(ContactAddForm, { props: { person, saving: false, error: null } });
    expect((form.get('input[name=name]').element as HTMLInputElement).value).toBe('Bo Chen');
    expect((form.get('input[name=company]').element as HTMLInputElement).value).toBe('Initech Systems');
    await form.get('button[type=submit]').trigger('submit');
    expect(form.emitted('add')).toEqual([[{ name: 'Bo Chen', emails: ['bo@initech-systems.example'], companyName: 'Initech Systems' }]]);
  });

  it('sends what the user edited', async () => {
    const form = mount(ContactAddForm, { props: { person, saving: false, error: null } });
    await form.get('input[name=name]').setValue('Bo Chen-Li');
    await form.get('input[name=company]').setValue('');
    await form.get('form').trigger('submit');
    expect(form.emitted('add')?.[0]).toEqual([{ name: 'Bo Chen-Li', emails: ['bo@initech-systems.example'], companyName: undefined }]);
  });

  it('offers no company field when the domain already names a company', async () => {
    const form = mount(ContactAddForm, { props: { person: { name: 'Cy', email: 'cy@acme.example' }, company, saving: false, error: null } });
    expect(form.find('input[name=company]').exists()).toBe(false);
    expect(form.text()).toContain('Acme');
    await form.get('form').trigger('submit');
    expect(form.emitted('add')?.[0]).toEqual([{ name: 'Cy', emails: ['cy@acme.example'], companyName: undefined }]);
  });

  it('falls back to the address when Gmail gave no name, and guesses no company for free mail', () => {
    const form = mount(ContactAddForm, { props: { person: { name: '', email: 'dee.dee@gmail.com' }, saving: false, error: null } });
    expect((form.get('input[name=name]').element as HTMLInputElement).value).toBe('dee.dee');
    expect((form.get('input[name=company]').element as HTMLInputElement).value).toBe('');
  });

  it('shows why saving failed and disables the button while saving', () => {
    const form = mount(ContactAddForm, { props: { person, saving: true, error: 'bo@initech-systems.example already belongs to Bo' } });
    expect(form.get('[role=alert]').text()).toBe('bo@initech-systems.example already belongs to Bo');
    expect(form.get('button[type=submit]').attributes('disabled')).toBeDefined();
  });

  it('keeps a hostile sender name as plain text in the field', () => {
    const form = mount(ContactAddForm, { props: { person: { name: HOSTILE, email: 'x@evil.example' }, saving: false, error: null } });
    expect((form.get('input[name=name]').element as HTMLInputElement).value).toBe(HOSTILE);
    expect(form.find('img').exists()).toBe(false);
  });
});
