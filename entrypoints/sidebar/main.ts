import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import { logUncaughtErrors } from '@/composables/appErrors';
import { connectToGmail } from '@/lib/frame-channel';
import { useGmailStore } from '@/stores/gmail';
import App from './App.vue';
import { sendHello } from './hello';
import './style.css';

// Extension pages forbid eval; without this zod probes for it and logs a CSP violation.
z.config({ jitless: true });

const pinia = createPinia();
logUncaughtErrors(createApp(App), 'sidebar').use(pinia).mount('#app');

const gmail = useGmailStore(pinia);
connectToGmail({
  win: window,
  onMessage: gmail.receive,
  sendHello: (hello) => sendHello(browser, hello),
}).then(gmail.attach, (error: unknown) => {
  console.error('Sidecar: the sidebar could not connect to Gmail', error);
  gmail.fail();
});
