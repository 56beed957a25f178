import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';
import type { Client, ServerHostKeyAlgorithm } from 'ssh2';
import { HostKeyMismatchError, SshError } from '../errors.js';
import { fingerprint } from '../keys.js';
import { describe } from './exec.js';

// Default import on purpose (see src/keys.ts): only `Client` is a detectable named export.

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** OpenSSH private key text. */
  readonly privateKey: string;
  /** The pinned host key, one `ssh-ed25519 AAAA… [comment]` line. */
  readonly hostKey: string;
  /** Total time for all attempts, in milliseconds. */
  readonly deadlineMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (msg: string) => void;
}

const FIRST_DELAY_MS = 250;
// An instance whose sshd comes up just after a retry waits for the next one: keep the gap short.
const MAX_DELAY_MS = 2_000;
const MAX_ATTEMPT_MS = 30_000;
const MIN_ATTEMPT_MS = 200;
const KEEPALIVE_MS = 15_000;

const HOST_KEY_ALGORITHMS: Readonly<Record<string, readonly ServerHostKeyAlgorithm[]>> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

interface PinnedKey {
  readonly type: string;
  readonly blob: Buffer;
  readonly fingerprint: string;
}

/** Parses a pinned `type base64 [comment]` line; the blob's embedded type must match. */
export function parsePinnedKey(line: string): PinnedKey {
  const m = /^\s*(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s.*)?$/s.exec(line);
  const type = m?.[1];
  const blob = m?.[2] === undefined ? undefined : Buffer.from(m[2], 'base64');
  if (type === undefined || blob === undefined || HOST_KEY_ALGORITHMS[type] === undefined) {
    throw new SshError(
      `The pinned host key is not a supported 'type base64' public key line (got '${line.slice(0, 40)}…').`,
      { retryable: false },
    );
  }
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (len < 0 || blob.subarray(4, 4 + len).toString('latin1') !== type) {
    throw new SshError(`The pinned host key's blob does not hold a ${type} key.`, {
      retryable: false,
    });
  }
  return { type, blob, fingerprint: fingerprint(blob) };
}

/** One connection attempt; the client is ended on every failure path. */
function attemptOnce(opts: ConnectOptions, pinned: PinnedKey, timeoutMs: number): Promise<Client> {
  return new Promise<Client>((resolve, reject) => {
    const client = new ssh2.Client();
    let mismatch: HostKeyMismatchError | undefined;
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      client.removeAllListeners();
      client.on('error', () => {}); // late errors of a dead attempt must not crash the process
      try {
        client.end();
      } catch {
        // already closed
      }
      reject(mismatch ?? (err instanceof Error ? err : new Error(String(err))));
    };
    // ssh2's readyTimeout is the primary bound; this guard covers any gap before it is armed.
    const guard = setTimeout(
      () => fail(new Error(`no SSH handshake within ${timeoutMs} ms`)),
      timeoutMs + 1_000,
    );
    client.on('error', fail);
    client.on('close', () => fail(new Error('connection closed before the session was ready')));
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      client.removeAllListeners('close');
      client.removeAllListeners('error');
      client.on('error', (err) => opts.log?.(`ssh ${opts.host}:${opts.port}: ${describe(err)}`));
      // Nagle holds back the small writes ssh2 makes per packet (length, payload, tag): with it
      // off, a 50 MiB upload to a loopback sshd took 286 ms instead of 362 (bench/ssh.bench.ts).
      client.setNoDelay(true);
      resolve(client);
    });
    try {
      client.connect({
        host: opts.host,
        port: opts.port,
        username: opts.username,
        privateKey: opts.privateKey,
        readyTimeout: Math.max(1, Math.floor(timeoutMs)),
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: 3,
        // Only the host key type is pinned. ssh2's defaults already put Node's OpenSSL first: with
        // OpenSSH 9.2 it negotiates curve25519-sha256@libssh.org and aes128-gcm@openssh.com (MAC
        // implicit), AES-NI in C; chacha20-poly1305 (pure JS without ssh2's native part) comes
        // last in its list, so it is never chosen where AES-GCM is offered (ssh2 debug output).
        algorithms: { serverHostKey: [...(HOST_KEY_ALGORITHMS[pinned.type] ?? [])] },
        hostVerifier: (key: Buffer): boolean => {
          if (key.length === pinned.blob.length && timingSafeEqual(key, pinned.blob)) return true;
          mismatch = new HostKeyMismatchError(
            opts.host,
            opts.port,
            `${pinned.type} ${pinned.fingerprint}`,
            fingerprint(key),
          );
          return false;
        },
      });
    } catch (err) {
      // Synchronous errors are configuration errors (e.g. an unreadable private key): not retried.
      fail(new SshError(`Invalid SSH configuration: ${describe(err)}`, { retryable: false }));
    }
  });
}

/**
 * Connects to `host:port`, pinning the host key. Network errors, timeouts and authentication
 * failures (the user may not exist yet while cloud-init runs) are retried with capped exponential
 * backoff until `deadlineMs` has passed; a host key mismatch is thrown at once.
 */
export async function connect(opts: ConnectOptions): Promise<Client> {
  const pinned = parsePinnedKey(opts.hostKey);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  const deadline = started + opts.deadlineMs;
  let delay = FIRST_DELAY_MS;
  let why = '';
  let last: unknown;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    if (attempt > 1 && remaining <= 0) {
      const n = attempt - 1;
      throw new SshError(
        `Could not connect to ${opts.username}@${opts.host}:${opts.port} within ${opts.deadlineMs} ms ` +
          `(${n} attempt${n === 1 ? '' : 's'} over ${Date.now() - started} ms); last error: ${why}`,
        { cause: last },
      );
    }
    try {
      const client = await attemptOnce(
        opts,
        pinned,
        Math.min(Math.max(remaining, MIN_ATTEMPT_MS), MAX_ATTEMPT_MS),
      );
      if (attempt > 1) opts.log?.(`ssh ${opts.host}:${opts.port}: connected on attempt ${attempt}`);
      return client;
    } catch (err) {
      if (err instanceof SshError && !err.retryable) throw err;
      why = describe(err);
      last = err;
      const wait = Math.max(0, Math.min(delay, deadline - Date.now()));
      const next = wait > 0 ? `retrying in ${wait} ms` : 'deadline reached';
      opts.log?.(`ssh ${opts.host}:${opts.port}: attempt ${attempt} failed (${why}); ${next}`);
      await sleep(wait);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}

// exec lives in exec.ts; re-exported so callers keep one import for connecting and running.
export { exec, type ExecResult, type Reply } from './exec.js';
