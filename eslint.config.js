import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const otherModel = {
  group: ['./*/model', './*/model.ts', '../*/model', '../*/model.ts', '../../*/model', '../../*/model.ts'],
  message: "Another module's model: use that module's service.ts.",
};
const ownModel = {
  group: ['./model', './model.ts'],
  message:
    'Route files do not query models: call the service (types and enumerations come from service.ts or schemas.ts).',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'uploads/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Module borders: a module is used through its service.ts, never through another module's model.
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherModel] }] },
  },
  // Route files parse, call the service and render: they never query a model, not even their own.
  {
    files: ['src/**/*routes.ts', 'src/services/admin-*.ts'],
    // The outbox pages query their model; they move behind a mail service with the durable queue.
    ignores: ['src/mail/routes.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherModel, ownModel] }] },
  },
  // The demo seeder is a tool over the whole database (is it empty? wipe it, link the demo data).
  {
    files: ['src/demo/seed.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
