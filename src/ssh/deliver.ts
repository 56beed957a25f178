import { createReadStream } from 'node:fs';
import type { Client } from 'ssh2';
import { errorMessage, SshError } from '../errors.js';
import { exec, type ExecResult } from './connect.js';

/** Remote paths and commands. The defaults are the on-instance contract (docs/architecture.md). */
export interface RemoteLayout {
  readonly incomingDir: string;
  readonly statusPath: string;
  readonly envPath: string;
  /** The agent runs the command in this file after the services start (input `health-check`). */
  readonly healthCheckPath: string;
  /** Run with `sudo` in front; must return once activation has finished. */
  readonly startCommand: string;
  /** Prefix for privileged commands; '' runs them as the login user. */
  readonly sudo: string;
}

export const DEFAULT_REMOTE: RemoteLayout = Object.freeze({
  incomingDir: '/var/lib/spot-deploy/incoming',
  statusPath: '/var/lib/spot-deploy/status.json',
  envPath: '/etc/spot-deploy/env',
  healthCheckPath: '/etc/spot-deploy/health-check',
  startCommand: 'systemctl start spot-deploy.service',
  sudo: 'sudo -n',
});

export interface DeliverOptions {
  /** Local path of the bundle (tar.gz). */
  readonly file: string;
  /** Its sha256, 64 lowercase hex digits. */
  readonly sha256: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** `KEY=value` lines for /etc/spot-deploy/env. Secret: sent on stdin only, never logged. */
  readonly envFile?: string;
  /**
   * The health-check command for the agent: written before activation; '' removes a previous one
   * (the input was dropped); undefined leaves the instance's file as it is.
   */
  readonly healthCheck?: string;
  /** Bound on verification + activation (the `systemctl start` call). */
  readonly readyTimeoutMs: number;
  /**
   * Bound on the upload (which also prepares the incoming dir); unbounded when absent (keepalives
   * still detect a dead link).
   */
  readonly uploadTimeoutMs?: number;
  readonly remote?: Partial<RemoteLayout>;
  readonly log?: (msg: string) => void;
  /** Called once the bundle has fully reached the instance, before verification. */
  readonly onUploaded?: () => void;
}

export interface DeliverTimings {
  /** 0: the incoming dir is prepared by the upload command itself (kept for compatibility). */
  readonly prepareMs: number;
  readonly uploadMs: number;
  readonly activateMs: number;
  readonly totalMs: number;
}

export interface DeliverResult {
  readonly status: 'ready' | 'failed';
  readonly step?: string;
  readonly logTail?: string;
  readonly timings: DeliverTimings;
}

const STATUS_MARK = '__SPOT_DEPLOY_STATUS__';
const EXIT_VERIFY = 90;
const EXIT_RENAME = 91;
const EXIT_ENV = 92;
const EXIT_HEALTH = 93;
const EXIT_PREPARE = 93;
const TAIL_CHARS = 4_000;
/**
 * Read size for the upload stream: 50 MiB to a loopback sshd took 286 ms with 1 MiB reads against
 * 360 ms with the 64 KiB default, with about a third less client CPU (bench/ssh.bench.ts). ssh2
 * still sends packets of the server's maximum size (32 KiB for OpenSSH) within its window.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** Single-quotes a word for a POSIX shell. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function tail(s: string): string {
  const t = s.trim();
  return t.length > TAIL_CHARS ? t.slice(-TAIL_CHARS) : t;
}

function withSudo(sudo: string, cmd: string): string {
  return sudo.trim() === '' ? cmd : `${sudo.trim()} ${cmd}`;
}

/**
 * The upload command's script: make sure the incoming dir exists and is ours (sudo only when it
 * is not, i.e. on the first delivery), then stream stdin into `.<sha>.part`. One SSH channel
 * instead of two saves a round trip and a session start per delivery.
 */
export function uploadScript(r: RemoteLayout, sha: string): string {
  const dir = shq(r.incomingDir);
  const mkdir = withSudo(r.sudo, `install -d -o "$(id -un)" -m 0755 ${dir}`);
  return [
    `if [ ! -d ${dir} ] || [ ! -w ${dir} ]; then`,
    `  ${mkdir} </dev/null || exit ${EXIT_PREPARE}`,
    'fi',
    `exec cat > ${shq(`${r.incomingDir}/.${sha}.part`)}`,
  ].join('\n');
}

/** The one remote script: verify, rename, write env, activate, print status.json. */
export function activationScript(
  r: RemoteLayout,
  sha: string,
  bytes: number,
  env: boolean,
  healthCheck?: string,
) {
  const hc = shq(r.healthCheckPath);
  const part = shq(`${r.incomingDir}/.${sha}.part`);
  const final = shq(`${r.incomingDir}/${sha}.tar.gz`);
  return [
    'set -u',
    // openssl uses the CPU's SHA extensions: 50 MiB in ~0.05 s where sha256sum took ~0.17 s.
    `got=$({ openssl dgst -sha256 -r < ${part} || sha256sum < ${part}; } 2>/dev/null | cut -c1-64)`,
    `size=$(wc -c < ${part} 2>/dev/null | tr -d ' ')`,
    `if [ "$got" != ${sha} ] || [ "$size" != ${bytes} ]; then`,
    `  rm -f ${part}`,
    `  echo "upload-verify: expected sha256 ${sha} and ${bytes} bytes, got sha256 $got and $size bytes" >&2`,
    `  exit ${EXIT_VERIFY}`,
    'fi',
    ...(env
      ? [
          `${withSudo(r.sudo, `install -D -m 0600 /dev/stdin ${shq(r.envPath)}`)} || exit ${EXIT_ENV}`,
        ]
      : []),
    // Not a secret, so it may travel in the command line (stdin carries the env file).
    ...(healthCheck === undefined
      ? []
      : healthCheck === ''
        ? [`${withSudo(r.sudo, `rm -f ${hc}`)} || exit ${EXIT_HEALTH}`]
        : [
            `printf '%s\\n' ${shq(healthCheck)} | ${withSudo(r.sudo, `install -D -m 0644 /dev/stdin ${hc}`)} || exit ${EXIT_HEALTH}`,
          ]),
    // The rename is what the .path unit watches: everything activation reads must exist first.
    `mv -f ${part} ${final} || exit ${EXIT_RENAME}`,
    `${withSudo(r.sudo, r.startCommand)}`,
    'rc=$?',
    `echo "${STATUS_MARK} $rc"`,
    `${withSudo(r.sudo, `cat ${shq(r.statusPath)}`)}`,
  ].join('\n');
}

interface StatusJson {
  sha256?: unknown;
  state?: unknown;
  step?: unknown;
  log_tail?: unknown;
}

/** Reads the activation script's output into a result (without timings). */
export function parseActivation(
  sha: string,
  code: number | null,
  stdout: string,
  stderr: string,
): Omit<DeliverResult, 'timings'> {
  if (code === EXIT_VERIFY)
    return { status: 'failed', step: 'upload-verify', logTail: tail(stderr) };
  if (code === EXIT_RENAME) return { status: 'failed', step: 'rename', logTail: tail(stderr) };
  if (code === EXIT_ENV) return { status: 'failed', step: 'env', logTail: tail(stderr) };
  if (code === EXIT_HEALTH)
    return { status: 'failed', step: 'health-check-config', logTail: tail(stderr) };
  const at = stdout.lastIndexOf(`${STATUS_MARK} `);
  if (at < 0) return { status: 'failed', step: 'activate', logTail: tail(stderr) };
  const rest = stdout.slice(at + STATUS_MARK.length + 1);
  const nl = rest.indexOf('\n');
  const startRc = Number(rest.slice(0, nl < 0 ? undefined : nl));
  const body = nl < 0 ? '' : rest.slice(nl + 1);
  let status: StatusJson;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
    status = parsed as StatusJson;
  } catch {
    const why = `status.json is missing or unreadable (start command exit ${startRc})`;
    // A failed start (unit missing, bootstrap crashed) is the cause; the missing status its effect.
    const step = startRc === 0 ? 'status' : 'activate';
    return { status: 'failed', step, logTail: tail(`${why}\n${stderr}`) };
  }
  if (status.sha256 !== sha) {
    const why = `status.json describes ${String(status.sha256)}, not ${sha} (start command exit ${startRc})`;
    const step = startRc === 0 ? 'status' : 'activate';
    return { status: 'failed', step, logTail: tail(`${why}\n${stderr}`) };
  }
  const logTail = typeof status.log_tail === 'string' ? status.log_tail : tail(stderr);
  if (status.state === 'ready' && startRc === 0) return { status: 'ready' };
  const step = typeof status.step === 'string' && status.step !== '' ? status.step : 'activate';
  return logTail === '' ? { status: 'failed', step } : { status: 'failed', step, logTail };
}

/**
 * Uploads the bundle over an exec'd `cat` (streamed on the channel's stdin), verifies it
 * remotely, renames it into place, writes the env file if given, starts activation and reads
 * status.json. Deployment outcomes (including a timed-out or broken activation command, and a
 * connection lost during the upload) are returned as `failed` with a step; SSH errors while
 * preparing or uploading are thrown, and an upload that throws (e.g. past `uploadTimeoutMs`)
 * destroys the connection first: it is unusable after that.
 */
export async function deliverBundle(client: Client, o: DeliverOptions): Promise<DeliverResult> {
  if (!/^[0-9a-f]{64}$/.test(o.sha256)) {
    throw new SshError(`Not a sha256 (64 lowercase hex digits): '${o.sha256}'.`, {
      retryable: false,
    });
  }
  if (!Number.isSafeInteger(o.bytes) || o.bytes < 0) {
    throw new SshError(`Not a byte count: ${o.bytes}.`, { retryable: false });
  }
  const r: RemoteLayout = { ...DEFAULT_REMOTE, ...o.remote };
  const t0 = Date.now();
  const prepareMs = 0; // preparing the incoming dir is part of the upload command
  let uploadMs = 0;
  const done = (res: Omit<DeliverResult, 'timings'>): DeliverResult => {
    const totalMs = Date.now() - t0;
    const activateMs = Math.max(0, totalMs - prepareMs - uploadMs);
    o.log?.(
      `deliver ${o.sha256.slice(0, 12)}: ${res.status}${res.step === undefined ? '' : ` (${res.step})`} in ${totalMs} ms`,
    );
    return { ...res, timings: { prepareMs, uploadMs, activateMs, totalMs } };
  };

  const up0 = Date.now();
  let upload: ExecResult;
  try {
    upload = await exec(
      client,
      `sh -c ${shq(uploadScript(r, o.sha256))}`,
      createReadStream(o.file, { highWaterMark: UPLOAD_CHUNK_BYTES }),
      o.uploadTimeoutMs === undefined ? {} : { timeoutMs: o.uploadTimeoutMs },
    );
  } catch (err) {
    // A broken upload (typically a stalled link past uploadTimeoutMs) can leave a window's worth
    // of data queued on a socket that no longer moves; `end()` would wait on it forever and keep
    // the process alive, so the connection is torn down here.
    client.destroy();
    throw err;
  }
  uploadMs = Date.now() - up0;
  if (upload.code === EXIT_PREPARE)
    return done({ status: 'failed', step: 'prepare', logTail: tail(upload.stderr) });
  if (upload.code !== 0) {
    const how =
      upload.code !== null
        ? `exit status ${upload.code}`
        : upload.signal !== undefined
          ? `signal ${upload.signal}`
          : 'no exit status: the connection was lost';
    const why = `the upload command ended after ${uploadMs} ms with ${how}`;
    return done({ status: 'failed', step: 'upload', logTail: tail(`${upload.stderr}\n${why}`) });
  }
  const mbps = o.bytes / 1e6 / Math.max(uploadMs / 1000, 0.001);
  o.log?.(`deliver: uploaded ${o.bytes} bytes in ${uploadMs} ms (${mbps.toFixed(1)} MB/s)`);
  o.onUploaded?.();

  const script = activationScript(r, o.sha256, o.bytes, o.envFile !== undefined, o.healthCheck);
  let res;
  try {
    res = await exec(
      client,
      `sh -c ${shq(script)}`,
      o.envFile === undefined ? undefined : Buffer.from(o.envFile, 'utf8'),
      { timeoutMs: o.readyTimeoutMs },
    );
  } catch (err) {
    const why = errorMessage(err);
    return done({ status: 'failed', step: 'activate', logTail: why });
  }
  return done(parseActivation(o.sha256, res.code, res.stdout, res.stderr));
}
