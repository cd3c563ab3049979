import { describe, expect, it } from 'vitest';
import { domainOf, parseAddress } from '../../lib/address';

describe('parseAddress', () => {
  it.each([
    ['ann@x.com', 'ann@x.com', ''],
    ['  Ann@X.COM \n', 'ann@x.com', ''],
    ['"Ann Lee" <Ann@X.com>', 'ann@x.com', 'Ann Lee'],
    ['Ann <ann@x.com>', 'ann@x.com', 'Ann'],
    ['<ann@x.com>', 'ann@x.com', ''],
    ['mailto:Ann@X.com', 'ann@x.com', ''],
    ['MAILTO:ann@x.com?subject=Hi', 'ann@x.com', ''],
    ['Ann <mailto:ann@x.com>', 'ann@x.com', 'Ann'],
    ['"Lee, Ann <CEO>" <ann@x.com>', 'ann@x.com', 'Lee, Ann <CEO>'],
    ['"Ann \\"The Boss\\" Lee" <ann@x.com>', 'ann@x.com', 'Ann "The Boss" Lee'],
    ["'Ann Lee' <ann@x.com>", 'ann@x.com', 'Ann Lee'],
    ['  Ann   Lee   <ann@x.com>', 'ann@x.com', 'Ann Lee'],
    ['ann@x.com <ann@x.com>', 'ann@x.com', ''],
    ['ann.lee+crm@mail.acme-corp.co.uk', 'ann.lee+crm@mail.acme-corp.co.uk', ''],
  ])('%j -> %s / %j', (input, email, name) => {
    expect(parseAddress(input)).toEqual({ email, name });
  });

  it.each([
    '',
    '   ',
    'ann',
    'ann@',
    '@x.com',
    'ann@x',
    'ann@localhost',
    'ann@x.1',
    'ann lee@x.com',
    'ann@@x.com',
    '.ann@x.com',
    'ann..lee@x.com',
    'ann@-x.com',
    'ann@x.com, bob@y.com',
    'Ann <ann@x.com>, Bob <bob@y.com>',
    'Ann <ann@x.com',
    'Ann <>',
    'mailto:',
    'mailto:%E0%A4%A',
    `${'a'.repeat(65)}@x.com`,
    `ann@${'a'.repeat(250)}.com`,
  ])('rejects %j', (input) => {
    expect(parseAddress(input)).toBeNull();
  });
});

describe('domainOf', () => {
  it.each([
    ['ann@x.com', 'x.com'],
    ['Ann@Mail.ACME.io', 'mail.acme.io'],
    ['no-at-sign', ''],
  ])('%s -> %j', (email, domain) => {
    expect(domainOf(email)).toBe(domain);
  });
});
