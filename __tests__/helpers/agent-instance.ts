// A scratch instance for the on-instance tests (__tests__/integration/agent*.test.ts): the real
// cloud-init/bootstrap.sh and bundle/.spot-deploy/agent.py run as subprocesses against a scratch
// root (SPOT_DEPLOY_ROOT), with a fake `systemctl` and a fake `shutdown` on PATH that record
// their calls. A unit file with a `# fail-start` line fails to (re)start, so a failure can belong
// to one release and not to another.
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
import { loadCloudInitAssets } from '../../src/cloud-init/render.js';
import { repoRoot } from './repo.js';

export const repo = repoRoot;
export const AGENT = path.join(repo, 'bundle/.spot-deploy/agent.py');
export const SHIPPED_BOOTSTRAP = loadCloudInitAssets(path.join(repo, 'cloud-init')).bootstrap;
export const FAKE_SYSTEMCTL = path.join(repo, 'scripts/fake-instance/systemctl.sh');
export const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export type Entry = string | { content: string; mode: number } | { symlink: string };
export type Files = Record<string, Entry>;
export type Built = { sha: string; archive: string };

export interface BundleOptions {
  /** Called after the manifest is written and before the archive is made. */
  tamper?: (tree: string) => void;
  /** Leave directories out of the manifest (tar still creates them). */
  omitDirs?: boolean;
  /** Only agent.py in .spot-deploy/, as in a bundle built before the watcher. */
  withoutWatcher?: boolean;
}

export interface Status {
  sha256: string;
  state: string;
  step: string;
  started_at?: string;
  finished_at?: string | null;
  log_tail?: string;
  release?: string;
  current?: string | null;
  rolledBackTo?: string;
  rolledBackFrom?: string | null;
  rollbackMs?: number;
  error?: string;
}

export interface ManifestEntry {
  path: string;
  type: 'file' | 'symlink' | 'dir';
  mode: number;
  size: number;
  sha256?: string;
  target?: string;
}

export const sha256 = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('hex');

export const APP_SERVICE =
  '[Unit]\nDescription=app\n[Service]\nExecStart=/opt/spot-deploy/current/bin/run.sh\n' +
  '[Install]\nWantedBy=multi-user.target\n';
export const HELPER_SERVICE =
  '[Unit]\nDescription=helper\n[Service]\nType=oneshot\nExecStart=/bin/true\n';
export const TICK_TIMER = '[Timer]\nOnCalendar=hourly\n[Install]\nWantedBy=timers.target\n';
export const SETUP_SH =
  'set -e\nprintf "%s\\n" "$GREETING" "$QUOTED" "$SPOT_DEPLOY_SHA256" "$SPOT_DEPLOY_RELEASE" ' +
  '"$(pwd)" > setup-ran.txt\n';

export function v1(extra: Files = {}): Files {
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

/** The interruption watcher's unit (bundle/.spot-deploy/watcher.py), installed by the agent. */
export const WATCHER_UNIT = 'spot-deploy-watcher.service';
/** After every run that leaves a release serving, the agent restarts the watcher. */
export const WATCHER_RESTART = `restart ${WATCHER_UNIT}`;

export const V1_CALLS = [
  'daemon-reload',
  // The watcher's unit file is new: it shares the bundle units' daemon-reload.
  `enable ${WATCHER_UNIT}`,
  'enable app.service',
  'enable tick.timer',
  'restart app.service',
  'restart helper.service',
  'start tick.timer',
  WATCHER_RESTART,
];

/** A scratch instance root with a fake systemctl. */
export class Instance {
  readonly root: string;
  readonly bin: string;
  readonly systemctlLog: string;
  readonly shutdownLog: string;
  readonly incoming: string;
  readonly releases: string;
  private readonly bootstrapFile: string;
  private readonly scratch: string;
  private bundles = 0;

  constructor() {
    this.scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'spot-deploy-agent-'));
    this.root = path.join(this.scratch, 'root');
    this.bin = path.join(this.scratch, 'bin');
    this.systemctlLog = this.path('var/lib/fake-instance/systemctl.log');
    this.shutdownLog = path.join(this.scratch, 'shutdown.log');
    this.bootstrapFile = path.join(this.scratch, 'bootstrap');
    this.incoming = this.path('var/lib/spot-deploy/incoming');
    this.releases = this.path('opt/spot-deploy/releases');
    fs.mkdirSync(this.incoming, { recursive: true });
    fs.mkdirSync(this.path('etc/spot-deploy'), { recursive: true });
    fs.mkdirSync(this.bin);
    fs.writeFileSync(this.bootstrapFile, SHIPPED_BOOTSTRAP, { mode: 0o755 });
    fs.mkdirSync(path.dirname(this.systemctlLog), { recursive: true });
    fs.writeFileSync(this.systemctlLog, '');
    fs.writeFileSync(this.shutdownLog, '');
    fs.writeFileSync(
      path.join(this.bin, 'shutdown'),
      `#!/bin/sh\necho "$*" >> '${this.shutdownLog}'\n[ -z "$FAKE_SHUTDOWN_FAIL" ] || exit 1\n`,
      { mode: 0o755 },
    );
    // The fake instances' systemctl (one fake for every test): it follows SPOT_DEPLOY_ROOT and
    // records its calls in <root>/var/lib/fake-instance/systemctl.log.
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

  /**
   * spot-deploy.service and its bootstrap as cloud-init writes them, the bootstrap pointed at
   * this scratch root: what `systemctl start spot-deploy.service` over SSH runs.
   */
  installService(): void {
    const bootstrap = this.path('usr/local/lib/spot-deploy/bootstrap');
    const unit = this.path('etc/systemd/system/spot-deploy.service');
    for (const f of [bootstrap, unit]) fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(bootstrap, SHIPPED_BOOTSTRAP, { mode: 0o755 });
    fs.writeFileSync(
      unit,
      '[Service]\nType=oneshot\n' +
        `ExecStart=/usr/bin/env SPOT_DEPLOY_ROOT=${this.root} PATH=${this.bin}:/usr/bin:/bin sh ${bootstrap}\n`,
    );
  }

  /** Builds a bundle (tree + .spot-deploy/*.py + manifest) with system tar; returns its sha256. */
  bundle(files: Files, options: BundleOptions = {}): Built {
    this.bundles += 1;
    const tree = path.join(this.scratch, `tree-${this.bundles}`);
    // The agent's directory as the bundle builder adds it (agent.py, watcher.py).
    const agentFiles = Object.fromEntries(
      fs
        .readdirSync(path.dirname(AGENT))
        .filter((name) => name.endsWith('.py') && !(options.withoutWatcher && name !== 'agent.py'))
        .map((name) => [
          `.spot-deploy/${name}`,
          { content: fs.readFileSync(path.join(path.dirname(AGENT), name), 'utf8'), mode: 0o755 },
        ]),
    );
    const all: Files = { ...files, ...agentFiles };
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
    // Member names as the bundle builder writes them (`app.txt`, not `./app.txt`): the bootstrap
    // extracts `.spot-deploy/agent.py` by that name.
    run('tar', ['-czf', archive, '-C', tree, '--', ...fs.readdirSync(tree).sort()]);
    return { sha: sha256(fs.readFileSync(archive)), archive };
  }

  upload(archive: string, name: string): string {
    const dest = path.join(this.incoming, name);
    fs.copyFileSync(archive, dest);
    return dest;
  }

  /** Runs the real bootstrap as the spot-deploy.service would. */
  bootstrap(env: Record<string, string> = {}): { code: number | null; output: string } {
    return this.spawn('sh', [this.bootstrapFile], env);
  }

  /** `python3 /opt/spot-deploy/current/.spot-deploy/agent.py rollback [sha]`, as mode: rollback runs it. */
  rollback(
    sha?: string,
    env: Record<string, string> = {},
  ): { code: number | null; output: string } {
    const agent = this.path('opt/spot-deploy/current/.spot-deploy/agent.py');
    return this.spawn('python3', [agent, 'rollback', ...(sha === undefined ? [] : [sha])], env);
  }

  /** `python3 /opt/spot-deploy/current/.spot-deploy/agent.py unchanged`, as an unchanged redeploy runs it. */
  unchanged(...extra: string[]): { code: number | null; output: string } {
    const agent = this.path('opt/spot-deploy/current/.spot-deploy/agent.py');
    return this.spawn('python3', [agent, 'unchanged', ...extra], {});
  }

  private spawn(cmd: string, args: string[], env: Record<string, string>) {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('SPOT_DEPLOY_')),
    );
    const result = spawnSync(cmd, args, {
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

  calls(): string[] {
    return fs.readFileSync(this.systemctlLog, 'utf8').split('\n').filter(Boolean);
  }

  shutdowns(): string[] {
    return fs.readFileSync(this.shutdownLog, 'utf8').split('\n').filter(Boolean);
  }

  /** releases.json's ready list (undefined when there is no record). */
  ready(): string[] | undefined {
    const file = this.path('var/lib/spot-deploy/releases.json');
    if (!fs.existsSync(file)) return undefined;
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { ready: string[] }).ready;
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

export function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${result.stderr}`);
}

/** A zombie (killed, not yet reaped by a container's init) counts as dead. */
export function isAlive(pid: number): boolean {
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

export function manifestEntries(tree: string, omitDirs: boolean): ManifestEntry[] {
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
