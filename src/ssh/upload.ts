/**
 * A delivery's one command, run (its script: upload-script.ts): the instance says what it runs,
 * the runner decides (unchanged.ts) and answers `skip`, or `go` followed by the bundle on the
 * same stdin; once the instance says the bundle is there, `activate` and the env file start the
 * activation in the same session. deliver.ts reads what it came to.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Client } from 'ssh2';
import { CommandTimeoutError, errorMessage } from '../errors.js';
import { SCRIPT_EXIT } from '../instance/contract.js';
import type { ActivationOutcome } from './activation-result.js';
import { exec, type ExecResult } from './exec.js';
import { HAVE_END, readHave } from './have.js';
import { shq, tail, type RemoteLayout } from './remote-scripts.js';
import { decideUpload, type UploadDecision } from './unchanged.js';
import { UPLOADED_MARK, uploadScript } from './upload-script.js';

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
  /** The env file this delivery writes ('' for none): compared by digest, then sent to `activate`. */
  readonly envFile: string;
  readonly healthCheck?: string | undefined;
  readonly ttlMinutes?: number | undefined;
  /** Bound on the command until the bundle is there; unbounded when absent (keepalives still work). */
  readonly uploadTimeoutMs?: number | undefined;
  /** The activation script (remote-scripts.ts) and its bound, counted from the runner's `activate`. */
  readonly activation: { readonly script: string; readonly timeoutMs: number };
  /** Called once the instance says the whole bundle is there: why it was uploaded, and when. */
  readonly onUploaded?: (why: string, uploadMs: number) => void;
  readonly now?: () => number;
}

/** What the command came to. */
export type UploadOutcome =
  | { readonly kind: 'unchanged'; readonly note: string }
  /** Before any activation: nothing was started. */
  | { readonly kind: 'failed'; readonly outcome: ActivationOutcome }
  /** The activation ran to its end: its exit and its output (from after UPLOADED_MARK). */
  | { readonly kind: 'activated'; readonly res: ExecResult }
  | { readonly kind: 'activation-timeout'; readonly error: string }
  /** The connection went after `activate` was sent: the instance's agent may well go on. */
  | { readonly kind: 'lost'; readonly how: string; readonly activateAt: number };

/**
 * Runs the delivery's command. Throws what exec throws before the activation (e.g. past
 * `uploadTimeoutMs`), after destroying the connection: a broken upload (typically a stalled link)
 * can leave a window's worth of data queued on a socket that no longer moves; `end()` would wait
 * on it forever and keep the process alive. `uploadMs`: until the bundle was there (or the end).
 */
export async function runUpload(
  client: Client,
  r: RemoteLayout,
  o: UploadOptions,
): Promise<{ readonly outcome: UploadOutcome; readonly uploadMs: number }> {
  const now = o.now ?? Date.now;
  // The announced size is what the instance waits for (stdin stays open for `activate`): a file
  // that no longer has it is refused before anything is sent.
  const size = (await stat(o.file)).size;
  if (size !== o.bytes) {
    const logTail = changedBundle(o.file, `${size} bytes`, o.bytes);
    return {
      outcome: { kind: 'failed', outcome: { status: 'failed', step: 'upload', logTail } },
      uploadMs: 0,
    };
  }
  const t0 = now();
  let decision: UploadDecision | undefined;
  let uploadMs: number | undefined;
  let activateAt: number | undefined;
  const script = uploadScript(r, o.sha256, o.bytes, {
    ttlMinutes: o.ttlMinutes,
    activation: o.activation.script,
  });
  const activate = {
    after: UPLOADED_MARK,
    timeoutMs: o.activation.timeoutMs,
    send: () => {
      uploadMs = now() - t0;
      if (decision?.upload) o.onUploaded?.(decision.why, uploadMs);
      activateAt = now();
      return Buffer.concat([Buffer.from('activate\n'), Buffer.from(o.envFile, 'utf8')]);
    },
  };
  let res: ExecResult;
  try {
    res = await exec(
      client,
      `sh -c ${shq(script)}`,
      {
        after: HAVE_END,
        send: (head) => {
          const want = { sha256: o.sha256, envFile: o.envFile, healthCheck: o.healthCheck };
          decision = decideUpload(readHave(head, r) ?? {}, want);
          if (!decision.upload) return Buffer.from('skip\n');
          return {
            input: Readable.from(withAnswer(o.file, o.bytes), { objectMode: false }),
            then: activate,
          };
        },
      },
      o.uploadTimeoutMs === undefined ? {} : { timeoutMs: o.uploadTimeoutMs },
    );
  } catch (err) {
    if (activateAt === undefined) {
      client.destroy();
      throw err;
    }
    const outcome: UploadOutcome =
      err instanceof CommandTimeoutError
        ? { kind: 'activation-timeout', error: errorMessage(err) }
        : { kind: 'lost', how: errorMessage(err), activateAt };
    return { outcome, uploadMs: uploadMs ?? now() - t0 };
  }
  const ms = uploadMs ?? now() - t0;
  if (activateAt === undefined) return { outcome: readUpload(res, decision, ms), uploadMs: ms };
  // sshd always reports how a command ended; no exit status at all means the link went.
  if (res.code === null && res.signal === undefined) {
    const how = 'the activation command ended without an exit status';
    return { outcome: { kind: 'lost', how, activateAt }, uploadMs: ms };
  }
  // The mark's own line, after what the instance said it runs (whose status.json is its text).
  const mark = res.stdout.indexOf(`\n${UPLOADED_MARK}\n`, res.stdout.indexOf(`\n${HAVE_END}\n`));
  const stdout = mark < 0 ? '' : res.stdout.slice(mark + UPLOADED_MARK.length + 2);
  return { outcome: { kind: 'activated', res: { ...res, stdout } }, uploadMs: ms };
}

/** What the command's exit says when it ended before the activation (and the answer given to it). */
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
  if (decision === undefined && res.code === 0) {
    const why = 'the upload command never said what the instance runs';
    return failed({ status: 'failed', step: 'upload', logTail: why });
  }
  if (res.code !== 0 || decision?.upload !== false) {
    const how =
      res.code !== null
        ? `exit status ${res.code}`
        : res.signal !== undefined
          ? `signal ${res.signal}`
          : 'no exit status: the connection was lost';
    const why = `the upload command ended after ${ms} ms with ${how}`;
    return failed({ status: 'failed', step: 'upload', logTail: tail(`${res.stderr}\n${why}`) });
  }
  return { kind: 'unchanged', note: decision.note };
}

/**
 * The answer `go` and then exactly the announced bytes of the bundle (read in UPLOAD_CHUNK_BYTES).
 * stdin stays open for `activate`, so the instance never sees a short bundle end: a file that
 * changed after it was built would leave the writer waiting (short) or its rest read as the next
 * answer (long). Either fails the stream, and so the upload, before anything is activated
 * (runUpload checks the size first; this catches a file that changes while it is read).
 */
export async function* withAnswer(file: string, bytes: number): AsyncGenerator<Buffer> {
  yield Buffer.from('go\n');
  let sent = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: UPLOAD_CHUNK_BYTES })) {
    const b = chunk as Buffer;
    sent += b.length;
    if (sent > bytes) break;
    yield b;
  }
  if (sent !== bytes)
    throw new Error(changedBundle(file, sent > bytes ? 'longer' : `${sent} bytes`, bytes));
}

/** Why a bundle file cannot be sent: it is not the size announced for it. */
function changedBundle(file: string, is: string, bytes: number): string {
  return `the bundle ${file} is ${is}, not the ${bytes} bytes announced: it changed after it was built`;
}
