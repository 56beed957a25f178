// End-to-end tests of the on-instance side: the real cloud-init/bootstrap.sh and
// bundle/.spot-deploy/agent.py run as subprocesses against a scratch root (SPOT_DEPLOY_ROOT),
// with the fake instances' `systemctl` (scripts/fake-instance/systemctl.sh) first on PATH: it
// follows SPOT_DEPLOY_ROOT and records its calls in <root>/var/lib/fake-instance/systemctl.log.
//
// SPOT_DEPLOY_TEST_PYTHON=/path/to/python3.6 runs the agent under another interpreter.
//
// The bootstrap runs as user-data carries it (comments and indentation dropped by
// loadCloudInitAssets), so the tested bytes are the shipped ones.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCloudInitAssets } from '../../src/cloud-init/render.js';
import { repoRoot } from '../helpers/repo.js';

const repo = repoRoot;
const AGENT = path.join(repo, 'bundle/.spot-deploy/agent.py');
const FAKE_SYSTEMCTL = path.join(repo, 'scripts/fake-instance/systemctl.sh');
const SHIPPED_BOOTSTRAP = loadCloudInitAssets(path.join(repo, 'cloud-init')).bootstrap;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

type Entry = string | { content: string; mode: number } | { symlink: string };
type Files = Record<string, Entry>;
type Built = { sha: string; archive: string };

interface BundleOptions {
  /** Called after the manifest is written and before the archive is made. */
  tamper?: (tree: string) => void;
  /** Leave directories out of the manifest (tar still creates them). */
  omitDirs?: boolean;
}

interface Status {
  sha256: string;
  state: string;
  step: string;
  started_at?: string;
  finished_at?: string | null;
  log_tail?: string;
  release?: string;
}

interface ManifestEntry {
  path: string;
  type: 'file' | 'symlink' | 'dir';
  mode: number;
  size: number;
  sha256?: string;
  target?: string;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

const APP_SERVICE =
  '[Unit]\nDescription=app\n[Service]\nExecStart=/opt/spot-deploy/current/bin/run.sh\n' +
  '[Install]\nWantedBy=multi-user.target\n';
const HELPER_SERVICE = '[Unit]\nDescription=helper\n[Service]\nType=oneshot\nExecStart=/bin/true\n';
const TICK_TIMER = '[Timer]\nOnCalendar=hourly\n[Install]\nWantedBy=timers.target\n';
const SETUP_SH =
  'set -e\nprintf "%s\\n" "$GREETING" "$QUOTED" "$SPOT_DEPLOY_SHA256" "$SPOT_DEPLOY_RELEASE" ' +
  '"$(pwd)" > setup-ran.txt\n';

function v1(extra: Files = {}): Files {
  return {
    'app.txt': 'hello v1',
    'bin/run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
    'setup.sh': SETUP_SH,
    'systemd/app.service': APP_SERVICE,
    'systemd/helper.service': HELPER_SERVICE,
    'systemd/tick.timer': TICK_TIMER,
    ...extra,
  };
}

const V1_CALLS = [
  'daemon-reload',
  'enable app.service',
  'enable tick.timer',
  'restart app.service',
  'restart helper.service',
  'start tick.timer',
];

/** A scratch instance root with a fake systemctl. */
class Instance {
  readonly root: string;
  readonly bin: string;
  /** The fake systemctl's state: its record, faults and unit states. */
  readonly systemctlState: string;
  readonly incoming: string;
  readonly releases: string;
  private readonly bootstrapFile: string;
  private readonly scratch: string;
  private bundles = 0;

  constructor() {
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'spot-deploy-agent-'));
    this.root = path.join(this.scratch, 'root');
    this.bin = path.join(this.scratch, 'bin');
    this.systemctlState = this.path('var/lib/fake-instance');
    this.bootstrapFile = path.join(this.scratch, 'bootstrap');
    this.incoming = this.path('var/lib/spot-deploy/incoming');
    this.releases = this.path('opt/spot-deploy/releases');
    fs.mkdirSync(this.incoming, { recursive: true });
    fs.mkdirSync(this.path('etc/spot-deploy'), { recursive: true });
    fs.mkdirSync(this.bin);
    fs.mkdirSync(this.systemctlState, { recursive: true });
    fs.writeFileSync(this.bootstrapFile, SHIPPED_BOOTSTRAP, { mode: 0o755 });
    fs.writeFileSync(path.join(this.systemctlState, 'systemctl.log'), '');
    fs.writeFileSync(path.join(this.bin, 'systemctl'), fs.readFileSync(FAKE_SYSTEMCTL), {
      mode: 0o755,
    });
    const python = process.env.SPOT_DEPLOY_TEST_PYTHON;
    if (python) fs.symlinkSync(python, path.join(this.bin, 'python3'));
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  cleanup(): void {
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }

  /** Builds a bundle (tree + .spot-deploy/agent.py + manifest) with system tar; returns its sha256. */
  bundle(files: Files, options: BundleOptions = {}): Built {
    this.bundles += 1;
    const tree = path.join(this.scratch, `tree-${this.bundles}`);
    const all: Files = {
      ...files,
      '.spot-deploy/agent.py': { content: fs.readFileSync(AGENT, 'utf8'), mode: 0o755 },
    };
    for (const [rel, entry] of Object.entries(all)) {
      const full = path.join(tree, rel);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      if (typeof entry === 'string') fs.writeFileSync(full, entry, { mode: 0o644 });
      else if ('symlink' in entry) fs.symlinkSync(entry.symlink, full);
      else {
        fs.writeFileSync(full, entry.content);
        fs.chmodSync(full, entry.mode);
      }
    }
    const manifest = { version: 1, files: manifestEntries(tree, options.omitDirs ?? false) };
    fs.writeFileSync(path.join(tree, '.spot-deploy/manifest.json'), JSON.stringify(manifest));
    options.tamper?.(tree);
    const archive = path.join(this.scratch, `bundle-${this.bundles}.tar.gz`);
    run('tar', ['-czf', archive, '-C', tree, '.']);
    return { sha: sha256(fs.readFileSync(archive)), archive };
  }

  upload(archive: string, name: string): string {
    const dest = path.join(this.incoming, name);
    fs.copyFileSync(archive, dest);
    return dest;
  }

  /** Runs the real bootstrap as the spot-deploy.service would. */
  bootstrap(env: Record<string, string> = {}): { code: number | null; output: string } {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('SPOT_DEPLOY_')),
    );
    const result = spawnSync('sh', [this.bootstrapFile], {
      env: {
        ...base,
        PATH: `${this.bin}${path.delimiter}${process.env.PATH ?? ''}`,
        SPOT_DEPLOY_ROOT: this.root,
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }

  /** bundle + upload under its sha + bootstrap. */
  deploy(
    files: Files,
    options: BundleOptions = {},
    env: Record<string, string> = {},
  ): { sha: string; code: number | null; output: string } {
    const { sha, archive } = this.bundle(files, options);
    this.upload(archive, `${sha}.tar.gz`);
    return { sha, ...this.bootstrap(env) };
  }

  status(): Status {
    return JSON.parse(
      fs.readFileSync(this.path('var/lib/spot-deploy/status.json'), 'utf8'),
    ) as Status;
  }

  /** Every systemctl call, in order (`daemon-reload`, `restart app.service`, ...). */
  calls(): string[] {
    return fs
      .readFileSync(path.join(this.systemctlState, 'systemctl.log'), 'utf8')
      .split('\n')
      .filter(Boolean);
  }

  /** Makes the fake systemctl fail (a word of scripts/fake-instance/systemctl.sh's faults). */
  fault(word: string): void {
    fs.appendFileSync(path.join(this.systemctlState, 'faults'), `${word}\n`);
  }

  current(): string | undefined {
    const link = this.path('opt/spot-deploy/current');
    return fs.existsSync(link) ? fs.readlinkSync(link) : undefined;
  }

  release(sha: string): string {
    return path.join(this.releases, sha);
  }

  releaseNames(): string[] {
    return fs.existsSync(this.releases) ? fs.readdirSync(this.releases).sort() : [];
  }

  unit(name: string): string | undefined {
    const file = this.path(`etc/systemd/system/${name}`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  }
}

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${result.stderr}`);
}

/** A zombie (killed, not yet reaped by a container's init) counts as dead. */
function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    if (fs.existsSync('/proc/self/stat')) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function manifestEntries(tree: string, omitDirs: boolean): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      const rel = path.relative(tree, full).split(path.sep).join('/');
      const st = fs.lstatSync(full);
      const mode = st.mode & 0o7777;
      if (st.isSymbolicLink()) {
        entries.push({ path: rel, type: 'symlink', mode, size: 0, target: fs.readlinkSync(full) });
      } else if (st.isDirectory()) {
        if (!omitDirs) entries.push({ path: rel, type: 'dir', mode, size: 0 });
        walk(full);
      } else if (rel !== '.spot-deploy/manifest.json') {
        const data = fs.readFileSync(full);
        entries.push({ path: rel, type: 'file', mode, size: data.length, sha256: sha256(data) });
      }
    }
  };
  walk(tree);
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

let box: Instance;
beforeEach(() => {
  box = new Instance();
});
afterEach(() => {
  box.cleanup();
});

describe('bootstrap + agent', { timeout: 60_000 }, () => {
  it('activates a fresh bundle: release, current, units, systemctl sequence, status', () => {
    const { sha, code, output } = box.deploy(v1());
    expect(output).toContain('step: setup');
    expect(code).toBe(0);

    const status = box.status();
    expect(status).toMatchObject({
      sha256: sha,
      state: 'ready',
      step: 'done',
      release: box.release(sha),
    });
    expect(status.started_at).toMatch(ISO_UTC);
    expect(status.finished_at).toMatch(ISO_UTC);
    expect(status.log_tail).toContain(`release ${sha} is ready`);

    expect(box.current()).toBe(box.release(sha));
    expect(fs.readFileSync(box.path('opt/spot-deploy/current/app.txt'), 'utf8')).toBe('hello v1');
    expect(fs.statSync(path.join(box.release(sha), 'bin/run.sh')).mode & 0o111).not.toBe(0);
    expect(box.unit('app.service')).toBe(APP_SERVICE);
    expect(box.unit('helper.service')).toBe(HELPER_SERVICE);
    expect(box.unit('tick.timer')).toBe(TICK_TIMER);
    expect(fs.statSync(box.path('etc/systemd/system/app.service')).mode & 0o777).toBe(0o644);
    expect(box.calls()).toEqual(V1_CALLS);

    expect(JSON.parse(fs.readFileSync(box.path('var/lib/spot-deploy/units.json'), 'utf8'))).toEqual(
      { sha256: sha, units: ['app.service', 'helper.service', 'tick.timer'] },
    );
    expect(fs.readdirSync(box.incoming)).toEqual([]);
    expect(box.releaseNames()).toEqual([sha]);
    const log = fs.readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8');
    expect(log).toContain('$ /bin/sh setup.sh');
    expect(log).toContain('$ systemctl restart app.service');
  });

  it('passes /etc/spot-deploy/env, SPOT_DEPLOY_RELEASE and SPOT_DEPLOY_SHA256 to setup.sh', () => {
    fs.writeFileSync(
      box.path('etc/spot-deploy/env'),
      '# a comment\n\nGREETING=hello world\nQUOTED="quoted value"\n',
      { mode: 0o600 },
    );
    const { sha, code } = box.deploy(v1());
    expect(code).toBe(0);
    const lines = fs.readFileSync(path.join(box.release(sha), 'setup-ran.txt'), 'utf8').split('\n');
    expect(lines).toEqual([
      'hello world',
      'quoted value',
      sha,
      box.release(sha),
      fs.realpathSync(box.release(sha)),
      '',
    ]);
  });

  it('accepts a manifest that lists no directories (tar creates them)', () => {
    const { sha, code } = box.deploy(v1(), { omitDirs: true });
    expect(code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: sha, state: 'ready' });
  });

  it('is idempotent: the same sha again is a no-op with no restart', () => {
    const { sha, archive } = box.bundle(v1());
    box.upload(archive, `${sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    const first = box.status();
    const log = fs.readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8');

    box.upload(archive, `${sha}.tar.gz`);
    expect(box.bootstrap().code).toBe(0);
    expect(box.status()).toEqual(first);
    expect(box.calls()).toEqual(V1_CALLS);
    expect(box.releaseNames()).toEqual([sha]);
    expect(fs.readdirSync(box.incoming)).toEqual([]);
    const again = fs
      .readFileSync(box.path('var/log/spot-deploy/agent.log'), 'utf8')
      .slice(log.length);
    expect(again).toContain('nothing to do');
    expect(again).not.toContain('setup.sh');
  });

  it('redeploys a new sha: switches current and stops, disables and removes a dropped unit', () => {
    const first = box.deploy(v1());
    const files = v1({ 'app.txt': 'hello v2' });
    delete files['systemd/helper.service'];
    const second = box.deploy(files);
    expect(second.code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: second.sha, state: 'ready' });
    expect(box.current()).toBe(box.release(second.sha));
    expect(fs.readFileSync(box.path('opt/spot-deploy/current/app.txt'), 'utf8')).toBe('hello v2');
    expect(box.unit('helper.service')).toBeUndefined();
    expect(box.unit('app.service')).toBe(APP_SERVICE);
    expect(box.calls().slice(V1_CALLS.length)).toEqual([
      'stop helper.service',
      'disable helper.service',
      'daemon-reload',
      // app.service and tick.timer are byte-identical to v1's: already enabled, not again.
      'restart app.service',
      'start tick.timer',
    ]);
    expect(box.releaseNames()).toEqual([first.sha, second.sha].sort());
  });

  it('skips daemon-reload and enable when no unit file changed; reloads and enables a changed one', () => {
    box.deploy(v1());
    const before = box.calls().length;
    expect(box.deploy(v1({ 'app.txt': 'same units' })).code).toBe(0);
    expect(box.calls().slice(before)).not.toContain('daemon-reload');
    expect(
      box
        .calls()
        .slice(before)
        .filter((c) => c.startsWith('enable')),
    ).toEqual([]);
    expect(box.calls().slice(before)).toContain('restart app.service');
    const mid = box.calls().length;
    const changed = APP_SERVICE.replace('[Service]', '[Service]\nEnvironment=CHANGED=1');
    expect(changed).not.toBe(APP_SERVICE);
    expect(box.deploy(v1({ 'systemd/app.service': changed })).code).toBe(0);
    const calls = box.calls().slice(mid);
    expect(calls).toContain('daemon-reload');
    expect(calls.filter((c) => c.startsWith('enable'))).toEqual(['enable app.service']);
    expect(box.unit('app.service')).toBe(changed);
  });

  it('processes several uploads oldest first (by mtime, not by name), so the newest wins', () => {
    const built = [box.bundle(v1({ 'app.txt': 'A' })), box.bundle(v1({ 'app.txt': 'B' }))];
    // The newer upload gets the name that sorts first, so name order would activate it first.
    const [newer, older] = built.sort((x, y) => (x.sha < y.sha ? -1 : 1)) as [Built, Built];
    const now = Date.now() / 1000;
    fs.utimesSync(box.upload(newer.archive, `${newer.sha}.tar.gz`), now, now);
    fs.utimesSync(box.upload(older.archive, `${older.sha}.tar.gz`), now - 100, now - 100);
    expect(box.bootstrap().code).toBe(0);
    expect(box.current()).toBe(box.release(newer.sha));
    expect(box.releaseNames()).toEqual([newer.sha, older.sha]);
  });

  it('a failing setup hook fails at setup, keeps current and services as they were', () => {
    const first = box.deploy(v1());
    const failing = box.deploy(
      v1({ 'app.txt': 'hello v2', 'setup.sh': 'echo "setup-boom-42 ✗"\nexit 3\n' }),
    );
    expect(failing.code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: failing.sha, state: 'failed', step: 'setup' });
    expect(status.finished_at).toMatch(ISO_UTC);
    expect(status.log_tail).toContain('setup-boom-42 ✗');
    expect(status.log_tail).toContain('setup.sh exited with status 3');
    expect(box.current()).toBe(box.release(first.sha));
    expect(box.calls()).toEqual(V1_CALLS);
  });

  it('a setup hook that runs too long is killed with its children and fails at setup', async () => {
    const started = Date.now();
    const { sha, code } = box.deploy(
      v1({
        'setup.sh':
          'echo "setup-started"\nsleep 30 &\necho $! > "$SPOT_DEPLOY_RELEASE/sleep.pid"\nwait\necho "never"\n',
      }),
      {},
      { SPOT_DEPLOY_SETUP_TIMEOUT: '1' },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ state: 'failed', step: 'setup' });
    expect(status.log_tail).toContain('setup-started');
    expect(status.log_tail).toContain('timed out after 1 s');
    expect(status.log_tail).not.toContain('never');
    expect(box.current()).toBeUndefined();
    const pid = Number(fs.readFileSync(path.join(box.release(sha), 'sleep.pid'), 'utf8'));
    for (let i = 0; i < 20 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid)).toBe(false);
  });

  it.each<[string, Files, (tree: string) => void, string]>([
    [
      'a tampered file',
      {},
      (t) => fs.writeFileSync(path.join(t, 'app.txt'), 'HELLO v1'),
      'app.txt: sha256 does not match the manifest',
    ],
    [
      'a file of another size',
      {},
      (t) => fs.writeFileSync(path.join(t, 'app.txt'), 'hello v1!'),
      'app.txt: size 9, manifest says 8',
    ],
    [
      'a flipped executable bit',
      {},
      (t) => fs.chmodSync(path.join(t, 'app.txt'), 0o755),
      'app.txt: executable bit does not match the manifest',
    ],
    [
      'an unlisted file',
      {},
      (t) => fs.writeFileSync(path.join(t, 'bin/extra.sh'), 'echo extra\n'),
      'bin/extra.sh: not in the manifest',
    ],
    ['a missing file', {}, (t) => fs.rmSync(path.join(t, 'app.txt')), 'app.txt: missing'],
    [
      'a symlink escaping the release',
      { 'etc-link': { symlink: '../../etc' } },
      () => {},
      'etc-link: symlink escapes the release (-> ../../etc)',
    ],
    [
      'a fifo',
      {},
      (t) => run('mkfifo', [path.join(t, 'pipe')]),
      'pipe: not a regular file, directory or symlink',
    ],
  ])('rejects %s at verify and activates nothing', (_name, extra, tamper, message) => {
    const { sha, code } = box.deploy(v1(extra), { tamper });
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'verify' });
    expect(status.log_tail).toContain(message);
    expect(box.current()).toBeUndefined();
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
    expect(box.unit('app.service')).toBeUndefined();
  });

  it('a tampered bundle does not disturb the running release', () => {
    const first = box.deploy(v1());
    const bad = box.deploy(v1({ 'app.txt': 'v2' }), {
      tamper: (t) => fs.writeFileSync(path.join(t, 'app.txt'), 'v3'),
    });
    expect(box.status()).toMatchObject({ sha256: bad.sha, state: 'failed', step: 'verify' });
    expect(box.current()).toBe(box.release(first.sha));
    expect(box.releaseNames()).toEqual([first.sha]);
    expect(box.calls()).toEqual(V1_CALLS);
  });

  it('an archive whose sha256 does not match its name fails verify-archive and is removed', () => {
    const { sha, archive } = box.bundle(v1());
    const data = fs.readFileSync(archive);
    const upload = path.join(box.incoming, `${sha}.tar.gz`);
    fs.writeFileSync(upload, Buffer.concat([data, Buffer.from('garbage')]));
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toEqual({ sha256: sha, state: 'failed', step: 'verify-archive' });
    expect(fs.existsSync(upload)).toBe(false);
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
  });

  // A name that is not all lowercase hex is not even echoed into status.json (it could break JSON).
  it.each<[string, (sha: string) => string, boolean]>([
    ['uppercase hex', (sha) => sha.toUpperCase(), false],
    ['a non-hex digit', (sha) => `${sha.slice(0, 63)}g`, false],
    ['a quote', (sha) => `${sha.slice(0, 63)}"`, false],
    ['a space', (sha) => `${sha.slice(0, 32)} ${sha.slice(32)}`, false],
    ['63 digits', (sha) => sha.slice(0, 63), true],
    ['65 digits', (sha) => `${sha}0`, true],
  ])('rejects a name with %s without running anything', (_name, rename, echoed) => {
    const { sha, archive } = box.bundle(v1());
    const name = rename(sha);
    const upload = box.upload(archive, `${name}.tar.gz`);
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toEqual({
      sha256: echoed ? name : '',
      state: 'failed',
      step: 'verify-archive',
    });
    expect(fs.existsSync(upload)).toBe(false);
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
  });

  it('ignores uploads still in progress (.<sha>.part)', () => {
    const { sha, archive } = box.bundle(v1());
    const part = box.upload(archive, `.${sha}.part`);
    expect(box.bootstrap().code).toBe(0);
    expect(fs.existsSync(part)).toBe(true);
    expect(fs.existsSync(box.path('var/lib/spot-deploy/status.json'))).toBe(false);
    expect(box.calls()).toEqual([]);
  });

  it('an archive that does not extract fails at extract and leaves no staging dir', () => {
    const junk = Buffer.from('this is not a tarball');
    const sha = sha256(junk);
    const upload = path.join(box.incoming, `${sha}.tar.gz`);
    fs.writeFileSync(upload, junk);
    expect(box.bootstrap().code).toBe(1);
    expect(box.status()).toEqual({ sha256: sha, state: 'failed', step: 'extract' });
    expect(fs.existsSync(upload)).toBe(false);
    expect(box.releaseNames()).toEqual([]);
  });

  it('an archive without the agent fails at extract', () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'spot-deploy-noagent-'));
    try {
      fs.writeFileSync(path.join(tree, 'app.txt'), 'x');
      const archive = path.join(tree, '..', `${path.basename(tree)}.tar.gz`);
      run('tar', ['-czf', archive, '-C', tree, '.']);
      const sha = sha256(fs.readFileSync(archive));
      box.upload(archive, `${sha}.tar.gz`);
      fs.rmSync(archive);
      expect(box.bootstrap().code).toBe(1);
      expect(box.status()).toEqual({ sha256: sha, state: 'failed', step: 'extract' });
      expect(box.releaseNames()).toEqual([]);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it.each([
    ['systemd/app.conf', 'app.conf'],
    ['systemd/bad name.service', 'bad name.service'],
    ['systemd/spot-deploy.service', 'spot-deploy.service'],
    ['systemd/app.service.d/override.conf', 'app.service.d'],
  ])('rejects %s at check-units before touching anything', (file, shown) => {
    const { sha, code } = box.deploy(v1({ [file]: '[Service]\n' }));
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'check-units' });
    expect(status.log_tail).toContain(`invalid entries in systemd/: ${shown}`);
    expect(box.current()).toBeUndefined();
    expect(box.releaseNames()).toEqual([]);
    expect(box.calls()).toEqual([]);
  });

  it('a unit that fails to start fails at start with its systemctl status in the log tail', () => {
    box.fault('unit-fails:app.service');
    const { sha, code } = box.deploy(v1());
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'start' });
    expect(status.log_tail).toContain('Job for app.service failed.');
    expect(status.log_tail).toContain('fake status of app.service: failed (Result: exit-code)');
    expect(status.log_tail).toContain('failed to start: app.service');
    expect(box.calls()).toEqual([
      'daemon-reload',
      'enable app.service',
      'enable tick.timer',
      'restart app.service',
      'status --no-pager -n 20 app.service',
      'restart helper.service',
      'start tick.timer',
    ]);
    expect(box.current()).toBe(box.release(sha));
  });

  it('a failed daemon-reload fails at install-units, after current moved', () => {
    box.fault('daemon-reload-fails');
    const { sha, code } = box.deploy(v1());
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'install-units' });
    expect(status.log_tail).toContain('systemctl daemon-reload failed');
    expect(box.calls()).toEqual(['daemon-reload']);
    expect(box.current()).toBe(box.release(sha));
  });

  it('retries the health check until it passes', () => {
    fs.writeFileSync(
      box.path('etc/spot-deploy/health-check'),
      'n=$(cat hc 2>/dev/null || echo 0); echo $((n + 1)) > hc; echo "probe $n"; [ "$n" -ge 1 ]\n',
    );
    const { sha, code } = box.deploy(v1());
    expect(code).toBe(0);
    expect(box.status()).toMatchObject({ sha256: sha, state: 'ready', step: 'done' });
    expect(fs.readFileSync(path.join(box.release(sha), 'hc'), 'utf8')).toBe('2\n');
  });

  it('a health check that never passes fails at health-check', () => {
    fs.writeFileSync(box.path('etc/spot-deploy/health-check'), 'echo "unhealthy-7"; exit 1\n');
    const { sha, code } = box.deploy(v1(), {}, { SPOT_DEPLOY_HEALTH_TIMEOUT: '1' });
    expect(code).toBe(1);
    const status = box.status();
    expect(status).toMatchObject({ sha256: sha, state: 'failed', step: 'health-check' });
    expect(status.log_tail).toContain('unhealthy-7');
    expect(status.log_tail).toContain('health check did not pass within 1 s');
  });

  it('keeps current and the two newest other releases', () => {
    const shas = [1, 2, 3, 4, 5].map((n) => {
      const { sha, code } = box.deploy(v1({ 'app.txt': `v${n}` }));
      expect(code).toBe(0);
      return sha;
    });
    expect(box.current()).toBe(box.release(shas[4]!));
    expect(box.releaseNames()).toEqual(shas.slice(2).sort());
  });
});
