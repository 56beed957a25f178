/**
 * The remote side of a delivery as pure builders: the shell scripts the runner runs over SSH
 * (upload, activation, diagnostics) and the trimming of their text; activation-result.ts reads
 * the activation's output. No I/O here: deliver.ts and deliver-many.ts run these. Paths, exit
 * codes and step names come from the on-instance contract (src/instance/contract.ts).
 */
import { REMOTE_PATHS, SCRIPT_EXIT, UNIT_NAMES } from '../instance/contract.js';

/** Remote paths and commands. The defaults are the on-instance contract. */
export interface RemoteLayout {
  readonly incomingDir: string;
  readonly statusPath: string;
  readonly envPath: string;
  /** The agent runs the command in this file after the services start (input `health-check`). */
  readonly healthCheckPath: string;
  /** When the health check must have passed (epoch seconds), written with a health check. */
  readonly healthDeadlinePath: string;
  /** The deployment's `ttl-minutes`; the agent re-arms the instance's shutdown from it. */
  readonly ttlPath: string;
  /** Run with `sudo` in front; must return once activation has finished. */
  readonly startCommand: string;
  /** The `current` symlink, read (not followed) to learn the active release's sha256. */
  readonly currentPath: string;
  /** The active release's agent, run with `sudo` in front and `rollback [<sha256>]` after. */
  readonly agentCommand: string;
  /** Prefix for privileged commands; '' runs them as the login user. */
  readonly sudo: string;
}

export const DEFAULT_REMOTE: RemoteLayout = Object.freeze({
  incomingDir: REMOTE_PATHS.incomingDir,
  statusPath: REMOTE_PATHS.status,
  envPath: REMOTE_PATHS.envFile,
  healthCheckPath: REMOTE_PATHS.healthCheck,
  healthDeadlinePath: REMOTE_PATHS.healthDeadline,
  ttlPath: REMOTE_PATHS.ttlMinutes,
  startCommand: `systemctl start ${UNIT_NAMES.service}`,
  currentPath: REMOTE_PATHS.current,
  // The agent travels in every bundle (bundle/.spot-deploy/), so the active release carries one.
  agentCommand: `python3 ${REMOTE_PATHS.current}/.spot-deploy/agent.py`,
  sudo: 'sudo -n',
});

/** Precedes the start (or agent) command's exit status, then status.json, in a script's output. */
export const STATUS_MARK = '__SPOT_DEPLOY_STATUS__';
const TAIL_CHARS = 4_000;
export const DIAGNOSTICS_MAX_CHARS = 8_000;
const TRUNCATED = '\n[truncated]';

/** Single-quotes a word for a POSIX shell. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The last `TAIL_CHARS` characters of a command's output, trimmed. */
export function tail(s: string): string {
  const t = s.trim();
  return t.length > TAIL_CHARS ? t.slice(-TAIL_CHARS) : t;
}

export function withSudo(sudo: string, cmd: string): string {
  return sudo.trim() === '' ? cmd : `${sudo.trim()} ${cmd}`;
}

/** Where the upload records the digest of a whole `.part` for the activation script. */
export function digestPath(r: RemoteLayout, sha: string): string {
  return `${r.incomingDir}/.${sha}.part.sha256`;
}

/** Copies stdin to `path` (parents made), with `mode`. */
function installFromStdin(mode: '0600' | '0644', path: string): string {
  return `install -D -m ${mode} /dev/stdin ${shq(path)}`;
}

/** Writes ttl-minutes (the agent re-arms the shutdown from it); `sudo` '' when already root. */
export function ttlWrite(r: RemoteLayout, minutes: number, sudo = r.sudo): string {
  return `printf '%s\\n' ${minutes} | ${withSudo(sudo, installFromStdin('0644', r.ttlPath))}`;
}

/** The health deadline is pasted into a script: a whole number of seconds, at least 1. */
function checkDeadline(seconds: number | undefined): void {
  if (seconds !== undefined && (!Number.isSafeInteger(seconds) || seconds < 1))
    throw new RangeError(`healthDeadlineSeconds must be an integer ≥ 1, got ${seconds}`);
}

/** What the activation script writes besides the bundle. */
export interface ActivationConfig {
  /** The env file's size in bytes (what stdin carries); default 0, an empty env. */
  readonly envBytes?: number | undefined;
  /** The health-check command; '' removes the file; undefined leaves the instance's file alone. */
  readonly healthCheck?: string | undefined;
  /** Minutes until the instance shuts down, counted from this deploy (0: never); undefined: untouched. */
  readonly ttlMinutes?: number | undefined;
  /**
   * Seconds from the script's start the agent's health check may last (written as an epoch
   * second of the instance's clock, next to a non-empty health check); undefined: none written.
   */
  readonly healthDeadlineSeconds?: number | undefined;
}

/**
 * What the activation writes as root, as one script for one privileged shell (its stdin: the env
 * file): the env file, replaced as a whole through a `.part` checked for `envBytes`, then
 * ttl-minutes, and the health-check file removed when the deploy clears it. One sudo for what took
 * up to four, each a PAM session and an auth-log line (~7 ms of CPU apiece measured here). sudo
 * logs this script as its command: it holds paths and numbers only, never a value of the user's.
 */
export function configureScript(r: RemoteLayout, config: ActivationConfig = {}): string {
  const { healthCheck, ttlMinutes, healthDeadlineSeconds: hd, envBytes = 0 } = config;
  if (!Number.isSafeInteger(envBytes) || envBytes < 0)
    throw new RangeError(`envBytes must be an integer ≥ 0, got ${envBytes}`);
  if (ttlMinutes !== undefined && (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0))
    throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
  checkDeadline(hd);
  const env = shq(r.envPath);
  const envPart = shq(`${r.envPath}.part`);
  return [
    'set -u',
    // All of it or nothing: a connection lost while stdin was in flight ends stdin early, and a
    // cut env file must never reach the services (they read it at every start, reboots included).
    `${installFromStdin('0600', `${r.envPath}.part`)} || exit ${SCRIPT_EXIT.env}`,
    `n=$(stat -c %s ${envPart})`,
    `if [ "$n" != ${envBytes} ]; then`,
    `  echo "env: expected ${envBytes} bytes on stdin, got $n" >&2`,
    `  exit ${SCRIPT_EXIT.env}`,
    'fi',
    `mv ${envPart} ${env} || exit ${SCRIPT_EXIT.env}`,
    // Before the agent runs: it re-arms the shutdown from this file.
    ...(ttlMinutes === undefined
      ? []
      : [`${ttlWrite(r, ttlMinutes, '')} || exit ${SCRIPT_EXIT.ttlConfig}`]),
    ...(healthCheck === ''
      ? [`rm -f ${shq(r.healthCheckPath)} || exit ${SCRIPT_EXIT.healthCheckConfig}`]
      : []),
  ].join('\n');
}

/**
 * Writes a non-empty health check as root, then its deadline when given: a second privileged
 * shell, the command on its stdin (sudo would log it if it were part of the script; it is the
 * user's text and could carry a token), the deadline after it so that a failed write leaves none.
 */
export function healthCheckScript(r: RemoteLayout, deadlineSeconds?: number): string {
  checkDeadline(deadlineSeconds);
  const exit = `|| exit ${SCRIPT_EXIT.healthCheckConfig}`;
  return [
    `${installFromStdin('0644', r.healthCheckPath)} ${exit}`,
    // The instance's own clock: no skew between the runner and the agent.
    ...(deadlineSeconds === undefined
      ? []
      : [
          `echo $(($(date +%s) + ${deadlineSeconds})) | ${installFromStdin('0644', r.healthDeadlinePath)} ${exit}`,
        ]),
  ].join('\n');
}

/**
 * The one remote script: verify, write env and ttl (configureScript) and the health check
 * (healthCheckScript) as root, rename, activate, print status.json. The env file is written on
 * every run from stdin, empty when the deployment has no `env`: it is replaced as a whole, so a
 * variable removed from the inputs is gone from the instance (the agent reads an empty file as
 * no variables).
 */
export function activationScript(
  r: RemoteLayout,
  sha: string,
  bytes: number,
  config: ActivationConfig = {},
) {
  const configure = configureScript(r, config);
  const { healthCheck, healthDeadlineSeconds: hd } = config;
  const part = shq(`${r.incomingDir}/.${sha}.part`);
  const sum = shq(digestPath(r, sha));
  const final = shq(`${r.incomingDir}/${sha}.tar.gz`);
  const { ttlConfig, healthCheckConfig } = SCRIPT_EXIT;
  return [
    'set -u',
    // The digest the upload took while writing (uploadScript), and the size from the inode: no
    // second pass over the file. The digest file is consumed: it vouches for one rename only.
    'got=',
    `[ -f ${sum} ] && read -r got < ${sum}`,
    `rm -f ${sum}`,
    `size=$(stat -c %s ${part} 2>/dev/null)`,
    `if [ "$got" != ${sha} ] || [ "$size" != ${bytes} ]; then`,
    `  rm -f ${part}`,
    `  echo "upload-verify: expected sha256 ${sha} and ${bytes} bytes, got sha256 $got and $size bytes" >&2`,
    `  exit ${SCRIPT_EXIT.uploadVerify}`,
    'fi',
    withSudo(r.sudo, `sh -c ${shq(configure)}`),
    // Its own codes pass through; any other failure (sudo refused, no shell) is the env file's,
    // the first thing it writes.
    'rc=$?',
    `case $rc in 0) ;; ${ttlConfig}|${healthCheckConfig}) exit $rc ;; *) exit ${SCRIPT_EXIT.env} ;; esac`,
    // Not a secret, but the user's text: printf is the shell's builtin, so neither a new
    // process's arguments nor sudo's log hold it (the SSH command itself carries it, as always).
    ...(healthCheck === undefined || healthCheck === ''
      ? []
      : [
          `printf '%s\\n' ${shq(healthCheck)} | ${withSudo(r.sudo, `sh -c ${shq(healthCheckScript(r, hd))}`)} || exit ${healthCheckConfig}`,
        ]),
    // The rename is what the .path unit watches: everything activation reads must exist first.
    `mv -f ${part} ${final} || exit ${SCRIPT_EXIT.rename}`,
    `${withSudo(r.sudo, r.startCommand)}`,
    'rc=$?',
    `echo "${STATUS_MARK} $rc"`,
    `${withSudo(r.sudo, `cat ${shq(r.statusPath)}`)}`,
  ].join('\n');
}

/** One shell script; every command is `|| true` so one missing tool does not hide the rest. */
export function diagnosticsScript(sudo: string): string {
  const su = sudo.trim() === '' ? '' : `${sudo.trim()} `;
  const run = (cmd: string): string => `echo '$ ${cmd}'; ${cmd} 2>&1 || true`;
  return [
    run('cloud-init status --long'),
    run(`${su}journalctl -u ${UNIT_NAMES.service} -n 50 --no-pager`),
    "echo '$ systemctl --failed --no-legend --plain'",
    'units=$(systemctl --failed --no-legend --plain 2>&1) || true',
    'echo "$units"',
    `for u in $(echo "$units" | awk '$1 ~ /[.]/ {print $1}'); do`,
    `  echo "\\$ ${su}systemctl status --no-pager -n 20 $u"; ${su}systemctl status --no-pager -n 20 "$u" 2>&1 || true`,
    'done',
  ].join('\n');
}

/**
 * Truncates to `DIAGNOSTICS_MAX_CHARS`. Env values are blanked out before this, where every
 * result is sealed (seal.ts), so that a cut never leaves the first half of a secret.
 */
export function cleanDiagnostics(text: string): string {
  return text.length > DIAGNOSTICS_MAX_CHARS
    ? text.slice(0, DIAGNOSTICS_MAX_CHARS - TRUNCATED.length) + TRUNCATED
    : text;
}
