import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/ssh/connect.js';
import { canConnect, hasSshd, startSshd, type Sshd } from '../helpers/sshd.js';

// An instance still booting drops SYNs instead of refusing them. Here a listener that never
// accepts, its queue full, makes the port drop SYNs (Linux), until it goes away and sshd starts.
const DARK = `
import socket, sys, time
port = int(sys.argv[1])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', port)); s.listen(0)
fill = []
for _ in range(3):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', port))
    except BlockingIOError: pass
    fill.append(c)
time.sleep(0.5)  # the queue is full once the first filler's handshake is done
print('dark', flush=True)
time.sleep(60)  # until the test kills it
`;

if (process.env.CI && !hasSshd)
  throw new Error('sshd (Debian package openssh-server) is required in CI');

describe.skipIf(!hasSshd)('connect to a host that drops SYNs while it boots', () => {
  let late: Sshd | undefined;
  let dark: ChildProcess | undefined;
  afterEach(async () => {
    dark?.kill('SIGKILL');
    await late?.stop();
  });

  it('cuts an attempt whose SYN goes unanswered after 1.5 s, tries afresh, and connects soon after sshd listens', async () => {
    const darkMs = 8_000;
    // sshd binds the port a second after the dark listener is killed.
    const ts = Date.now();
    late = await startSshd({ delayMs: darkMs + 1_000 });
    const port = late.port;
    const d = spawn('python3', ['-c', DARK, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    dark = d;
    await new Promise<void>((resolve, reject) => {
      d.stdout?.once('data', () => resolve());
      d.once('exit', (c) => reject(new Error(`the dark listener exited (${c})`)));
    });
    const killer = setTimeout(() => d.kill('SIGKILL'), Math.max(0, darkMs - (Date.now() - ts)));
    const logs: string[] = [];
    const t0 = ts;
    // When the port first accepts, seen from here (polled every 50 ms, bounded).
    let upAt: number | undefined;
    const watch = (async () => {
      while (upAt === undefined && Date.now() - t0 < 30_000) {
        if (Date.now() - t0 > darkMs && (await canConnect(late.host, port))) upAt = Date.now();
        else await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const c = await connect({
      host: late.host,
      port,
      username: late.user,
      privateKey: late.client.privateKey,
      hostKey: late.hostKey,
      deadlineMs: 25_000,
      log: (m) => logs.push(m),
    }).catch(async (e: unknown) => {
      await late?.ready; // an sshd that failed to start says why
      throw e;
    });
    const connectedAt = Date.now();
    clearTimeout(killer);
    await late.ready;
    c.end();
    await watch;
    expect(upAt).toBeDefined();
    // The attempt begun while the port was dark was given up and a fresh one made.
    expect(logs.some((l) => l.includes('no TCP connection within 1500 ms'))).toBe(true);
    // At most one TCP bound (1.5 s) + one gap (0.5 s) + the handshake after sshd listens.
    expect(connectedAt - (upAt ?? 0)).toBeLessThan(3_500);
  }, 40_000);
});
