// Sample records for the demo inbox: people from the saved Gmail pages, their companies, a few
// deals, interactions and follow-ups. Omar Haddad (Initech) is left out on purpose, so the demo
// also shows how an unknown sender is added in one click.

/** Rows of tests/fixtures/gmail/inbox.html and the saved thread each one opens. */
export const DEMO_THREADS = [
  { row: 0, file: 'thread-single.html', hash: '#inbox/FMfcgzQbgRnJvXwLpTzKdMsCqHhWbBjN', expect: 'Priya Raman' },
  { row: 1, file: 'thread-long-collapsed.html', hash: '#inbox/FMfcgzQbgRnKsTzWqBvLxJpMdNcHfGhS', expect: 'Daniel Okafor' },
  { row: 3, file: 'thread-multi-sender.html', hash: '#inbox/FMfcgzQbgRnMtVbLcXwPzQsDkJhGfNrT', expect: 'Carla Díaz' },
  { row: 4, file: 'thread-sent-by-me.html', hash: '#inbox/FMfcgzQbgRnPqWsZxLbTcVmKjHdGfNsR', expect: 'Omar Haddad' },
];

const DAY = 86_400_000;

export function demoData(now = Date.now()) {
  const at = (days) => Math.round(now + days * DAY);
  const stamp = (days) => ({ createdAt: at(days), updatedAt: at(days) });
  const id = () => crypto.randomUUID();

  const companies = [
    { id: id(), name: 'Acme', domains: ['acme.example'], ...stamp(-120) },
    { id: id(), name: 'Northwind Traders', domains: ['northwind.example'], ...stamp(-90) },
    { id: id(), name: 'Globex', domains: ['globex.example'], ...stamp(-60) },
    { id: id(), name: 'Fabrikam', domains: ['fabrikam.example'], ...stamp(-30) },
  ];
  const [acme, northwind, globex, fabrikam] = companies;
  const person = (name, emails, company, title, days) => ({
    id: id(),
    name,
    emails,
    companyId: company.id,
    title,
    tags: [],
    ...stamp(days),
  });
  const contacts = [
    person('Priya Raman', ['priya.raman@acme.example', 'priya@acme.example'], acme, 'VP Operations', -110),
    person('Daniel Okafor', ['daniel.okafor@northwind.example'], northwind, 'Head of IT', -85),
    person('Lena Fischer', ['lena.fischer@northwind.example'], northwind, 'Project Manager', -80),
    person('Carla Díaz', ['carla.diaz@globex.example'], globex, 'Procurement Lead', -55),
    person('Ben Wu', ['ben.wu@fabrikam.example'], fabrikam, 'Partner Manager', -25),
  ];
  const [priya, daniel, , carla] = contacts;

  const deal = (contact, company, title, stage, amountMinor, closeInDays) => ({
    id: id(),
    contactId: contact.id,
    companyId: company.id,
    title,
    stage,
    amountMinor,
    currency: 'EUR',
    expectedCloseAt: at(closeInDays),
    gmailThreadIds: [],
    ...stamp(-20),
  });
  const deals = [
    deal(priya, acme, 'Q3 pilot, 40 seats', 'proposal', 4_800_000, 21),
    deal(daniel, northwind, 'Onboarding package', 'negotiation', 1_250_000, 10),
    deal(carla, globex, 'Regional rollout', 'qualified', 12_000_000, 60),
  ];

  const interaction = (contact, kind, subject, days) => ({
    id: id(),
    contactId: contact.id,
    kind,
    subject,
    occurredAt: at(days),
    ...stamp(days),
  });
  const interactions = [
    interaction(priya, 'call', 'Discovery call: 40 seats, rollout in Q3', -14),
    interaction(priya, 'email-out', 'Proposal and pricing sheet', -3),
    interaction(daniel, 'meeting', 'Onboarding workshop', -7),
    interaction(carla, 'note', 'Prefers a phased rollout by region', -2),
  ];

  const followUps = [
    { id: id(), contactId: priya.id, dueAt: at(1), note: 'Send the signed pilot terms', status: 'open', ifNoReply: false, ...stamp(-1) },
    { id: id(), contactId: daniel.id, dueAt: at(-1), note: 'Chase the security questionnaire', status: 'open', ifNoReply: true, ...stamp(-5) },
  ];

  const satisfaction = [
    { id: id(), contactId: priya.id, kind: 'csat', score: 5, note: 'Loved the discovery call', touchpoint: 'call', occurredAt: at(-14), ...stamp(-14) },
    { id: id(), contactId: daniel.id, kind: 'nps', score: 7, touchpoint: 'meeting', occurredAt: at(-7), ...stamp(-7) },
  ];

  return { companies, contacts, deals, interactions, followUps, satisfaction };
}
