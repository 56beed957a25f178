/**
 * scripts/gen-docs.mjs run as `npm run docs` runs it (a node process): README.md's reference
 * tables are current (`--check`, the CI check; `npm run docs` fixes it), and the generator's own
 * behaviour on a scratch copy. The script runs its main() on import, so it cannot be called in
 * process; unit/docs.test.ts checks the tables' contents without it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo.js';
import { tableNames } from '../helpers/readme-tables.js';

const ROOT = repoRoot;
const SCRIPT = join(ROOT, 'scripts/gen-docs.mjs');
const WORKFLOW = '.github/workflows/spot-deploy.yml';

function gen(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

describe('README reference tables', () => {
  it('are up to date with action.yml and the reusable workflow (npm run docs)', () => {
    const r = gen('--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
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

  it('rejects unknown flags', () => {
    const r = gen('--chek');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Unknown option '--chek'/);
  });
});
