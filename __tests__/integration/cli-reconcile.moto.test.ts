// `spot-deploy reconcile` on the command line against moto and fake instances
// (helpers/fake-instance-moto.ts): a deploy of 2 from pull request 12 (runDeploy, with a Publisher
// whose artifact keeps the bundle), one instance lost; the CLI with no way to the bundle fails
// naming --bundle-file and GITHUB_TOKEN, with the wrong --bundle-file it refuses naming the
// artifact to download, with the right one it heals the fleet; then, whole again, it succeeds
// with no bundle at all. The CLI builds its own EC2 clients from the environment (useMotoEnv).
// Nothing is sent anywhere but 127.0.0.0/8.
import { TerminateInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readReleaseTags } from '../../src/aws/release-tags.js';
import { TAG } from '../../src/aws/types.js';
import { cli } from '../../src/cli.js';
import { parseInputs } from '../../src/inputs/parse.js';
import type { InputName } from '../../src/inputs/types.js';
import { generateEd25519 } from '../../src/keys.js';
import { runDeploy } from '../../src/modes/deploy/run.js';
import type { Publisher } from '../../src/modes/publisher.js';
import { memoryState } from '../../src/modes/state.js';
import { fakeFleetUnsupported } from '../helpers/fake-instance-moto.js';
import { tagsOf } from '../helpers/instances-fixtures.js';
import { deploymentInstances } from '../helpers/moto.js';
import { motoFleetSuite } from '../helpers/moto-fleet-suite.js';
import { recordingSink } from '../helpers/recording-sink.js';
import { repoRoot } from '../helpers/repo.js';

const REGION = 'eu-west-1';
const ID = 'cli-heal';
// The artifact name the deploy records (artifactNameFor: spot-deploy-<id>-<run>-<attempt>).
const ART = 'spot-deploy-cli-heal-501-1';
const ENV = 'GREETING=hi\nAPI_TOKEN=cli-reconcile-secret';
const unsupported = fakeFleetUnsupported('cli-reconcile.moto');
const userKey = generateEd25519('cli-reconcile-user');

describe.skipIf(unsupported !== undefined)('spot-deploy reconcile (the CLI) against moto', () => {
  const fleet = motoFleetSuite({
    region: REGION,
    vpcCidr: '127.8.0.0/16',
    subnetCidr: '127.8.9.0/24',
    env: true,
  });
  const { tmp } = fleet;
  const ec2 = () => fleet.ec2(REGION);

  /** The inputs common to the deploy and the CLI's flags. */
  const common: Partial<Record<InputName, string>> = {
    regions: REGION,
    'deployment-id': ID,
    'ssh-address': 'private-ip',
    'ssh-private-key': userKey.privateKey,
    'launch-timeout': '30s',
    'ready-timeout': '30s',
    env: ENV,
  };
  const flags = (id: string) =>
    Object.entries({
      ...common,
      'deployment-id': id,
      'subnet-ids': fleet.subnet,
      'ssh-port': String(fleet.port),
    }).flatMap(([k, v]) => [`--${k}`, v ?? '']);

  /** Runs the CLI as a user would (argv, an environment without GitHub), capturing its output. */
  async function run(extra: string[], command = 'reconcile', id = ID) {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => {
      out.push(String(m));
    });
    const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => {
      err.push(String(m));
    });
    try {
      const code = await cli([command, ...flags(id), ...extra], { RUNNER_TEMP: tmp('cli-run-') });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  const running = async (id = ID): Promise<Instance[]> =>
    (await deploymentInstances(fleet.moto, REGION, id)).filter((i) => i.State?.Name === 'running');
  const ids = async (id = ID) => (await running(id)).map((i) => i.InstanceId ?? '').sort();

  it('heals a lost instance with --bundle-file, refuses a wrong file, and says how to get the bundle when it has none', async () => {
    const w = fleet.watch({ maxMs: 5 * 60_000, maxInstances: 6 });

    // 1. The deploy from PR 12 (run 501); its artifact's bundle kept as `gh run download` would.
    const store = tmp('cli-artifact-');
    const bundle = join(store, 'bundle.tar.gz');
    const publisher: Publisher = {
      artifact: async (_mode, _plan, files) => {
        copyFileSync(files.bundle.file, bundle);
        return { status: 'uploaded', name: 'kept', id: 1, size: files.bundle.bytes, files: [] };
      },
      comment: async () => {},
    };
    const values: Partial<Record<InputName, string>> = {
      ...common,
      'subnet-ids': fleet.subnet,
      'ssh-port': String(fleet.port),
      mode: 'deploy',
      count: '2',
      'bundle-path': 'examples/bundle',
    };
    const deployed = await runDeploy(
      parseInputs((n) => values[n] ?? '', { workspace: repoRoot, defaultRegion: undefined }),
      { tempDir: tmp('cli-deploy-'), repository: 'octo/app', runId: '501', prNumber: 12 },
      { sink: recordingSink(), state: memoryState(), ec2, root: repoRoot, publisher },
    );
    expect(deployed.instances.map((i) => i.status)).toEqual(['ready', 'ready']);
    const sha = deployed.prepared.bundle.sha256;
    const [lost, keep] = deployed.instances.map((i) => i.id);
    if (!lost || !keep) throw new Error('2 instances expected');
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [lost] }));
    await w.settle();
    const seen = w.seen.length;

    // 2. No --bundle-file, no token: the replacement cannot be had; nothing launched.
    const none = await run([]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(
      new RegExp(
        `replacements need the release's bundle \\(artifact '${ART}' of run 501\\).*--bundle-file \\(gh run download 501 -n ${ART}.*GITHUB_TOKEN`,
      ),
    );
    expect(none.err).not.toContain('cli-reconcile-secret');

    // 3. A wrong file: refused by its sha256, naming the flag and the artifact to download.
    const wrong = join(store, 'other.tar.gz');
    writeFileSync(wrong, 'not the release');
    const refused = await run(['--bundle-file', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`--bundle-file ${wrong} has sha256 `);
    expect(refused.err).toContain(`but the instances' release is ${sha}`);
    expect(refused.err).toContain(
      `pass the bundle of artifact '${ART}' of run 501 (gh run download 501 -n ${ART}`,
    );
    expect(await ids()).toEqual([keep]);
    await new Promise((res) => setTimeout(res, 500)); // a launch would show in the watcher by now
    expect(w.seen.length).toBe(seen);

    // 4. The right file: the lost instance replaced on the same release; the kept one untouched.
    const summary = join(tmp('cli-summary-'), 'summary.md');
    const healed = await run(['--bundle-file', bundle, '--summary', summary]);
    expect(healed.err).not.toContain('cli-reconcile-secret');
    expect(healed.code, healed.err).toBe(0);
    expect(healed.out).toMatch(/^ready-count=2$/m);
    expect(healed.out).toMatch(new RegExp(`^bundle-sha256=${sha}$`, 'm'));
    expect(readFileSync(summary, 'utf8')).toContain('replaced 1 of 2, 2 of 2 ready');
    const now = await running();
    expect(now.map((i) => i.InstanceId)).toContain(keep);
    expect(now).toHaveLength(2);
    const fresh = now.find((i) => i.InstanceId !== keep);
    expect(w.byId(fresh?.InstanceId ?? '')?.instance?.status()).toMatchObject({
      sha256: sha,
      state: 'ready',
    });
    // The replacement is the deployment's: its release, its repository and its pull request,
    // though the command line knew neither (the next reconcile and its PR comment find them).
    const tags = tagsOf(fresh?.Tags);
    expect(readReleaseTags(tags as Record<string, string>)).toMatchObject({
      sha256: sha,
      runId: '501',
      artifactName: ART,
      count: 2,
    });
    expect(tags[TAG.repository]).toBe('octo/app');
    expect(tags[TAG.pr]).toBe('12');

    // 5. Whole again: a reconcile with no bundle at all succeeds and touches nothing.
    const before = w.seen.length;
    const again = await run([]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/^ready-count=2$/m);
    expect(await ids()).toEqual(now.map((i) => i.InstanceId ?? '').sort());
    await new Promise((res) => setTimeout(res, 500));
    expect(w.seen.length).toBe(before);
    expect(w.errors).toEqual([]);
  }, 240_000);

  it('heals a fleet the command line deployed (no artifact, no run) from the bundle-file its deploy printed', async () => {
    const w = fleet.watch({ maxMs: 5 * 60_000, maxInstances: 6 });
    const id = 'cli-made';
    const deployed = await run(['--count', '2', '--bundle-path', 'examples/bundle'], 'deploy', id);
    expect(deployed.code, deployed.err).toBe(0);
    const bundle = /^bundle-file=(.*)$/m.exec(deployed.out)?.[1] ?? '';
    const sha = /^bundle-sha256=(.*)$/m.exec(deployed.out)?.[1] ?? '';
    expect(readFileSync(bundle).length).toBeGreaterThan(0);
    const [lost, keep] = await ids(id);
    if (!lost || !keep) throw new Error('2 instances expected');
    // Its tags name the release but no run or artifact: nothing to download from.
    expect(readReleaseTags(tagsOf((await running(id))[0]?.Tags) as Record<string, string>)).toEqual(
      { sha256: sha, count: 2 },
    );
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [lost] }));
    await w.settle();

    const none = await run([], 'reconcile', id);
    expect(none.code).toBe(1);
    expect(none.err).toContain(
      `it was deployed without an artifact or by an older spot-deploy. Redeploy it (mode: deploy), or on the command line pass the bundle of release ${sha} with --bundle-file.`,
    );
    const wrong = join(tmp('cli-wrong-'), 'bundle.tar.gz');
    writeFileSync(wrong, 'not the release');
    const refused = await run(['--bundle-file', wrong], 'reconcile', id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      "pass the bundle.tar.gz their deploy built (spot-deploy deploy's bundle-file output)",
    );
    expect(await ids(id)).toEqual([keep]);

    const healed = await run(['--bundle-file', bundle], 'reconcile', id);
    expect(healed.code, healed.err).toBe(0);
    expect(healed.err).toContain(`bundle ${sha} from --bundle-file ${bundle}`);
    expect(healed.out).toMatch(/^ready-count=2$/m);
    const now = await running(id);
    expect(now.map((i) => i.InstanceId)).toContain(keep);
    expect(now).toHaveLength(2);
    const fresh = now.find((i) => i.InstanceId !== keep);
    expect(w.byId(fresh?.InstanceId ?? '')?.instance?.status()).toMatchObject({
      sha256: sha,
      state: 'ready',
    });
    expect(readReleaseTags(tagsOf(fresh?.Tags) as Record<string, string>)).toEqual({
      sha256: sha,
      count: 2,
    });
    expect(w.errors).toEqual([]);
  }, 240_000);
});
