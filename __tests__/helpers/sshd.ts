import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { generateEd25519, type KeyPair } from '../../src/keys.js';

export const SSHD = '/usr/sbin/sshd';
export const hasSshd = existsSync(SSHD);

export interface Sshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly dir: string;
  /** The server's public host key line, to pin. */
  readonly hostKey: string;
  /** The client's key pair, authorised for `user`. */
  readonly client: KeyPair;
  /** Resolves once sshd accepts TCP connections. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP at host:port right now (within 500 ms). */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ host, port });
    s.setTimeout(500);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts `sshd -D -e` on a free loopback port with a fresh ed25519 host key and one authorised
 * client key (or the given `hostKey` / `clientKey`, to share them between daemons). `delayMs` starts the daemon that much later (the port is reserved only by number).
 */
export async function startSshd(
  opts: {
    delayMs?: number;
    readyWithinMs?: number;
    hostKey?: KeyPair;
    clientKey?: KeyPair;
    /** Run every command from `dir` (ForceCommand), so relative remote paths are per daemon. */
    chdir?: boolean;
  } = {},
): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'spot-deploy-sshd-'));
  const hostPair = opts.hostKey ?? generateEd25519('test-host');
  const client = opts.clientKey ?? generateEd25519('test-client');
  const port = await freePort();
  const user = userInfo().username;
  writeFileSync(join(dir, 'host_ed25519'), hostPair.privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'MaxStartups 100',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      ...(opts.chdir ? [`ForceCommand cd ${dir} && exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"`] : []),
      '',
    ].join('\n'),
  );
  // The privilege separation directory sshd insists on (created by the package's unit normally).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stderr = '';
  let stopped = false;
  let startTimer: NodeJS.Timeout | undefined;
  const launch = (): void => {
    if (stopped) return;
    const c = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = c;
    c.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    exited = new Promise((r) => c.once('exit', () => r()));
  };
  const ready = (async () => {
    if (opts.delayMs) await new Promise((r) => (startTimer = setTimeout(r, opts.delayMs)));
    launch();
    const until = Date.now() + (opts.readyWithinMs ?? 10_000);
    while (Date.now() < until) {
      if (child?.exitCode !== null) throw new Error(`sshd exited early: ${stderr}`);
      if (await canConnect('127.0.0.1', port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`sshd did not listen on 127.0.0.1:${port} in time: ${stderr}`);
  })();
  ready.catch(() => {}); // observed by the caller; never an unhandled rejection
  if (!opts.delayMs) await ready;

  return {
    host: '127.0.0.1',
    port,
    user,
    dir,
    hostKey: hostPair.publicKey,
    client,
    ready,
    async stop() {
      stopped = true;
      if (startTimer) clearTimeout(startTimer);
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        c.kill('SIGTERM');
        const killed = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 5_000)),
        ]);
        if (!killed) {
          c.kill('SIGKILL');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
