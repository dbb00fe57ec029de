// First, so that it runs before the contract's schemas are built.
import './zod-without-eval.js';
import './styles.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createDesktopI18n, preferredLocale } from './i18n/index.js';
import { connectSoftphone } from './softphone-client.js';
import { useConnectionStore } from './stores/connection.js';

const pinia = createPinia();
const locale = preferredLocale(navigator.languages);
document.documentElement.lang = locale;
const app = createApp(App).use(pinia).use(createDesktopI18n(locale));
useConnectionStore(pinia).connect(connectSoftphone());
app.mount('#app');
