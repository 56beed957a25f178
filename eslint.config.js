import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = path.dirname(fileURLToPath(import.meta.url));

// The one-way import direction of src/, in the order data flows. A folder may import the top-level
// leaf modules (src/errors.ts, keys.ts, paths.ts, time.ts: every src/*.ts except the
// entry points), its own folder and the folders of EARLIER layers; never a later layer nor another
// folder of its own layer (aws and ssh never import each other, nor bundle and cloud-init).
// The entry points src/index.ts and src/cli.ts may import anything; nothing imports them.
const LAYERS = [
  ['inputs'],
  ['instance'],
  ['bundle', 'cloud-init'],
  ['aws', 'ssh'],
  ['report'],
  ['modes'],
  ['github'],
];
const ENTRY_POINTS = ['src/index.ts', 'src/cli.ts'];
const NOT_IN_SRC = ['__tests__', 'bench', 'scripts'];

/** no-restricted-paths zones built from LAYERS. */
function importDirectionZones() {
  const zones = [
    {
      target: 'src/!(index|cli).ts',
      from: ['src/*/**', 'src/{index,cli}.ts'],
      message: 'Leaf modules (src/*.ts) import no src/ folder and no entry point.',
    },
    {
      target: 'src',
      from: NOT_IN_SRC,
      message: `src/ never imports ${NOT_IN_SRC.join('/, ')}/.`,
    },
  ];
  LAYERS.forEach((layer, rank) => {
    const allowed = LAYERS.slice(0, rank).flat();
    for (const folder of layer) {
      const forbidden = LAYERS.flat().filter(
        (other) => other !== folder && !allowed.includes(other),
      );
      zones.push({
        target: `src/${folder}`,
        from: [...forbidden.map((other) => `src/${other}`), ...ENTRY_POINTS],
        message:
          `src/${folder}/ may import only leaf modules, its own folder` +
          (allowed.length ? ` and src/{${allowed.join(',')}}/` : '') +
          ' (the layer order is LAYERS in eslint.config.js).',
      });
    }
  });
  return zones;
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.cache/**',
      // Deliberately cyclic modules that the import-direction test lints with ignore: false.
      '__tests__/unit/lint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware rules (no-floating-promises, no-misused-promises, the no-unsafe-* family, ...) on
  // every TypeScript file in tsconfig.json, through the TypeScript project service.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({
    ...config,
    files: ['**/*.ts'],
  })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Test doubles implement async interfaces (`async summary() { return ... }`) without awaiting
    // anything: 18 of the 45 typed findings in __tests__/ and bench/ were this, none a bug.
    files: ['__tests__/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x parses only .js files when it follows imports, and no-cycle
      // silently finds no cycle among .ts modules (as in importX.flatConfigs.typescript).
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Resolves the `./foo.js` specifiers of NodeNext ESM to `foo.ts` through tsconfig.json.
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: importDirectionZones() }],
      // Runtime cycles only: the rule skips `import type`, which erases at compile time.
      // ignoreExternal keeps it out of node_modules (41 s for `eslint .` instead of 14).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
