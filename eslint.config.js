import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test/msw/', 'custom-elements.json'] },
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
