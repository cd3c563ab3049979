import { describe, expect, it } from 'vitest';
import { readThread } from '../../lib/gmail/read-thread';
import { jslogId, legacyHex, messageKey, threadKey } from '../../lib/gmail/thread-key';
import { GmailThread } from '../../lib/messages';
import { loadFixture } from '../fixtures/gmail/load';

const WORKSPACE = 'thread-f:1841156595662020207';
const WORKSPACE_MSG = '#msg-f:1841156595662020207';
const b64 = (value: unknown, pad = '.') => btoa(JSON.stringify(value)).replace(/=/g, pad).replace(/\+/g, '-').replace(/\//g, '_');

describe('Gmail id forms', () => {
  it.each([
    ['thread-f:1840980617747713117', 'thread-f:1840980617747713117'],
    ['#thread-f:1840980617747713117', 'thread-f:1840980617747713117'],
    ['198c7a1e2f3b4c5d', 'thread-f:1840980617747713117'],
    ['198C7A1E2F3B4C5D', 'thread-f:1840980617747713117'],
    ['  198c7a1e2f3b4c5d ', 'thread-f:1840980617747713117'],
    ['#thread-f:1825068539536558710|msg-f:1825068539536558710', 'thread-f:1825068539536558710'],
    ['thread-a:r-8798674938817896561', 'thread-a:r-8798674938817896561'],
    ['thread-a:r123', 'thread-a:r123'],
    ['undefined', undefined],
    ['null', undefined],
    ['', undefined],
    ['thread-f:', undefined],
    ['thread-f:0', undefined],
    ['thread-f:018', undefined],
    ['thread-f:18446744073709551616', undefined], // 2^64: no legacy id is that large
    ['thread-a:undefined', undefined],
    ['#msg-f:1840980617747713117', undefined],
    ['0000000000000000', undefined],
    ['18abc', undefined],
    ['<img src=x>', undefined],
  ])('thread %j -> %j', (raw, key) => {
    expect(threadKey(raw)).toBe(key);
  });

  it.each([
    ['#msg-f:1840980617747713117', '#msg-f:1840980617747713117'],
    ['msg-f:1840980617747713117', '#msg-f:1840980617747713117'],
    ['198c7a1e2f3b4c5d', '#msg-f:1840980617747713117'],
    ['#msg-a:r-2233445566778899001', '#msg-a:r-2233445566778899001'],
    ['#msg-a:r2233445566778899001', '#msg-a:r2233445566778899001'],
    ['undefined', undefined],
    ['thread-f:1840980617747713117', undefined],
    ['#msg-f:abc', undefined],
  ])('message %j -> %j', (raw, key) => {
    expect(messageKey(raw)).toBe(key);
  });

  it('gives the hex a #all/<hex> link needs from any form of the same number', () => {
    expect(legacyHex('thread-f:1840980617747713117')).toBe('198c7a1e2f3b4c5d');
    expect(legacyHex('#msg-f:1840980617747713117')).toBe('198c7a1e2f3b4c5d');
    expect(legacyHex('undefined')).toBeNull();
    expect(legacyHex('thread-a:r-1')).toBeNull();
  });

  it('decodes jslog ids as Gmail writes them (base64url JSON, "." or "=" padding), and nothing else', () => {
    // A real 2025 value (public page dump): the thread in slot 1, the message in slot 4.
    const real = '20277; u014N:xr6bB; 1:WyIjdGhyZWFkLWY6MTgyNTA2ODUzOTUzNjU1ODcxMHxtc2ctZjoxODI1MDY4NTM5NTM2NTU4NzEwIl0.; 4:WyIjbXNnLWY6MTgyNTA2ODUzOTUzNjU1ODcxMCIsbnVsbCxudWxsLG51bGwsMSwwLFsxLDAsMF0sNzMsODk1LG51bGwsbnVsbCxudWxsLG51bGwsbnVsbCwxLG51bGwsbnVsbCxbMF0sbnVsbCxudWxsLG51bGwsbnVsbCxudWxsLG51bGwsMF0.';
    expect(threadKey(jslogId(real, '1'))).toBe('thread-f:1825068539536558710');
    expect(messageKey(jslogId(real, '4'))).toBe('#msg-f:1825068539536558710');
    expect(jslogId(`1:${b64(['#thread-f:7'], '=')}`, '1')).toBe('#thread-f:7');
    expect(jslogId('20511; u014N:cOuCgd,Kr2w4b', '1')).toBeUndefined();
    expect(jslogId('1:!!!notbase64', '1')).toBeUndefined();
    expect(jslogId(`1:${b64({ a: 1 })}`, '1')).toBeUndefined();
    expect(jslogId(`1:${b64([5])}`, '1')).toBeUndefined();
    expect(jslogId(`1:${b64(['#thread-f:7'])}${'A'.repeat(3000)}`, '1')).toBeUndefined();
  });
});

type Change = (doc: Document) => void;
const heading = (doc: Document) => doc.querySelector('h2.hP[data-thread-perm-id]')!;
const content = (doc: Document) => doc.querySelector('[role=main]:not([style*="none"]) div.adn[data-message-id]')!;
const removeLegacy: Change = (doc) => heading(doc).removeAttribute('data-legacy-thread-id');
const removeJslog = (scope: (doc: Document) => Element[]): Change => (doc) => scope(doc).forEach((el) => el.removeAttribute('jslog'));
const gmailJslogs = (doc: Document) => Array.from(doc.querySelectorAll('[jslog]')).filter((el) => !el.closest('.a3s'));

describe('the thread key when Gmail shows no valid perm id (thread-workspace.html)', () => {
  it.each<[string, Change[], string | undefined]>([
    ['as saved: the legacy hex id, as its thread-f key', [], WORKSPACE],
    ['no legacy id: the jslog on the subject', [removeLegacy], WORKSPACE],
    ['legacy "undefined", no jslog on the subject: the first jslog in the pane', [(d) => heading(d).setAttribute('data-legacy-thread-id', 'undefined'), removeJslog((d) => [heading(d)])], WORKSPACE],
    ['no legacy id, no jslog: no key', [removeLegacy, removeJslog(gmailJslogs)], undefined],
    [
      'only an email body carries a jslog (its author wrote it): no key',
      [
        removeLegacy,
        removeJslog(gmailJslogs),
        (d) => d.querySelector('[role=main]:not([style*="none"]) .a3s')!.insertAdjacentHTML('afterbegin', `<img jslog="1:${b64(['#thread-f:1840980617747713117'])}">`),
      ],
      undefined,
    ],
    ['a perm id Gmail did render wins', [(d) => heading(d).setAttribute('data-thread-perm-id', 'thread-a:r-42')], 'thread-a:r-42'],
  ])('%s', (_name, changes, key) => {
    const doc = loadFixture('thread-workspace.html');
    for (const change of changes) change(doc);
    const thread = readThread(doc)!;
    expect(thread.threadId).toBe(key);
    // The card still shows who wrote: only linking needs the key.
    expect(thread.messages.map((m) => m.from.email)).toEqual(['tomas.ortega@initrode.example']);
    expect(GmailThread.safeParse(thread).success).toBe(true);
  });

  it('two Workspace threads never share a key (a deal linked in one is not linked in the other)', () => {
    const single = loadFixture('thread-single.html');
    heading(single).setAttribute('data-thread-perm-id', 'undefined');
    const keys = [readThread(single)!.threadId, readThread(loadFixture('thread-workspace.html'))!.threadId];
    expect(keys).toEqual(['thread-f:1840980617747713117', WORKSPACE]);
  });

  it.each<[string, Change[], string | undefined]>([
    ['as saved', [], WORKSPACE_MSG],
    ['data-message-id "undefined": the legacy id', [(d) => content(d).setAttribute('data-message-id', 'undefined')], WORKSPACE_MSG],
    [
      'data-message-id "undefined", no legacy id: the jslog of the message',
      [(d) => content(d).setAttribute('data-message-id', 'undefined'), (d) => content(d).removeAttribute('data-legacy-message-id')],
      WORKSPACE_MSG,
    ],
    [
      'nothing valid: no id, so it is never logged under a shared bogus one',
      [(d) => content(d).setAttribute('data-message-id', 'undefined'), (d) => content(d).removeAttribute('data-legacy-message-id'), removeJslog(gmailJslogs)],
      undefined,
    ],
  ])('message id: %s', (_name, changes, id) => {
    const doc = loadFixture('thread-workspace.html');
    for (const change of changes) change(doc);
    expect(readThread(doc)!.messages[0]!.id).toBe(id);
  });
});
