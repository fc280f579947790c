import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';

export default tseslint.config(
  // examples/ are apps with their own toolchains, checked by npm run test:examples.
  // wordpress/.wp/ is the WordPress the plugin's tests install; the plugin's copy of the bundle is build output.
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test/msw/',
      'custom-elements.json',
      'examples/',
      'wordpress/.wp/',
      'wordpress/.cache/',
      'wordpress/coin-ticker/assets/coin-ticker.min.js',
    ],
  },
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
