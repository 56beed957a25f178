/**
 * README.md's reference tables are current (scripts/gen-docs.mjs --check, the CI check; `npm run
 * docs` fixes it) and list exactly what action.yml and the reusable workflow declare; the
 * generator's behaviour on a scratch copy, through its run() in process; and the README promises
 * that must not rot: the two commands, and links to files and headings that exist.
 * integration/gen-docs.test.ts runs the script as a program (its entry and exit status).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../scripts/gen-docs.mjs';
import { repoRoot } from '../helpers/repo.js';
import { tableNames } from '../helpers/readme-tables.js';

const ROOT = repoRoot;
const WORKFLOW = '.github/workflows/spot-deploy.yml';

/** `node scripts/gen-docs.mjs ...args` from the repository root, in process. */
const gen = (...args: string[]) => run(args, { cwd: ROOT });

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A scratch repository with the three files the generator reads. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spot-deploy-docs-'));
  scratchDirs.push(dir);
  for (const f of ['README.md', 'action.yml', WORKFLOW]) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  return dir;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): string[] {
  return [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    (m[1] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README reference tables', () => {
  it('are up to date with action.yml and the reusable workflow (npm run docs)', () => {
    const r = gen('--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('list every input and output of action.yml, in its order', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    expect(tableNames(readme, 'inputs')).toEqual(Object.keys(action.inputs));
    expect(tableNames(readme, 'outputs')).toEqual(Object.keys(action.outputs));
  });

  it('list every input and secret of the reusable workflow', () => {
    const wf = parse(readFileSync(join(ROOT, WORKFLOW), 'utf8')) as {
      on: { workflow_call: { inputs: object; secrets: object } };
    };
    expect(tableNames(readme, 'workflow-inputs')).toEqual(Object.keys(wf.on.workflow_call.inputs));
    expect(tableNames(readme, 'workflow-secrets')).toEqual(
      Object.keys(wf.on.workflow_call.secrets),
    );
  });
});

describe('scripts/gen-docs.mjs', () => {
  it('--check fails on a new input, naming the table and the fix; a run regenerates it', () => {
    const dir = scratch();
    const action = join(dir, 'action.yml');
    writeFileSync(
      action,
      readFileSync(action, 'utf8').replace(
        /^inputs:\n/m,
        "inputs:\n  brand-new:\n    description: 'A | pipe\n      and a folded line.'\n    default: '7'\n",
      ),
    );
    const before = readFileSync(join(dir, 'README.md'), 'utf8');

    const stale = gen('--check', '--root', dir);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/out of date: the inputs table\(s\) differ/);
    expect(stale.stderr).toContain('npm run docs');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(before); // --check writes nothing

    expect(gen('--root', dir).status).toBe(0);
    const after = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(after).toContain('| `brand-new` | `7` | A \\| pipe and a folded line. |');
    expect(tableNames(after, 'inputs')[0]).toBe('brand-new');
    // Only the inputs section changed.
    const outside = (s: string) => s.replace(/<!-- inputs:start -->[\s\S]*<!-- inputs:end -->/, '');
    expect(outside(after)).toBe(outside(before));
    expect(gen('--check', '--root', dir).status).toBe(0);
  });

  it('fails clearly when a marker is missing', () => {
    const dir = scratch();
    const file = join(dir, 'README.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<!-- outputs:end -->', ''));
    const r = gen('--check', '--root', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('has no <!-- outputs:end --> marker');
  });
});

describe('README', () => {
  it('keeps the two commands: the main job on the embedded example, and the whole suite', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toContain('bash .ci/run');
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.example).toBe('node dist/cli.js plan --config examples/plan.yml');
    expect(existsSync(join(ROOT, 'examples/plan.yml'))).toBe(true);
    // .ci/run ends in the whole suite, whatever it installs first.
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm run all$/m);
  });

  it.each(['README.md', 'docs/troubleshooting.md', 'docs/release-notes-v1.md', 'CHANGELOG.md'])(
    '%s links only to files and headings that exist',
    (doc) => {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1] ?? '')
        .filter((t) => !/^[a-z]+:/.test(t));
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        const [path = '', anchor] = link.split('#');
        const file = path === '' ? join(ROOT, doc) : join(ROOT, dirname(doc), path);
        expect(existsSync(file), `${doc} → ${link}`).toBe(true);
        if (anchor !== undefined && file.endsWith('.md'))
          expect(anchors(readFileSync(file, 'utf8')), `${doc} → ${link}`).toContain(anchor);
      }
    },
  );

  it('summarises exactly the actions of docs/iam-policy.json', () => {
    const policy = JSON.parse(readFileSync(join(ROOT, 'docs/iam-policy.json'), 'utf8')) as {
      Statement: Array<{ Action: string | string[] }>;
    };
    const inPolicy = policy.Statement.flatMap((st) => [st.Action].flat()).map((a) =>
      a.startsWith('ec2:') ? a.slice(4) : a,
    );
    const section = readme.split('\n## AWS permissions\n')[1]?.split('\n## ')[0] ?? '';
    const table = section.split('\n').filter((l) => l.startsWith('| '));
    const inReadme = table.flatMap((l) =>
      [...(l.split(' | ')[1] ?? '').matchAll(/`([\w:]+)`/g)].map((m) => m[1]),
    );
    expect([...new Set(inReadme)].sort()).toEqual([...new Set(inPolicy)].sort());
  });

  it('has the sections the quick starts link to', () => {
    for (const heading of [
      '### 1. A one-off deploy (manual dispatch)',
      '### 2. A test fleet per pull request',
      '### 3. A scheduled janitor',
      '## Security model',
      '## Cost safety',
      '## Troubleshooting',
    ])
      expect(readme).toContain(`\n${heading}\n`);
  });
});
