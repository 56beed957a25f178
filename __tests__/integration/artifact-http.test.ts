// The real @actions/artifact client uploading the deploy artifact to a local stand-in for GitHub's
// results service and blob storage (an HTTP server on loopback). The artifact's contents and the
// warnings are unit-tested with a fake client in unit/github/artifact.test.ts.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { DefaultArtifactClient } from '@actions/artifact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadDeployArtifact } from '../../src/github/artifact.js';
import { HOST, keyLines, workDir } from '../helpers/artifact-fixtures.js';

/**
 * GitHub's side of an upload, as @actions/artifact 6 speaks to it: twirp JSON calls on
 * ACTIONS_RESULTS_URL, and the zip PUT to the signed blob URL CreateArtifact hands out (Azure
 * block-blob protocol: staged blocks, then a block list).
 */
async function fakeResultsService(opts: { conflict?: boolean } = {}) {
  const calls: Array<{ method: string; body: Record<string, unknown> }> = [];
  const blocks = new Map<string, Buffer>();
  const uploaded: { zip?: Buffer } = {};
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
        if (twirp[1] === 'CreateArtifact' && opts.conflict)
          return json(409, {
            code: 'already_exists',
            msg: 'an artifact with this name already exists on the workflow run',
          });
        if (twirp[1] === 'CreateArtifact')
          return json(200, {
            ok: true,
            signed_upload_url: `${base}/store/c/${String(payload.name)}.zip?sig=s3cr3t`,
          });
        if (twirp[1] === 'FinalizeArtifact') return json(200, { ok: true, artifact_id: '4242' });
        return json(404, { msg: 'no such method' });
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/store/')) {
        const comp = url.searchParams.get('comp');
        if (comp === 'block') blocks.set(url.searchParams.get('blockid') ?? '', body);
        else if (comp === 'blocklist') {
          const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted)>([^<]+)</g)];
          uploaded.zip = Buffer.concat(ids.map((m) => blocks.get(m[1] ?? '') ?? Buffer.alloc(0)));
        } else uploaded.zip = body;
        res.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString() });
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, calls, uploaded, close: () => new Promise((r) => server.close(r)) };
}

/** The entries of a zip (central directory walk; stored or deflated, as zip-stream writes them). */
function unzip(zip: Buffer): Map<string, Buffer> {
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

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const RUNTIME_TOKEN = `${b64url({ alg: 'none' })}.${b64url({ scp: 'Actions.Results:run-1:job-1' })}.x`;

describe('uploadDeployArtifact with the real @actions/artifact client', () => {
  let service: Awaited<ReturnType<typeof fakeResultsService>> | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await service?.close();
  });

  async function upload(name: string, opts: { conflict?: boolean } = {}) {
    service = await fakeResultsService(opts);
    // The library reads these from process.env itself.
    vi.stubEnv('ACTIONS_RUNTIME_TOKEN', RUNTIME_TOKEN);
    vi.stubEnv('ACTIONS_RESULTS_URL', `${service.base}/`);
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com');
    vi.stubEnv('ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS', '10000');
    const w = workDir();
    const out = await uploadDeployArtifact(new DefaultArtifactClient(), {
      ...w,
      name,
      retentionDays: 3,
      env: { ...process.env, GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '5' },
    });
    return { out, w, service };
  }

  it('uploads a zip holding exactly the three files, and finalizes it', async () => {
    const { out, w, service: s } = await upload('spot-deploy-pr-42-5-1');
    expect(out).toMatchObject({ status: 'uploaded', id: 4242, name: 'spot-deploy-pr-42-5-1' });
    expect(s.calls.map((c) => c.method)).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    expect(s.calls[0]?.body).toMatchObject({
      name: 'spot-deploy-pr-42-5-1',
      workflow_run_backend_id: 'run-1',
      workflow_job_run_backend_id: 'job-1',
      expires_at: expect.any(String) as unknown,
    });
    const expires = Date.parse(String(s.calls[0]?.body.expires_at));
    expect(Math.abs(expires - Date.now() - 3 * 86_400_000)).toBeLessThan(7_200_000);
    const entries = unzip(s.uploaded.zip ?? Buffer.alloc(0));
    expect([...entries.keys()].sort()).toEqual([
      'bundle.tar.gz',
      'manifest.json',
      'user-data.redacted.yaml',
    ]);
    expect(entries.get('bundle.tar.gz')).toEqual(readFileSync(w.bundle.file));
    const ud = entries.get('user-data.redacted.yaml')?.toString() ?? '';
    expect(ud).toContain('REDACTED OPENSSH PRIVATE KEY');
    expect(ud).not.toContain(keyLines(HOST.privateKey)[1]);
    expect(s.uploaded.zip?.includes(Buffer.from(keyLines(HOST.privateKey)[1] ?? 'x'))).toBe(false);
  }, 30_000);

  it('reports the service 409 for a name already used in the run', async () => {
    const { out, service: s } = await upload('taken', { conflict: true });
    expect(s.calls.map((c) => c.method)).toEqual(['CreateArtifact']);
    expect(out.status === 'failed' && out.message).toMatch(
      /\(409\) Conflict.*already exists.*`artifact-name`/s,
    );
  }, 30_000);
});
