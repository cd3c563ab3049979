import { describe, expect, it } from 'vitest';
import { GmailThread, type GmailMessage } from '../../lib/messages';
import { otherParty } from '../../lib/gmail/other-party';
import { readAccount } from '../../lib/gmail/read-account';
import { readThread } from '../../lib/gmail/read-thread';
import { parseColor, readTheme } from '../../lib/gmail/theme';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Just enough of Gmail's thread markup: the subject heading and message wrappers. */
const SUBJECT = '<h2 class="hP" data-thread-perm-id="thread-f:1" data-legacy-thread-id="a1">Hello</h2>';
const span = (email: string | null, name: string | null, cls: string, text = name ?? '') =>
  `<span${email === null ? '' : ` email="${esc(email)}"`}${name === null ? '' : ` name="${esc(name)}"`} class="${cls}">${esc(text)}</span>`;
const expanded = (id: string, from: string, recipients = '', extra = '') =>
  `<div class="h7" role="listitem"><div class="adn ads" data-message-id="${id}" data-legacy-message-id="${id.replace('#msg-f:', 'l')}">` +
  `<table class="cf gJ"><tr><td class="gF gK"><h3 class="iw">${from}</h3></td></tr></table>` +
  `<div class="iw ajw"><span class="hb">${recipients}</span></div>${extra}</div></div>`;
const thread = (items: string, subject = SUBJECT) => parse(`<div role="main">${subject}<div role="list">${items}</div></div>`);
const GOOD = span('sender@acme.example', 'Sender', 'gD');

describe('readThread on odd markup', () => {
  it('returns null for empty and threadless documents', () => {
    expect(readThread(parse(''))).toBeNull();
    expect(readThread(parse('<div role="main"><p>Settings</p></div>'))).toBeNull();
    expect(readThread(document.createDocumentFragment())).toBeNull();
  });

  it('returns null when the subject heading carries no id attribute, or sits outside [role=main]', () => {
    expect(readThread(thread(expanded('#msg-f:1', GOOD), '<h2 class="hP">No ids</h2>'))).toBeNull();
    expect(readThread(parse(`${SUBJECT}<div>${expanded('#msg-f:1', GOOD)}</div>`))).toBeNull();
  });

  it('falls back to the legacy thread id, as the thread-f key of the same number', () => {
    const t = readThread(thread(expanded('#msg-f:1', GOOD), '<h2 class="hP" data-legacy-thread-id="18ABCD">Legacy</h2>'));
    expect(t).toMatchObject({ threadId: `thread-f:${0x18abcd}`, legacyThreadId: '18abcd', subject: 'Legacy' });
  });

  it('gives a heading whose ids are blank, oversized or junk no thread key, but still reads its messages', () => {
    for (const perm of ['  ', 't'.repeat(201), 'undefined', 'null', 'thread-f:', 'thread-f:12x', 'thread-f:99999999999999999999']) {
      const t = readThread(thread(expanded('#msg-f:1', GOOD), `<h2 class="hP" data-thread-perm-id="${perm}" data-legacy-thread-id="undefined">X</h2>`))!;
      expect(t.threadId).toBeUndefined();
      expect(t.legacyThreadId).toBeUndefined();
      expect(t.messages.map((m) => m.from.email)).toEqual(['sender@acme.example']);
      expect(GmailThread.safeParse(t).success).toBe(true);
    }
  });

  it('skips hidden views and reads the visible one', () => {
    const hidden = `<div role="main" style="display: none;">${SUBJECT}${expanded('#msg-f:9', GOOD)}</div>`;
    expect(readThread(parse(`${hidden}<div role="main"><table><tr class="zA">${span('x@y.example', 'X', 'zF')}</tr></table></div>`))).toBeNull();
    const visible = `<div role="main"><h2 class="hP" data-thread-perm-id="thread-f:2">Second</h2>${expanded('#msg-f:2', GOOD)}</div>`;
    expect(readThread(parse(`${hidden}${visible}`))?.threadId).toBe('thread-f:2');
    expect(readThread(parse(`<div hidden>${visible}</div>`))).toBeNull();
  });

  it('skips an earlier thread hidden inside the same pane', () => {
    const stale = `<div style="display: none;"><h2 class="hP" data-thread-perm-id="thread-f:old">Old</h2><div role="list">${expanded('#msg-f:90', span('old@x.example', 'Old', 'gD'))}</div></div>`;
    const t = readThread(parse(`<div role="main">${stale}${SUBJECT}<div role="list">${expanded('#msg-f:1', GOOD)}</div></div>`))!;
    expect(t.threadId).toBe('thread-f:1');
    expect(t.messages.map((m) => m.id)).toEqual(['#msg-f:1']);
  });

  it('skips messages whose sender has no (valid) email attribute, keeps the rest', () => {
    const t = readThread(
      thread(
        expanded('#msg-f:1', span(null, 'No Address', 'gD')) +
          expanded('#msg-f:2', span('not-an-address', 'Bad', 'gD')) +
          expanded('#msg-f:3', span('  Sender@ACME.example ', 'Sender', 'gD'), `to ${span(null, 'Nobody', 'g2')}, ${span('ok@b.example', 'Ok', 'g2')}`),
      ),
    );
    expect(t!.messages).toHaveLength(1);
    expect(t!.messages[0]).toMatchObject({ id: '#msg-f:3', from: { email: 'sender@acme.example' }, to: [{ email: 'ok@b.example' }] });
  });

  it('keeps a thread whose messages are all unreadable, with no messages', () => {
    expect(readThread(thread(expanded('#msg-f:1', '<span class="gD">?</span>')))).toMatchObject({ threadId: 'thread-f:1', messages: [] });
  });

  it('survives garbage and never throws', () => {
    const garbage = `<div role="main">${SUBJECT}<div class="adn"><div class="adn"><span email="@">x</span></div></div>` +
      `<div class="kv"><div class="adf"></div></div><div class="h7"><table><tr><td class="gF"><span email></span></td></tr></table></div>` +
      `<div data-message-id="${'x'.repeat(5000)}"><span class="gD" email="a@b.example">A</span></div><svg><div class="adn"></div></svg></div>`;
    expect(() => readThread(parse(garbage))).not.toThrow();
    const t = readThread(parse(garbage))!;
    expect(GmailThread.safeParse(t).success).toBe(true);
    expect(t.messages).toEqual([{ from: { name: 'A', email: 'a@b.example' }, to: [], cc: [], expanded: true }]);

    const throwing = { querySelectorAll: () => { throw new Error('boom'); }, matches: () => { throw new Error('boom'); } };
    expect(readThread(throwing as unknown as ParentNode)).toBeNull();
  });

  it('never reads markup inside an email body as Gmail markup', () => {
    const spoof = `<div class="ii gt"><div class="a3s aiL"><div class="h7"><div class="adn ads" data-message-id="#spoof">` +
      `${span('spoof@evil.example', 'Spoof', 'gD')}<span class="hb">to ${span('victim@evil.example', 'V', 'g2')}</span></div></div></div></div>`;
    const t = readThread(thread(expanded('#msg-f:1', GOOD, `to ${span('me@sidecar.example', 'me', 'g2')}`, spoof)))!;
    expect(t.messages).toHaveLength(1);
    expect(t.messages[0]).toMatchObject({ from: { email: 'sender@acme.example' }, to: [{ email: 'me@sidecar.example' }] });
  });

  it('takes names from the name attribute, else the text, whitespace collapsed', () => {
    const t = readThread(
      thread(
        expanded('#msg-f:1', span('a@b.example', null, 'gD', '  Ada \n Lovelace '), `to ${span('c@d.example', '', 'g2', 'Text Name')}`) +
          expanded('#msg-f:2', span('e@f.example', null, 'gD', '')),
      ),
    )!;
    expect(t.messages[0]!.from).toEqual({ name: 'Ada Lovelace', email: 'a@b.example' });
    expect(t.messages[0]!.to).toEqual([{ name: 'Text Name', email: 'c@d.example' }]);
    expect(t.messages[1]!.from).toEqual({ name: '', email: 'e@f.example' });
  });

  it('splits to and cc at the "cc:" label, drops bcc, removes duplicates', () => {
    const g2 = (e: string) => span(e, e.split('@')[0]!, 'g2');
    const line = `to ${g2('a@x.example')}, ${g2('b@x.example')}, ${g2('a@x.example')}, cc: ${g2('c@x.example')}, <span>bcc:</span> ${g2('d@x.example')}`;
    const m = readThread(thread(expanded('#msg-f:1', GOOD, line)))!.messages[0]!;
    expect(m.to.map((p) => p.email)).toEqual(['a@x.example', 'b@x.example']);
    expect(m.cc.map((p) => p.email)).toEqual(['c@x.example']);
  });

  it('reads a collapsed message by whatever sender markup it has, without recipients', () => {
    const collapsed = (inner: string, hiddenContent = '') => `<div class="kv" role="listitem"><div class="adf ads">${inner}</div>${hiddenContent}</div>`;
    const t = readThread(
      thread(
        collapsed(`<h3 class="iw"><span class="qu">${span('a@x.example', 'A', 'zF')}</span></h3>`) +
          collapsed(`<div>${span('b@x.example', 'B', 'yP')}</div>`, '<div class="adn ads" style="display:none" data-message-id="#msg-f:7" data-legacy-message-id="l7"></div>') +
          collapsed('<div class="aju"><img class="ajn" jid="C@X.example" data-name="C"></div><div class="iA g6">snippet</div>') +
          expanded('#msg-f:8', GOOD, `to ${span('a@x.example', 'A', 'g2')}`),
      ),
    )!;
    expect(t.messages.map((m) => [m.id, m.legacyId, m.from.email, m.expanded, m.to.length])).toEqual([
      [undefined, undefined, 'a@x.example', false, 0],
      // "l7" and "l8" have no id's shape: dropped.
      ['#msg-f:7', undefined, 'b@x.example', false, 0],
      [undefined, undefined, 'c@x.example', false, 0],
      ['#msg-f:8', undefined, 'sender@acme.example', true, 1],
    ]);
  });

  it('skips super-collapsed (kQ/kx) wrappers even when they carry a sender', () => {
    const t = readThread(
      thread(`<div class="kQ" role="listitem"><div class="adf">${span('ghost@x.example', 'G', 'zF')}</div></div>` + expanded('#msg-f:1', GOOD)),
    )!;
    expect(t.messages.map((m) => m.from.email)).toEqual(['sender@acme.example']);
  });

  it('reads messages without Gmail wrappers (an unknown layout) as expanded', () => {
    const bare = `<div class="adn ads" data-message-id="#msg-f:5">${span('x@y.example', 'X', 'gD')}<span class="hb">to ${span('z@y.example', 'Z', 'g2')}</span></div>`;
    expect(readThread(parse(`<div role="main">${SUBJECT}${bare}</div>`))!.messages).toEqual([
      { id: '#msg-f:5', from: { name: 'X', email: 'x@y.example' }, to: [{ name: 'Z', email: 'z@y.example' }], cc: [], expanded: true },
    ]);
  });

  it('reads emoji images in the subject as their characters', () => {
    const t = readThread(thread(expanded('#msg-f:1', GOOD), '<h2 class="hP" data-thread-perm-id="thread-f:1">Launch <img data-emoji="🚀" alt="🚀" class="an1"> day</h2>'));
    expect(t!.subject).toBe('Launch 🚀 day');
  });

  it('caps everything at the limits of lib/messages.ts', () => {
    const many = Array.from({ length: 1200 }, (_, i) => expanded(`#msg-f:${i}`, span(`s${i}@x.example`, 'S', 'gD'))).join('');
    const t = readThread(thread(many))!;
    expect(t.messages).toHaveLength(1000);
    expect(t.messages.at(-1)!.id).toBe('#msg-f:1199'); // the newest are kept

    const recipients = 'to ' + Array.from({ length: 600 }, (_, i) => span(`r${i}@x.example`, 'R', 'g2')).join(', ');
    const longName = 'N'.repeat(900);
    const longEmail = `${'l'.repeat(320)}@x.example`;
    const big = readThread(
      thread(expanded('#msg-f:1', span('a@x.example', longName, 'gD'), recipients) + expanded('#msg-f:2', span(longEmail, 'L', 'gD')), `<h2 class="hP" data-thread-perm-id="thread-f:1">${'S'.repeat(3000)}</h2>`),
    )!;
    expect(big.messages).toHaveLength(1); // the oversized address is not an address
    expect(big.messages[0]!.from.name).toHaveLength(500);
    expect(big.messages[0]!.to).toHaveLength(500);
    expect(big.subject).toHaveLength(2000);
    expect(GmailThread.safeParse(big).success).toBe(true);

  });
});

describe('readAccount', () => {
  const link = (label: string, href = 'https://accounts.google.com/SignOutOptions?hl=en') => `<header><a class="gb_B gb_Za" aria-label="${esc(label)}" href="${href}" role="button"></a></header>`;
  it.each([
    ['Inbox (3) - Me@Sidecar.example - Gmail', '', 'me@sidecar.example'],
    ['Re: hello - bob@x.example - me@sidecar.example - Gmail', '', 'me@sidecar.example'],
    ['Inbox - me@acme.example - Acme Corp Mail', '', 'me@acme.example'],
    ['Gmail', link('Google Account: Sam Carter\n(me@sidecar.example)'), 'me@sidecar.example'],
    ['Gmail', link('Compte Google : Sam Carter (me@sidecar.example)'), 'me@sidecar.example'],
    ['Gmail', link('Google Account: Yuncheng (me@sidecar.example), Google membership'), 'me@sidecar.example'],
    ['Gmail', link('Google Account: Sam (me@sidecar.example)', 'https://example.com/'), 'me@sidecar.example'],
    ['bob@x.example', '', null], // a subject alone is not the account
    ['Gmail', link('Google apps'), null],
    ['', '', null],
  ])('title %j + %j -> %s', (title, body, account) => {
    expect(readAccount(parse(`<title>${esc(title)}</title>${body}`))).toBe(account);
  });

  it('never throws', () => {
    expect(readAccount({ get title(): string { throw new Error('boom'); } } as unknown as Document)).toBeNull();
  });
});

describe('otherParty', () => {
  const P = (email: string) => ({ name: email.split('@')[0]!, email });
  const msg = (from: string, to: string[] = [], cc: string[] = [], expanded = true): GmailMessage => ({
    id: `#msg-f:${from}`, from: P(from), to: to.map(P), cc: cc.map(P), expanded,
  });
  const T = (...messages: GmailMessage[]) => ({ threadId: 'thread-f:1', subject: 's', messages });
  const ME = 'me@sidecar.example';

  it.each([
    ['no messages', T(), ME, null],
    ['latest from someone else', T(msg(ME, ['a@x.example']), msg('b@x.example', [ME])), ME, 'b@x.example'],
    ['latest from me: first To that is not me', T(msg('a@x.example', [ME]), msg(ME, [ME, 'c@x.example', 'a@x.example'])), ME, 'c@x.example'],
    ['latest from me to myself only: Cc', T(msg(ME, [ME], ['d@x.example'])), ME, 'd@x.example'],
    ['latest from me, collapsed: earlier sender', T(msg('a@x.example', [ME]), msg(ME, [], [], false)), ME, 'a@x.example'],
    ['only my messages, recipients earlier', T(msg(ME, ['e@x.example']), msg(ME, [], [], false)), ME, 'e@x.example'],
    ['note to self', T(msg(ME, [ME])), ME, null],
    ['account unknown: nobody is me', T(msg('a@x.example', [ME]), msg(ME, ['a@x.example'])), null, ME],
    ['account casing', T(msg(ME, ['f@x.example'])), ' Me@Sidecar.Example ', 'f@x.example'],
  ])('%s', (_label, thread, account, email) => {
    expect(otherParty(thread, account)?.email ?? null).toBe(email);
  });
});

describe('readTheme', () => {
  const win = (colors: Record<string, string>, dark = false) =>
    ({
      getComputedStyle: (el: Element) => ({ backgroundColor: colors[el.tagName === 'DIV' ? el.getAttribute('role') ?? 'div' : el.tagName.toLowerCase()] ?? '' }),
      matchMedia: (q: string) => ({ matches: dark && q.includes('dark') }),
    }) as unknown as Window;
  const doc = parse('<div><div role="main">x</div></div>');

  it.each([
    ['an opaque main pane decides', { main: 'rgb(255, 255, 255)', body: 'rgb(32, 33, 36)' }, false, 'light'],
    ['a transparent main pane defers to the body', { main: 'rgba(0, 0, 0, 0)', body: 'rgb(32, 33, 36)' }, false, 'dark'],
    ['a translucent main pane defers to the body', { main: 'rgba(255, 255, 255, 0.1)', body: '#1f1f1f' }, false, 'dark'],
    ['nothing painted: the system setting (dark)', {}, true, 'dark'],
    ['nothing painted: the system setting (light)', { main: 'transparent' }, false, 'light'],
  ])('%s', (_label, colors, systemDark, theme) => {
    expect(readTheme(doc, win(colors, systemDark))).toBe(theme);
  });

  it('falls back to light when the window answers nothing', () => {
    const broken = { getComputedStyle: () => { throw new Error('boom'); }, matchMedia: () => { throw new Error('boom'); } } as unknown as Window;
    expect(readTheme(doc, broken)).toBe('light');
  });

  it('reads stylesheet colors on a real (happy-dom) page', () => {
    expect(readTheme(parse('<style>body{background-color:#202124}</style><p>x</p>'), window)).toBe('dark');
    expect(readTheme(parse('<body style="background-color: rgb(246, 248, 252)"><div role="main">x</div></body>'), window)).toBe('light');
  });

  it.each([
    ['rgb(32, 33, 36)', [32, 33, 36, 1]],
    ['rgba(0, 0, 0, 0)', [0, 0, 0, 0]],
    ['rgb(32 33 36 / 50%)', [32, 33, 36, 0.5]],
    ['#fff', [255, 255, 255, 1]],
    ['#1f1f1f80', [31, 31, 31, 128 / 255]],
    ['transparent', null],
    ['', null],
    ['hsl(0 0% 0%)', null],
    ['#12', null],
  ])('parseColor(%j)', (value, rgba) => {
    expect(parseColor(value)).toEqual(rgba);
  });
});
