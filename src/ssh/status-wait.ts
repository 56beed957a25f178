/**
 * After the SSH connection drops during activation: what the instance says (status.json and the
 * incoming dir), and the bounded wait until its agent has decided. The agent runs under systemd,
 * not in the SSH session: once the upload is renamed into place the .path unit starts it even if
 * `systemctl start` died with the session, so a lost connection is no verdict, status.json is.
 * Pure: the probe (which reconnects), the clock and the sleep are passed in.
 */
import { errorMessage } from '../errors.js';
import { AGENT_STATES, type AgentState } from '../instance/contract.js';
import { formatDuration, type Sleep } from '../time.js';
import { shq, withSudo, type RemoteLayout } from './remote-scripts.js';
import { statusOutcome, type ActivationOutcome, type StatusJson } from './activation-result.js';

/** Precedes the probe's facts about the upload, then status.json, in the probe's output. */
export const PROBE_MARK = '__SPOT_DEPLOY_PROBE__';
/** Between two probes: the agent's steps take seconds, and each probe is one SSH exec. */
export const POLL_INTERVAL_MS = 2_000;
/**
 * How long an upload may stay `.part` (never renamed) with no status of its own before the wait
 * ends: the activation script renames it within a second of starting (verify, env, rename), so
 * a `.part` still there this long after the connection dropped is one the script will not move.
 */
export const NOT_STARTED_GRACE_MS = 4_000;

const TERMINAL: ReadonlySet<unknown> = new Set<AgentState>(
  AGENT_STATES.filter((s) => s !== 'activating'),
);

/**
 * The probe: whether the upload is still `.part` or renamed and not yet taken by the bootstrap,
 * whether status.json was written after this delivery's env file (the activation script writes
 * that file just before the rename, so only this activation's bootstrap or agent writes a newer
 * status; GNU find compares nanoseconds), then status.json itself.
 */
export function probeScript(r: RemoteLayout, sha: string): string {
  const newer = withSudo(r.sudo, `find ${shq(r.statusPath)} -prune -newer ${shq(r.envPath)}`);
  return [
    'p=0 f=0 n=0',
    `[ -e ${shq(`${r.incomingDir}/.${sha}.part`)} ] && p=1`,
    `[ -e ${shq(`${r.incomingDir}/${sha}.tar.gz`)} ] && f=1`,
    `[ -n "$(${newer} 2>/dev/null)" ] && n=1`,
    `echo "${PROBE_MARK} part=$p final=$f fresh=$n"`,
    `${withSudo(r.sudo, `cat ${shq(r.statusPath)}`)} 2>/dev/null`,
    'exit 0',
  ].join('\n');
}

/** What one probe found. `seen` says it in words, for the result when the wait gives up. */
export type Progress =
  | { readonly kind: 'decided'; readonly outcome: ActivationOutcome; readonly seen: string }
  /** This activation runs (status `activating`), or its renamed upload waits for the bootstrap. */
  | { readonly kind: 'running'; readonly seen: string }
  /** The upload is still `.part`: the activation script died before the rename. */
  | { readonly kind: 'not-started'; readonly seen: string }
  /** Nothing of this activation yet (the bootstrap extracting, an earlier agent holding the lock). */
  | { readonly kind: 'pending'; readonly seen: string };

function parseStatus(text: string): StatusJson | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

function describeStatus(s: StatusJson | undefined, fresh: boolean): string {
  if (s === undefined) return 'no readable status.json';
  const sha = typeof s.sha256 === 'string' ? s.sha256.slice(0, 12) : String(s.sha256);
  const step = typeof s.step === 'string' && s.step !== '' ? ` at step ${s.step}` : '';
  const when = fresh ? '' : ' (written before this delivery)';
  return `status.json: ${sha} ${String(s.state)}${step}${when}`;
}

/** Reads a probe's output for the delivery of `sha`. */
export function readProbe(sha: string, stdout: string): Progress {
  const m = new RegExp(`${PROBE_MARK} part=([01]) final=([01]) fresh=([01])\\n`).exec(stdout);
  if (m === null) return { kind: 'pending', seen: 'the status probe printed nothing readable' };
  const [part, final, fresh] = [m[1] === '1', m[2] === '1', m[3] === '1'];
  const status = parseStatus(stdout.slice(m.index + m[0].length));
  const seen = describeStatus(status, fresh);
  // A status of this sha written before this delivery (a retry of a release that failed, or a
  // redeploy of a ready one) is not this activation's answer: only a fresh one is.
  if (status?.sha256 === sha && fresh) {
    if (TERMINAL.has(status.state) || typeof status.state !== 'string' || status.state === '')
      return { kind: 'decided', outcome: statusOutcome(status, 0, ''), seen };
    if (status.state === 'activating') return { kind: 'running', seen };
  }
  if (final) return { kind: 'running', seen: `${seen}; the upload waits for the bootstrap` };
  if (part) return { kind: 'not-started', seen: `${seen}; the upload was never renamed` };
  return { kind: 'pending', seen };
}

export interface WaitOptions {
  /** One look at the instance (reconnecting when needed); throws when it cannot be reached. */
  readonly probe: () => Promise<Progress>;
  readonly now: () => number;
  readonly sleep: Sleep;
  /** When to stop waiting, on `now`'s scale. One probe happens even past it. */
  readonly deadline: number;
  readonly intervalMs?: number;
  readonly graceMs?: number;
}

export type WaitResult =
  | { readonly kind: 'decided'; readonly outcome: ActivationOutcome; readonly probes: number }
  | {
      readonly kind: 'timeout' | 'not-started';
      /** What the last probe found, or why it could not look. */
      readonly seen: string;
      readonly probes: number;
    };

/**
 * Probes every `intervalMs` until the instance has decided (a terminal status of this activation),
 * the upload has stayed un-renamed for `graceMs`, or `deadline` has passed. Bounded in time and
 * in count (one probe per interval up to the deadline, plus the first).
 */
export async function waitForStatus(o: WaitOptions): Promise<WaitResult> {
  const interval = o.intervalMs ?? POLL_INTERVAL_MS;
  const grace = o.graceMs ?? NOT_STARTED_GRACE_MS;
  const maxProbes = Math.max(1, Math.ceil((o.deadline - o.now()) / interval) + 1);
  let seen = 'nothing: no probe ran';
  let notStartedSince: number | undefined;
  let probes = 0;
  while (probes < maxProbes) {
    if (probes > 0) {
      const left = o.deadline - o.now();
      if (left <= 0) break;
      await o.sleep(Math.min(interval, left));
    }
    probes++;
    let p: Progress;
    try {
      p = await o.probe();
    } catch (err) {
      seen = `the instance could not be reached: ${errorMessage(err)}`;
      continue;
    }
    if (p.kind === 'decided') return { kind: 'decided', outcome: p.outcome, probes };
    seen = p.seen;
    if (p.kind !== 'not-started') notStartedSince = undefined;
    else if (notStartedSince === undefined) notStartedSince = o.now();
    else if (o.now() - notStartedSince >= grace) return { kind: 'not-started', seen, probes };
  }
  return { kind: 'timeout', seen, probes };
}

/**
 * The result of an activation whose connection was lost: the instance's verdict when it gave
 * one (a failure says the connection was lost first), else why the wait ended.
 */
export function lostOutcome(
  how: string,
  lostAfterMs: number,
  wait: WaitResult,
  readyTimeoutMs: number,
): ActivationOutcome {
  const lost = `the SSH connection was lost during activation after ${formatDuration(lostAfterMs)} (${how})`;
  if (wait.kind === 'decided') {
    const o = wait.outcome;
    if (o.status === 'ready') return o;
    const why = `${lost}; status.json, read over a new connection, says it failed at ${o.step ?? 'activate'}`;
    return { ...o, logTail: o.logTail === undefined ? why : `${why}\n${o.logTail}` };
  }
  const why =
    wait.kind === 'not-started'
      ? `${lost}, before the upload was renamed into place: the agent never started`
      : `${lost}; the instance had not decided when ready-timeout (${formatDuration(readyTimeoutMs, { digits: 0 })}) ran out`;
  return { status: 'failed', step: 'activate', logTail: `${why}; last seen: ${wait.seen}` };
}
