// What the user's tree may put in the bundle (src/bundle/policy.ts): version-control metadata and
// the action's own temp and work dirs left out, bundle-path kept inside the workspace once
// symlinks are resolved, and systemd/ unit names checked at build time. Issue 12, B10, B11, B16.
import { mkdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, InputErrors } from '../../../src/errors.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { prepare } from '../../../src/modes/prepare.js';
import { unitNameProblem } from '../../../src/bundle/policy.js';
import { bundleScratch, expectBundleError, makeTree } from '../../helpers/bundle-tree.js';
import { recordingSink } from '../../helpers/recording-sink.js';
import { repoRoot } from '../../helpers/repo.js';

const { tmp, build } = bundleScratch();

const paths = (r: { manifest: { files: { path: string }[] } }): string[] =>
  r.manifest.files.map((f) => f.path).filter((p) => !p.startsWith('.spot-deploy'));

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('version-control metadata (B10)', () => {
  const CHECKOUT = {
    'app.txt': 'app',
    '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'vendor/lib/.git': 'gitdir: ../../.git/modules/lib\n', // a submodule's .git file
    'vendor/lib/lib.js': 'lib',
    'deep/a/b/.hg/hgrc': 'x',
    'deep/a/b/.svn/entries': 'x',
    'deep/a/b/keep.txt': 'k',
    '.gitignore': 'node_modules\n',
  };

  it('leaves .git, .hg and .svn out at any depth, files and directories alike', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), CHECKOUT);
    const r = await build(src);
    expect(paths(r)).toEqual([
      '.gitignore',
      'app.txt',
      'deep',
      'deep/a',
      'deep/a/b',
      'deep/a/b/keep.txt',
      'vendor',
      'vendor/lib',
      'vendor/lib/lib.js',
    ]);
    const archive = await readFile(r.file);
    expect(archive.includes(Buffer.from('AUTHORIZATION'))).toBe(false);
  });

  it('bundles them only when asked to explicitly (bundle-include-vcs)', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), CHECKOUT);
    const r = await build(src, { includeVcs: true });
    expect(paths(r)).toEqual(
      expect.arrayContaining(['.git/config', 'vendor/lib/.git', 'deep/a/b/.hg/hgrc']),
    );
  });

  it('refuses a symlink into a left-out .git, as into any excluded path', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      ...CHECKOUT,
      cfg: { link: '.git/config' },
    });
    await expectBundleError(build(src), 'bundle-path', /points to a missing or excluded path/);
  });
});

describe("the action's own directories (B10)", () => {
  it('leaves the temp dir and the work dir out when they sit inside bundle-path', async () => {
    const ws = await makeTree(path.join(await tmp(), 'ws'), {
      'app.txt': 'app',
      '_temp/checkout-key': 'PRIVATE',
      '_temp/spot-deploy/x/user-data': 'HOST KEY',
    });
    const r = await build(ws, {
      workspace: ws,
      neverBundle: [path.join(ws, '_temp'), path.join(ws, '_temp/spot-deploy/x')],
    });
    expect(paths(r)).toEqual(['app.txt']);
  });

  it('still leaves the work dir out when bundle-path is the temp dir itself', async () => {
    const temp = await makeTree(path.join(await tmp(), 'temp'), {
      'site/index.html': 'hi',
      'spot-deploy/x/user-data': 'HOST KEY',
      'spot-deploy/x/bundle.tar.gz': 'old',
    });
    const r = await build(temp, {
      neverBundle: [temp, path.join(temp, 'spot-deploy/x')],
    });
    expect(paths(r)).toEqual(['site', 'site/index.html', 'spot-deploy']);
  });

  it('prepare() passes the run temp dir and work dir: user-data with the host key stays out', async () => {
    const ws = await makeTree(path.join(await tmp(), 'ws'), {
      'app.txt': 'app',
      '.git/config': 'AUTHORIZATION',
    });
    const temp = path.join(ws, '_temp');
    await mkdir(temp);
    const values: Partial<Record<InputName, string>> = {
      mode: 'plan',
      regions: 'eu-west-1',
      'bundle-path': '.',
      'deployment-id': 'b10',
    };
    const inputs = parseInputs((n) => values[n] ?? '', {
      workspace: ws,
      defaultRegion: undefined,
    });
    const plan = buildPlan(inputs, { tempDir: temp }, new Date('2026-01-01T00:00:00Z'));
    const keys = { client: generateEd25519('c'), host: generateEd25519('h') };
    // A stale work dir of an earlier run, with its user-data, is there before the bundle is built.
    await makeTree(`${plan.workDirPrefix}earlier`, { 'user-data': keys.host.privateKey });
    const prepared = await prepare(plan, keys, recordingSink(), repoRoot);
    expect(paths(prepared.bundle)).toEqual(['app.txt']);
  });
});

describe('bundle-path stays inside the workspace (B11)', () => {
  const parseWith = (workspace: string, bundlePath: string) =>
    parseInputs(
      (n) => ({ mode: 'plan', regions: 'eu-west-1', 'bundle-path': bundlePath })[n as string] ?? '',
      { workspace, defaultRegion: undefined },
    );

  it.each([['../..'], ['/etc/ssh'], ['deploy/../../x']])(
    'refuses %j at input parsing, naming bundle-path',
    async (raw) => {
      const ws = await makeTree(path.join(await tmp(), 'ws'), { 'deploy/a': 'a' });
      let err: unknown;
      try {
        parseWith(ws, raw);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputErrors);
      const [first] = (err as InputErrors).errors;
      expect(first?.input).toBe('bundle-path');
      expect(first?.message).toMatch(/is outside the workspace/);
    },
  );

  it('accepts the workspace itself and a directory below it', async () => {
    const ws = await makeTree(path.join(await tmp(), 'ws'), { 'deploy/a': 'a' });
    expect(parseWith(ws, '.').bundlePath).toBe(ws);
    expect(parseWith(ws, './deploy/').bundlePath).toBe(path.join(ws, 'deploy'));
  });

  it('refuses a bundle-path symlink that resolves outside the workspace', async () => {
    const base = await tmp();
    const outside = await makeTree(path.join(base, 'etc-ssh'), { ssh_host_ed25519_key: 'KEY' });
    const ws = await makeTree(path.join(base, 'ws'), { 'app.txt': 'a' });
    await symlink(outside, path.join(ws, 'site'));
    const err = await rejection(build(path.join(ws, 'site'), { workspace: ws }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe('bundle-path');
    expect((err as InputError).message).toMatch(
      /site, which resolves to .*etc-ssh is outside the workspace/,
    );
  });

  it('refuses a symlinked ancestor that leads outside the workspace', async () => {
    const base = await tmp();
    await makeTree(path.join(base, 'elsewhere/deploy'), { 'secret.txt': 's' });
    const ws = await makeTree(path.join(base, 'ws'), { 'app.txt': 'a' });
    await symlink(path.join(base, 'elsewhere'), path.join(ws, 'up'));
    const err = await rejection(build(path.join(ws, 'up/deploy'), { workspace: ws }));
    expect((err as InputError).input).toBe('bundle-path');
  });

  it('accepts a symlink that stays inside, and a workspace reached through a symlink', async () => {
    const base = await tmp();
    const ws = await makeTree(path.join(base, 'ws'), { 'real/app.txt': 'a' });
    await symlink('real', path.join(ws, 'site'));
    await symlink(ws, path.join(base, 'ws-link'));
    const r = await build(path.join(ws, 'site'), { workspace: path.join(base, 'ws-link') });
    expect(paths(r)).toEqual(['app.txt']);
  });
});

describe('systemd/ unit names at build time (B16)', () => {
  it.each([
    ['my app.service', /is not a unit name.*no spaces/],
    ['app.conf', /is not a unit name/],
    ['app', /is not a unit name/],
    ['a:b.service', /is not a unit name/],
    ['a@b@.service', /misplaced @/],
    ['@x.service', /misplaced @/],
    ['spot-deploy.path', /reserved/],
    ['spot-deploy-watcher.service', /reserved for the action/],
  ])('refuses systemd/%j, naming bundle-path and the file', async (name, why) => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'systemd/ok.service': '[Service]\n',
      [`systemd/${name}`]: '[Service]\n',
    });
    await expectBundleError(build(src), 'bundle-path', why);
    await expectBundleError(build(src), 'bundle-path', new RegExp(`systemd/.*\\(${src}/systemd/`));
  });

  it('refuses a directory in systemd/', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'systemd/app.service.d/override.conf': 'x',
    });
    await expectBundleError(build(src), 'bundle-path', /is a directory, not a unit file/);
  });

  it('accepts the names systemd and the agent accept, and leaves deeper files alone', async () => {
    for (const ok of ['app.service', 'web@.service', 'web@8080.socket', 'a_b-c.d.timer'])
      expect(unitNameProblem(ok)).toBeUndefined();
    expect(unitNameProblem(`${'a'.repeat(247)}.service`)).toBeUndefined();
    // Linux file names stop at 255 bytes, so only the function itself can see a longer one.
    expect(unitNameProblem(`${'a'.repeat(248)}.service`)).toMatch(/longer than 255/);
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'systemd/app.service': '[Service]\n',
      'config/systemd/not a unit.txt': 'x',
    });
    expect(paths(await build(src))).toContain('systemd/app.service');
  });
});

describe('.spot-deploy (B15)', () => {
  it('refuses a .spot-deploy symlink at the top of bundle-path', async () => {
    const src = await makeTree(path.join(await tmp(), 'src'), {
      'real/agent.py': 'mine',
      '.spot-deploy': { link: 'real' },
    });
    await expectBundleError(build(src), 'bundle-path', /\.spot-deploy is reserved/);
  });
});
