/**
 * One remote command over an open connection: its input fed, its output collected, its time
 * bounded. The input may also be a reply to the command's first words (see `Reply`): the upload
 * asks the instance what it runs and sends the bundle only when that differs.
 */
import type { Readable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { CommandTimeoutError, SshError } from '../errors.js';

/** An error's message with its code or level, for log lines and error texts. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: string; level?: string };
  const tag = e.code ?? e.level;
  return tag !== undefined && !e.message.includes(tag) ? `${e.message} (${tag})` : e.message;
}

export interface ExecResult {
  /** Exit status; null when the command was killed by a signal or the channel closed without one. */
  readonly code: number | null;
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Input chosen once the command has spoken: nothing is sent until its stdout holds a line that
 * starts with `after` (after the previous reply's line); `send` gets the stdout up to there and
 * returns the whole input, or a part of it and the next reply (stdin stays open meanwhile).
 */
export interface Reply {
  readonly after: string;
  readonly send: (head: string) => Readable | Buffer | Continued;
  /** From when this reply is sent, the time the command has left (replaces `timeoutMs`). */
  readonly timeoutMs?: number;
}

/** A part of the input, and the reply that sends the rest once the command speaks again. */
export interface Continued {
  readonly input: Readable | Buffer;
  readonly then: Reply;
}

/**
 * Runs `command` on the server, feeding `stdin` (or nothing) and collecting its output.
 * `timeoutMs` bounds the command (until a reply with its own `timeoutMs` is sent: from then on,
 * that); on expiry the channel is closed and a CommandTimeoutError thrown. A connection lost while the command runs resolves with `code: null` and no `signal`.
 * A stream `stdin` is consumed: if the command ends before reading all of it, it is destroyed.
 */
export function exec(
  client: Client,
  command: string,
  stdin?: Readable | Buffer | Reply,
  options: { timeoutMs?: number } = {},
): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    client.exec(command, (err: Error | undefined, ch: ClientChannel) => {
      if (err) {
        reject(new SshError(`Could not start a remote command: ${describe(err)}`, { cause: err }));
        return;
      }
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let code: number | null = null;
      let signal: string | undefined;
      let done = false;
      // The stream being fed, once chosen (a Reply picks it after the command's first line).
      let input: Readable | undefined;
      let reply = stdin !== undefined && isReply(stdin) ? stdin : undefined;
      // Where the next reply's line is looked for: after the last one answered.
      let from = 0;
      const finish = (error?: Error): void => {
        if (done) return;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        // A channel that closed early (connection lost, timeout) stops pulling from the input
        // without ending it: release the input (e.g. a file's descriptor) here.
        if (input !== undefined && !input.readableEnded) {
          input.unpipe(ch);
          input.destroy();
        }
        if (error) {
          ch.close();
          reject(error);
          return;
        }
        const stdout = Buffer.concat(out).toString('utf8');
        const stderr = Buffer.concat(errOut).toString('utf8');
        resolve(signal === undefined ? { code, stdout, stderr } : { code, signal, stdout, stderr });
      };
      let timer: NodeJS.Timeout | undefined;
      const arm = (ms: number | undefined): void => {
        if (timer !== undefined) clearTimeout(timer);
        if (ms === undefined) return;
        const t = new CommandTimeoutError(`Remote command timed out after ${ms} ms`);
        timer = setTimeout(() => finish(t), ms);
      };
      arm(options.timeoutMs);
      /** Sends `data` (undefined: nothing), then ends stdin unless more follows. */
      const feed = (data: Readable | Buffer | undefined, end = true): void => {
        if (data === undefined) ch.end();
        else if (Buffer.isBuffer(data)) {
          if (end) ch.end(data);
          else ch.write(data);
        } else {
          input = data;
          data.on('error', (e) => finish(new SshError(`Reading the input failed: ${describe(e)}`)));
          data.pipe(ch, { end });
        }
      };
      ch.on('data', (d: Buffer) => {
        out.push(d);
        while (reply !== undefined && !done) {
          const text = Buffer.concat(out).toString('utf8');
          const at =
            from === 0 && text.startsWith(reply.after)
              ? 0
              : text.indexOf(`\n${reply.after}`, Math.max(0, from - 1));
          const eol = at < 0 ? -1 : text.indexOf('\n', at + 1);
          if (eol < 0) return;
          const r = reply;
          reply = undefined;
          from = eol + 1;
          try {
            const sent = r.send(text.slice(0, eol + 1));
            if (r.timeoutMs !== undefined) arm(r.timeoutMs);
            if (isContinued(sent)) {
              reply = sent.then;
              feed(sent.input, false);
            } else feed(sent);
          } catch (e) {
            finish(e instanceof Error ? e : new Error(String(e)));
          }
        }
      });
      ch.stderr.on('data', (d: Buffer) => errOut.push(d));
      ch.on('exit', (c: number | null, sig?: string) => {
        code = typeof c === 'number' ? c : null;
        if (typeof sig === 'string') signal = sig;
      });
      ch.on('error', (e: Error) => finish(new SshError(`Remote command failed: ${describe(e)}`)));
      ch.on('close', () => finish());
      if (reply === undefined) feed(stdin as Readable | Buffer | undefined);
    });
  });
}

function isReply(x: Readable | Buffer | Reply): x is Reply {
  return !Buffer.isBuffer(x) && typeof (x as Partial<Reply>).send === 'function';
}

function isContinued(x: Readable | Buffer | Continued): x is Continued {
  return !Buffer.isBuffer(x) && (x as Partial<Continued>).then !== undefined && 'input' in x;
}
