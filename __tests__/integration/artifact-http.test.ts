// The real @actions/artifact client uploading the deploy artifact to a local stand-in for GitHub's
// results service and blob storage (an HTTP server on loopback). The artifact's contents and the
// warnings are unit-tested with a fake client in unit/github/artifact.test.ts.
import { readFileSync } from 'node:fs';
import { DefaultArtifactClient } from '@actions/artifact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadDeployArtifact } from '../../src/github/artifact.js';
import { HOST, keyLines, workDir } from '../helpers/artifact-fixtures.js';
import {
  startFakeGitHubArtifacts,
  unzip,
  type FakeGitHubArtifacts,
} from '../helpers/fake-github-artifacts.js';

describe('uploadDeployArtifact with the real @actions/artifact client', () => {
  let service: FakeGitHubArtifacts | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await service?.close();
  });

  async function upload(name: string, opts: { conflict?: boolean } = {}) {
    // GitHub's side of an upload: twirp calls on ACTIONS_RESULTS_URL, the zip to the signed URL.
    service = await startFakeGitHubArtifacts();
    service.set(opts);
    // The library reads these from process.env itself (run-1: the runtime token's backend run id).
    const env = service.env('1');
    for (const k of ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL'])
      vi.stubEnv(k, env[k] ?? '');
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
    const zip = s.artifacts.find((a) => a.name === 'spot-deploy-pr-42-5-1')?.zip;
    const entries = unzip(zip ?? Buffer.alloc(0));
    expect([...entries.keys()].sort()).toEqual([
      'bundle.tar.gz',
      'manifest.json',
      'user-data.redacted.yaml',
    ]);
    expect(entries.get('bundle.tar.gz')).toEqual(readFileSync(w.bundle.file));
    const ud = entries.get('user-data.redacted.yaml')?.toString() ?? '';
    expect(ud).toContain('REDACTED OPENSSH PRIVATE KEY');
    expect(ud).not.toContain(keyLines(HOST.privateKey)[1]);
    expect(zip?.includes(Buffer.from(keyLines(HOST.privateKey)[1] ?? 'x'))).toBe(false);
  }, 30_000);

  it('reports the service 409 for a name already used in the run', async () => {
    const { out, service: s } = await upload('taken', { conflict: true });
    expect(s.calls.map((c) => c.method)).toEqual(['CreateArtifact']);
    expect(out.status === 'failed' && out.message).toMatch(
      /\(409\) Conflict.*already exists.*`artifact-name`/s,
    );
  }, 30_000);
});
