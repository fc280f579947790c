import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Without isCustomElement, Vue looks for a Vue component called coin-list and warns once per tag that it found none.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('coin-') } } })],
});
