/**
 * The remote side of a delivery as pure builders and parsers: the shell scripts the runner runs
 * over SSH (upload, activation, diagnostics) and the readers of their output. No I/O here:
 * deliver.ts and deliver-many.ts run these. Paths, exit codes and step names come from the
 * on-instance contract (src/instance/contract.ts).
 */
import {
  isInstanceStep,
  REMOTE_PATHS,
  SCRIPT_EXIT,
  UNIT_NAMES,
  type AgentState,
  type DeliveryStep,
} from '../instance/contract.js';

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

/** What the activation script's output says, before timings are added. */
export interface ActivationOutcome {
  readonly status: 'ready' | 'failed';
  readonly step?: DeliveryStep;
  readonly logTail?: string;
  /** The release failed and the agent put this earlier ready one back (it serves again). */
  readonly rolledBackTo?: string;
}

/** Precedes the start (or agent) command's exit status, then status.json, in a script's output. */
export const STATUS_MARK = '__SPOT_DEPLOY_STATUS__';
const TAIL_CHARS = 4_000;
export const DIAGNOSTICS_MAX_CHARS = 8_000;
const TRUNCATED = '\n[truncated]';
const READY: AgentState = 'ready';
const ROLLED_BACK: AgentState = 'rolled-back';
const ROLLBACK_FAILED: AgentState = 'rollback-failed';
const INTERRUPTED: AgentState = 'interrupted';
const SHA256 = /^[0-9a-f]{64}$/;

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
    `  ${mkdir} </dev/null || exit ${SCRIPT_EXIT.prepare}`,
    'fi',
    `exec cat > ${shq(`${r.incomingDir}/.${sha}.part`)}`,
  ].join('\n');
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
 * The one remote script: verify, rename, write env, ttl and health check, activate, print
 * status.json. The env file is written on every run from stdin, empty when the deployment has no
 * `env`: it is replaced as a whole, so a variable removed from the inputs is gone from the
 * instance (the agent reads an empty file as no variables).
 */
export function activationScript(
  r: RemoteLayout,
  sha: string,
  bytes: number,
  config: ActivationConfig = {},
) {
  const { healthCheck, ttlMinutes, healthDeadlineSeconds: hd, envBytes = 0 } = config;
  if (!Number.isSafeInteger(envBytes) || envBytes < 0)
    throw new RangeError(`envBytes must be an integer ≥ 0, got ${envBytes}`);
  const env = shq(r.envPath);
  const envPart = shq(`${r.envPath}.part`);
  if (ttlMinutes !== undefined && (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0))
    throw new RangeError(`ttlMinutes must be an integer ≥ 0, got ${ttlMinutes}`);
  if (hd !== undefined && (!Number.isSafeInteger(hd) || hd < 1))
    throw new RangeError(`healthDeadlineSeconds must be an integer ≥ 1, got ${hd}`);
  const deadline = withSudo(r.sudo, `install -D -m 0644 /dev/stdin ${shq(r.healthDeadlinePath)}`);
  const hc = shq(r.healthCheckPath);
  const part = shq(`${r.incomingDir}/.${sha}.part`);
  const final = shq(`${r.incomingDir}/${sha}.tar.gz`);
  const exitHealth = SCRIPT_EXIT.healthCheckConfig;
  return [
    'set -u',
    // openssl uses the CPU's SHA extensions: 50 MiB in ~0.05 s where sha256sum took ~0.17 s.
    `got=$({ openssl dgst -sha256 -r < ${part} || sha256sum < ${part}; } 2>/dev/null | cut -c1-64)`,
    `size=$(wc -c < ${part} 2>/dev/null | tr -d ' ')`,
    `if [ "$got" != ${sha} ] || [ "$size" != ${bytes} ]; then`,
    `  rm -f ${part}`,
    `  echo "upload-verify: expected sha256 ${sha} and ${bytes} bytes, got sha256 $got and $size bytes" >&2`,
    `  exit ${SCRIPT_EXIT.uploadVerify}`,
    'fi',
    // All of it or nothing: a connection lost while stdin was in flight ends stdin early, and a
    // cut env file must never reach the services (they read it at every start, reboots included).
    `${withSudo(r.sudo, `install -D -m 0600 /dev/stdin ${envPart}`)} || exit ${SCRIPT_EXIT.env}`,
    `n=$(${withSudo(r.sudo, `stat -c %s ${envPart}`)})`,
    `if [ "$n" != ${envBytes} ]; then`,
    `  echo "env: expected ${envBytes} bytes on stdin, got $n" >&2`,
    `  exit ${SCRIPT_EXIT.env}`,
    'fi',
    `${withSudo(r.sudo, `mv ${envPart} ${env}`)} || exit ${SCRIPT_EXIT.env}`,
    // Before the agent runs: it re-arms the shutdown from this file.
    ...(ttlMinutes === undefined
      ? []
      : [
          `printf '%s\\n' ${ttlMinutes} | ${withSudo(r.sudo, `install -D -m 0644 /dev/stdin ${shq(r.ttlPath)}`)} || exit ${SCRIPT_EXIT.ttlConfig}`,
        ]),
    // Not a secret, so it may travel in the command line (stdin carries the env file).
    ...(healthCheck === undefined
      ? []
      : healthCheck === ''
        ? [`${withSudo(r.sudo, `rm -f ${hc}`)} || exit ${exitHealth}`]
        : [
            `printf '%s\\n' ${shq(healthCheck)} | ${withSudo(r.sudo, `install -D -m 0644 /dev/stdin ${hc}`)} || exit ${exitHealth}`,
            // The instance's own clock: no skew between the runner and the agent.
            ...(hd === undefined
              ? []
              : [`echo $(($(date +%s) + ${hd})) | ${deadline} || exit ${exitHealth}`]),
          ]),
    // The rename is what the .path unit watches: everything activation reads must exist first.
    `mv -f ${part} ${final} || exit ${SCRIPT_EXIT.rename}`,
    `${withSudo(r.sudo, r.startCommand)}`,
    'rc=$?',
    `echo "${STATUS_MARK} $rc"`,
    `${withSudo(r.sudo, `cat ${shq(r.statusPath)}`)}`,
  ].join('\n');
}

export interface StatusJson {
  sha256?: unknown;
  state?: unknown;
  step?: unknown;
  rolledBackTo?: unknown;
  error?: unknown;
  log_tail?: unknown;
  /** `interrupted` (the watcher): the notice's action and time, and what the drain did. */
  interruptionAction?: unknown;
  interruptedAt?: unknown;
  stopScript?: unknown;
}

/** The activation script's own exit codes, by the step they mean. */
const SCRIPT_STEPS: ReadonlyMap<number, DeliveryStep> = new Map<number, DeliveryStep>([
  [SCRIPT_EXIT.uploadVerify, 'upload-verify'],
  [SCRIPT_EXIT.rename, 'rename'],
  [SCRIPT_EXIT.env, 'env'],
  [SCRIPT_EXIT.healthCheckConfig, 'health-check-config'],
  [SCRIPT_EXIT.ttlConfig, 'ttl-config'],
]);

/** Reads the activation script's output into a result (without timings). */
export function parseActivation(
  sha: string,
  code: number | null,
  stdout: string,
  stderr: string,
): ActivationOutcome {
  const scriptStep = code === null ? undefined : SCRIPT_STEPS.get(code);
  if (scriptStep !== undefined)
    return { status: 'failed', step: scriptStep, logTail: tail(stderr) };
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
    status = parsed;
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
  return statusOutcome(status, startRc, stderr);
}

/**
 * What a status.json of the delivered sha256 says (ready only with a start command that exited
 * 0); also read after a reconnect (status-wait.ts), with `startRc` 0 and no stderr.
 */
export function statusOutcome(
  status: StatusJson,
  startRc: number,
  stderr: string,
): ActivationOutcome {
  const logTail = typeof status.log_tail === 'string' ? status.log_tail : tail(stderr);
  if (status.state === READY && startRc === 0) return { status: 'ready' };
  if (status.step !== undefined && status.step !== '' && !isInstanceStep(status.step)) {
    // Not written by this bundle's agent nor by the bootstrap: say what it was.
    const why = `status.json names an unknown step ${JSON.stringify(status.step)}`;
    return {
      status: 'failed',
      step: 'activate',
      logTail: logTail === '' ? why : `${why}\n${logTail}`,
    };
  }
  const step = isInstanceStep(status.step) ? status.step : 'activate';
  const to = typeof status.rolledBackTo === 'string' ? status.rolledBackTo : '';
  if (status.state === ROLLED_BACK && SHA256.test(to)) {
    // First line: what the verdict and the summaries show; the agent's tail follows.
    const why = `rolled back to ${to.slice(0, 12)}: this release failed at ${step}; the previous ready release serves again`;
    return { status: 'failed', step, logTail: `${why}\n${logTail}`.trim(), rolledBackTo: to };
  }
  if (status.state === INTERRUPTED) {
    // The watcher drained the release on EC2's 2-minute notice: the instance is going away.
    const text = (v: unknown, or: string): string => (typeof v === 'string' && v !== '' ? v : or);
    const action = text(status.interruptionAction, 'an interruption');
    const at = text(status.interruptedAt, 'an unknown time');
    const stop = text(status.stopScript, 'unknown');
    const why = `spot interruption notice (${action} at ${at}): the instance drained its services (stop.sh: ${stop})`;
    return { status: 'failed', step, logTail: `${why}\n${logTail}`.trim() };
  }
  if (status.state === ROLLBACK_FAILED) {
    const error = typeof status.error === 'string' ? status.error : 'the rollback failed';
    const why = `failed at ${step}, and the rollback failed too: ${error}`;
    return { status: 'failed', step, logTail: `${why}\n${logTail}`.trim() };
  }
  return logTail === '' ? { status: 'failed', step } : { status: 'failed', step, logTail };
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
