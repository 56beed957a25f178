// What the action loads before it knows what it must do. src/index.ts and src/github/main.ts (every
// step), mode plan and the CLI's plan are held to a static import graph that reaches none of the
// heavy packages: a top-level `import` of one of them anywhere on those paths fails here (a lazy
// `import()` is the way to add one). docs/architecture.md, "Start-up", says why.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/repo.js';

/** Packages that cost start-up time (dist/ chunks of 0.5–3.7 MB) and that plan does not need. */
const HEAVY = [
  '@actions/artifact',
  '@actions/github',
  '@actions/core', // its HTTP client loads undici; github/runner.ts speaks the protocol instead
  '@aws-sdk/client-ec2', // the package's entry is the whole client
  '@aws-sdk/client-ec2/dist-es/models/enums.js', // every EC2 enum: known-names.ts reads generated text
  'tar', // the whole package, minified: the bundle builder imports tar/pack, tar/header, tar/read-entry
  '@aws-sdk/core/client', // 0.5 MB for a region table: known-names.ts reads the table alone (#aws-partitions)
  'minimatch', // bundle/walk.ts loads it only when bundle-exclude has a pattern
  'ssh2',
  'undici',
];

interface Graph {
  /** src/ files reached, relative to the repository. */
  readonly files: Set<string>;
  /** Package specifiers reached, with the file that imports each. */
  readonly packages: Map<string, string>;
  /** Files that a reached file loads only lazily, with `import()`. */
  readonly lazy: Set<string>;
}

const sources = new Map<string, ts.SourceFile>();
function parsed(file: string): ts.SourceFile {
  let s = sources.get(file);
  if (!s) {
    s = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    sources.set(file, s);
  }
  return s;
}

/**
 * The modules loaded when `entries` load: static imports and re-exports, followed through src/.
 * `import type` and `export type` are erased; `import { type X }` is not (verbatimModuleSyntax
 * keeps it as `import {}`, which still loads the module). `import()` is not followed.
 */
function staticGraph(entries: readonly string[]): Graph {
  const g: Graph = { files: new Set(), packages: new Map(), lazy: new Set() };
  const todo = entries.map((e) => resolve(repoRoot, e));
  while (todo.length > 0) {
    const file = todo.pop() ?? '';
    const rel = relative(repoRoot, file);
    if (g.files.has(rel)) continue;
    g.files.add(rel);
    const source = parsed(file);
    const add = (spec: string, lazy: boolean) => {
      if (!spec.startsWith('.')) {
        if (!lazy && !g.packages.has(spec)) g.packages.set(spec, rel);
        return;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (lazy) g.lazy.add(relative(repoRoot, target));
      else todo.push(target);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly)
        add((node.moduleSpecifier as ts.StringLiteral).text, false);
      else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly)
        add((node.moduleSpecifier as ts.StringLiteral).text, false);
      else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      )
        add(node.arguments[0].text, true);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return g;
}

/** The heavy packages a graph reaches, each with the file that imports it. */
function heavyIn(g: Graph): string[] {
  return [...g.packages]
    .filter(([spec]) => HEAVY.some((h) => spec === h || spec.startsWith(`${h}/lib`)))
    .map(([spec, by]) => `${spec} (imported by ${by})`);
}

const PATHS: Record<string, readonly string[]> = {
  // The post step with nothing to clean up loads index.ts, then main.ts, and stops there.
  'every step (index.ts → github/main.ts), the post step with nothing to clean up': [
    'src/index.ts',
    'src/github/main.ts',
  ],
  'the action in mode plan': [
    'src/index.ts',
    'src/github/main.ts',
    'src/github/main-step.ts',
    'src/modes/plan.ts',
  ],
  'the command line: plan': ['src/index.ts', 'src/cli.ts', 'src/modes/plan.ts'],
};

// Parsing src/ with TypeScript takes a few seconds on a loaded machine.
describe('start-up: what plan and the post step load', { timeout: 30_000 }, () => {
  it.each(Object.entries(PATHS))('%s reaches no heavy package', (_name, entries) => {
    expect(heavyIn(staticGraph(entries))).toEqual([]);
  });

  it('the post step loads the cleanup (and the EC2 client) only lazily', () => {
    const g = staticGraph(
      PATHS['every step (index.ts → github/main.ts), the post step with nothing to clean up'] ?? [],
    );
    expect(g.files).not.toContain('src/modes/cleanup.ts');
    expect(g.files).not.toContain('src/aws/clients.ts');
    expect(g.lazy).toContain('src/modes/cleanup.ts');
    expect(g.lazy).toContain('src/aws/clients.ts');
    // Nor the main step's inputs (and yaml with them): the post step reads saved state only.
    expect(g.lazy).toContain('src/github/main-step.ts');
    expect(g.files).not.toContain('src/inputs/parse.ts');
    // Node's own modules only: no yaml, no package at all.
    expect([...g.packages.keys()].filter((p) => !p.startsWith('node:'))).toEqual([]);
  });

  it('would notice: the modes that need them do reach the EC2 client and ssh2', () => {
    const deploy = heavyIn(staticGraph(['src/modes/deploy/run.ts'])).join('\n');
    expect(deploy).toMatch(/^@aws-sdk\/client-ec2 /m);
    expect(deploy).toMatch(/^ssh2 /m);
    // And the main step loads each mode with import().
    const main = staticGraph(['src/github/main-step.ts']);
    for (const m of ['plan', 'destroy', 'rollback', 'reconcile/run', 'deploy/run'])
      expect(main.lazy).toContain(join('src/modes', `${m}.ts`));
  });
});
