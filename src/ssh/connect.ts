import { timingSafeEqual } from 'node:crypto';
import { Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { HostKeyMismatchError, SshError } from '../errors.js';
import { fingerprint } from '../keys.js';
import { describe } from './exec.js';
import { HOST_KEY_ALGORITHMS, parsePinnedKey, type PinnedKey } from './pinned-key.js';

export { parsePinnedKey } from './pinned-key.js';

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
// An instance whose sshd comes up just after a retry waits for the next one, and a deploy waits
// for its slowest instance: the expected worst gap over N instances nears this cap as N grows
// (with 2 s, N = 100 fake instances finished ~1 s later per deploy than N = 1). A refused attempt
// costs one SYN and one RST, so a short gap is cheap.
const MAX_DELAY_MS = 500;
const MAX_ATTEMPT_MS = 30_000;
/**
 * Bound on an attempt's TCP connect. An instance still booting drops SYNs instead of refusing
 * them; the kernel then resends the SYN only 1, 3, 7 and 15 s later, so an attempt begun while the
 * host was dark reached an sshd up for up to 16 s only at the next resend (the expected worst of
 * N instances grows with N). A fresh attempt instead follows within this bound plus the retry gap.
 */
export const TCP_CONNECT_MS = 1_500;
const MIN_ATTEMPT_MS = 200;
const KEEPALIVE_MS = 15_000;

/**
 * One connection attempt; the client is ended on every failure path. ssh2's client is made only
 * once TCP has connected: a refused attempt (an instance still starting sshd, retried every
 * REFUSED_RETRY_MS) then costs a socket, ~120 µs of CPU against ~310 µs with a client and its
 * key parsed each time (medians of 2,000 here), and a hundred instances booting at once make
 * hundreds of them a second.
 */
function attemptOnce(opts: ConnectOptions, pinned: PinnedKey, timeoutMs: number): Promise<Client> {
  return new Promise<Client>((resolve, reject) => {
    const sock = new Socket();
    let client: Client | undefined;
    let mismatch: HostKeyMismatchError | undefined;
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      clearTimeout(tcp);
      sock.destroy();
      if (client !== undefined) {
        client.removeAllListeners();
        client.on('error', () => {}); // late errors of a dead attempt must not crash the process
        try {
          client.end();
        } catch {
          // already closed
        }
      }
      reject(mismatch ?? (err instanceof Error ? err : new Error(String(err))));
    };
    // ssh2's readyTimeout is the primary bound; this guard covers any gap before it is armed.
    const guard = setTimeout(
      () => fail(new Error(`no SSH handshake within ${timeoutMs} ms`)),
      timeoutMs + 1_000,
    );
    const tcpMs = Math.min(TCP_CONNECT_MS, timeoutMs);
    const tcp = setTimeout(
      () => fail(new Error(`no TCP connection within ${tcpMs} ms (the host dropped the SYN)`)),
      tcpMs,
    );
    // Until ssh2 has the socket, its errors (ECONNREFUSED) are this attempt's.
    sock.once('error', fail);
    sock.once('connect', () => {
      clearTimeout(tcp);
      if (settled) return;
      // Nagle off before the first byte, not once ready: the handshake's small messages each
      // waited for the server's delayed ACK (~40 ms per round trip, four in the authentication):
      // a connect to a loopback sshd took 221 ms with it on, 61 ms off. It also holds back the
      // small writes ssh2 makes per packet (length, payload, tag): a 50 MiB upload took 362 ms
      // with it on, 286 ms off (bench/ssh.bench.ts).
      sock.setNoDelay(true);
      const c = (client = new ssh2.Client());
      try {
        handshake(c, opts, pinned, sock, timeoutMs, (m) => (mismatch = m));
      } catch (err) {
        // A key ssh2 cannot use: the same on every attempt, so not retried.
        fail(new SshError(`Invalid SSH configuration: ${describe(err)}`, { retryable: false }));
        return;
      }
      c.on('error', fail);
      c.on('close', () => fail(new Error('connection closed before the session was ready')));
      c.once('ready', () => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        c.removeAllListeners('close');
        c.removeAllListeners('error');
        c.on('error', (err) => opts.log?.(`ssh ${opts.host}:${opts.port}: ${describe(err)}`));
        resolve(c);
      });
    });
    // Our own socket, so that its TCP connect has a bound of its own.
    sock.connect({ host: opts.host, port: opts.port });
  });
}

/**
 * Starts ssh2's handshake on a connected socket, the host key pinned; a mismatch is handed to
 * `onMismatch`. Throws what ssh2 throws at once (a key it cannot use).
 */
function handshake(
  client: Client,
  opts: ConnectOptions,
  pinned: PinnedKey,
  sock: Socket,
  timeoutMs: number,
  onMismatch: (e: HostKeyMismatchError) => void,
): void {
  client.connect({
    sock,
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
      onMismatch(
        new HostKeyMismatchError(
          opts.host,
          opts.port,
          `${pinned.type} ${pinned.fingerprint}`,
          fingerprint(key),
        ),
      );
      return false;
    },
  });
}

/**
 * Gap after a refused connect: the host's kernel answered at once (it is up; sshd is not
 * listening yet) and the attempt cost sshd nothing, so the next one may follow soon. With the
 * 250 → 500 ms backoff an instance whose sshd came up just after a refusal waited out the whole
 * gap, and the slowest of N instances neared the cap as N grew.
 */
export const REFUSED_RETRY_MS = 100;

/**
 * The pause after failed attempt `attempt` (1-based): REFUSED_RETRY_MS after a refused connect,
 * else 250 ms, doubling, capped at 500 ms (a dropped SYN already took TCP_CONNECT_MS; a failed
 * handshake or authentication cost sshd a fork).
 */
export function retryDelayMs(attempt: number, err?: unknown): number {
  if ((err as { code?: unknown } | undefined)?.code === 'ECONNREFUSED') return REFUSED_RETRY_MS;
  const doublings = Math.min(Math.max(0, attempt - 1), 16);
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
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
      const wait = Math.max(0, Math.min(retryDelayMs(attempt, err), deadline - Date.now()));
      const next = wait > 0 ? `retrying in ${wait} ms` : 'deadline reached';
      opts.log?.(`ssh ${opts.host}:${opts.port}: attempt ${attempt} failed (${why}); ${next}`);
      await sleep(wait);
    }
  }
}

// exec lives in exec.ts; re-exported so callers keep one import for connecting and running.
export { exec, type ExecResult, type Reply } from './exec.js';
