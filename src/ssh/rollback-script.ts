/**
 * The rollback command (mode: rollback) as a pure builder, and the reader of its output. It sits
 * beside the delivery scripts of remote-scripts.ts and shares their layout, quoting and status
 * marker; rollback.ts runs it over SSH. No I/O here.
 */
import {
  AGENT_EXIT,
  isInstanceStep,
  SCRIPT_EXIT,
  type AgentState,
  type DeliveryStep,
} from '../instance/contract.js';
import { shq, STATUS_MARK, tail, ttlWrite, withSudo, type RemoteLayout } from './remote-scripts.js';

const BEFORE_MARK = '__SPOT_DEPLOY_BEFORE__';
const AFTER_MARK = '__SPOT_DEPLOY_AFTER__';
const SHA = /^[0-9a-f]{64}$/;
const READY: AgentState = 'ready';

/** What the rollback command's output says about one instance. */
export interface RollbackOutcome {
  readonly status: 'ready' | 'failed';
  readonly step?: DeliveryStep;
  readonly logTail?: string;
  /** The release that was active before (undefined when the instance did not say). */
  readonly sha256Before?: string;
  /** The release active afterwards (undefined when the instance did not say). */
  readonly sha256After?: string;
}

/**
 * Writes `ttl-minutes` for the agent (it re-arms the shutdown from that file, so a rollback keeps
 * an instance in use alive like a deploy does), runs the active release's agent with
 * `rollback [<sha256>]`, and prints what `current` pointed at before and after, the agent's exit
 * status and status.json. `current` is read as the login user: /opt is world-readable.
 */
export function rollbackScript(r: RemoteLayout, ttlMinutes: number, to?: string): string {
  if (to !== undefined && !SHA.test(to)) throw new RangeError(`not a sha256: '${to}'`);
  if (!Number.isSafeInteger(ttlMinutes) || ttlMinutes < 0)
    throw new RangeError(`ttl-minutes must be a whole number ≥ 0, got ${ttlMinutes}`);
  const link = `$(readlink ${shq(r.currentPath)} 2>/dev/null)`;
  return [
    'set -u',
    `echo "${BEFORE_MARK} ${link}"`,
    `${ttlWrite(r, ttlMinutes)} || exit ${SCRIPT_EXIT.ttlConfig}`,
    `${withSudo(r.sudo, `${r.agentCommand} rollback${to === undefined ? '' : ` ${to}`}`)} </dev/null`,
    'rc=$?',
    `echo "${AFTER_MARK} ${link}"`,
    `echo "${STATUS_MARK} $rc"`,
    withSudo(r.sudo, `cat ${shq(r.statusPath)}`),
  ].join('\n');
}

/** The sha256 a marker line names (`current`'s target ends in `releases/<sha256>`). */
function markedSha(stdout: string, mark: string, last: boolean): string | undefined {
  const at = last ? stdout.lastIndexOf(`${mark} `) : stdout.indexOf(`${mark} `);
  if (at < 0) return undefined;
  const line = stdout.slice(at + mark.length + 1).split('\n')[0] ?? '';
  const sha = line.trim().replace(/\/+$/, '').split('/').pop() ?? '';
  return SHA.test(sha) ? sha : undefined;
}

interface RollbackStatus {
  sha256?: unknown;
  state?: unknown;
  step?: unknown;
  rolledBackFrom?: unknown;
  current?: unknown;
  log_tail?: unknown;
}

const shaOf = (v: unknown): string | undefined =>
  typeof v === 'string' && SHA.test(v) ? v : undefined;

/**
 * Reads the rollback command's output. An instance is ready only when the agent exited 0, its
 * status.json says ready, and `current` now names the target: `to` when given, else a release
 * other than the one it had. Everything else is `failed` with the step that says why.
 */
export function parseRollback(
  to: string | undefined,
  code: number | null,
  stdout: string,
  stderr: string,
): RollbackOutcome {
  const linkBefore = markedSha(stdout, BEFORE_MARK, false);
  const failed = (step: DeliveryStep, why: string, shas: Partial<RollbackOutcome> = {}) => {
    const sha256Before = shas.sha256Before ?? linkBefore;
    return {
      status: 'failed' as const,
      step,
      logTail: tail(why),
      ...(sha256Before === undefined ? {} : { sha256Before }),
      ...(shas.sha256After === undefined ? {} : { sha256After: shas.sha256After }),
    };
  };
  if (code === SCRIPT_EXIT.ttlConfig)
    return failed('ttl-config', `${stderr}\ncould not write the ttl-minutes file`);
  const at = stdout.lastIndexOf(`${STATUS_MARK} `);
  if (at < 0) {
    const how = code === null ? 'no exit status: the connection was lost' : `exit status ${code}`;
    return failed('rollback', `${stderr}\nthe rollback command ended without a result (${how})`);
  }
  const rest = stdout.slice(at + STATUS_MARK.length + 1);
  const nl = rest.indexOf('\n');
  const rc = Number(rest.slice(0, nl < 0 ? undefined : nl));
  const linkAfter = markedSha(stdout, AFTER_MARK, true);
  let status: RollbackStatus;
  try {
    const parsed: unknown = JSON.parse(nl < 0 ? '' : rest.slice(nl + 1));
    if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
    status = parsed;
  } catch {
    const why = `status.json is missing or unreadable (agent exit ${rc})`;
    return failed(rc === 0 ? 'status' : 'rollback', `${why}\n${stderr}`, {
      ...(linkAfter === undefined ? {} : { sha256After: linkAfter }),
    });
  }
  const sha256Before = shaOf(status.rolledBackFrom) ?? linkBefore;
  const sha256After = linkAfter ?? shaOf(status.current);
  const shas = {
    ...(sha256Before === undefined ? {} : { sha256Before }),
    ...(sha256After === undefined ? {} : { sha256After }),
  };
  // Every rollback writes rolledBackFrom; without it, status.json is an older deploy's.
  if (!('rolledBackFrom' in status)) {
    const why =
      rc === AGENT_EXIT.usage
        ? 'the agent of the active release does not know `rollback` (its bundle predates mode: rollback); deploy once with this version of spot-deploy, then roll back'
        : `the agent exited ${rc} without writing a rollback status`;
    return failed('rollback', `${why}\n${stderr}`, shas);
  }
  if (to !== undefined && status.sha256 !== to) {
    const why = `status.json describes ${String(status.sha256)}, not ${to} (agent exit ${rc})`;
    return failed('status', `${why}\n${stderr}`, shas);
  }
  const logTail = typeof status.log_tail === 'string' ? status.log_tail : stderr;
  if (status.state === READY && rc === 0) {
    if (sha256After === undefined)
      return failed('status', `the active release is unknown after the rollback\n${logTail}`, shas);
    if (to !== undefined && sha256After !== to)
      return failed('rollback', `${sha256After} is active, not ${to}\n${logTail}`, shas);
    if (to === undefined && sha256After === sha256Before)
      return failed(
        'rollback',
        `still on ${sha256After}: nothing was rolled back\n${logTail}`,
        shas,
      );
    return { status: 'ready', ...shas };
  }
  if (status.state === READY) {
    const why = `the agent exited ${rc} although status.json says ready`;
    return failed('rollback', `${why}\n${logTail}`, shas);
  }
  if (isInstanceStep(status.step)) return failed(status.step, logTail, shas);
  const named =
    status.step === undefined || status.step === ''
      ? ''
      : `status.json names an unknown step ${JSON.stringify(status.step)}\n`;
  return failed('rollback', `${named}${logTail}`, shas);
}
