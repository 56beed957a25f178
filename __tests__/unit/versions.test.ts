/**
 * Version numbers that live in more than one file: the package version and the changelog, and
 * the Node versions (.node-version for development and CI, engines.node for the command line,
 * runs.using for the action) and the README's Runtimes paragraph that explains them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/repo.js';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { version: string; engines: { node: string } };

describe('package version', () => {
  const changelog = read('CHANGELOG.md');
  const released = /^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/m.exec(changelog)?.[1];

  it('is the newest release in CHANGELOG.md (Unreleased changes bump it when released)', () => {
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(pkg.version).toBe(released);
  });

  it('matches the changelog links and package-lock.json', () => {
    expect(changelog).toContain(`[Unreleased]: `);
    expect(changelog).toMatch(new RegExp(`/compare/v${pkg.version}\\.\\.\\.HEAD$`, 'm'));
    expect(changelog).toMatch(new RegExp(`^\\[${pkg.version}\\]: .*/v${pkg.version}$`, 'm'));
    const lock = JSON.parse(read('package-lock.json')) as {
      version: string;
      packages: Record<string, { version?: string }>;
    };
    expect(lock.version).toBe(pkg.version);
    expect(lock.packages['']?.version).toBe(pkg.version);
  });
});

describe('Node versions', () => {
  const nodeVersion = read('.node-version').trim();
  const using = (parse(read('action.yml')) as { runs: { using: string } }).runs.using;

  it('develops and tests on the oldest Node the command line supports', () => {
    expect(nodeVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.engines.node).toBe(`>=${nodeVersion.split('.')[0]}`);
  });

  it('are the ones the README states', () => {
    const readme = read('README.md');
    const runtimes = /^\*\*Runtimes\.\*\*[^]*?\n\n/m.exec(readme)?.[0] ?? '';
    expect(runtimes).toContain(`\`runs.using: ${using}\``);
    expect(runtimes).toContain(`Node ${nodeVersion} (\`.node-version\``);
    expect(runtimes).toContain(`supports Node ${pkg.engines.node.slice(2)} and later`);
  });
});
