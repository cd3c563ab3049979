import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { FrameChannel } from '@/lib/frame-channel';
import { SOURCE, type GmailThread, type Theme, type ToFrame } from '@/lib/messages';
import type { Handlers, PanelCommand } from '@/lib/protocol';

export type { PanelCommand };

export type ConnectionState = 'connecting' | 'connected' | 'failed';

/** One handler per message type the content script sends: a type added to ToFrame fails type-checking here until handled. */
export type FrameHandlers = Handlers<ToFrame>;

/** What the Gmail tab around the sidebar shows, as reported by the content script. */
export const useGmailStore = defineStore('gmail', () => {
  const connection = shallowRef<ConnectionState>('connecting');
  /**
   * Only our content script hands a frame the private channel; any other frame of this page may
   * be one Gmail's scripts made to click through, and must show no CRM data and offer no action.
   */
  const connected = computed(() => connection.value === 'connected');
  const thread = shallowRef<GmailThread | null>(null);
  const account = shallowRef<string | null>(null);
  const theme = shallowRef<Theme>('light');
  const collapsed = shallowRef(false);
  /** The latest shortcut for a panel to act on; `seq` makes pressing the same one again a change. */
  const command = shallowRef<{ name: PanelCommand; seq: number } | null>(null);
  /** The latest Send pressed in Gmail, in the thread it names; `seq` makes a second press a change. */
  const sending = shallowRef<{ threadId: string; seq: number } | null>(null);
  let channel: FrameChannel | undefined;

  function attach(next: FrameChannel) {
    channel = next;
    connection.value = 'connected';
  }

  function fail() {
    connection.value = 'failed';
  }

  const handlers: FrameHandlers = {
    thread(message) {
      thread.value = message.thread;
      account.value = message.account;
    },
    theme(message) {
      theme.value = message.theme;
    },
    layout(message) {
      collapsed.value = message.collapsed;
    },
    sending(message) {
      sending.value = { threadId: message.threadId, seq: (sending.value?.seq ?? 0) + 1 };
    },
    command(message) {
      runCommand(message.command);
    },
  };

  function receive(message: ToFrame) {
    (handlers[message.type] as (m: ToFrame) => void)(message);
  }

  function runCommand(name: PanelCommand) {
    if (collapsed.value) setCollapsed(false);
    command.value = { name, seq: (command.value?.seq ?? 0) + 1 };
  }

  function setCollapsed(next: boolean) {
    collapsed.value = next;
    channel?.send({ source: SOURCE, type: 'collapse', collapsed: next });
  }

  return { connection, connected, thread, account, theme, collapsed, command, sending, attach, fail, receive, setCollapsed, runCommand };
});
