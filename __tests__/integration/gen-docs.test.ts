/**
 * scripts/gen-docs.mjs as a program, as `npm run docs` runs it: importing it runs nothing, so this
 * is the one check that executing it runs the command line and sets its exit status (a broken
 * entry check would exit 0 saying nothing). unit/docs.test.ts tests the command line in process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo.js';

const ROOT = repoRoot;
const SCRIPT = join(ROOT, 'scripts/gen-docs.mjs');

function gen(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/gen-docs.mjs', () => {
  it('rejects unknown flags', () => {
    const r = gen('--chek');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Unknown option '--chek'/);
  });
});
