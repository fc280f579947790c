import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';

export default tseslint.config(
  // examples/ are apps with their own toolchains, checked by npm run test:examples.
  { ignores: ['dist/', 'node_modules/', 'test/msw/', 'custom-elements.json', 'examples/'] },
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
