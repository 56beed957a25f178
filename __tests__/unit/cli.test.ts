import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, reconcileSource, unreadable, unwritable } from '../../src/cli.js';
import { DeployFailedError } from '../../src/errors.js';
import { COMMANDS, parseCommandLine, parseConfig, USAGE } from '../../src/inputs/command-line.js';

const config = (text: string): Map<string, string> => {
  const r = parseConfig(text, 'c.yml');
  if (r instanceof Error) throw r;
  return r;
};

describe('--config values are the text written (B14)', () => {
  it('keeps 007, 0x20, yes and 1e3 as written', () => {
    expect(
      Object.fromEntries(
        config(
          'deployment-id: 007\nssh-port: 0x20\npr-comment: yes\ncount: 1e3\nttl-minutes: 0120\n',
        ),
      ),
    ).toEqual({
      'deployment-id': '007',
      'ssh-port': '0x20',
      'pr-comment': 'yes',
      count: '1e3',
      'ttl-minutes': '0120',
    });
  });

  it('leaves a blank or null value unset, but keeps a quoted "null"', () => {
    const c = config('packages:\nhealth-check: ~\nbundle-exclude: null\nenv: "null"\n');
    expect(c.has('packages')).toBe(false);
    expect(c.has('health-check')).toBe(false);
    expect(c.has('bundle-exclude')).toBe(false);
    expect(c.get('env')).toBe('null');
  });

  it('reads lists (flow or block) one item per line, items as written', () => {
    const c = config('regions: [eu-west-1, us-east-1]\nsubnet-ids:\n  - subnet-007\n  - 010\n');
    expect(c.get('regions')).toBe('eu-west-1\nus-east-1');
    expect(c.get('subnet-ids')).toBe('subnet-007\n010');
  });

  it('keeps block scalars as written and ignores a mode (the command is the mode)', () => {
    const c = config('mode: plan\ncloud-config: |\n  timezone: UTC\n');
    expect(c.get('cloud-config')).toBe('timezone: UTC\n');
    expect(c.has('mode')).toBe(false);
  });

  it.each([
    ['tags:\n  a: b\n', /tags: expected a value or a list/],
    ['regions: [[a]]\n', /a list may only hold plain values/],
    ['base: &x eu-west-1\nregions: *x\n', /unknown input 'base'/],
    ['regions: &x eu-west-1\nami: *x\n', /aliases are not supported/],
    ['nope: 1\n', /unknown input 'nope'/],
    ['- a\n', /expected a YAML mapping/],
    ['regions: a\nregions: b\n', /could not read --config c.yml/],
  ])('refuses %j', (text, why) => {
    const r = parseConfig(text, 'c.yml');
    expect(r).toBeInstanceOf(Error);
    expect((r as Error).message).toMatch(why);
  });

  it('an empty file is no inputs', () => {
    expect(config('# nothing\n').size).toBe(0);
  });
});

describe('the command line (B14)', () => {
  it('prints each subcommand its own usage on --help, exit 0', () => {
    for (const c of COMMANDS) {
      for (const argv of [
        [c, '--help'],
        [c, '--regions', 'x', '-h'],
      ]) {
        const r = parseCommandLine(argv);
        expect(r).toMatchObject({ kind: 'help', exitCode: 0 });
        expect(r.kind === 'help' && r.text).toContain(`usage: spot-deploy ${c} `);
      }
    }
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', text: USAGE, exitCode: 0 });
    expect(parseCommandLine([])).toEqual({ kind: 'help', text: USAGE, exitCode: 2 });
  });

  it.each([
    [['deploy', '--mode', 'destroy'], /--mode is not accepted/],
    [['deploy', '--regoins', 'eu-west-1'], /unknown option --regoins/],
    [['deploy', '--regions'], /--regions needs a value/],
    [['deploy', '--regions', 'a', '--regions', 'b'], /--regions is given twice/],
    [['deploy', 'eu-west-1'], /expected --name value pairs/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('refuses %j', (argv, why) => {
    const r = parseCommandLine(argv);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(why);
  });

  it('collects inputs, --config and --summary', () => {
    expect(
      parseCommandLine(['plan', '--config', 'c.yml', '--regions', 'x', '--summary', 's.md']),
    ).toEqual({
      kind: 'run',
      command: 'plan',
      values: new Map([['regions', 'x']]),
      configFile: 'c.yml',
      summaryFile: 's.md',
    });
  });
});

describe('--summary is checked before any work (B14)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));
  it('accepts a new file in a writable directory, or an existing writable file', () => {
    expect(unwritable(join(dir, 'new.md'))).toBeUndefined();
    writeFileSync(join(dir, 'old.md'), 'x');
    expect(unwritable(join(dir, 'old.md'))).toBeUndefined();
  });

  it('says why a path cannot be written', () => {
    mkdirSync(join(dir, 'sub'));
    expect(unwritable(join(dir, 'sub'))).toMatch(/is a directory/);
    expect(unwritable(join(dir, 'missing', 's.md'))).toMatch(/cannot be written .*ENOENT/);
    expect(unwritable(join(dir, 'old.md', 's.md'))).toMatch(/not a directory/);
  });
});

describe('spot-deploy reconcile (issue 13)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reconcile-cli-'));
  const bundle = join(dir, 'bundle.tar.gz');
  writeFileSync(bundle, 'the release');
  const SOURCE = { runId: '501', artifactName: 'spot-deploy-web-501-1' };

  it('is a command, with --bundle-file in its usage and nowhere else', () => {
    expect(COMMANDS).toContain('reconcile');
    expect(USAGE).toMatch(
      /^usage: spot-deploy plan\|deploy\|rollback\|destroy\|status\|reconcile /,
    );
    expect(USAGE).toContain('  reconcile ');
    const help = parseCommandLine(['reconcile', '--help']);
    const text = help.kind === 'help' ? help.text : '';
    expect(text).toContain('[--bundle-file FILE]');
    expect(text).toContain('gh run download <run> -n <artifact>');
    expect(text).toContain('GITHUB_TOKEN');
    const deployHelp = parseCommandLine(['deploy', '--help']);
    expect(deployHelp.kind === 'help' && deployHelp.text).not.toContain('--bundle-file');
  });

  it('takes --bundle-file for reconcile only', () => {
    expect(
      parseCommandLine(['reconcile', '--bundle-file', 'b.tar.gz', '--deployment-id', 'web']),
    ).toEqual({
      kind: 'run',
      command: 'reconcile',
      values: new Map([['deployment-id', 'web']]),
      bundleFile: 'b.tar.gz',
    });
    const r = parseCommandLine(['deploy', '--bundle-file', 'b.tar.gz']);
    expect(r.kind === 'error' && r.message).toMatch(
      /--bundle-file is an option of spot-deploy reconcile only/,
    );
    expect(parseCommandLine(['reconcile', '--bundle-file']).kind).toBe('error');
  });

  it('checks --bundle-file (exists, a readable file) before any cloud call, naming the flag', async () => {
    expect(unreadable(bundle)).toBeUndefined();
    expect(unreadable(join(dir, 'missing.tar.gz'))).toBe('no such file.');
    expect(unreadable(dir)).toMatch(/is not a regular file/);
    const locked = join(dir, 'locked.tar.gz');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    // root reads any file: the check then has nothing to refuse.
    if (process.getuid?.() !== 0) expect(unreadable(locked)).toMatch(/cannot be read .*EACCES/);

    const err: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((m: unknown) => void err.push(String(m)));
    try {
      const code = await cli(
        [
          'reconcile',
          '--bundle-file',
          join(dir, 'missing.tar.gz'),
          '--regions',
          'eu-west-1',
          '--deployment-id',
          'web',
        ],
        {},
      );
      expect(code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toEqual([
      `spot-deploy: --bundle-file ${join(dir, 'missing.tar.gz')}: no such file.`,
    ]);
  });

  it("--bundle-file: copies the file into the run's directory, and a refusal names the flag and the artifact to download", async () => {
    const load = vi.fn(() => Promise.reject(new Error('not loaded with --bundle-file')));
    const source = reconcileSource(bundle, { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'o/r' }, load);
    const work = mkdtempSync(join(dir, 'work-'));
    const got = await source.fetch(SOURCE, work);
    expect(got).toBe(join(work, 'bundle.tar.gz'));
    expect(readFileSync(got, 'utf8')).toBe('the release');
    expect(source.describe?.(SOURCE)).toEqual({
      what: `--bundle-file ${bundle}`,
      remedy: `It is not the release the instances run: pass the bundle of artifact 'spot-deploy-web-501-1' of run 501 (gh run download 501 -n spot-deploy-web-501-1, then --bundle-file <dir>/bundle.tar.gz), or redeploy (spot-deploy deploy).`,
    });
    // A local file serves a release deployed without an artifact too (the CLI's deploy).
    expect(source.local).toBe(true);
    expect(source.describe?.({ runId: '', artifactName: '' }).remedy).toContain(
      "pass the bundle.tar.gz their deploy built (spot-deploy deploy's bundle-file output)",
    );
    expect(load).not.toHaveBeenCalled();
  });

  it('without --bundle-file nor a token: fails only when asked for the bundle, naming --bundle-file and GITHUB_TOKEN', async () => {
    for (const env of [{}, { GITHUB_TOKEN: 't' }, { GITHUB_REPOSITORY: 'o/r' }]) {
      const load = vi.fn(() => Promise.reject(new Error('never loaded')));
      const err = await reconcileSource(undefined, env, load)
        .fetch(SOURCE, dir)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(DeployFailedError);
      expect(String(err)).toMatch(
        /artifact 'spot-deploy-web-501-1' of run 501.*--bundle-file \(gh run download 501 -n spot-deploy-web-501-1.*GITHUB_TOKEN \(or GH_TOKEN.*GITHUB_REPOSITORY.*Nothing was launched or terminated/,
      );
      expect(load).not.toHaveBeenCalled();
    }
  });

  it("with GITHUB_TOKEN (or GH_TOKEN) and GITHUB_REPOSITORY: downloads the run's artifact, loading @actions/artifact only then", async () => {
    for (const env of [
      { GITHUB_TOKEN: 'ghs_a', GITHUB_REPOSITORY: 'o/r' },
      { GH_TOKEN: 'ghs_a', GITHUB_REPOSITORY: 'o/r' },
    ]) {
      const asked: unknown[] = [];
      const client = {
        getArtifact: async (name: string, o?: unknown) => {
          asked.push(['get', name, o]);
          return { artifact: { id: 7, name, size: 1, createdAt: new Date() } };
        },
        downloadArtifact: async (id: number, o?: unknown) => {
          asked.push(['download', id, o]);
          return { downloadPath: dir };
        },
      };
      const load = vi.fn(async () => client);
      const source = reconcileSource(undefined, env, load);
      expect(load).not.toHaveBeenCalled();
      expect(await source.fetch(SOURCE, dir)).toBe(join(dir, 'bundle.tar.gz'));
      expect(load).toHaveBeenCalledTimes(1);
      const findBy = {
        token: 'ghs_a',
        workflowRunId: 501,
        repositoryOwner: 'o',
        repositoryName: 'r',
      };
      expect(asked).toEqual([
        ['get', 'spot-deploy-web-501-1', { findBy }],
        ['download', 7, { findBy, path: dir }],
      ]);
    }
  });
});
