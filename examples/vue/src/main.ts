import { createApp } from 'vue';
import 'coin-ticker/define';
import './market';
import App from './App.vue';

createApp(App).mount('#app');
