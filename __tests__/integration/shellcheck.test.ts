// Every shell script in the repository must pass shellcheck. CI installs shellcheck; locally:
// `apt-get install -y shellcheck` (or `brew install shellcheck`). A missing shellcheck fails.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo.js';

const repo = repoRoot;
// Dependencies, build output and caches (gitignored) are not ours to lint.
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.git', '.cache']);

function shellScripts(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP.has(entry.name)) found.push(...shellScripts(full));
    else if (entry.isFile() && entry.name.endsWith('.sh')) found.push(full);
  }
  return found;
}

describe('shellcheck', () => {
  const scripts = shellScripts(repo).sort();

  it('finds the scripts to check', () => {
    expect(scripts.map((f) => path.relative(repo, f))).toContain(
      path.join('cloud-init', 'bootstrap.sh'),
    );
  });

  it('reports nothing for any *.sh file', () => {
    const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      expect.fail(
        'shellcheck is not installed: install it (`apt-get install -y shellcheck` or ' +
          '`brew install shellcheck`); CI installs it, so this test does not skip',
      );
    }
    const result = spawnSync('shellcheck', ['--format=gcc', ...scripts], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
