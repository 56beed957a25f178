// The workflow artifact: private keys never leave the runner, the rest of the user-data is kept
// byte for byte, and upload problems become warnings. integration/artifact-http.test.ts drives the
// real @actions/artifact client against a local stand-in for GitHub's results service.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  artifactNameFor,
  redactUserData,
  renderRedactedUserData,
  uploadDeployArtifact,
  type ArtifactClientLike,
} from '../../../src/github/artifact.js';
import { renderUserData } from '../../../src/cloud-init/render.js';
import { parseInputs } from '../../../src/inputs/parse.js';
import { reportArtifact } from '../../../src/report/artifact.js';
import { generateEd25519 } from '../../../src/keys.js';
import { buildPlan } from '../../../src/inputs/plan.js';
import { assets, CLIENT, HOST, keyLines, spec, workDir } from '../../helpers/artifact-fixtures.js';
import { recordingSink } from '../../helpers/recording-sink.js';

const ACTIONS_ENV = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' };

describe('redactUserData', () => {
  it('removes the host private key from real user-data and keeps everything else', () => {
    const ud = renderUserData(spec(), assets);
    const out = redactUserData(ud.text);
    for (const line of keyLines(HOST.privateKey)) expect(out).not.toContain(line);
    expect(out).not.toMatch(/-----(BEGIN|END)/);
    // The host public key is not in user-data (cloud-init derives it); the client key is.
    expect(out).not.toContain(HOST.publicKey.split(' ')[1]);
    expect(out).toContain(CLIENT.publicKey);
    // Byte for byte outside the block, and the same YAML apart from that one value.
    const begin = ud.text.indexOf('-----BEGIN');
    const end = ud.text.indexOf('PRIVATE KEY-----', ud.text.indexOf('-----END')) + 16;
    const placeholder = 'REDACTED OPENSSH PRIVATE KEY (removed by spot-deploy)';
    expect(out).toBe(ud.text.slice(0, begin) + placeholder + ud.text.slice(end));
    type Doc = { ssh_keys: Record<string, string> };
    const [before, after] = [parse(ud.text) as Doc, parse(out) as Doc];
    expect(after.ssh_keys.ed25519_private).toBe(`${placeholder}\n`);
    expect(before.ssh_keys.ed25519_private).toBe(HOST.privateKey);
    after.ssh_keys.ed25519_private = HOST.privateKey;
    expect(after).toEqual(before);
  });

  it('removes every kind of key block, in block or quoted YAML, at any indentation', () => {
    const rsa = `-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n`;
    const text = [
      '#cloud-config',
      'write_files:',
      '- path: /etc/app/key.pem',
      `  content: ${JSON.stringify(rsa)}`,
      '- path: /etc/app/other.pem',
      '  content: |',
      ...rsa
        .trimEnd()
        .split('\n')
        .map((l) => `        ${l}`),
      '  owner: root',
      'x: "-----BEGIN ENCRYPTED PRIVATE KEY-----\\nAAAA\\n-----END ENCRYPTED PRIVATE KEY-----"',
      'y: -----BEGIN PRIVATE KEY----- QUFBQQ== -----END PRIVATE KEY-----',
      '',
    ].join('\n');
    const out = redactUserData(text);
    expect(out).not.toMatch(/MIIBOgIBAAJB|AAAA|QUFBQQ|-----BEGIN/);
    const doc = parse(out) as { write_files: Array<{ content: string; owner?: string }> };
    expect(doc.write_files[0]?.content).toBe('REDACTED RSA PRIVATE KEY (removed by spot-deploy)\n');
    expect(doc.write_files[1]).toMatchObject({
      content: 'REDACTED RSA PRIVATE KEY (removed by spot-deploy)\n',
      owner: 'root',
    });
    expect(parse(out)).toMatchObject({
      x: 'REDACTED ENCRYPTED PRIVATE KEY (removed by spot-deploy)',
      y: 'REDACTED PRIVATE KEY (removed by spot-deploy)',
    });
  });

  it('drops everything after a key block that never ends', () => {
    const out = redactUserData(
      'a: 1\nk: |\n  -----BEGIN OPENSSH PRIVATE KEY-----\n  b3Blbn\nz: 2\n',
    );
    expect(out).toMatch(/^a: 1\nk: \|\n {2}REDACTED everything from here on/);
    expect(out).not.toContain('b3Blbn');
  });

  it('redacts the text of gzipped user-data and says what EC2 received', () => {
    const files = Array.from({ length: 8 }, (_, i) => ({
      path: `/etc/app/file-${i}.conf`,
      content: `setting_${i} = value # a long, repetitive configuration line\n`.repeat(80),
    }));
    const ud = renderUserData(spec({ extraCloudConfig: { write_files: files } }), assets);
    expect(ud.gzipped).toBe(true);
    const out = renderRedactedUserData(ud);
    const [first, note, ...rest] = out.split('\n');
    expect(first).toBe('#cloud-config');
    expect(note).toBe(
      `# spot-deploy: 1 private key block(s) replaced by a placeholder; otherwise unchanged. EC2 received this document gzip-compressed (${ud.bytes} bytes).`,
    );
    expect([first, ...rest].join('\n')).toBe(redactUserData(ud.text));
    for (const line of keyLines(HOST.privateKey)) expect(out).not.toContain(line);
  });
});

describe('artifactNameFor', () => {
  const ctx = { runId: '123', runAttempt: '2' };
  it('defaults to a name unique per run, attempt and mode; honours none and a given name', () => {
    expect(artifactNameFor(undefined, 'pr-7', 'deploy', ctx)).toBe('spot-deploy-pr-7-123-2');
    expect(artifactNameFor(undefined, 'pr-7', 'plan', ctx)).toBe('spot-deploy-pr-7-plan-123-2');
    expect(artifactNameFor(undefined, 'pr-7', 'deploy', {})).toBe('spot-deploy-pr-7-local-1');
    expect(artifactNameFor(false, 'pr-7', 'deploy', ctx)).toBe(false);
    expect(artifactNameFor('mine', 'pr-7', 'deploy', ctx)).toBe('mine');
  });
});

function fakeClient(result: () => Promise<{ id?: number; size?: number }>) {
  const calls: Array<Parameters<ArtifactClientLike['uploadArtifact']>> = [];
  const client: ArtifactClientLike = {
    uploadArtifact: (...args) => {
      calls.push(args);
      return result();
    },
  };
  return { client, calls };
}

describe('uploadDeployArtifact', () => {
  it('uploads the bundle, redacted user-data and manifest from the work dir, with retention', async () => {
    const w = workDir();
    const key = generateEd25519('me').privateKey;
    const inputs = parseInputs(
      (n) =>
        ({
          regions: 'eu-west-1',
          'bundle-path': 'deploy',
          'ssh-private-key': key,
          env: 'DB_PASSWORD=hunter2hunter2',
          'github-token': 'ghs_tokentokentoken',
          'cloud-config': 'chpasswd: {expire: false}',
        })[n as string] ?? '',
      { workspace: w.workDir, defaultRegion: undefined },
    );
    const plan = buildPlan(inputs, { tempDir: w.workDir }, new Date('2026-01-01T00:00:00Z'));
    const { client, calls } = fakeClient(async () => ({ id: 77, size: 4096 }));
    const env = { ...ACTIONS_ENV, GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' };
    const out = await uploadDeployArtifact(client, {
      ...w,
      name: 'a1',
      retentionDays: 7,
      plan,
      env,
    });
    expect(out).toEqual({
      status: 'uploaded',
      name: 'a1',
      id: 77,
      size: 4096,
      url: 'https://github.com/o/r/actions/runs/9/artifacts/77',
      files: ['bundle.tar.gz', 'user-data.redacted.yaml', 'manifest.json'],
    });
    const files = ['bundle.tar.gz', 'user-data.redacted.yaml', 'manifest.json'];
    expect(calls).toEqual([
      ['a1', files.map((f) => join(w.workDir, f)), w.workDir, { retentionDays: 7 }],
    ]);
    const redacted = readFileSync(join(w.workDir, 'user-data.redacted.yaml'), 'utf8');
    expect(redacted).not.toContain(keyLines(HOST.privateKey)[1]);
    const manifestText = readFileSync(join(w.workDir, 'manifest.json'), 'utf8');
    for (const secret of [
      ...keyLines(key),
      ...keyLines(HOST.privateKey),
      'hunter2',
      'ghs_',
      'chpasswd',
    ])
      expect(manifestText).not.toContain(secret);
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    expect(manifest.files).toEqual([
      { path: 'bundle.tar.gz', bytes: 3000, sha256: w.bundle.sha256 },
      {
        path: 'user-data.redacted.yaml',
        bytes: Buffer.byteLength(redacted),
        sha256: createHash('sha256').update(redacted).digest('hex'),
      },
    ]);
    expect(manifest).toMatchObject({
      deploymentId: 'pr-42',
      plan: { count: 1, regions: [{ region: 'eu-west-1', count: 1 }] },
    });

    const sink = recordingSink();
    reportArtifact(sink, out);
    const { outputs, lines } = sink;
    expect(Object.fromEntries(outputs)).toEqual({ 'artifact-id': '77' });
    expect(lines[0]).toMatch(/^info: artifact 'a1': id 77, 4\.0 KiB .*artifacts\/77$/);
  });

  it('leaves retention to the repository when unset', async () => {
    const { client, calls } = fakeClient(async () => ({ id: 1, size: 1 }));
    await uploadDeployArtifact(client, { ...workDir(), name: 'a', env: ACTIONS_ENV });
    expect(calls[0]?.[3]).toEqual({});
  });

  it('turns a name conflict into a warning that asks for a unique artifact-name', async () => {
    const conflict = new Error(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
    );
    const { client } = fakeClient(() => Promise.reject(conflict));
    const out = await uploadDeployArtifact(client, { ...workDir(), name: 'dup', env: ACTIONS_ENV });
    expect(out.status).toBe('failed');
    const sink = recordingSink();
    reportArtifact(sink, out);
    const { lines, outputs } = sink;
    expect(Object.fromEntries(outputs)).toEqual({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: Could not upload the artifact 'dup': .*\(409\) Conflict/);
    expect(lines[0]).toContain('give each spot-deploy step of the run its own `artifact-name`');
    expect(lines[0]).toContain('The deploy goes on without it.');
  });

  it('never throws: other failures and a missing id are warnings too', async () => {
    const down = fakeClient(() => Promise.reject(new Error('Unable to make request: ECONNRESET')));
    const a = await uploadDeployArtifact(down.client, {
      ...workDir(),
      name: 'x',
      env: ACTIONS_ENV,
    });
    expect(a).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('ECONNRESET') as unknown,
    });
    expect(a.status === 'failed' && a.message).not.toContain('artifact-name');
    const noId = fakeClient(async () => ({}));
    const b = await uploadDeployArtifact(noId.client, {
      ...workDir(),
      name: 'x',
      env: ACTIONS_ENV,
    });
    expect(b).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('no artifact id') as unknown,
    });
  });

  it('skips outside GitHub Actions and with artifact-name: none, writing nothing', async () => {
    for (const [name, env] of [
      ['x', {}],
      ['x', { ACTIONS_RUNTIME_TOKEN: 't' }],
      [false, ACTIONS_ENV],
    ] as const) {
      const w = workDir();
      const { client, calls } = fakeClient(async () => ({ id: 1 }));
      const out = await uploadDeployArtifact(client, { ...w, name, env });
      expect(out.status).toBe('skipped');
      expect(calls).toEqual([]);
      expect(existsSync(join(w.workDir, 'user-data.redacted.yaml'))).toBe(false);
      const sink = recordingSink();
      reportArtifact(sink, out);
      expect(sink.lines[0]).toMatch(/^info: artifact: /);
    }
  });
});
