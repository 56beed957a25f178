// mode reconcile's BundleSource (github/artifact-download.ts) with the real @actions/artifact
// client against a local stand-in for GitHub's REST API and blob storage (an HTTP server on
// loopback, reached through GITHUB_API_URL): another run's artifact is listed by name, its zip
// URL redirects to the blob, and the bundle comes out of the zip. An artifact the run no longer
// has (never uploaded, deleted: an empty list or 404; retention ended: 410) is ArtifactGoneError;
// a token without `actions: read` (403) is another error that says which permission is missing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactBundleSource } from '../../src/github/artifact-download.js';
import { ArtifactGoneError } from '../../src/errors.js';

const TOKEN = 'ghs_reconcileToken123';
const NAME = 'spot-deploy-web-501-1';
const BUNDLE = Buffer.from('not really a tarball, but the bytes the deploy uploaded\n'.repeat(50));

/** A zip of stored (uncompressed) entries, as the artifact service serves one. */
function storedZip(files: ReadonlyArray<readonly [string, Buffer]>): Buffer {
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

interface Behaviour {
  /** The artifacts the run lists under the name (empty: not found). */
  readonly listed?: ReadonlyArray<{ id: number; expired?: boolean }>;
  /** The status of the zip endpoint instead of its 302 (410 for an expired artifact). */
  readonly zipStatus?: number;
  /** The status of the listing instead of 200. */
  readonly listStatus?: number;
}

/** GitHub's REST API as @actions/artifact's findBy path calls it, and the blob behind the 302. */
async function fakeGitHub() {
  const behaviour: { b: Behaviour } = { b: {} };
  const requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    const { b } = behaviour;
    const url = new URL(req.url ?? '/', base);
    requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      headers: req.headers,
    });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const list = /^\/repos\/octo\/app\/actions\/runs\/(\d+)\/artifacts$/.exec(url.pathname);
    if (list) {
      if (b.listStatus !== undefined)
        return json(b.listStatus, { message: 'Resource not accessible by integration' });
      const artifacts = (b.listed ?? []).map((a) => ({
        id: a.id,
        name: url.searchParams.get('name'),
        size_in_bytes: 1234,
        expired: a.expired ?? false,
        created_at: '2026-12-01T00:00:00Z',
      }));
      return json(200, { total_count: artifacts.length, artifacts });
    }
    const zip = /^\/repos\/octo\/app\/actions\/artifacts\/(\d+)\/zip$/.exec(url.pathname);
    if (zip) {
      if (b.zipStatus !== undefined)
        return json(b.zipStatus, {
          message: b.zipStatus === 410 ? 'Artifact has expired' : 'Not Found',
        });
      res.writeHead(302, { location: `${base}/blob/${zip[1]}.zip?sig=s3cr3t` });
      return res.end();
    }
    if (url.pathname.startsWith('/blob/')) {
      const body = storedZip([
        ['bundle.tar.gz', BUNDLE],
        ['manifest.json', Buffer.from('{}\n')],
      ]);
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length });
      return res.end(body);
    }
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    set: (b: Behaviour) => {
      behaviour.b = b;
      requests.length = 0;
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('artifactBundleSource against a fake GitHub API on loopback', () => {
  let api: Awaited<ReturnType<typeof fakeGitHub>>;
  let Client: typeof import('@actions/artifact').DefaultArtifactClient;
  let dir = '';
  const saved = { api: process.env.GITHUB_API_URL, server: process.env.GITHUB_SERVER_URL };
  beforeAll(async () => {
    api = await fakeGitHub();
    // @actions/github reads GITHUB_API_URL once, when it is first imported (as in the action,
    // where the runner sets it before node starts): set it first, then load the client.
    process.env.GITHUB_API_URL = api.base;
    process.env.GITHUB_SERVER_URL = 'https://github.com';
    Client = (await import('@actions/artifact')).DefaultArtifactClient;
  });
  afterAll(async () => {
    await api?.close();
    for (const [k, v] of [
      ['GITHUB_API_URL', saved.api],
      ['GITHUB_SERVER_URL', saved.server],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'artifact-download-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function fetchWith(b: Behaviour) {
    api.set(b);
    const source = artifactBundleSource(new Client(), { token: TOKEN, repository: 'octo/app' });
    const r = await source.fetch({ runId: '501', artifactName: NAME }, dir).then(
      (file) => ({ file, error: undefined }),
      (error: unknown) => ({ file: undefined, error }),
    );
    // Nothing went anywhere but the stand-in.
    expect(api.requests.length).toBeGreaterThan(0);
    return r;
  }

  it("downloads the named artifact of the deploy's run and returns its bundle", async () => {
    const r = await fetchWith({ listed: [{ id: 77 }] });
    expect(r.error).toBeUndefined();
    expect(r.file).toBe(join(dir, 'bundle.tar.gz'));
    expect(readFileSync(r.file ?? '')).toEqual(BUNDLE);
    const paths = api.requests.map((q) => `${q.method} ${q.path}`);
    expect(paths).toEqual([
      `GET /repos/octo/app/actions/runs/501/artifacts?name=${NAME}`,
      'GET /repos/octo/app/actions/artifacts/77/zip',
      'GET /blob/77.zip?sig=s3cr3t',
    ]);
    // The token goes to the API, never to the blob storage the API redirected to.
    expect(api.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(api.requests[2]?.headers.authorization).toBeUndefined();
  });

  it('no artifact of that name in the run: ArtifactGoneError that says to redeploy', async () => {
    const r = await fetchWith({ listed: [] });
    expect(r.error).toBeInstanceOf(ArtifactGoneError);
    expect(String(r.error)).toContain(`artifact '${NAME}' of run 501 no longer exists`);
    expect(String(r.error)).toContain('redeploy (mode: deploy)');
  });

  it('retention ended (listed as expired, its zip 410) or deleted (404): ArtifactGoneError', async () => {
    for (const zipStatus of [410, 404]) {
      const r = await fetchWith({ listed: [{ id: 78, expired: true }], zipStatus });
      expect(r.error, String(zipStatus)).toBeInstanceOf(ArtifactGoneError);
      expect(String(r.error)).toContain('artifact-retention-days');
    }
  });

  it('a token without actions: read (403): not "gone", and it names the permission', async () => {
    const r = await fetchWith({ listStatus: 403 });
    expect(r.error).toBeInstanceOf(Error);
    expect(r.error).not.toBeInstanceOf(ArtifactGoneError);
    expect(String(r.error)).toContain(`Could not download the artifact '${NAME}' of run 501`);
    expect(String(r.error)).toContain('actions: read');
    expect(String(r.error)).not.toContain(TOKEN);
  });
});
