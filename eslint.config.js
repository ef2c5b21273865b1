import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The simulator speaks for IBM's side: sharing the product's types would hide our misreadings.
    files: ['src/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['../powervm/*', '../inspector/*', '../collector/*', '../sinks/*', '../cli/*', '../../*'],
        },
      ],
    },
  },
  {
    // Product code never depends on the simulator; only the CLI wires it in.
    files: ['src/powervm/**/*.ts', 'src/inspector/**/*.ts', 'src/collector/**/*.ts', 'src/sinks/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/simulator/*', '**/simulator'] }],
    },
  },
);
