// First, so that it runs before the contract's schemas are built.
import './zod-without-eval.js';
import './styles.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { connectSoftphone } from './softphone-client.js';
import { useConnectionStore } from './stores/connection.js';

const pinia = createPinia();
const app = createApp(App).use(pinia);
useConnectionStore(pinia).connect(connectSoftphone());
app.mount('#app');
