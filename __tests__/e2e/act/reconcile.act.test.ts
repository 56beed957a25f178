/**
 * The scheduled reconcile example (examples/workflows/reconcile.yml) run by a real workflow
 * runner: nektos/act in host mode, event `schedule`, offline. What a user's copy would reach on
 * GitHub is mapped to this machine (act --local-repository):
 * - `org/spot-deploy@v1` (the reusable workflow `org/spot-deploy/.github/workflows/spot-deploy.yml@v1`
 *   and, inside it, the action) → this repository's tracked files, built dist/ included;
 * - `aws-actions/configure-aws-credentials@v4` → stubs/aws-credentials (dummy credentials and the
 *   region, as the real action exports them after OIDC);
 * - `actions/checkout@v4`, `actions/download-artifact@v4` → stubs/must-not-run (reconcile skips
 *   them: running one fails the job).
 * The action reaches moto (started here) through AWS_ENDPOINT_URL_EC2, given to the job by act.
 * 1. Empty moto: the run succeeds and the summary says there is no live deployment.
 * 2. One live deployment of the repository, deployed in process, whose instance is a healthy fake
 *    instance (helpers/fake-instance-moto.ts): left untouched, "replaced 0 of 1". The one change
 *    to the example there is where SSH reaches the instance (ssh-address private-ip and the fake
 *    instance's port): moto's public IPs lead nowhere.
 * In CI (CI set) a missing act, moto or fake-instance piece fails the file; elsewhere the runner
 * part is skipped with the reason (`bash scripts/act/install.sh` installs act).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseInputs } from '../../../src/inputs/parse.js';
import type { InputName } from '../../../src/inputs/types.js';
import { generateEd25519 } from '../../../src/keys.js';
import { runDeploy } from '../../../src/modes/deploy/run.js';
import type { Publisher } from '../../../src/modes/publisher.js';
import { memoryState } from '../../../src/modes/state.js';
import {
  fakeFleetUnsupported,
  watchMoto,
  type MotoWatcher,
} from '../../helpers/fake-instance-moto.js';
import { tagsOf } from '../../helpers/instances-fixtures.js';
import {
  deploymentInstances,
  IMAGE_CATALOGUE,
  loopbackSubnet,
  startMoto,
  type Moto,
} from '../../helpers/moto.js';
import { recordingSink } from '../../helpers/recording-sink.js';
import { freePort } from '../../helpers/sshd.js';
import {
  actTools,
  logText,
  removeScratch,
  repoRoot,
  runAct,
  scratchDir,
  stepSummaries,
  trackedCopy,
  type ActRun,
  type ActTools,
} from './run-act.js';

const EXAMPLE = 'examples/workflows/reconcile.yml';
const STUBS = join(repoRoot, '__tests__/e2e/act/stubs');
const ACT_TIMEOUT_MS = 240_000;
/** The repository act's run belongs to (GITHUB_REPOSITORY): the one whose deployments it heals. */
const REPOSITORY = 'octo/reconcile-act';
const ROLE = 'arn:aws:iam::123456789012:role/spot-deploy-act';
const ENV = 'GREETING=hi';

const inCI = Boolean(process.env.CI);
const found = actTools(false);
const missing =
  ('error' in found && !inCI ? 'act is not installed (run `bash scripts/act/install.sh`)' : '') ||
  (fakeFleetUnsupported('reconcile act e2e') ?? '');
const skipReason = missing ? ` (skipped: ${missing})` : '';
if (skipReason) console.warn(`__tests__/e2e/act/reconcile.act.test.ts:${skipReason}`);

interface Workflow {
  jobs: Record<string, { uses?: string; with?: Record<string, unknown>; steps?: Step[] }>;
}
interface Step {
  uses?: string;
}

/** Every remote `uses:` of the example and of the reusable workflow, mapped to a local directory. */
function localRepositories(tree: string): Record<string, string> {
  const example = parse(readFileSync(join(repoRoot, EXAMPLE), 'utf8')) as Workflow;
  const reusable = parse(
    readFileSync(join(repoRoot, '.github/workflows/spot-deploy.yml'), 'utf8'),
  ) as Workflow;
  const called = Object.values(example.jobs).map((j) => j.uses ?? '');
  const steps = Object.values(reusable.jobs)
    .flatMap((j) => j.steps ?? [])
    .map((s) => s.uses ?? '')
    .filter((u) => /^[^./][^/]*\/[^@]+@/.test(u));
  const map: Record<string, string> = {};
  for (const u of called) {
    // owner/repo/.github/workflows/file.yml@ref → owner/repo@ref: act fetches the repository.
    const m = /^([^/]+\/[^/]+)\/\.github\/workflows\/[^@]+@(.+)$/.exec(u);
    if (!m) throw new Error(`${EXAMPLE} calls ${u}, not a remote reusable workflow`);
    map[`${m[1]}@${m[2]}`] = tree;
  }
  for (const u of steps)
    map[u] = /^[^/]+\/spot-deploy@/.test(u)
      ? tree
      : u.startsWith('aws-actions/configure-aws-credentials@')
        ? join(STUBS, 'aws-credentials')
        : join(STUBS, 'must-not-run');
  return map;
}

function expectSuccess(run: ActRun): void {
  const why = run.timedOut ? `timed out after ${run.ms} ms` : `exit ${run.code ?? run.signal}`;
  expect(run.code, `act ${why}\n$ ${run.commandLine}\n${logText(run)}`).toBe(0);
}

describe.skipIf(Boolean(skipReason))(
  `${EXAMPLE} under nektos/act against moto${skipReason}`,
  () => {
    let tools: ActTools;
    let moto: Moto;
    let tree = '';
    const userKey = generateEd25519('reconcile-act');

    beforeAll(async () => {
      const t = 'error' in found ? actTools(true) : found;
      if ('error' in t)
        throw new Error(`act is required in CI and could not be installed: ${t.error}`);
      tools = t;
      moto = await startMoto({ amis: IMAGE_CATALOGUE });
      tree = trackedCopy(scratchDir('act-reconcile-tree-'));
    }, 1_300_000);

    afterAll(async () => {
      await moto?.stop();
      removeScratch();
    });

    /** act on `workflow` (relative to the repository, or absolute), event schedule, against moto. */
    const actOn = (workflow: string) =>
      runAct({
        tools,
        workflow,
        event: 'schedule',
        localRepositories: localRepositories(tree),
        env: {
          AWS_ENDPOINT_URL_EC2: moto.endpoint,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_EC2_METADATA_DISABLED: 'true',
          GITHUB_REPOSITORY: REPOSITORY,
        },
        secrets: { SPOT_DEPLOY_SSH_KEY: userKey.privateKey, APP_ENV: ENV },
        vars: { SPOT_DEPLOY_ROLE_ARN: ROLE },
        timeoutMs: ACT_TIMEOUT_MS,
      });

    const summaryOf = (run: ActRun) => stepSummaries(run, 'spot-deploy').join('\n');

    it(
      'empty moto: the example runs in mode reconcile over every deployment and finds none',
      async () => {
        const run = await actOn(EXAMPLE);
        console.log(`act ${EXAMPLE} (empty moto): ${run.ms} ms\n$ ${run.commandLine}`);
        expectSuccess(run);
        expect(run.events.at(-1)?.jobResult).toBe('success');
        const log = logText(run);
        // The OIDC path of the example (the role from vars), credentials from the stub.
        expect(log).toContain(`credentials stub: role=${ROLE} keys=no region=eu-west-1`);
        expect(log).toMatch(
          new RegExp(
            `spot-deploy reconcile: 0 live deployment\\(s\\) of ${REPOSITORY} in eu-west-1, eu-central-1`,
          ),
        );
        const summary = summaryOf(run);
        expect(summary).toContain('## spot-deploy reconcile');
        expect(summary).toContain('No live deployment found.');
        // Neither the checkout nor the artifact download ran (their stub fails the job).
        expect(log).not.toContain('must-not-run stub');
        expect(log).not.toMatch(/-----BEGIN OPENSSH PRIVATE KEY-----\s*\n?\s*[A-Za-z0-9+/]{20}/);
      },
      ACT_TIMEOUT_MS + 30_000,
    );

    it(
      'one live deployment whose instance is healthy: left untouched, replaced 0 of 1',
      async () => {
        const region = 'eu-west-1';
        const port = await freePort();
        const subnet = await loopbackSubnet(moto, region, '127.6.0.0/16', '127.6.9.0/24');
        let watcher: MotoWatcher | undefined;
        const clients = new Map<string, EC2Client>();
        const ec2 = (r: string) => {
          let c = clients.get(r);
          if (!c) clients.set(r, (c = moto.client(r)));
          return c;
        };
        try {
          watcher = watchMoto(moto, region, { port, maxMs: 5 * 60_000, maxInstances: 2 });
          // The deploy (run 4242 of the same repository), with the example's key and env, and an
          // artifact recorded in the release tags (reconcile would need it only to replace).
          const values: Partial<Record<InputName, string>> = {
            mode: 'deploy',
            'deployment-id': 'act-healthy',
            regions: region,
            'subnet-ids': subnet,
            'ssh-address': 'private-ip',
            'ssh-port': String(port),
            'ssh-private-key': userKey.privateKey,
            'bundle-path': 'examples/bundle',
            env: ENV,
            'launch-timeout': '30s',
            'ready-timeout': '60s',
          };
          const inputs = parseInputs((n) => values[n] ?? '', {
            workspace: repoRoot,
            defaultRegion: undefined,
          });
          const publisher: Publisher = {
            artifact: async (_mode, _plan, files) => ({
              status: 'uploaded',
              name: 'spot-deploy-act-healthy-4242',
              id: 1,
              size: files.bundle.bytes,
              files: ['bundle.tar.gz'],
            }),
            comment: async () => {},
          };
          const deployed = await runDeploy(
            inputs,
            {
              tempDir: scratchDir('act-reconcile-deploy-'),
              repository: REPOSITORY,
              runId: '4242',
              runAttempt: '1',
            },
            { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, publisher },
          );
          expect(deployed.instances.map((i) => i.status)).toEqual(['ready']);
          const id = deployed.instances[0]?.id ?? '';
          const fake = watcher.byId(id)?.instance;
          if (!fake) throw new Error(`no fake instance for ${id}: ${watcher.errors.join('; ')}`);
          const before = {
            systemctl: fake.systemctlCalls(),
            incoming: readdirSync(fake.path('/var/lib/spot-deploy/incoming')),
            status: fake.status(),
          };
          const tagsBefore = tagsOf(
            (await deploymentInstances(moto, region, 'act-healthy'))[0]?.Tags,
          );

          // The example as a user copies it, but for where SSH finds the fake instance.
          const wf = parse(readFileSync(join(repoRoot, EXAMPLE), 'utf8')) as Workflow;
          const job = Object.values(wf.jobs)[0];
          if (!job?.with) throw new Error(`${EXAMPLE}: no job calling the reusable workflow`);
          Object.assign(job.with, { 'ssh-address': 'private-ip', 'ssh-port': String(port) });
          const copy = join(scratchDir('act-reconcile-wf-'), 'reconcile.yml');
          writeFileSync(copy, stringify(wf));

          const run = await actOn(copy);
          console.log(`act reconcile.yml (one healthy deployment): ${run.ms} ms`);
          expectSuccess(run);
          const log = logText(run);
          expect(log).toContain(`1 live deployment(s) of ${REPOSITORY}`);
          expect(log).toMatch(/act-healthy: replaced 0 of 1, 1 of 1 ready/);
          const summary = summaryOf(run);
          expect(summary).toContain('### act-healthy: replaced 0 of 1, 1 of 1 ready');
          expect(summary).toMatch(new RegExp(`\\| \`${id}\` \\| ready .*\\| no \\|`));
          // Untouched: no upload, no systemctl call, the same status and tags; nothing launched.
          expect({
            systemctl: fake.systemctlCalls(),
            incoming: readdirSync(fake.path('/var/lib/spot-deploy/incoming')),
            status: fake.status(),
          }).toEqual(before);
          const after = await deploymentInstances(moto, region, 'act-healthy');
          expect(after.map((i) => [i.InstanceId, i.State?.Name])).toEqual([[id, 'running']]);
          expect(tagsOf(after[0]?.Tags)).toEqual(tagsBefore);
          expect(watcher.seen).toHaveLength(1);
          expect(watcher.errors).toEqual([]);
          expect(log).not.toContain(userKey.privateKey.split('\n')[1] ?? 'no key line');
        } finally {
          await watcher?.stop();
          for (const c of clients.values()) c.destroy();
        }
      },
      ACT_TIMEOUT_MS + 120_000,
    );
  },
);
