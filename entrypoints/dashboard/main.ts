import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import TheDashboard from '@/components/TheDashboard.vue';
import { logUncaughtErrors } from '@/composables/appErrors';
import { followChosenLanguage } from '@/composables/appLanguage';
import '../sidebar/style.css';

// Extension pages forbid eval; without this zod probes for it and logs a CSP violation.
z.config({ jitless: true });

const pinia = createPinia();
// Mounted once its language is in (or could not be had: then in English), never in English first.
void followChosenLanguage(pinia).finally(() => logUncaughtErrors(createApp(TheDashboard), 'dashboard').use(pinia).mount('#app'));
