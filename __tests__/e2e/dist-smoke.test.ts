import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateCloudConfig } from '../helpers/cloud-init-schema.js';

const run = promisify(execFile);

/** Reads a GITHUB_OUTPUT file (name<<DELIM ... DELIM blocks). */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m?.[1] || !m[2]) continue;
    const value: string[] = [];
    while (lines[++i] !== m[2] && i < lines.length) value.push(lines[i] ?? '');
    out[m[1]] = value.join('\n');
  }
  return out;
}

/** Runs the built action the way the runner does: node dist/index.js with INPUT_* variables. */
async function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...files,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: resolve('.'),
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const result = await run('node', ['dist/index.js'], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return {
    ...result,
    outputs: readOutputs(files.GITHUB_OUTPUT),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    dir,
  };
}

const example = parse(readFileSync('examples/plan.yml', 'utf8')) as Record<string, string | number>;
const exampleInputs = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, String(v)]));

describe('the built action (dist/index.js)', () => {
  it('plans the example: outputs, a schema-valid user-data of at most 2,048 bytes, and a summary', async () => {
    const r = await runAction(exampleInputs);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('::error');
    const out = r.outputs;
    expect(out['deployment-id']).toBe('example');
    expect(out['bundle-sha256']).toMatch(/^[0-9a-f]{64}$/);
    const userData = readFileSync(out['user-data-path'] ?? '');
    expect(userData.length).toBe(Number(out['cloud-init-bytes']));
    expect(userData.length).toBeLessThanOrEqual(2048);
    expect(statSync(out['user-data-path'] ?? '').mode & 0o077).toBe(0);
    const schema = await validateCloudConfig(userData.toString('utf8'));
    expect(schema.ok, schema.output).toBe(true);
    expect(statSync(out['bundle-file'] ?? '').size).toBeGreaterThan(0);
    expect(r.summary).toContain('| eu-west-1 | 2 |');
    expect(r.summary).toContain(out['bundle-sha256']);
    // The host private key is in user-data (by design) but never in the log or the summary.
    const pem =
      /-----BEGIN OPENSSH PRIVATE KEY-----\n([^-]+)/
        .exec(userData.toString('utf8'))?.[1]
        ?.split('\n')[1] ?? 'missing';
    expect(pem.length).toBeGreaterThan(20);
    expect(r.stdout + r.summary).not.toContain(pem);
  });

  it('gives the same bundle-sha256 on two runs over the same tree', async () => {
    const [a, b] = [await runAction(exampleInputs), await runAction(exampleInputs)];
    expect(a.outputs['bundle-sha256']).toBe(b.outputs['bundle-sha256']);
    expect(readFileSync(a.outputs['bundle-file'] ?? '')).toEqual(
      readFileSync(b.outputs['bundle-file'] ?? ''),
    );
  });

  it('fails clearly on bad input before any cloud call, in every mode', async () => {
    const bad = await runAction({ ...exampleInputs, count: '0', regions: 'mars-1' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::2 inputs need fixing:');
    expect(bad.stdout).toContain("Input 'count'");
    // An EC2 endpoint that counts connections: a bad deploy or destroy must never reach it.
    let connections = 0;
    const ec2 = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => ec2.listen(0, '127.0.0.1', r));
    const port = (ec2.address() as AddressInfo).port;
    const aws = {
      AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    };
    try {
      const deploy = await runAction(
        { ...exampleInputs, mode: 'deploy', 'ssh-cidr': '10.0.0.0/33' },
        aws,
      );
      expect(deploy.code).toBe(1);
      expect(deploy.stdout).toContain("Input 'ssh-cidr'");
      const bundle = await runAction(
        // Explicit blocks: the default (ssh-cidr: runner) would ask checkip.amazonaws.com first.
        {
          ...exampleInputs,
          mode: 'deploy',
          'ssh-cidr': '10.0.0.0/8',
          'bundle-path': 'no/such/dir',
        },
        aws,
      );
      expect(bundle.code).toBe(1);
      expect(bundle.stdout).toContain('bundle-path does not exist');
      const destroy = await runAction(
        { mode: 'destroy', regions: 'eu-west-1', 'deployment-id': 'Bad_Id' },
        aws,
      );
      expect(destroy.code).toBe(1);
      expect(destroy.stdout).toContain("Input 'deployment-id'");
    } finally {
      ec2.close();
    }
    expect(connections).toBe(0);
  });

  it('runs the post step from saved state: nothing launched, nothing to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'post-'));
    const r = await run('node', ['dist/index.js'], {
      env: { PATH: process.env.PATH, STATE_isPost: 'true', GITHUB_STATE: join(dir, 's') },
    });
    expect(r.stdout).toContain('nothing was launched by this step');
  });

  it('serves the command line from the same bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const r = await run(
      'node',
      ['dist/cli.js', 'plan', '--config', 'examples/plan.yml', '--summary', join(dir, 's.md')],
      {
        env: { PATH: process.env.PATH, RUNNER_TEMP: dir },
      },
    );
    expect(r.stdout).toMatch(/^bundle-sha256=[0-9a-f]{64}$/m);
    expect(readFileSync(join(dir, 's.md'), 'utf8')).toContain('## spot-deploy plan: `example`');
    const usage = await run('node', ['dist/cli.js', 'frobnicate']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in usage && usage.code).toBe(2);
    const noRegion = await run(
      'node',
      ['dist/cli.js', 'deploy', '--bundle-path', 'examples/bundle'],
      {
        env: { PATH: process.env.PATH, RUNNER_TEMP: dir },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect('code' in noRegion && noRegion.code).toBe(1);
    expect(noRegion.stderr).toContain("Input 'regions'");
    const missing = await run('node', [
      'dist/cli.js',
      'plan',
      '--config',
      join(dir, 'none.yml'),
    ]).catch((e: { code: number; stderr: string }) => e);
    expect('code' in missing && missing.code).toBe(2);
    expect(missing.stderr).toContain('could not read --config');
  });
});
