import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { z } from 'zod';
import TheDashboard from '@/components/TheDashboard.vue';
import { logUncaughtErrors } from '@/composables/appErrors';
import '../sidebar/style.css';

// Extension pages forbid eval; without this zod probes for it and logs a CSP violation.
z.config({ jitless: true });

logUncaughtErrors(createApp(TheDashboard), 'dashboard').use(createPinia()).mount('#app');
