import { mount } from 'svelte';
import 'coin-ticker/define';
import './market';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
