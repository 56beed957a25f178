/**
 * `npm run lint` enforces the one-way import direction of src/ (LAYERS in eslint.config.js) and
 * forbids import cycles. These tests plant violations and lint them in-process with ESLint's Node
 * API and the project's own config, so a rule that silently stops matching (a resolver that no
 * longer maps `./foo.js` to `foo.ts`, a zone path that no longer exists) fails here. The last
 * block checks that the type-aware rules (no-floating-promises) reach src/ and the tests.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/repo.js';

const IMPORT_RULES = new Set(['import-x/no-restricted-paths', 'import-x/no-cycle']);

const eslint = new ESLint({
  cwd: repoRoot,
  // The planted files exist only as text, so the type-aware rules (which need them in the
  // TypeScript program) are switched off; the import rules resolve the real modules they import.
  overrideConfig: [tseslint.configs.disableTypeChecked],
  ruleFilter: ({ ruleId }) => IMPORT_RULES.has(ruleId),
  // The cycle fixtures are in eslint.config.js's ignores so that `npm run lint` stays green.
  ignore: false,
});

async function importProblems(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

// The first lint pays ESLint's and the TypeScript resolver's cold start: 7 s at load average 14
// on the shared 2-core machine, over the unit tier's 5 s default (the assertions are unchanged).
describe(
  'import direction (eslint-plugin-import-x no-restricted-paths)',
  { timeout: 30_000 },
  () => {
    it('reports src/aws importing src/modes', async () => {
      const problems = await importProblems(
        "export { runPlan } from '../modes/plan.js';\n",
        'src/aws/planted.ts',
      );
      expect(problems).toEqual([
        expect.stringMatching(
          /^import-x\/no-restricted-paths: .*"\.\.\/modes\/plan\.js".*src\/aws\//,
        ),
      ]);
    });

    it('reports src/modes importing src/github, type-only imports included', async () => {
      const problems = await importProblems(
        "import type { Publishers } from '../github/publish.js';\nexport type P = Publishers;\n",
        'src/modes/planted.ts',
      );
      expect(problems).toEqual([
        expect.stringMatching(/^import-x\/no-restricted-paths: .*"\.\.\/github\/publish\.js"/),
      ]);
    });

    it('reports aws and ssh importing each other (same layer)', async () => {
      const problems = await importProblems(
        "export * from '../ssh/connect.js';\n",
        'src/aws/planted.ts',
      );
      expect(problems).toHaveLength(1);
    });

    it('reports a leaf module importing a folder, and src importing test helpers', async () => {
      expect(
        await importProblems("export * from './inputs/parse.js';\n", 'src/planted-leaf.ts'),
      ).toHaveLength(1);
      expect(
        await importProblems("export * from '../../__tests__/helpers/repo.js';\n", 'src/ssh/x.ts'),
      ).toHaveLength(1);
    });

    it('accepts imports from earlier layers, the own folder and the leaves', async () => {
      const problems = await importProblems(
        [
          "export * from '../inputs/parse.js';",
          "export * from '../bundle/build.js';",
          "export * from './results.js';",
          "export * from '../errors.js';",
          "export * from '../aws/fleet.js';",
          "export * from '../ssh/deliver.js';",
          '',
        ].join('\n'),
        'src/report/planted.ts',
      );
      expect(problems).toEqual([]);
    });

    it('lets the entry points import anything', async () => {
      const problems = await importProblems(
        "export * from './github/main.js';\nexport * from './modes/plan.js';\n",
        'src/cli.ts',
      );
      expect(problems).toEqual([]);
    });
  },
);

describe('import cycles (eslint-plugin-import-x no-cycle)', () => {
  it('reports a module that imports a module that imports it back', async () => {
    const results = await eslint.lintFiles([
      join(repoRoot, '__tests__/unit/lint/fixtures/cycle/a.ts'),
    ]);
    const messages = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(messages).toEqual(['import-x/no-cycle']);
  });
});

describe('type-aware linting', () => {
  it.each(['src/modes/plan.ts', '__tests__/unit/docs.test.ts'])(
    'runs no-floating-promises with type information on %s',
    async (file) => {
      const config = (await new ESLint({ cwd: repoRoot }).calculateConfigForFile(
        join(repoRoot, file),
      )) as {
        rules: Record<string, unknown[]>;
        languageOptions: { parserOptions: { projectService?: unknown } };
      };
      expect(config.rules['@typescript-eslint/no-floating-promises']?.[0]).toBe(2);
      expect(config.languageOptions.parserOptions.projectService).toBe(true);
    },
  );
});
