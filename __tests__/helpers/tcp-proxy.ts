import { connect as netConnect, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of one port, to break connections on purpose: `cutAfter(n)`
 * destroys both sockets of the next connection once n bytes have gone from client to server;
 * `stall()` stops forwarding in both directions while keeping the sockets open (a dead link);
 * `cutNow()` destroys every connection open at that moment (later ones are forwarded as usual).
 */
export interface TcpProxy {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections this proxy destroyed on purpose. */
  readonly cuts: number;
  /** Client→server bytes forwarded, per connection, in accept order. */
  readonly upstreamBytes: readonly number[];
  /** Arms a cut for the next connection accepted (one connection only). */
  cutAfter(bytes: number): void;
  /** Arms a stall for the next connection accepted, after `bytes` client→server bytes. */
  stallAfter(bytes: number): void;
  /** Destroys every open connection now; returns how many. */
  cutNow(): number;
  close(): Promise<void>;
}

type Plan = { kind: 'cut' | 'stall'; after: number } | undefined;

/** Starts a proxy on a free 127.0.0.1 port forwarding to `127.0.0.1:targetPort`. */
export function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const links = new Set<() => void>();
  const upstreamBytes: number[] = [];
  let accepted = 0;
  let cuts = 0;
  let armed: Plan;

  const server = createServer((down) => {
    const index = accepted++;
    upstreamBytes[index] = 0;
    const plan = armed;
    armed = undefined;
    const up = netConnect({ host: '127.0.0.1', port: targetPort });
    sockets.add(down);
    sockets.add(up);
    let stalled = false;
    const kill = (): void => {
      down.destroy();
      up.destroy();
    };
    links.add(kill);
    // Either side closing tears down the other (a stalled link too, once the client gives up).
    down.on('close', () => {
      links.delete(kill);
      sockets.delete(down);
      up.destroy();
    });
    up.on('close', () => {
      sockets.delete(up);
      down.destroy();
    });
    down.on('error', kill);
    up.on('error', kill);
    up.on('data', (d: Buffer) => {
      if (!stalled && !down.write(d)) {
        up.pause();
        down.once('drain', () => up.resume());
      }
    });
    down.on('data', (d: Buffer) => {
      if (stalled) return;
      const sent = upstreamBytes[index] ?? 0;
      if (plan !== undefined && sent + d.length > plan.after) {
        // Forward up to the limit, then break the link.
        const head = d.subarray(0, Math.max(0, plan.after - sent));
        upstreamBytes[index] = sent + head.length;
        if (plan.kind === 'cut') {
          cuts++;
          if (head.length === 0) kill();
          else up.write(head, kill);
        } else {
          stalled = true;
          up.write(head);
          down.pause(); // stop reading: the client's sends back up into its own buffers
        }
        return;
      }
      upstreamBytes[index] = sent + d.length;
      if (!up.write(d)) {
        down.pause();
        up.once('drain', () => down.resume());
      }
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      resolve({
        host: '127.0.0.1',
        port,
        get accepted() {
          return accepted;
        },
        get cuts() {
          return cuts;
        },
        upstreamBytes,
        cutAfter(bytes: number) {
          armed = { kind: 'cut', after: bytes };
        },
        stallAfter(bytes: number) {
          armed = { kind: 'stall', after: bytes };
        },
        cutNow() {
          const open = [...links];
          for (const kill of open) kill();
          cuts += open.length;
          return open.length;
        },
        close() {
          for (const s of sockets) s.destroy();
          return new Promise<void>((r) => server.close(() => r()));
        },
      });
    });
  });
}
