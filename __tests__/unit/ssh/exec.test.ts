// exec's replies (pure: a fake channel): the delivery answers what the command prints, in turn.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { Client } from 'ssh2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandTimeoutError } from '../../../src/errors.js';
import { exec } from '../../../src/ssh/exec.js';

/** What the command receives on stdin, and a way to make it speak. */
class FakeChannel extends Writable {
  readonly stderr = new EventEmitter();
  readonly got: Buffer[] = [];
  constructor() {
    // sshd's channel closes when the command ends, not when stdin does.
    super({ emitClose: false, autoDestroy: false });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.got.push(chunk);
    done();
  }
  say(text: string): void {
    this.emit('data', Buffer.from(text));
  }
  exit(code: number): void {
    this.emit('exit', code);
    this.emit('close');
  }
  close(): void {
    this.emit('close');
  }
  stdin(): string {
    return Buffer.concat(this.got).toString();
  }
}

const on = (ch: FakeChannel) =>
  ({
    exec: (_cmd: string, cb: (e: undefined, c: FakeChannel) => void) => cb(undefined, ch),
  }) as unknown as Client;
const flush = () => new Promise((r) => setImmediate(r));

describe('exec replies', () => {
  afterEach(() => vi.useRealTimers());

  it('answers each mark in turn, keeping stdin open between them; a mark may come in pieces', async () => {
    const ch = new FakeChannel();
    const heads: string[] = [];
    const run = exec(on(ch), 'cmd', {
      after: 'FIRST',
      send: (head) => {
        heads.push(head);
        return {
          input: Buffer.from('part one\n'),
          then: {
            after: 'SECOND',
            send: (h) => {
              heads.push(h);
              return Buffer.from('the rest\n');
            },
          },
        };
      },
    });
    // The second mark said before the first is not an answer to it.
    ch.say('SECOND\nFIR');
    ch.say('ST\n');
    await flush();
    expect(ch.stdin()).toBe('part one\n');
    expect(ch.writableEnded).toBe(false);
    ch.say('working\nSEC');
    await flush();
    expect(ch.stdin()).toBe('part one\n');
    ch.say('OND\n');
    await flush();
    expect(ch.stdin()).toBe('part one\nthe rest\n');
    expect(ch.writableEnded).toBe(true);
    ch.exit(0);
    const r = await run;
    expect(r).toEqual({ code: 0, stdout: 'SECOND\nFIRST\nworking\nSECOND\n', stderr: '' });
    expect(heads).toEqual(['SECOND\nFIRST\n', 'SECOND\nFIRST\nworking\nSECOND\n']);
  });

  it("a reply's own bound replaces the command's from when it is sent", async () => {
    vi.useFakeTimers();
    const ch = new FakeChannel();
    const run = exec(
      on(ch),
      'cmd',
      { after: 'GO', timeoutMs: 5_000, send: () => Buffer.from('x') },
      { timeoutMs: 1_000 },
    );
    const settled = run.then(
      (r) => r,
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(900);
    ch.say('GO\n');
    await vi.advanceTimersByTimeAsync(4_000); // past the first bound, within the reply's
    ch.exit(0);
    expect(await settled).toMatchObject({ code: 0 });

    const slow = new FakeChannel();
    const late = exec(
      on(slow),
      'cmd',
      { after: 'GO', timeoutMs: 2_000, send: () => Buffer.from('x') },
      { timeoutMs: 1_000 },
    ).catch((e: unknown) => e);
    slow.say('GO\n');
    await vi.advanceTimersByTimeAsync(2_001);
    expect(await late).toBeInstanceOf(CommandTimeoutError);
  });
});
