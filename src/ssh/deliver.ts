import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Client } from 'ssh2';
import { CommandTimeoutError, errorMessage, SshError } from '../errors.js';
import { SCRIPT_EXIT } from '../instance/contract.js';
import { realSleep, type Sleep } from '../time.js';
import { exec, type ExecResult } from './connect.js';
import {
  activationScript,
  DEFAULT_REMOTE,
  HAVE_END,
  shq,
  tail,
  uploadScript,
  type RemoteLayout,
} from './remote-scripts.js';
import { parseActivation, type ActivationOutcome } from './activation-result.js';
import { lostOutcome, probeScript, readProbe, waitForStatus } from './status-wait.js';
import { decideUpload, readHave, type UploadDecision } from './unchanged.js';

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

/**
 * Read size for the upload stream: 50 MiB to a loopback sshd took 286 ms with 1 MiB reads against
 * 360 ms with the 64 KiB default, with about a third less client CPU (bench/ssh.bench.ts). ssh2
 * still sends packets of the server's maximum size (32 KiB for OpenSSH) within its window.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

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
 * Asks the instance what it runs and, unless that is this release unchanged (then nothing is
 * uploaded nor activated, and the result says `unchanged`), uploads the bundle in the same exec
 * (streamed on the channel's stdin, hashed on the instance as it lands), verifies it
 * remotely, renames it into place, writes the env file (always) and the ttl and health-check
 * files (when given), starts activation and reads
 * status.json. Deployment outcomes (including a timed-out or broken activation command, and a
 * connection lost during the upload) are returned as `failed` with a step; SSH errors while
 * preparing or uploading are thrown, and an upload that throws (e.g. past `uploadTimeoutMs`)
 * destroys the connection first: it is unusable after that. A connection lost during activation
 * is destroyed too, and the verdict read over `reconnect`'s connections (the last one, when it
 * still works, is left open for the caller, who ends every client it hands out).
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

  const envFile = Buffer.from(o.envFile ?? '', 'utf8');
  const up0 = Date.now();
  let upload: ExecResult;
  let decision: UploadDecision | undefined;
  try {
    upload = await exec(
      client,
      `sh -c ${shq(uploadScript(r, o.sha256, o.bytes, { ttlMinutes: o.ttlMinutes }))}`,
      {
        after: HAVE_END,
        send: (head) => {
          const want = {
            sha256: o.sha256,
            envFile: envFile.toString('utf8'),
            healthCheck: o.healthCheck,
          };
          decision = decideUpload(readHave(head, r), want);
          if (!decision.upload) return Buffer.from('skip\n');
          return Readable.from(withAnswer(o.file), { objectMode: false });
        },
      },
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
  if (upload.code === SCRIPT_EXIT.prepare)
    return done({ status: 'failed', step: 'prepare', logTail: tail(upload.stderr) });
  if (decision === undefined && upload.code === 0)
    return done({
      status: 'failed',
      step: 'upload',
      logTail: 'the upload command never said what the instance runs',
    });
  const skipped = decision !== undefined && !decision.upload ? decision.note : undefined;
  if (skipped !== undefined && upload.code === SCRIPT_EXIT.ttlConfig)
    return done({ status: 'failed', step: 'ttl-config', logTail: tail(upload.stderr) });
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
  if (skipped !== undefined) {
    o.log?.(`deliver ${o.sha256.slice(0, 12)}: ${skipped}`);
    uploadMs = 0;
    return { ...done({ status: 'ready' }), unchanged: skipped };
  }
  if (decision?.upload === true)
    o.log?.(`deliver ${o.sha256.slice(0, 12)}: uploading: ${decision.why}`);
  const mbps = o.bytes / 1e6 / Math.max(uploadMs / 1000, 0.001);
  o.log?.(`deliver: uploaded ${o.bytes} bytes in ${uploadMs} ms (${mbps.toFixed(1)} MB/s)`);
  o.onUploaded?.();

  const script = activationScript(r, o.sha256, o.bytes, {
    envBytes: envFile.length,
    healthCheck: o.healthCheck,
    ttlMinutes: o.ttlMinutes,
    healthDeadlineSeconds: healthDeadlineSeconds(o.readyTimeoutMs),
  });
  const now = o.now ?? Date.now;
  const act0 = now();
  let lost: string;
  try {
    const res = await exec(client, `sh -c ${shq(script)}`, envFile, {
      timeoutMs: o.readyTimeoutMs,
    });
    // sshd always reports how a command ended; no exit status at all means the link went.
    if (res.code !== null || res.signal !== undefined)
      return done(parseActivation(o.sha256, res.code, res.stdout, res.stderr));
    lost = 'the activation command ended without an exit status';
  } catch (err) {
    if (err instanceof CommandTimeoutError)
      return done({ status: 'failed', step: 'activate', logTail: errorMessage(err) });
    lost = errorMessage(err);
  }
  // Whatever is left of that connection is of no use; a half-dead one must not keep us alive.
  client.destroy();
  return done(await afterLostConnection(o, r, lost, now() - act0, act0 + o.readyTimeoutMs));
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

/** The answer `go` and then the bundle, as one stream (read in large chunks: UPLOAD_CHUNK_BYTES). */
async function* withAnswer(file: string): AsyncGenerator<Buffer> {
  yield Buffer.from('go\n');
  for await (const chunk of createReadStream(file, { highWaterMark: UPLOAD_CHUNK_BYTES }))
    yield chunk as Buffer;
}
