/**
 * What the activation script's output says (pure): the step a failure happened at, from the
 * script's own exit code or from the status.json it prints after the status mark; and what a
 * status.json of the delivered sha256 means (ready, failed, rolled back). Apart from the script
 * builders (remote-scripts.ts) because status-wait.ts reads status.json the same way after a
 * reconnect, without any script output around it.
 */
import {
  isInstanceStep,
  SCRIPT_EXIT,
  type AgentState,
  type DeliveryStep,
} from '../instance/contract.js';
import { STATUS_MARK, tail } from './remote-scripts.js';

const READY: AgentState = 'ready';
const ROLLED_BACK: AgentState = 'rolled-back';
const ROLLBACK_FAILED: AgentState = 'rollback-failed';
const INTERRUPTED: AgentState = 'interrupted';
const SHA256 = /^[0-9a-f]{64}$/;

/** What the activation script's output says, before timings are added. */
export interface ActivationOutcome {
  readonly status: 'ready' | 'failed';
  readonly step?: DeliveryStep;
  readonly logTail?: string;
  /** The release failed and the agent put this earlier ready one back (it serves again). */
  readonly rolledBackTo?: string;
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
