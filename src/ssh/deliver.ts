import type { Client } from 'ssh2';
import { SshError } from '../errors.js';
import { realSleep, type Sleep } from '../time.js';
import { exec } from './exec.js';
import { activationScript, DEFAULT_REMOTE, shq, type RemoteLayout } from './remote-scripts.js';
import { parseActivation, type ActivationOutcome } from './activation-result.js';
import { lostOutcome, probeScript, readProbe, waitForStatus } from './status-wait.js';
import { runUpload } from './upload.js';

export interface DeliverOptions {
  /** Local path of the bundle (tar.gz). */
  readonly file: string;
  /** Its sha256, 64 lowercase hex digits. */
  readonly sha256: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /**
   * `KEY=value` lines for /etc/spot-deploy/env, which every delivery replaces as a whole:
   * undefined or '' leaves it empty. Secret: sent on stdin only, never logged.
   */
  readonly envFile?: string;
  /** The deployment's `ttl-minutes`, written for the agent before activation; undefined: untouched. */
  readonly ttlMinutes?: number;
  /**
   * The health-check command for the agent: written before activation; '' removes a previous one
   * (the input was dropped); undefined leaves the instance's file as it is.
   */
  readonly healthCheck?: string;
  /**
   * Bound on verification + activation (the `systemctl start` call), and on the wait for the
   * instance's verdict when the connection is lost meanwhile; the agent's health check is told
   * to end `healthMarginSeconds` before it.
   */
  readonly readyTimeoutMs: number;
  /**
   * A new connection to the same instance (same pinned host key) within `deadlineMs`, for when
   * the connection is lost during activation; without it such a loss is a failure at once.
   */
  readonly reconnect?: (deadlineMs: number) => Promise<Client>;
  /** The clock and sleep of the wait after a lost connection (tests pass fakes). */
  readonly now?: () => number;
  readonly sleep?: Sleep;
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
  readonly uploadMs: number;
  readonly activateMs: number;
  readonly totalMs: number;
}

export interface DeliverResult extends ActivationOutcome {
  readonly timings: DeliverTimings;
  /**
   * Set when nothing was uploaded nor activated: the instance already ran this release, ready,
   * with the same env and health check (unchanged.ts); says so for the reports.
   */
  readonly unchanged?: string;
}

/** Bound on one status probe after a reconnect (one short exec). */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * Seconds the agent's health check may take from the start of activation: ready-timeout less a
 * margin (10 s, a quarter of short timeouts) in which a failed check's rollback and the status
 * read still fit, so the step reports the instance's verdict instead of its own timeout.
 */
export function healthDeadlineSeconds(readyTimeoutMs: number): number {
  const total = Math.floor(readyTimeoutMs / 1000);
  return Math.max(1, total - Math.min(10, Math.floor(total / 4)));
}

/**
 * One command, one SSH session (upload-script.ts): asks the instance what it runs and, unless
 * that is this release unchanged (then nothing is uploaded nor activated, and the result says
 * `unchanged`), streams the bundle on the channel's stdin, hashed on the instance as it lands;
 * once the instance says it is all there, answers `activate` with the env file, and the same
 * command verifies it, renames it into place, writes the env file (always) and the ttl and
 * health-check files (when given), starts activation and prints status.json. Deployment outcomes
 * (including a timed-out or broken activation, and a connection lost during the upload) are
 * returned as `failed` with a step; SSH errors while preparing or uploading are thrown, and an
 * upload that throws (e.g. past `uploadTimeoutMs`) destroys the connection first: it is unusable
 * after that. A connection lost once `activate` was sent is destroyed too, and the verdict read
 * over `reconnect`'s connections (the last one, when it still works, is left open for the
 * caller, who ends every client it hands out).
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
  let uploadMs = 0;
  const done = (res: ActivationOutcome): DeliverResult => {
    const totalMs = Date.now() - t0;
    const activateMs = Math.max(0, totalMs - uploadMs);
    o.log?.(
      `deliver ${o.sha256.slice(0, 12)}: ${res.status}${res.step === undefined ? '' : ` (${res.step})`} in ${totalMs} ms`,
    );
    return { ...res, timings: { uploadMs, activateMs, totalMs } };
  };

  const envFile = o.envFile ?? '';
  const script = activationScript(r, o.sha256, o.bytes, {
    envBytes: Buffer.byteLength(envFile, 'utf8'),
    healthCheck: o.healthCheck,
    ttlMinutes: o.ttlMinutes,
    healthDeadlineSeconds: healthDeadlineSeconds(o.readyTimeoutMs),
  });
  const now = o.now ?? Date.now;
  const ran = await runUpload(client, r, {
    ...o,
    envFile,
    activation: { script, timeoutMs: o.readyTimeoutMs },
    now,
    onUploaded: (why, ms) => {
      o.log?.(`deliver ${o.sha256.slice(0, 12)}: uploaded: ${why}`);
      const mbps = o.bytes / 1e6 / Math.max(ms / 1000, 0.001);
      o.log?.(`deliver: uploaded ${o.bytes} bytes in ${ms} ms (${mbps.toFixed(1)} MB/s)`);
      o.onUploaded?.();
    },
  });
  const outcome = ran.outcome;
  uploadMs = ran.uploadMs;
  switch (outcome.kind) {
    case 'failed':
      return done(outcome.outcome);
    case 'unchanged':
      o.log?.(`deliver ${o.sha256.slice(0, 12)}: ${outcome.note}`);
      uploadMs = 0;
      return { ...done({ status: 'ready' }), unchanged: outcome.note };
    case 'activated': {
      const { code, stdout, stderr } = outcome.res;
      return done(parseActivation(o.sha256, code, stdout, stderr));
    }
    case 'activation-timeout':
      return done({ status: 'failed', step: 'activate', logTail: outcome.error });
    case 'lost': {
      // Whatever is left of that connection is of no use; a half-dead one must not keep us alive.
      client.destroy();
      const { how, activateAt } = outcome;
      const deadline = activateAt + o.readyTimeoutMs;
      return done(await afterLostConnection(o, r, how, now() - activateAt, deadline));
    }
  }
}

/**
 * The agent carries on without the SSH session: reconnect and read status.json until it has
 * decided or ready-timeout (counted from the start of activation) runs out. The activation is
 * never run again: whether the script died before or after its env and health-check writes is
 * not known, and a deploy run again from the start is the safe retry; so a `.part` that was not
 * renamed stays a failure.
 */
async function afterLostConnection(
  o: DeliverOptions,
  r: RemoteLayout,
  how: string,
  lostAfterMs: number,
  deadline: number,
) {
  const now = o.now ?? Date.now;
  o.log?.(`deliver ${o.sha256.slice(0, 12)}: connection lost during activation (${how})`);
  const reconnect = o.reconnect;
  if (reconnect === undefined) {
    const wait = { kind: 'timeout', seen: 'nothing: no way to reconnect', probes: 0 } as const;
    return lostOutcome(how, lostAfterMs, wait, o.readyTimeoutMs);
  }
  let client: Client | undefined;
  const probe = async () => {
    const left = Math.max(1_000, deadline - now());
    client ??= await reconnect(left);
    try {
      const res = await exec(client, `sh -c ${shq(probeScript(r, o.sha256))}`, undefined, {
        timeoutMs: Math.min(PROBE_TIMEOUT_MS, left),
      });
      if (res.code === null && res.signal === undefined)
        throw new SshError('the connection was lost again');
      return readProbe(o.sha256, res.stdout);
    } catch (err) {
      client.destroy();
      client = undefined;
      throw err;
    }
  };
  const wait = await waitForStatus({ probe, now, sleep: o.sleep ?? realSleep, deadline });
  o.log?.(`deliver ${o.sha256.slice(0, 12)}: after the reconnect: ${wait.kind}`);
  return lostOutcome(how, lostAfterMs, wait, o.readyTimeoutMs);
}
