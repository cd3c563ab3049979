import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { FrameChannel } from '@/lib/frame-channel';
import { SOURCE, type GmailThread, type Theme, type ToFrame } from '@/lib/messages';

export type PanelCommand = Extract<ToFrame, { type: 'command' }>['command'];

export type ConnectionState = 'connecting' | 'connected' | 'failed';

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
  let channel: FrameChannel | undefined;

  function attach(next: FrameChannel) {
    channel = next;
    connection.value = 'connected';
  }

  function fail() {
    connection.value = 'failed';
  }

  function receive(message: ToFrame) {
    switch (message.type) {
      case 'thread':
        thread.value = message.thread;
        account.value = message.account;
        break;
      case 'theme':
        theme.value = message.theme;
        break;
      case 'layout':
        collapsed.value = message.collapsed;
        break;
      case 'command':
        runCommand(message.command);
        break;
    }
  }

  function runCommand(name: PanelCommand) {
    if (collapsed.value) setCollapsed(false);
    command.value = { name, seq: (command.value?.seq ?? 0) + 1 };
  }

  function setCollapsed(next: boolean) {
    collapsed.value = next;
    channel?.send({ source: SOURCE, type: 'collapse', collapsed: next });
  }

  return { connection, connected, thread, account, theme, collapsed, command, attach, fail, receive, setCollapsed, runCommand };
});
