import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/inputs/plan.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { prepare } from '../../../src/modes/prepare.js';
import { makePrivateDir, writeNewFile } from '../../../src/private-files.js';
import type { Sink } from '../../../src/report/sink.js';
import { repoRoot } from '../../helpers/repo.js';

const sink: Sink = {
  info: () => undefined,
  warning: () => undefined,
  setOutput: () => undefined,
  setSecret: () => undefined,
  summary: async () => undefined,
};
const keys = { client: generateEd25519('c'), host: generateEd25519('h') };

function planIn(tempDir: string) {
  const all: Partial<Record<InputName, string>> = {
    mode: 'plan',
    regions: 'eu-west-1',
    'deployment-id': 'tmp-test',
    'bundle-path': 'examples/bundle',
  };
  const inputs = parseInputs((n) => all[n] ?? '', {
    workspace: repoRoot,
    defaultRegion: undefined,
  });
  return buildPlan(inputs, { tempDir }, new Date('2026-01-01T00:00:00Z'));
}

describe('prepare: files in a private directory of the run (B16e)', () => {
  it('writes user-data and bundle in a fresh 0700 directory, files 0600, never at a guessable path', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'shared-'));
    // What another user of the machine could plant at the old, predictable path.
    const victim = join(shared, 'victim');
    mkdirSync(join(shared, 'spot-deploy', 'tmp-test'), { recursive: true });
    symlinkSync(victim, join(shared, 'spot-deploy', 'tmp-test', 'user-data'));

    const plan = planIn(shared);
    const a = await prepare(plan, keys, sink, repoRoot);
    const b = await prepare(plan, keys, sink, repoRoot);
    expect(a.workDir).not.toBe(b.workDir);
    expect(dirname(a.workDir)).toBe(shared);
    expect(a.workDir).toMatch(/spot-deploy-tmp-test-[A-Za-z0-9]{6}$/);
    expect(statSync(a.workDir).mode & 0o777).toBe(0o700);
    expect(a.userDataPath).toBe(join(a.workDir, 'user-data'));
    expect(statSync(a.userDataPath).mode & 0o777).toBe(0o600);
    expect(a.bundle.file).toBe(join(a.workDir, 'bundle.tar.gz'));
    expect(statSync(a.bundle.file).mode & 0o777).toBe(0o600);
    expect(() => lstatSync(victim)).toThrow(); // nothing written through the planted link
  });
});

describe('private-files', () => {
  it('writeNewFile refuses an existing file and a symlink, and writes 0600', async () => {
    const dir = await makePrivateDir(join(tmpdir(), 'pf-'));
    expect(readdirSync(dir)).toEqual([]);
    await writeNewFile(join(dir, 'new'), 'x');
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o600);
    await expect(writeNewFile(join(dir, 'new'), 'y')).rejects.toThrow(/EEXIST/);
    writeFileSync(join(dir, 'target'), 'keep');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    await expect(writeNewFile(join(dir, 'link'), 'y')).rejects.toThrow(/EEXIST|ELOOP/);
  });
});
