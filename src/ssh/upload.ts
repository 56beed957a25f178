/**
 * The upload command of one delivery, run (its script: upload-script.ts): the instance says what
 * it runs, the runner decides (unchanged.ts) and answers `skip`, or `go` followed by the bundle
 * on the same stdin; then what its exit says. deliver.ts goes on to the activation after it.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Client } from 'ssh2';
import { SCRIPT_EXIT } from '../instance/contract.js';
import type { ActivationOutcome } from './activation-result.js';
import { exec, type ExecResult } from './exec.js';
import { shq, tail, type RemoteLayout } from './remote-scripts.js';
import { HAVE_END, readHave } from './have.js';
import { decideUpload, type UploadDecision } from './unchanged.js';
import { uploadScript } from './upload-script.js';

/**
 * Read size for the upload stream: 50 MiB to a loopback sshd took 286 ms with 1 MiB reads against
 * 360 ms with the 64 KiB default, with about a third less client CPU (bench/ssh.bench.ts). ssh2
 * still sends packets of the server's maximum size (32 KiB for OpenSSH) within its window.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export interface UploadOptions {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The env file this delivery writes ('' for none), compared by digest only. */
  readonly envFile: string;
  readonly healthCheck?: string | undefined;
  readonly ttlMinutes?: number | undefined;
  readonly uploadTimeoutMs?: number | undefined;
}

/** What the upload command came to. */
export type UploadOutcome =
  | { readonly kind: 'uploaded'; readonly why: string }
  | { readonly kind: 'unchanged'; readonly note: string }
  | { readonly kind: 'failed'; readonly outcome: ActivationOutcome };

/**
 * Runs the upload command. Throws what exec throws (e.g. past `uploadTimeoutMs`), after
 * destroying the connection: a broken upload (typically a stalled link) can leave a window's
 * worth of data queued on a socket that no longer moves; `end()` would wait on it forever and
 * keep the process alive.
 */
export async function runUpload(
  client: Client,
  r: RemoteLayout,
  o: UploadOptions,
): Promise<{ readonly outcome: UploadOutcome; readonly ms: number }> {
  const t0 = Date.now();
  let decision: UploadDecision | undefined;
  let res: ExecResult;
  try {
    res = await exec(
      client,
      `sh -c ${shq(uploadScript(r, o.sha256, o.bytes, { ttlMinutes: o.ttlMinutes }))}`,
      {
        after: HAVE_END,
        send: (head) => {
          const want = { sha256: o.sha256, envFile: o.envFile, healthCheck: o.healthCheck };
          decision = decideUpload(readHave(head, r) ?? {}, want);
          if (!decision.upload) return Buffer.from('skip\n');
          return Readable.from(withAnswer(o.file), { objectMode: false });
        },
      },
      o.uploadTimeoutMs === undefined ? {} : { timeoutMs: o.uploadTimeoutMs },
    );
  } catch (err) {
    client.destroy();
    throw err;
  }
  const ms = Date.now() - t0;
  return { outcome: readUpload(res, decision, ms), ms };
}

/** What the upload command's exit (and the answer given to it) says. */
export function readUpload(
  res: ExecResult,
  decision: UploadDecision | undefined,
  ms: number,
): UploadOutcome {
  const failed = (outcome: ActivationOutcome): UploadOutcome => ({ kind: 'failed', outcome });
  if (res.code === SCRIPT_EXIT.prepare)
    return failed({ status: 'failed', step: 'prepare', logTail: tail(res.stderr) });
  if (decision?.upload === false && res.code === SCRIPT_EXIT.ttlConfig)
    return failed({ status: 'failed', step: 'ttl-config', logTail: tail(res.stderr) });
  if (res.code !== 0) {
    const how =
      res.code !== null
        ? `exit status ${res.code}`
        : res.signal !== undefined
          ? `signal ${res.signal}`
          : 'no exit status: the connection was lost';
    const why = `the upload command ended after ${ms} ms with ${how}`;
    return failed({ status: 'failed', step: 'upload', logTail: tail(`${res.stderr}\n${why}`) });
  }
  if (decision === undefined) {
    const why = 'the upload command never said what the instance runs';
    return failed({ status: 'failed', step: 'upload', logTail: why });
  }
  return decision.upload
    ? { kind: 'uploaded', why: decision.why }
    : { kind: 'unchanged', note: decision.note };
}

/** The answer `go` and then the bundle, as one stream (read in UPLOAD_CHUNK_BYTES). */
async function* withAnswer(file: string): AsyncGenerator<Buffer> {
  yield Buffer.from('go\n');
  for await (const chunk of createReadStream(file, { highWaterMark: UPLOAD_CHUNK_BYTES }))
    yield chunk as Buffer;
}
