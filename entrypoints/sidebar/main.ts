import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import { logUncaughtErrors } from '@/composables/appErrors';
import { followChosenLanguage } from '@/composables/appLanguage';
import { connectToGmail } from '@/lib/frame-channel';
import { useGmailStore } from '@/stores/gmail';
import App from './App.vue';
import { sendHello } from './hello';
import './style.css';

// Extension pages forbid eval; without this zod probes for it and logs a CSP violation.
z.config({ jitless: true });

const pinia = createPinia();
// Mounted once its language is in (or could not be had: then in English), never in English first.
void followChosenLanguage(pinia).finally(() => logUncaughtErrors(createApp(App), 'sidebar').use(pinia).mount('#app'));

// Connects at once: Gmail's page offers its port as soon as the frame loads.
const gmail = useGmailStore(pinia);
connectToGmail({
  win: window,
  onMessage: gmail.receive,
  sendHello: (hello) => sendHello(browser, hello),
}).then(gmail.attach, (error: unknown) => {
  console.error('Sidecar: the sidebar could not connect to Gmail', error);
  gmail.fail();
});
