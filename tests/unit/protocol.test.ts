import { createPinia, setActivePinia } from 'pinia';
import type { ContentHandlers } from '@/entrypoints/gmail.content/channel';
import { readPerson } from '@/lib/gmail/person';
import { GmailPerson, GmailThread, Hello, ToFrame } from '@/lib/messages';
import { LIMITS, PANEL_COMMANDS, SHORTCUT_KEYS, SOURCE } from '@/lib/protocol';
import { SHORTCUT_LABELS, shortcutOf } from '@/lib/shortcuts';
import { useGmailStore, type FrameHandlers } from '@/stores/gmail';

describe('the protocol’s constants, written once', () => {
  it('bound the schemas exactly where the adapter cuts', () => {
    const el = document.createElement('span');
    el.setAttribute('email', 'priya@acme.example');
    el.setAttribute('name', 'P'.repeat(LIMITS.name + 50));
    const person = readPerson(el)!;
    expect(person.name).toHaveLength(LIMITS.name);
    expect(GmailPerson.safeParse(person).success).toBe(true);
    expect(GmailPerson.safeParse({ ...person, name: `${person.name}x` }).success).toBe(false);

    const subject = (n: number) => GmailThread.safeParse({ subject: 's'.repeat(n), messages: [] }).success;
    expect([subject(LIMITS.subject), subject(LIMITS.subject + 1)]).toEqual([true, false]);
    const token = (n: number) => Hello.safeParse({ source: SOURCE, type: 'hello', token: 'a'.repeat(n) }).success;
    expect([token(LIMITS.tokenMin - 1), token(LIMITS.tokenMin), token(LIMITS.tokenMax), token(LIMITS.tokenMax + 1)]).toEqual([false, true, true, false]);
  });

  it('name every panel command the frame accepts, and nothing else', () => {
    const command = (c: string) => ToFrame.safeParse({ source: SOURCE, type: 'command', command: c }).success;
    expect(PANEL_COMMANDS.map(command)).toEqual(PANEL_COMMANDS.map(() => true));
    expect(command('toggle')).toBe(false);
  });

  it('make each shortcut’s key and its label from one letter', () => {
    for (const [name, letter] of Object.entries(SHORTCUT_KEYS)) {
      expect(SHORTCUT_LABELS[name as keyof typeof SHORTCUT_KEYS]).toBe(`Alt+Shift+${letter}`);
      const event = { isTrusted: true, altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: `Key${letter}` };
      expect(shortcutOf(event)).toBe(name);
    }
  });
});

describe('the sidebar’s dispatch of what the content script sends', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('has a handler for every message type: a missing one does not type-check', () => {
    const none = () => {};
    // @ts-expect-error 'command' is not handled
    const partial: FrameHandlers = { thread: none, theme: none, layout: none, sending: none };
    expect(Object.keys(partial)).not.toContain('command');
  });

  it('and so does the content script’s, for what the frame sends', () => {
    const none = () => {};
    // @ts-expect-error 'collapse' is not handled
    const partial: ContentHandlers = { ready: none };
    expect(Object.keys(partial)).toEqual(['ready']);
  });

  it('keeps each Send pressed as a change of its own, for the log panel to watch', () => {
    const gmail = useGmailStore();
    const seen: unknown[] = [];
    gmail.$subscribe(() => seen.push(gmail.sending), { flush: 'sync' });
    gmail.receive({ source: SOURCE, type: 'sending', threadId: 'thread-f:1' });
    gmail.receive({ source: SOURCE, type: 'sending', threadId: 'thread-f:1' });
    expect(seen).toEqual([
      { threadId: 'thread-f:1', seq: 1 },
      { threadId: 'thread-f:1', seq: 2 },
    ]);
  });

  it('hands each message to its own handler', () => {
    const gmail = useGmailStore();
    gmail.receive({ source: SOURCE, type: 'theme', theme: 'dark' });
    gmail.receive({ source: SOURCE, type: 'layout', collapsed: true });
    gmail.receive({ source: SOURCE, type: 'thread', thread: null, account: 'me@sidecar.example' });
    gmail.receive({ source: SOURCE, type: 'command', command: 'follow-up' });
    expect([gmail.theme, gmail.account, gmail.command?.name]).toEqual(['dark', 'me@sidecar.example', 'follow-up']);
    // A panel command opens a collapsed sidebar first.
    expect(gmail.collapsed).toBe(false);
  });
});
