/**
 * A loopback HTTP proxy between the built action and moto that times each EC2 call (the form
 * body's `Action`), so that the fleet bench can say how much of a deploy was spent waiting for the
 * simulated cloud's answers (CreateFleet of 100 instances, for one) rather than guess it.
 *
 * Bodies and answers pass through unchanged; only 127.0.0.1 is listened on and connected to.
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ec2Call {
  readonly action: string;
  /** performance.now() when the request reached the proxy and when its answer left it. */
  readonly startMs: number;
  readonly endMs: number;
}

export interface TimingProxy {
  /** `http://127.0.0.1:<port>`: the action's AWS_ENDPOINT_URL_EC2. */
  readonly endpoint: string;
  readonly calls: readonly Ec2Call[];
  close(): Promise<void>;
}

/** Starts the proxy in front of `target` (moto's `http://127.0.0.1:<port>`). */
export async function startTimingProxy(target: string): Promise<TimingProxy> {
  const to = new URL(target);
  if (to.hostname !== '127.0.0.1') throw new Error(`timing proxy: ${target} is not loopback`);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const calls: Ec2Call[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const startMs = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? '?';
      const up = request(
        {
          host: '127.0.0.1',
          port: to.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => calls.push({ action, startMs, endMs: performance.now() }));
        },
      );
      up.on('error', (e) => {
        res.writeHead(502).end(String(e));
      });
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Total time of the calls named `action` (they do not overlap in a one-region deploy). */
export function timeIn(calls: readonly Ec2Call[], action: string): number {
  return calls.filter((c) => c.action === action).reduce((t, c) => t + c.endMs - c.startMs, 0);
}
