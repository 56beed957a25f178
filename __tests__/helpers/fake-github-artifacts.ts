/**
 * Both halves of GitHub's artifact service on loopback, as @actions/artifact 6 speaks to them:
 * - the upload side (ACTIONS_RESULTS_URL + ACTIONS_RUNTIME_TOKEN): twirp JSON calls
 *   (CreateArtifact → a signed blob URL, FinalizeArtifact → the artifact id) and the zip PUT to
 *   that URL (Azure block-blob protocol: staged blocks, then a block list);
 * - the download side (GITHUB_API_URL, `findBy` another run): the REST listing
 *   `GET /repos/{o}/{r}/actions/runs/{run}/artifacts?name=…`, `…/artifacts/{id}/zip` answering 302
 *   to the blob, and the blob itself.
 * What a run uploads is kept by run id and name and is what the REST side serves, so a later run
 * downloads exactly the bytes an earlier one uploaded. `set()` makes the service refuse (409 on
 * create, a status on the listing or the zip), show every artifact expired (its zip 410) or forget
 * them all (an empty listing). Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, inflateRawSync } from 'node:zlib';

/** One artifact of a run, as the service keeps it. */
export interface StoredArtifact {
  readonly id: number;
  readonly runId: string;
  readonly name: string;
  readonly zip: Buffer;
}

export interface ArtifactBehaviour {
  /** CreateArtifact answers 409 (a name already used in the run). */
  readonly conflict?: boolean;
  /** The listing answers this status instead of 200 (403: a token without `actions: read`). */
  readonly listStatus?: number;
  /**
   * Retention ended: every artifact is still listed, marked expired, and its zip answers 410 (as
   * GitHub does for a while after expiry).
   */
  readonly expired?: boolean;
  /** The zip endpoint answers this status instead of its 302 (or of the 410 when `expired`). */
  readonly zipStatus?: number;
  /** Every artifact is forgotten: the listing is empty (deleted, or expired long ago). */
  readonly gone?: boolean;
}

export interface FakeGitHubArtifacts {
  /** `http://127.0.0.1:PORT`: the API, the results service and the blob store. */
  readonly base: string;
  /** Twirp calls of the upload side, in order. */
  readonly calls: Array<{ method: string; body: Record<string, unknown> }>;
  /** Every other request (REST and blob), in order. */
  readonly requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  /** The artifacts kept, in upload (or seed) order. */
  readonly artifacts: readonly StoredArtifact[];
  /** The environment a runner gives a step of run `runId` for both halves. */
  env(runId: string): Record<string, string>;
  /** Adds an artifact as if a run had uploaded it. */
  seed(a: StoredArtifact): void;
  /** Sets how the service answers from now on, and forgets the request logs. */
  set(b: ArtifactBehaviour): void;
  close(): Promise<void>;
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * The runtime token of a job of run `runId`: an unsigned JWT whose scope names the backend ids
 * @actions/artifact sends with CreateArtifact (here `run-<runId>`, so uploads are kept by run).
 */
export const runtimeToken = (runId: string) =>
  `${b64url({ alg: 'none' })}.${b64url({ scp: `Actions.Results:run-${runId}:job-1` })}.x`;

/** Starts the service; `repository` is the only one its REST side knows. */
export async function startFakeGitHubArtifacts(
  o: { repository?: string; firstId?: number } = {},
): Promise<FakeGitHubArtifacts> {
  const repository = o.repository ?? 'octo/app';
  let nextId = o.firstId ?? 4242;
  let behaviour: ArtifactBehaviour = {};
  const calls: FakeGitHubArtifacts['calls'] = [];
  const requests: FakeGitHubArtifacts['requests'] = [];
  const artifacts: StoredArtifact[] = [];
  /** Upload key (`runId/name`) → its staged blocks and, once committed, its zip. */
  const uploads = new Map<string, { blocks: Map<string, Buffer>; zip?: Buffer }>();
  const visible = () => (behaviour.gone ? [] : artifacts);

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', base);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(
        url.pathname,
      );
      if (twirp?.[1]) {
        const payload = JSON.parse(body.toString()) as Record<string, unknown>;
        calls.push({ method: twirp[1], body: payload });
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        const runId = text(payload.workflow_run_backend_id).replace(/^run-/, '');
        const name = text(payload.name);
        const key = `${runId}/${name}`;
        if (twirp[1] === 'CreateArtifact' && behaviour.conflict)
          return json(409, {
            code: 'already_exists',
            msg: 'an artifact with this name already exists on the workflow run',
          });
        if (twirp[1] === 'CreateArtifact') {
          uploads.set(key, { blocks: new Map() });
          return json(200, {
            ok: true,
            signed_upload_url: `${base}/store/${encodeURIComponent(runId)}/${encodeURIComponent(name)}.zip?sig=s3cr3t`,
          });
        }
        if (twirp[1] === 'FinalizeArtifact') {
          const zip = uploads.get(key)?.zip;
          if (!zip) return json(404, { msg: `nothing uploaded for ${key}` });
          const id = nextId++;
          artifacts.push({ id, runId, name, zip });
          return json(200, { ok: true, artifact_id: String(id) });
        }
        return json(404, { msg: 'no such method' });
      }
      requests.push({
        method: req.method ?? '',
        path: url.pathname + url.search,
        headers: req.headers,
      });
      const store = /^\/store\/([^/]+)\/(.+)\.zip$/.exec(url.pathname);
      if (req.method === 'PUT' && store?.[1] && store[2]) {
        const up = uploads.get(`${decodeURIComponent(store[1])}/${decodeURIComponent(store[2])}`);
        if (!up) return json(404, { msg: 'no such upload' });
        const comp = url.searchParams.get('comp');
        if (comp === 'block') up.blocks.set(url.searchParams.get('blockid') ?? '', body);
        else if (comp === 'blocklist') {
          const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted)>([^<]+)</g)];
          up.zip = Buffer.concat(ids.map((m) => up.blocks.get(m[1] ?? '') ?? Buffer.alloc(0)));
        } else up.zip = body;
        res.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString() });
        return res.end();
      }
      const list = /^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/artifacts$/.exec(url.pathname);
      if (list?.[1] === repository) {
        if (behaviour.listStatus !== undefined)
          return json(behaviour.listStatus, { message: 'Resource not accessible by integration' });
        const name = url.searchParams.get('name');
        const found = visible()
          .filter((a) => a.runId === list[2] && (name === null || a.name === name))
          .map((a) => ({
            id: a.id,
            name: a.name,
            size_in_bytes: a.zip.length,
            expired: behaviour.expired ?? false,
            created_at: '2026-12-01T00:00:00Z',
          }));
        return json(200, { total_count: found.length, artifacts: found });
      }
      const zip = /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)\/zip$/.exec(url.pathname);
      if (zip?.[1] === repository) {
        const status = behaviour.zipStatus ?? (behaviour.expired ? 410 : undefined);
        if (status !== undefined)
          return json(status, { message: status === 410 ? 'Artifact has expired' : 'Not Found' });
        if (!visible().some((a) => String(a.id) === zip[2]))
          return json(404, { message: 'Not Found' });
        res.writeHead(302, { location: `${base}/blob/${zip[2]}.zip?sig=s3cr3t` });
        return res.end();
      }
      const blob = /^\/blob\/(\d+)\.zip$/.exec(url.pathname);
      const found = blob && visible().find((a) => String(a.id) === blob[1]);
      if (found) {
        res.writeHead(200, {
          'content-type': 'application/zip',
          'content-length': found.zip.length,
        });
        return res.end(found.zip);
      }
      json(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    calls,
    requests,
    artifacts,
    env: (runId) => ({
      ACTIONS_RUNTIME_TOKEN: runtimeToken(runId),
      ACTIONS_RESULTS_URL: `${base}/`,
      GITHUB_API_URL: base,
      GITHUB_SERVER_URL: 'https://github.com',
    }),
    seed: (a) => void artifacts.push(a),
    set: (b) => {
      behaviour = b;
      calls.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The entries of a zip (central directory walk; stored or deflated, as zip-stream writes them). */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const [method, size, nameLen] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 20),
      zip.readUInt16LE(at + 28),
    ];
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(
      zip.toString('utf8', at + 46, at + 46 + nameLen),
      method === 8 ? inflateRawSync(data) : data,
    );
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** A zip of stored (uncompressed) entries, as the artifact service serves one. */
export function storedZip(files: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    local.push(head, n, data);
    central.push(dir, n);
    offset += head.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}
