import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startArtifactShim } from './artifact-shim.js';
import { repoRoot } from '../../helpers/repo.js';

/** The repository root: act runs there (it needs the git repository) and copies it. */
export { repoRoot };

const scratchDirs: string[] = [];

/** A temporary directory, removed by removeScratch(). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

/** Removes every directory scratchDir() made (act's artifacts and caches, tree copies). */
export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface ActTools {
  /** The act binary (built by scripts/act/install.sh). */
  readonly act: string;
  /** Directory holding Node 24's `node`, put first on act's PATH (runs.using: node24). */
  readonly node24Bin: string;
}

/**
 * Runs scripts/act/install.sh: with `install` false only looks for an installed copy (never
 * builds); with true installs what is missing (a cold build takes one to two minutes).
 */
export function actTools(install: boolean, timeoutMs = 1_200_000): ActTools | { error: string } {
  const r = spawnSync('bash', ['scripts/act/install.sh', ...(install ? [] : ['--find'])], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const value = (key: string) => new RegExp(`^${key}=(.+)$`, 'm').exec(r.stdout ?? '')?.[1];
  const act = value('ACT');
  const node24Bin = value('NODE24_BIN');
  if (r.status === 0 && act && node24Bin) return { act, node24Bin };
  const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
  return { error: `scripts/act/install.sh${install ? '' : ' --find'}: ${why}\n${r.stderr ?? ''}` };
}

/** One line of `act --json` output (logrus fields; only the ones the tests read). */
export interface ActEvent {
  readonly msg?: string;
  readonly level?: string;
  readonly job?: string;
  readonly jobID?: string;
  readonly step?: string;
  readonly stepID?: readonly string[];
  readonly stage?: string;
  readonly command?: string;
  readonly name?: string;
  readonly arg?: string;
  readonly content?: string;
  readonly raw_output?: boolean;
  readonly stepResult?: string;
  readonly jobResult?: string;
}

export interface ActRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly ms: number;
  readonly events: readonly ActEvent[];
  readonly stderr: string;
  /** act's --artifact-server-path for this run. */
  readonly artifactDir: string;
  /** Requests the artifact shim passed on (`METHOD /path`). */
  readonly artifactRequests: readonly string[];
  /** The command line, for reports (paths of this run's temporary directories included). */
  readonly commandLine: string;
}

export interface ActOptions {
  readonly tools: ActTools;
  /** Workflow file, relative to the repository root. */
  readonly workflow: string;
  readonly event?: string;
  /** workflow_dispatch inputs (`--input k=v`). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** `owner/repo@ref` → local directory (`--local-repository`). */
  readonly localRepositories?: Readonly<Record<string, string>>;
  /** Extra variables for the job (`--env k=v`). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * `secrets.*` (an act secret file, not the command line: values stay out of commandLine and
   * the process list). Multi-line values (an SSH key) are fine.
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /** `vars.*` (an act variables file). */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * Put the artifact shim (artifact-shim.ts) between the job and act's artifact server, so that
   * @actions/artifact 6 can upload. Default true.
   */
  readonly artifactShim?: boolean;
  readonly timeoutMs: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A dotenv file act reads (godotenv): each value double-quoted, with `\\`, `"`, `$` and newlines
 * escaped, so that multi-line values survive and nothing is expanded. 0600: it may hold secrets.
 */
function dotenvFile(path: string, values: Readonly<Record<string, string>>): string {
  const line = ([k, v]: [string, string]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`not a variable name: ${k}`);
    const escaped = v
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\$/g, '\\$')
      .replace(/\n/g, '\\n');
    return `${k}="${escaped}"`;
  };
  writeFileSync(path, `${Object.entries(values).map(line).join('\n')}\n`, { mode: 0o600 });
  return path;
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * Runs one workflow with act in host mode (`-P ubuntu-latest=-self-hosted`: steps run as local
 * processes, no Docker), offline and hermetic:
 * - no Docker socket, no cache server, act's artifact server on 127.0.0.1 only;
 * - the environment is built here, not inherited (in host mode act hands its whole environment
 *   to every step), with HOME and XDG dirs in a scratch directory (no ~/.actrc, no caches) and
 *   empty `.env`/`.secrets`/`.vars`/`.input` files (act would read the repository's);
 * - ACT_DISABLE_VERSION_CHECK (act otherwise asks api.nektosact.com for notices) and HTTP(S)
 *   proxies pointing at a closed loopback port: anything that tries to leave the machine (say
 *   act cloning an unmapped remote action from github.com) fails at once on 127.0.0.1:9.
 * act copies the working tree (minus .gitignore'd paths) into its own directory for the job,
 * so the repository is only read.
 */
export async function runAct(opts: ActOptions): Promise<ActRun> {
  const scratch = scratchDir('act-run-');
  const dirs = {
    artifacts: join(scratch, 'artifacts'),
    cache: join(scratch, 'action-cache'),
    home: join(scratch, 'home'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d);
  const empty = join(scratch, 'empty');
  writeFileSync(empty, '');
  const secretFile = opts.secrets ? dotenvFile(join(scratch, 'secrets'), opts.secrets) : empty;
  const varFile = opts.vars ? dotenvFile(join(scratch, 'vars'), opts.vars) : empty;
  const port = await freePort();
  const shim = opts.artifactShim === false ? undefined : await startArtifactShim(port);
  const runtimeUrl = shim?.url;
  const args = [
    opts.event ?? 'workflow_dispatch',
    '--json',
    '-W',
    opts.workflow,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--action-offline-mode',
    '--no-cache-server',
    '--container-daemon-socket',
    '-',
    '--artifact-server-path',
    dirs.artifacts,
    '--artifact-server-addr',
    '127.0.0.1',
    '--artifact-server-port',
    String(port),
    '--action-cache-path',
    dirs.cache,
    '--env-file',
    empty,
    '--secret-file',
    secretFile,
    '--var-file',
    varFile,
    '--input-file',
    empty,
    ...Object.entries(opts.inputs ?? {}).flatMap(([k, v]) => ['--input', `${k}=${v}`]),
    ...Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    ...Object.entries(opts.localRepositories ?? {}).flatMap(([k, v]) => [
      '--local-repository',
      `${k}=${v}`,
    ]),
  ];
  const deadProxy = 'http://127.0.0.1:9';
  const env: NodeJS.ProcessEnv = {
    PATH: `${opts.tools.node24Bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    ACT_DISABLE_VERSION_CHECK: '1',
    HTTP_PROXY: deadProxy,
    HTTPS_PROXY: deadProxy,
    http_proxy: deadProxy,
    https_proxy: deadProxy,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    ...(runtimeUrl ? { ACTIONS_RUNTIME_URL: runtimeUrl } : {}),
  };
  const commandLine = [
    ...['ACT_DISABLE_VERSION_CHECK=1', `PATH=${opts.tools.node24Bin}:$PATH`],
    ...(runtimeUrl ? [`ACTIONS_RUNTIME_URL=${runtimeUrl}`] : []),
    opts.tools.act,
    ...args,
  ]
    .map((a) => (a.startsWith('PATH=') ? a : quote(a)))
    .join(' ');

  const started = Date.now();
  // Its own process group, so a timeout also ends the steps act started.
  const child = spawn(opts.tools.act, args, {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // already gone
    }
  }, opts.timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  await shim?.close();
  const events = stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l): ActEvent => {
      try {
        return JSON.parse(l) as ActEvent;
      } catch {
        return { msg: l };
      }
    });
  return {
    code,
    signal,
    timedOut,
    ms: Date.now() - started,
    events,
    stderr,
    artifactDir: dirs.artifacts,
    artifactRequests: shim?.requests ?? [],
    commandLine,
  };
}

/**
 * The log as a person reads it. `add-mask` lines are left out: act's JSON log carries the masked
 * value in clear in their `arg` and `raw` fields (its text log prints `***`).
 */
export function logText(run: ActRun): string {
  const lines = run.events
    .filter((e) => e.command !== 'add-mask')
    .map((e) => `${e.job ? `[${e.job}] ` : ''}${(e.msg ?? '').trimEnd()}`);
  // act's own messages (not a job's) go to stderr, JSON too.
  const own = run.stderr
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        const e = JSON.parse(l) as ActEvent;
        return `act ${e.level ?? ''}: ${e.msg ?? l}`;
      } catch {
        return l;
      }
    });
  return [...own, ...lines].join('\n');
}

/** Lines a step printed (raw output), by step name or id. */
export function stepLines(run: ActRun, step: string): string[] {
  return run.events
    .filter((e) => e.raw_output && (e.step === step || e.stepID?.includes(step)))
    .flatMap((e) => (e.msg ?? '').trimEnd().split('\n'));
}

/** Outputs a step set (GITHUB_OUTPUT), by step id, optionally in one job (`jobID`). */
export function stepOutputs(run: ActRun, stepId: string, jobId?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of run.events) {
    if (e.command !== 'set-output' || !e.name || !e.stepID?.includes(stepId)) continue;
    if (jobId !== undefined && e.jobID !== jobId) continue;
    out[e.name] = e.arg ?? '';
  }
  return out;
}

/** Step summaries (GITHUB_STEP_SUMMARY) a step wrote, by step id. */
export function stepSummaries(run: ActRun, stepId: string): string[] {
  return run.events
    .filter((e) => e.command === 'summary' && e.stepID?.includes(stepId))
    .map((e) => e.content ?? '');
}

/**
 * A copy of the repository's tracked files as they are in the working tree: what a runner gets
 * when it downloads the action at a ref (`uses: owner/spot-deploy@v1`) or checks it out.
 */
export function trackedCopy(dest: string): string {
  const ls = spawnSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`git ls-files failed: ${ls.stderr}`);
  for (const rel of ls.stdout.split('\0').filter(Boolean)) {
    const from = join(repoRoot, rel);
    if (!existsSync(from)) continue; // deleted in the working tree
    const to = join(dest, rel);
    mkdirSync(dirname(to), { recursive: true });
    const st = lstatSync(from);
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else {
      copyFileSync(from, to);
      chmodSync(to, st.mode & 0o777);
    }
  }
  return dest;
}
