// A fake EC2 instance metadata service (IMDSv2 only) on loopback, for the interruption watcher
// (bundle/.spot-deploy/watcher.py): `PUT /latest/api/token` with a TTL header (1..21600) issues a
// token; every GET needs a live token (401 otherwise, as IMDS answers a missing or expired one).
// `spot/instance-action` and `events/recommendations/rebalance` are 404 until the test posts a
// notice (optionally after a delay), then their JSON. Every request is recorded.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const ACTION_PATH = '/latest/meta-data/spot/instance-action';
export const REBALANCE_PATH = '/latest/meta-data/events/recommendations/rebalance';
const TOKEN_PATH = '/latest/api/token';

export interface ImdsRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
}

interface Notice {
  readonly body: string;
  /** Date.now() from which it is visible. */
  readonly from: number;
}

export class FakeImds {
  readonly requests: ImdsRequest[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly notices = new Map<string, Notice>();
  /** Answer this many of the next requests (any path) with 500, as a sick IMDS would. */
  failNext = 0;

  private constructor(private readonly server: http.Server) {}

  static async start(host = '127.0.0.1'): Promise<FakeImds> {
    const server = http.createServer();
    const imds = new FakeImds(server);
    server.on('request', (req, res) => {
      imds.handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    return imds;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The endpoint as AWS_EC2_METADATA_SERVICE_ENDPOINT takes it. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The spot interruption notice, visible `afterMs` from now; returns when it appears. */
  interrupt(action: string, time: string, afterMs = 0): number {
    const from = Date.now() + afterMs;
    this.notices.set(ACTION_PATH, { body: JSON.stringify({ action, time }), from });
    return from;
  }

  /** The rebalance recommendation, visible `afterMs` from now; returns when it appears. */
  rebalance(noticeTime: string, afterMs = 0): number {
    const from = Date.now() + afterMs;
    this.notices.set(REBALANCE_PATH, { body: JSON.stringify({ noticeTime }), from });
    return from;
  }

  /** Every token issued so far is refused from now on (as after its TTL). */
  expireTokens(): void {
    this.tokens.clear();
  }

  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path === path).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const method = req.method ?? '';
    const answer = (status: number, body = '', type = 'text/plain'): void => {
      this.requests.push({ method, path, status, at: Date.now() });
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    req.resume();
    if (this.failNext > 0) {
      this.failNext -= 1;
      answer(500, 'Internal Server Error');
      return;
    }
    if (path === TOKEN_PATH) {
      if (method !== 'PUT') return answer(405);
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return answer(400, 'bad TTL header');
      const token = randomBytes(24).toString('base64');
      this.tokens.set(token, Date.now() + ttl * 1000);
      return answer(200, token);
    }
    if (method !== 'GET') return answer(405);
    const token = req.headers['x-aws-ec2-metadata-token'];
    const until = typeof token === 'string' ? this.tokens.get(token) : undefined;
    if (until === undefined || until < Date.now()) return answer(401);
    const notice = this.notices.get(path);
    if (notice === undefined || notice.from > Date.now()) {
      return answer(404, 'Not Found');
    }
    return answer(200, notice.body, 'application/json');
  }
}
