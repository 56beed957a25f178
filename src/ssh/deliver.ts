import { createReadStream } from 'node:fs';
import type { Client } from 'ssh2';
import { errorMessage, SshError } from '../errors.js';
import { SCRIPT_EXIT } from '../instance/contract.js';
import { exec, type ExecResult } from './connect.js';
import {
  activationScript,
  DEFAULT_REMOTE,
  parseActivation,
  shq,
  tail,
  uploadScript,
  type ActivationOutcome,
  type RemoteLayout,
} from './remote-scripts.js';

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
  readonly uploadMs: number;
  readonly activateMs: number;
  readonly totalMs: number;
}

export interface DeliverResult extends ActivationOutcome {
  readonly timings: DeliverTimings;
}

/**
 * Read size for the upload stream: 50 MiB to a loopback sshd took 286 ms with 1 MiB reads against
 * 360 ms with the 64 KiB default, with about a third less client CPU (bench/ssh.bench.ts). ssh2
 * still sends packets of the server's maximum size (32 KiB for OpenSSH) within its window.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/**
 * Uploads the bundle over an exec'd `cat` (streamed on the channel's stdin), verifies it
 * remotely, renames it into place, writes the env file (always) and the ttl and health-check
 * files (when given), starts activation and reads
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
  let uploadMs = 0;
  const done = (res: ActivationOutcome): DeliverResult => {
    const totalMs = Date.now() - t0;
    const activateMs = Math.max(0, totalMs - uploadMs);
    o.log?.(
      `deliver ${o.sha256.slice(0, 12)}: ${res.status}${res.step === undefined ? '' : ` (${res.step})`} in ${totalMs} ms`,
    );
    return { ...res, timings: { uploadMs, activateMs, totalMs } };
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
  if (upload.code === SCRIPT_EXIT.prepare)
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

  const script = activationScript(r, o.sha256, o.bytes, {
    healthCheck: o.healthCheck,
    ttlMinutes: o.ttlMinutes,
  });
  let res;
  try {
    res = await exec(client, `sh -c ${shq(script)}`, Buffer.from(o.envFile ?? '', 'utf8'), {
      timeoutMs: o.readyTimeoutMs,
    });
  } catch (err) {
    const why = errorMessage(err);
    return done({ status: 'failed', step: 'activate', logTail: why });
  }
  return done(parseActivation(o.sha256, res.code, res.stdout, res.stderr));
}
