import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import { connectToGmail } from '@/lib/frame-channel';
import { useGmailStore } from '@/stores/gmail';
import App from './App.vue';
import './style.css';

// Extension pages forbid eval; without this zod probes for it and logs a CSP violation.
z.config({ jitless: true });

const pinia = createPinia();
createApp(App).use(pinia).mount('#app');

const gmail = useGmailStore(pinia);
connectToGmail({
  win: window,
  onMessage: gmail.receive,
  async sendHello(hello) {
    const tab = await browser.tabs.getCurrent();
    if (tab?.id === undefined) throw new Error('The sidebar is not inside a Gmail tab.');
    // frameId 0: only the content script of the top frame, never one in Gmail's own iframes.
    return browser.tabs.sendMessage(tab.id, hello, { frameId: 0 });
  },
}).then(gmail.attach, gmail.fail);
