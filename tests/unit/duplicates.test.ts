import { findDuplicates, foldName, normalPhone, pairKey, type DuplicateCandidate, type DuplicatePair } from '@/lib/duplicates';

let seq = 0;
const cand = (name: string, over: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  id: `c${String(++seq).padStart(6, '0')}`,
  name,
  emails: [],
  ...over,
});
const ACME = { companyId: 'acme', companyDomains: ['acme.co.za', 'acme.com'] };
const GLOBEX = { companyId: 'globex', companyDomains: ['globex.example'] };

/** The pair of x and y, if found. */
const pairOf = (pairs: DuplicatePair[], x: DuplicateCandidate, y: DuplicateCandidate) =>
  pairs.find((p) => pairKey(p.a, p.b) === pairKey(x.id, y.id));
const rulesOf = (pairs: DuplicatePair[], x: DuplicateCandidate, y: DuplicateCandidate) =>
  pairOf(pairs, x, y)?.reasons.map((r) => r.rule) ?? [];

describe('normalPhone', () => {
  it.each([
    ['+27 82 555 1234', '27', '+27825551234'],
    ['082 555 1234', '27', '+27825551234'],
    ['0027825551234', '27', '+27825551234'],
    ['0027825551234', undefined, '+27825551234'],
    ['+27 (0)82 555-1234', '27', '+27825551234'],
    ['+27 082 555 1234', '27', '+27825551234'],
    ['Mobile: +27 82 555 1234 ext. 12', '27', '+27825551234'],
    ['082 555 1234 / 083 555 9876', '27', '+27825551234'],
    ['082 555 1234', undefined, '0825551234'],
    ['082 555 1234', '+44', '+44825551234'],
    ['(555) 123-4567', '1', '+15551234567'],
    ['1 555 123 4567', '1', '+15551234567'],
    ['011 27 82 555 1234', '1', '+27825551234'],
    ['06 1234 5678', '39', '+390612345678'],
  ])('%s with calling code %s is %s', (raw, cc, normal) => {
    expect(normalPhone(raw, cc)).toBe(normal);
  });

  it.each(['', 'n/a', '12345', '555 12', '+27 12', '1234567890123456789'])('"%s" is no phone to compare', (raw) => {
    expect(normalPhone(raw, '27')).toBeUndefined();
  });
});

describe('foldName', () => {
  it.each([
    ['José  Álvarez', 'jose alvarez'],
    ['  T.  Nkosi ', 't nkosi'],
    ['T.Nkosi', 't nkosi'],
    ["O'Brien-Smith", 'obrien smith'],
    ['Łukasz Straße', 'lukasz strasse'],
    ['Søren Ærø', 'soren aero'],
    ['THANDI NKOSI', 'thandi nkosi'],
  ])('%s -> %s', (raw, folded) => {
    expect(foldName(raw)).toBe(folded);
  });
});

describe('pairKey', () => {
  it('is the same either way round, smaller id first', () => {
    expect(pairKey('b', 'a')).toBe('a|b');
    expect(pairKey('a', 'b')).toBe('a|b');
  });
});

describe('same name at the same company', () => {
  it('matches after folding, and says so', async () => {
    const x = cand('Thandi Nkosi', ACME);
    const y = cand('thandi  nkosi', ACME);
    const pairs = await findDuplicates([x, y]);
    expect(pairs).toEqual([
      { a: x.id, b: y.id, score: 70, reasons: [{ rule: 'same-name-company', text: 'Same name at the same company: "Thandi Nkosi" and "thandi  nkosi"' }] },
    ]);
  });

  it('matches a single-word name only at the same company', async () => {
    const x = cand('Thandi', ACME);
    const y = cand('Thandi', ACME);
    const z = cand('Thandi', GLOBEX);
    const w = cand('Thandi');
    const v = cand('Thandi Nkosi', ACME);
    const pairs = await findDuplicates([x, y, z, w, v]);
    expect(pairs.map((p) => [p.a, p.b])).toEqual([[x.id, y.id]]);
    expect(pairs[0]!.reasons[0]!.text).toBe('Same name at the same company: "Thandi"');
  });

  it('does not match the same name at different companies as more than names alike', async () => {
    const x = cand('Thandi Nkosi', ACME);
    const y = cand('Thandi Nkosi', GLOBEX);
    expect(rulesOf(await findDuplicates([x, y]), x, y)).toEqual(['similar-name']);
  });

  it('reads "Last, First" and ignores titles', async () => {
    const x = cand('Nkosi, Thandi', ACME);
    const y = cand('Dr Thandi Nkosi, PhD', ACME);
    expect(rulesOf(await findDuplicates([x, y]), x, y)).toEqual(['same-name-company']);
  });
});

describe('same phone', () => {
  it('matches one number written three ways, given the calling code', async () => {
    const x = cand('Thandi Nkosi', { phone: '+27 82 555 1234' });
    const y = cand('Sipho Dlamini', { phone: '082 555 1234' });
    const z = cand('Ann Lee', { phone: '0027825551234' });
    const pairs = await findDuplicates([x, y, z], { callingCode: '27' });
    expect(pairs).toHaveLength(3);
    for (const p of pairs) expect(p.reasons.map((r) => r.rule)).toEqual(['same-phone']);
    expect(pairOf(pairs, x, y)).toEqual({ a: x.id, b: y.id, score: 60, reasons: [{ rule: 'same-phone', text: 'Same phone, +27 82 555 1234' }] });
  });

  it('does not match a national number without the calling code, nor short numbers', async () => {
    const x = cand('Thandi Nkosi', { phone: '+27 82 555 1234' });
    const y = cand('Sipho Dlamini', { phone: '082 555 1234' });
    const s1 = cand('Ann Lee', { phone: '1234' });
    const s2 = cand('Bo Chen', { phone: '1234' });
    expect(await findDuplicates([x, y, s1, s2])).toEqual([]);
  });

  it('matches different numbers never', async () => {
    const x = cand('Thandi Nkosi', { phone: '+27 82 555 1234' });
    const y = cand('Sipho Dlamini', { phone: '+27 82 555 1235' });
    expect(await findDuplicates([x, y], { callingCode: '27' })).toEqual([]);
  });
});

describe('names alike', () => {
  it.each([
    ['T. Nkosi', 'Thandi Nkosi'],
    ['Thandi Nkosi', 'thandi nkosi'],
    ['José Álvarez', 'Jose Alvarez'],
    ['Nkosi, Thandi', 'Thandi Nkosi'],
    ['Thandi Nkosi', 'Thandi Z. Nkosi'],
    ['T. Z. Nkosi', 'Thandi Zanele Nkosi'],
    ['Mr. T Nkosi', 'Thandi Nkosi'],
  ])('"%s" and "%s"', async (n1, n2) => {
    const x = cand(n1);
    const y = cand(n2);
    const pairs = await findDuplicates([x, y]);
    expect(pairs).toEqual([{ a: x.id, b: y.id, score: 40, reasons: [{ rule: 'similar-name', text: `Names alike: "${n1}" and "${n2}"` }] }]);
  });

  it.each([
    ['Thabo Nkosi', 'Thandi Nkosi'],
    ['Thandi Nkosi', 'Thandi Dlamini'],
    ['Thandi N.', 'Thandi Nkosi'],
    ['Nkosi Thandi', 'Thandi Nkosi'],
    ['Thandi', 'Thandi Nkosi'],
    ['Nkosi', 'Nkosi'],
    ['T. Z. Nkosi', 'Thandi M. Nkosi'],
    ['thandi@acme.example', 'Thandi Acme'],
  ])('not "%s" and "%s"', async (n1, n2) => {
    expect(await findDuplicates([cand(n1), cand(n2)])).toEqual([]);
  });
});

describe('same local part at related domains', () => {
  const local = async (e1: string, e2: string, o1: Partial<DuplicateCandidate> = {}, o2: Partial<DuplicateCandidate> = {}) => {
    const x = cand('Thandi Nkosi', { emails: [e1], ...o1 });
    const y = cand('Sipho Dlamini', { emails: [e2], ...o2 });
    return { x, y, pairs: await findDuplicates([x, y]) };
  };

  it('matches another public suffix of the same name', async () => {
    const { x, y, pairs } = await local('thandi@acme.co.za', 'thandi@acme.com');
    expect(pairs).toEqual([
      { a: x.id, b: y.id, score: 45, reasons: [{ rule: 'same-local-part', text: 'Same name before the @ at related domains: thandi@acme.co.za and thandi@acme.com' }] },
    ]);
  });

  it('matches a subdomain, and a tagged address', async () => {
    expect((await local('t.nkosi@mail.acme.co.za', 't.nkosi@acme.co.za')).pairs).toHaveLength(1);
    expect((await local('T.Nkosi+crm@acme.co.za', 't.nkosi@acme.com.au')).pairs).toHaveLength(1);
  });

  it("matches the same company's unrelated-looking domains", async () => {
    const group = { companyId: 'acme', companyDomains: ['acme.com', 'acmegroup.de'] };
    expect((await local('thandi@acme.com', 'thandi@acmegroup.de', group)).pairs).toHaveLength(1);
    // Only a company that lists both domains relates them.
    expect((await local('thandi@acme.com', 'thandi@acmegroup.de')).pairs).toEqual([]);
  });

  it.each([
    ['info@acme.co.za', 'info@acme.com'],
    ['Info@acme.co.za', 'info@acme.com'],
    ['sales@acme.co.za', 'sales@mail.acme.co.za'],
    ['no-reply@acme.co.za', 'no-reply@acme.com'],
    ['thandi@gmail.com', 'thandi@outlook.com'],
    ['thandi@yahoo.com', 'thandi@yahoo.co.uk'],
    ['thandi@acme.com', 'thandi@globex.com'],
    ['thandi@acme.com', 'thandi.n@acme.co.za'],
  ])('not %s and %s', async (e1, e2) => {
    expect((await local(e1, e2)).pairs).toEqual([]);
  });

  it('never relates free-mail domains, even listed as a company’s', async () => {
    const typo = { companyId: 'acme', companyDomains: ['acme.com', 'gmail.com', 'outlook.com'] };
    expect((await local('thandi@gmail.com', 'thandi@outlook.com', typo, typo)).pairs).toEqual([]);
  });
});

describe('scores, order and options', () => {
  it('combines rules and sorts by score, then ids', async () => {
    const strong1 = cand('Thandi Nkosi', { ...ACME, phone: '+27 82 555 1234', emails: ['thandi@acme.co.za'] });
    const strong2 = cand('Thandi Nkosi', { ...ACME, phone: '082 555 1234', emails: ['thandi@acme.com'] });
    const phone1 = cand('Ann Lee', { phone: '+27 21 555 0000' });
    const phone2 = cand('Bo Chen', { phone: '021 555 0000' });
    const like1 = cand('J. Botha');
    const like2 = cand('Johan Botha');
    const local1 = cand('Zed Ng', { emails: ['zed@globex.example'] });
    const local2 = cand('Zee Ng', { emails: ['zed@globex.co.za'] });
    const both1 = cand('P. Naidoo', { emails: ['pn@initech.co.za'] });
    const both2 = cand('Priya Naidoo', { emails: ['pn@initech.com'] });
    const all = [like2, both1, strong1, local2, phone1, like1, phone2, strong2, local1, both2];
    const pairs = await findDuplicates(all, { callingCode: '27' });
    expect(pairs.map((p) => [p.score, p.a, p.b])).toEqual([
      // 1 - 0.3 * 0.4 * 0.55 = 0.934
      [93, strong1.id, strong2.id],
      // 1 - 0.55 * 0.6 = 0.67
      [67, both1.id, both2.id],
      [60, phone1.id, phone2.id],
      [45, local1.id, local2.id],
      [40, like1.id, like2.id],
    ]);
    expect(pairs[0]!.reasons.map((r) => r.rule)).toEqual(['same-name-company', 'same-phone', 'same-local-part']);
    expect(pairs.every((p) => p.a < p.b)).toBe(true);

    const top2 = await findDuplicates(all, { callingCode: '27', maxPairs: 2 });
    expect(top2).toEqual(pairs.slice(0, 2));
  });

  it('breaks ties by ids', async () => {
    const people = ['Ann Lee', 'A. Lee', 'Ann Lee'].map((n) => cand(n));
    const pairs = await findDuplicates([...people].reverse());
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      [people[0]!.id, people[1]!.id],
      [people[0]!.id, people[2]!.id],
      [people[1]!.id, people[2]!.id],
    ]);
  });

  it('leaves out the pairs the user said are not duplicates, either way round', async () => {
    const x = cand('Thandi Nkosi');
    const y = cand('T. Nkosi');
    const z = cand('thandi nkosi');
    const pairs = await findDuplicates([x, y, z], { ignore: new Set([pairKey(y.id, x.id)]) });
    expect(pairs.map((p) => pairKey(p.a, p.b)).sort()).toEqual([pairKey(x.id, z.id), pairKey(y.id, z.id)].sort());
  });

  it('skips a crowded bucket and does not count its key, yet finds a pair through another key', async () => {
    const switchboard = Array.from({ length: 2000 }, (_, i) => cand(`Person${i} Surname${i}`, { phone: '011 555 0000' }));
    const x = cand('Thandi Nkosi', { phone: '011 555 0000' });
    const y = cand('T. Nkosi', { phone: '011 555 0000' });
    const pairs = await findDuplicates([...switchboard, x, y], { callingCode: '27' });
    expect(pairs.map((p) => pairKey(p.a, p.b))).toEqual([pairKey(x.id, y.id)]);
    expect(pairs[0]!.reasons.map((r) => r.rule)).toEqual(['similar-name']);
  });

  it('explains a pair found through one key with every rule it meets', async () => {
    const x = cand('Thandi Nkosi', { phone: '+27 82 555 1234', emails: ['thandi@acme.co.za'] });
    const y = cand('T. Nkosi', { phone: '082 555 1234', emails: ['thandi@acme.com'] });
    const namesakes = Array.from({ length: 60 }, (_, i) => cand(`Tumi${i} Nkosi`));
    const pairs = await findDuplicates([x, ...namesakes, y], { callingCode: '27' });
    // "t|nkosi" holds 62 and is skipped; the phone finds them, and the names still count.
    expect(pairs.map((p) => pairKey(p.a, p.b))).toEqual([pairKey(x.id, y.id)]);
    expect(pairs[0]!.reasons.map((r) => r.rule)).toEqual(['same-phone', 'same-local-part', 'similar-name']);
  });
});

/** A deterministic PRNG, so the book is the same in every run (mulberry32). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a book of 100,000 contacts', () => {
  it('finds the planted duplicates, yielding to the event loop as it goes', async () => {
    const rnd = random(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const FIRST = ['Thandi', 'Sipho', 'Ann', 'Bo', 'Priya', 'Johan', 'Lerato', 'Pieter', 'Maria', 'David', 'Aisha', 'Chen', 'Fatima', 'Kagiso', 'Liam', 'Naledi', 'Olga', 'Ravi', 'Sara', 'Tom', 'Zanele', 'Yusuf', 'Emma', 'Hugo', 'Ines', 'Kofi', 'Lina', 'Marco', 'Nomsa', 'Omar'];
    const LAST_A = ['Nko', 'Dla', 'Bo', 'Nai', 'Mok', 'van der', 'Mo', 'Zu', 'Ndl', 'Ma', 'Kho', 'Pe', 'Fer', 'Sch', 'Ols', 'Ri'];
    const LAST_B = ['si', 'mini', 'tha', 'doo', 'oena', 'Merwe', 'loi', 'ma', 'ovu', 'hlangu', 'za', 'ters', 'reira', 'midt', 'sen', 'ssi'];
    const LAST = LAST_A.flatMap((a) => LAST_B.map((b) => (a.includes(' ') ? `${a} ${b}` : a + b)));
    const companies = Array.from({ length: 2000 }, (_, i) => ({ companyId: `co${i}`, companyDomains: [`firm${i}.co.za`] }));

    const book: DuplicateCandidate[] = [];
    for (let i = 0; i < 100_000; i++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const company = rnd() < 0.7 ? pick(companies) : undefined;
      const domain = company ? company.companyDomains[0]! : pick(['gmail.com', 'outlook.com', 'yahoo.com']);
      book.push({
        id: `p${String(i).padStart(6, '0')}`,
        name: `${first} ${last}`,
        emails: [`${foldName(first)}.${foldName(last).replace(/ /g, '')}.${i}@${domain}`],
        phone: rnd() < 0.6 ? `0${String(600_000_000 + i * 7)}` : undefined,
        ...company,
      });
    }
    // A switchboard number and an "info@" that thousands share, and thousands of one name.
    for (let i = 0; i < 2000; i++) book[i * 3]!.phone = '+27 11 000 0000';
    for (let i = 0; i < 2000; i++) book[i * 5 + 1]!.emails = [`info.${i}@x.co.za`, 'info@x.co.za'];
    for (let i = 0; i < 2000; i++) Object.assign(book[i * 7 + 2]!, { name: 'John Smith' });

    const planted: [DuplicateCandidate, DuplicateCandidate][] = [];
    const plant = (x: Partial<DuplicateCandidate>, y: Partial<DuplicateCandidate>) => {
      const a = { ...cand('Xolani Qwabe'), ...x };
      const b = { ...cand('Xolani Qwabe'), ...y };
      book.splice(Math.floor(rnd() * book.length), 0, a);
      book.splice(Math.floor(rnd() * book.length), 0, b);
      planted.push([a, b]);
    };
    plant({ name: 'Thandeka Mkhize', phone: '+27 83 444 1111' }, { name: 'T. Mkhize', phone: '083 444 1111' });
    plant({ name: 'Gugu Zwane', ...companies[7] }, { name: 'gugu zwane', ...companies[7] });
    plant({ name: 'Renée Brösel', emails: ['renee@broesel.co.za'] }, { name: 'Renee Brosel', emails: ['renee@broesel.com'] });
    plant({ name: 'Qwabe, Xolani', emails: ['xq@mail.ubuntu-tech.co.za'] }, { name: 'Xolani Qwabe', emails: ['xq@ubuntu-tech.co.za'] });
    plant({ name: 'Wandile Sithole', phone: '0027 72 999 8888' }, { name: 'Bongani Mthembu', phone: '072 999 8888' });
    // Hidden in the crowd: a John Smith who is the same person as another by his phone.
    plant({ name: 'John Smith', phone: '+27 84 123 4567' }, { name: 'J. Smith', phone: '084 123 4567' });

    let progressCalls = 0;
    let lastDone = -1;
    // A timer that fires during the run shows the page's own work would get its turn too.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    // Namesakes at one company (many John Smiths) fill the default 500 with scores of 70.
    const pairs = await findDuplicates(book, {
      callingCode: '27',
      maxPairs: 5000,
      onProgress: (done, total) => {
        progressCalls++;
        expect(done).toBeGreaterThanOrEqual(lastDone);
        expect(done).toBeLessThanOrEqual(total);
        lastDone = done;
      },
    });
    clearInterval(timer);
    console.log(`findDuplicates: ${book.length} candidates in ${Math.round(performance.now() - started)} ms, ${progressCalls} progress calls`);

    expect(progressCalls).toBeGreaterThan(1);
    expect(ticks).toBeGreaterThan(0);
    expect(pairs).toHaveLength(5000);
    for (const [x, y] of planted) expect(pairOf(pairs, x, y), `${x.name} / ${y.name}`).toBeDefined();
    const [john, j] = planted[planted.length - 1]!;
    expect(rulesOf(pairs, john, j)).toEqual(['same-phone', 'similar-name']);
    expect(pairs.some((p) => p.reasons.some((r) => r.text.includes('000 0000')))).toBe(false);
    expect(pairs.some((p) => p.reasons.some((r) => r.text.includes('info@')))).toBe(false);
    for (let k = 1; k < pairs.length; k++) expect(pairs[k - 1]!.score).toBeGreaterThanOrEqual(pairs[k]!.score);
  });
});
