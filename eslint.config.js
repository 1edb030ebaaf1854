import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.tmp/**', 'migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The web takes the server's DTO types from src/shared, as types only: zod stays out of the bundle.
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/e2e/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/*.schema', '**/shared/*.schema.js'],
              allowTypeImports: true,
              message: 'Import only types from a shared schema in the web (import type …).',
            },
            { group: ['**/server/**'], message: 'The web never imports server code; share it through src/shared.' },
          ],
        },
      ],
    },
  },
);
