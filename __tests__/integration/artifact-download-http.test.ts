// mode reconcile's BundleSource (github/artifact-download.ts) with the real @actions/artifact
// client against a local stand-in for GitHub's REST API and blob storage (an HTTP server on
// loopback, reached through GITHUB_API_URL): another run's artifact is listed by name, its zip
// URL redirects to the blob, and the bundle comes out of the zip. An artifact the run no longer
// has (never uploaded, deleted: an empty list or 404; retention ended: 410) is ArtifactGoneError;
// a token without `actions: read` (403) is another error that says which permission is missing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactBundleSource } from '../../src/github/artifact-download.js';
import { ArtifactGoneError } from '../../src/errors.js';
import {
  startFakeGitHubArtifacts,
  storedZip,
  type ArtifactBehaviour,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';

const TOKEN = 'ghs_reconcileToken123';
const NAME = 'spot-deploy-web-501-1';
const BUNDLE = Buffer.from('not really a tarball, but the bytes the deploy uploaded\n'.repeat(50));

describe('artifactBundleSource against a fake GitHub API on loopback', () => {
  let api: FakeGitHubArtifacts;
  let Client: typeof import('@actions/artifact').DefaultArtifactClient;
  let dir = '';
  const saved = { api: process.env.GITHUB_API_URL, server: process.env.GITHUB_SERVER_URL };
  beforeAll(async () => {
    // GitHub's REST API as @actions/artifact's findBy path calls it, and the blob behind the 302,
    // holding run 501's artifact.
    api = await startFakeGitHubArtifacts({ repository: 'octo/app' });
    api.seed({
      id: 77,
      runId: '501',
      name: NAME,
      zip: storedZip([
        ['bundle.tar.gz', BUNDLE],
        ['manifest.json', Buffer.from('{}\n')],
      ]),
    });
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

  async function fetchWith(b: ArtifactBehaviour) {
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
    const r = await fetchWith({});
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
    const r = await fetchWith({ gone: true });
    expect(r.error).toBeInstanceOf(ArtifactGoneError);
    expect(String(r.error)).toContain(`artifact '${NAME}' of run 501 no longer exists`);
    expect(String(r.error)).toContain('redeploy (mode: deploy)');
  });

  it('retention ended (listed as expired, its zip 410) or deleted (404): ArtifactGoneError', async () => {
    for (const zipStatus of [410, 404]) {
      const r = await fetchWith({ expired: true, zipStatus });
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
